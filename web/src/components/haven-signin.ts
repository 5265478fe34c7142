import { LitElement, html, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { api, messageOf } from '../api';
import { sessionContext } from '../context/session';
import { navigate } from '../router';
import { shared } from '../styles';
import type { User } from '../types';

/** Only paths inside Haven may be a place to return to after signing in. */
export function safeNext(next: string | null | undefined): string {
  return next && /^\/(?!\/)[^\\\s]*$/.test(next) && !next.startsWith('/api/') ? next : '/';
}

/** Sign in with pseudonym and password. */
export class HavenSignin extends LitElement {
  static override properties = { next: {}, sending: { state: true }, error: { state: true } };
  static override styles = [shared];

  declare next: string | null;
  declare sending: boolean;
  declare error: string;

  constructor() {
    super();
    this.next = null;
    this.sending = false;
    this.error = '';
  }
  #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.sending = true;
    this.error = '';
    try {
      const result = await api.post<{ user: User; csrfToken: string }>('/api/auth/login', {
        pseudonym: String(data.get('pseudonym') ?? '').trim(),
        password: String(data.get('password') ?? ''),
      });
      this.#session.value?.signedIn(result.user, result.csrfToken);
      navigate(safeNext(this.next), { replace: true });
    } catch (error) {
      this.error = messageOf(error);
      await this.updateComplete;
      (this.renderRoot.querySelector('[role="alert"]') as HTMLElement | null)?.focus();
    } finally {
      this.sending = false;
    }
  }

  override render() {
    const user = this.#session.value?.user;
    return html`<h1 tabindex="-1">Sign in</h1>
      ${user ? html`<p class="calm">You are signed in as ${user.pseudonym}. <a href="/">Go to the boards</a>.</p>` : nothing}
      <form class="card" @submit=${this.#onSubmit}>
        <label for="pseudonym">Pseudonym</label>
        <input id="pseudonym" name="pseudonym" type="text" autocomplete="username" autocapitalize="off" spellcheck="false" required />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        ${this.error ? html`<p class="notice" role="alert" tabindex="-1">${this.error}</p>` : nothing}
        <div class="actions">
          <button type="submit" ?disabled=${this.sending}>${this.sending ? 'Signing in…' : 'Sign in'}</button>
          <a href="/recover">Forgot your password?</a>
        </div>
      </form>
      <p>New here? <a href="/signup">Join with just a pseudonym</a>.</p>`;
  }
}

customElements.define('haven-signin', HavenSignin);

declare global {
  interface HTMLElementTagNameMap {
    'haven-signin': HavenSignin;
  }
}
