import { LitElement, html, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { api, messageOf } from '../api';
import { sessionContext } from '../context/session';
import { navigate } from '../router';
import { shared } from '../styles';
import type { User } from '../types';
import './haven-recovery-code';

/** Join: a pseudonym and a password, nothing else; then the recovery code, shown once. */
export class HavenSignup extends LitElement {
  static override properties = { sending: { state: true }, error: { state: true }, code: { state: true }, user: { state: true } };
  static override styles = [shared];

  declare sending: boolean;
  declare error: string;
  declare code: string;
  declare user: User | null;

  constructor() {
    super();
    this.sending = false;
    this.error = '';
    this.code = '';
    this.user = null;
  }
  #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const pseudonym = String(data.get('pseudonym') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!/^[A-Za-z0-9_-]{3,32}$/.test(pseudonym)) {
      this.error = 'A pseudonym is 3 to 32 letters, numbers, _ or -, with no spaces.';
    } else if (password.length < 10) {
      this.error = 'Please choose a password of at least 10 characters. A few words strung together work well.';
    } else {
      this.error = '';
      this.sending = true;
      try {
        const result = await api.post<{ user: User; csrfToken: string; recoveryCode: string }>('/api/auth/register', { pseudonym, password });
        // Show the code before the session change re-renders the header, so it is the first thing read.
        this.code = result.recoveryCode;
        this.user = result.user;
        this.#session.value?.signedIn(result.user, result.csrfToken);
        await this.updateComplete;
        this.renderRoot.querySelector('h1')?.focus();
        return;
      } catch (error) {
        this.error = messageOf(error);
      } finally {
        this.sending = false;
      }
    }
    await this.updateComplete;
    (this.renderRoot.querySelector('[role="alert"]') as HTMLElement | null)?.focus();
  }

  override render() {
    if (this.code && this.user) {
      return html`<h1 tabindex="-1">Welcome, ${this.user.pseudonym}</h1>
        <p class="lede">You are signed in. One important thing before you go on:</p>
        <haven-recovery-code .code=${this.code} .pseudonym=${this.user.pseudonym} @haven-recovery-saved=${() => navigate('/')}></haven-recovery-code>`;
    }
    return html`<h1 tabindex="-1">Join Haven</h1>
      <p class="lede">
        All you need is a pseudonym and a password. No e-mail, no phone number, no real name, ever. Pick a name that
        people who know you would not recognise.
      </p>
      <form class="card" @submit=${this.#onSubmit} novalidate>
        <label for="pseudonym">Pseudonym</label>
        <span class="hint" id="pseudonym-hint">3 to 32 letters, numbers, _ or -. Others will see it.</span>
        <input id="pseudonym" name="pseudonym" type="text" autocomplete="username" autocapitalize="off" spellcheck="false" required minlength="3" maxlength="32" aria-describedby="pseudonym-hint" />
        <label for="password">Password</label>
        <span class="hint" id="password-hint">At least 10 characters.</span>
        <input id="password" name="password" type="password" autocomplete="new-password" required minlength="10" maxlength="200" aria-describedby="password-hint" />
        ${this.error ? html`<p class="notice" role="alert" tabindex="-1">${this.error}</p>` : nothing}
        <div class="actions">
          <button type="submit" ?disabled=${this.sending}>${this.sending ? 'Joining…' : 'Join'}</button>
          <a href="/signin">I already have an account</a>
        </div>
      </form>`;
  }
}

customElements.define('haven-signup', HavenSignup);

declare global {
  interface HTMLElementTagNameMap {
    'haven-signup': HavenSignup;
  }
}
