import { LitElement, css, html, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { api, messageOf, seg } from '../api';
import { sessionContext } from '../context/session';
import { taskView } from '../format';
import { shared } from '../styles';
import type { Board } from '../types';

/** Admins: create and edit boards, and give members a role. */
export class HavenAdmin extends LitElement {
  static override properties = { message: { state: true }, error: { state: true }, busy: { state: true } };
  static override styles = [
    shared,
    css`
      .board summary {
        cursor: pointer;
        font-weight: 550;
      }
      .board {
        padding: 0.75rem 0;
        border-bottom: 1px solid var(--haven-border);
      }
    `,
  ];

  declare message: string;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.message = '';
    this.error = '';
    this.busy = false;
  }
  #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  #boards = new Task(this, {
    task: async ([admin], { signal }) => (admin ? (await api.get<{ items: Board[] }>('/api/boards', signal)).items : []),
    args: () => [this.#session.value?.user?.role === 'admin'],
  });

  async #run(work: () => Promise<unknown>, done: string, form?: HTMLFormElement): Promise<void> {
    this.busy = true;
    this.error = '';
    this.message = '';
    try {
      await work();
      this.message = done;
      form?.reset();
      void this.#boards.run();
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.busy = false;
    }
  }

  #boardBody(data: FormData) {
    return {
      name: String(data.get('name') ?? '').trim(),
      description: String(data.get('description') ?? '').trim(),
      premoderated: data.get('premoderated') === 'on',
    };
  }

  #create(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const body = { slug: String(data.get('slug') ?? '').trim(), ...this.#boardBody(data) };
    void this.#run(() => api.post('/api/boards', body), `Board “${body.name}” created.`, form);
  }

  #edit(slug: string, event: SubmitEvent): void {
    event.preventDefault();
    const body = this.#boardBody(new FormData(event.target as HTMLFormElement));
    void this.#run(() => api.patch(`/api/boards/${seg(slug)}`, body), `Board “${body.name}” saved.`);
  }

  #role(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const pseudonym = String(data.get('pseudonym') ?? '').trim();
    const role = String(data.get('role') ?? 'member');
    void this.#run(() => api.post(`/api/admin/users/${seg(pseudonym)}/role`, { role }), `${pseudonym} is now a ${role}.`, form);
  }

  #boardFields(prefix: string, board?: Board) {
    return html`<label for="${prefix}-name">Name</label>
      <input id="${prefix}-name" name="name" type="text" maxlength="80" required .value=${board?.name ?? ''} />
      <label for="${prefix}-description">Description</label>
      <textarea id="${prefix}-description" name="description" maxlength="500" .value=${board?.description ?? ''}></textarea>
      <label class="check">
        <input type="checkbox" name="premoderated" .checked=${board?.premoderated ?? false} />
        <span>Premoderated <span class="hint">New posts wait for a moderator before others see them.</span></span>
      </label>`;
  }

  override render() {
    const session = this.#session.value;
    if (session?.ready && session.user?.role !== 'admin') {
      return html`<h1 tabindex="-1">Admin</h1><p class="calm">This page is for Haven's admins.</p>`;
    }
    return html`<h1 tabindex="-1">Admin</h1>
      ${this.message ? html`<p class="calm" role="status">${this.message}</p>` : nothing}
      ${this.error ? html`<p class="notice" role="alert">${this.error}</p>` : nothing}
      <section class="card" aria-labelledby="boards-heading">
        <h2 id="boards-heading">Boards</h2>
        ${taskView(
          this.#boards,
          (boards) => html`<ul class="list">
            ${boards.map(
              (b) => html`<li class="board">
                <details>
                  <summary>${b.name} <span class="muted">(/b/${b.slug})</span></summary>
                  <form @submit=${(e: SubmitEvent) => this.#edit(b.slug, e)}>
                    ${this.#boardFields(`edit-${b.slug}`, b)}
                    <div class="actions"><button type="submit" ?disabled=${this.busy}>Save ${b.name}</button></div>
                  </form>
                </details>
              </li>`,
            )}
          </ul>`,
          'the boards',
        )}
      </section>
      <section class="card" aria-labelledby="new-board-heading">
        <h2 id="new-board-heading">New board</h2>
        <form @submit=${this.#create}>
          <label for="new-slug">Address</label>
          <span class="hint" id="new-slug-hint">Lower-case letters, digits and dashes, as in /b/sleep-troubles.</span>
          <input id="new-slug" name="slug" type="text" pattern="[a-z0-9][a-z0-9\\-]{1,39}" required aria-describedby="new-slug-hint" />
          ${this.#boardFields('new')}
          <div class="actions"><button type="submit" ?disabled=${this.busy}>Create board</button></div>
        </form>
      </section>
      <section class="card" aria-labelledby="role-heading">
        <h2 id="role-heading">Roles</h2>
        <form @submit=${this.#role}>
          <label for="role-pseudonym">Pseudonym</label>
          <input id="role-pseudonym" name="pseudonym" type="text" required autocapitalize="off" spellcheck="false" />
          <label for="role-role">Role</label>
          <select id="role-role" name="role">
            <option value="member">Member</option>
            <option value="moderator">Moderator</option>
            <option value="admin">Admin</option>
          </select>
          <div class="actions"><button type="submit" ?disabled=${this.busy}>Set role</button></div>
        </form>
      </section>`;
  }
}

customElements.define('haven-admin', HavenAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'haven-admin': HavenAdmin;
  }
}
