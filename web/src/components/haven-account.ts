import { LitElement, css, html, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { api, messageOf } from '../api';
import { sessionContext } from '../context/session';
import { navigate } from '../router';
import { shared } from '../styles';

/** The account: download everything, sign out (here or everywhere), delete the account. */
export class HavenAccount extends LitElement {
  static override properties = {
    busy: { state: true },
    message: { state: true },
    error: { state: true },
    deleteError: { state: true },
  };
  static override styles = [
    shared,
    css`
      section h2 {
        margin-bottom: 0.5rem;
      }
      details summary {
        cursor: pointer;
        color: var(--haven-accent);
      }
    `,
  ];

  declare busy: string;
  declare message: string;
  declare error: string;
  declare deleteError: string;

  constructor() {
    super();
    this.busy = '';
    this.message = '';
    this.error = '';
    this.deleteError = '';
  }
  #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });

  async #export(): Promise<void> {
    this.busy = 'export';
    this.error = '';
    try {
      const data = await api.get<unknown>('/api/me/export');
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'haven-export.json';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      this.message = 'Your data is downloading as haven-export.json.';
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.busy = '';
    }
  }

  async #logout(everywhere: boolean): Promise<void> {
    this.busy = everywhere ? 'everywhere' : 'logout';
    this.error = '';
    try {
      await api.post(everywhere ? '/api/auth/logout-everywhere' : '/api/auth/logout');
      this.#session.value?.signedOut();
      navigate('/', { replace: true });
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.busy = '';
    }
  }

  async #delete(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const password = String(new FormData(event.target as HTMLFormElement).get('password') ?? '');
    if (!password) {
      this.deleteError = 'Please enter your password to confirm.';
      return;
    }
    this.busy = 'delete';
    this.deleteError = '';
    try {
      await api.delete('/api/me', { password });
      this.#session.value?.signedOut();
      navigate('/', { replace: true });
    } catch (error) {
      this.deleteError = messageOf(error);
    } finally {
      this.busy = '';
    }
  }

  override render() {
    const session = this.#session.value;
    if (!session?.ready) return html`<h1 tabindex="-1">Your account</h1>`;
    const user = session.user;
    if (!user) {
      return html`<h1 tabindex="-1">Your account</h1>
        <p class="calm"><a href="/signin?next=%2Faccount">Sign in</a> to see your account.</p>`;
    }
    return html`<h1 tabindex="-1">Your account</h1>
      <p class="lede">Signed in as <strong>${user.pseudonym}</strong>${user.role !== 'member' ? html` (${user.role})` : nothing}.</p>
      ${this.message ? html`<p class="calm" role="status">${this.message}</p>` : nothing}
      ${this.error ? html`<p class="notice" role="alert">${this.error}</p>` : nothing}
      <section class="card" aria-labelledby="data-heading">
        <h2 id="data-heading">Your data</h2>
        <p>Download everything Haven holds about your account, as a JSON file.</p>
        <button type="button" class="quiet" ?disabled=${this.busy === 'export'} @click=${this.#export}>Download my data</button>
      </section>
      <section class="card" aria-labelledby="signout-heading">
        <h2 id="signout-heading">Signing out</h2>
        <p>On a shared or lost device, "sign out everywhere" ends every session of this account at once.</p>
        <div class="actions">
          <button type="button" class="quiet" ?disabled=${this.busy !== ''} @click=${() => this.#logout(false)}>Sign out</button>
          <button type="button" class="quiet" ?disabled=${this.busy !== ''} @click=${() => this.#logout(true)}>Sign out everywhere</button>
        </div>
      </section>
      <section class="card" aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete your account</h2>
        <p>
          This cannot be undone. Your account is removed and your posts show as deleted. You might like to download your
          data first.
        </p>
        <details>
          <summary>I want to delete my account</summary>
          <form @submit=${this.#delete}>
            <label for="delete-password">Your password, to confirm</label>
            <input id="delete-password" name="password" type="password" autocomplete="current-password" required />
            ${this.deleteError ? html`<p class="notice" role="alert">${this.deleteError}</p>` : nothing}
            <div class="actions">
              <button type="submit" ?disabled=${this.busy === 'delete'}>Delete my account for good</button>
            </div>
          </form>
        </details>
      </section>`;
  }
}

customElements.define('haven-account', HavenAccount);

declare global {
  interface HTMLElementTagNameMap {
    'haven-account': HavenAccount;
  }
}
