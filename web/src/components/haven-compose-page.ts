import { LitElement, html, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { api } from '../api';
import { sessionContext } from '../context/session';
import { handOffCrisis } from '../crisis-handoff';
import { navigate } from '../router';
import { shared } from '../styles';
import type { Board } from '../types';
import type { PostedDetail } from './haven-composer';
import './haven-composer';

/** /b/:slug/new: start a thread. */
export class HavenComposePage extends LitElement {
  static override properties = { slug: {} };
  static override styles = [shared];

  declare slug: string;

  constructor() {
    super();
    this.slug = '';
  }
  #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  #board = new Task(this, {
    task: async ([slug], { signal }) =>
      (await api.get<{ items: Board[] }>('/api/boards', signal)).items.find((b) => b.slug === slug) ?? null,
    args: () => [this.slug],
  });

  #onPosted(event: CustomEvent<PostedDetail>): void {
    const { thread, crisis } = event.detail;
    if (!thread) return;
    if (crisis) handOffCrisis(thread.id, crisis);
    navigate(`/t/${encodeURIComponent(thread.id)}`);
  }

  override render() {
    const board = this.#board.value;
    const session = this.#session.value;
    return html`
      <p><a href="/b/${encodeURIComponent(this.slug)}">Back to ${board?.name ?? 'the board'}</a></p>
      <h1 tabindex="-1">Start a thread${board ? html` in ${board.name}` : nothing}</h1>
      <p class="lede">Take your time. Share as much or as little as you like; people here read with care.</p>
      ${board?.premoderated
        ? html`<p class="calm">On this board a moderator reads new posts before they appear. You will see yours straight away.</p>`
        : nothing}
      ${!session?.ready
        ? nothing
        : session.user
          ? html`<haven-composer mode="thread" .slug=${this.slug} @haven-posted=${this.#onPosted}></haven-composer>`
          : html`<p class="calm">
              Please <a href="/signin?next=${encodeURIComponent(`/b/${this.slug}/new`)}">sign in</a> or
              <a href="/signup">join</a> first. Haven only asks for a pseudonym and a password.
            </p>`}
    `;
  }
}

customElements.define('haven-compose-page', HavenComposePage);

declare global {
  interface HTMLElementTagNameMap {
    'haven-compose-page': HavenComposePage;
  }
}
