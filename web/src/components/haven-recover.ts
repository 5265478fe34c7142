import { LitElement, html, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { api, messageOf } from '../api';
import { sessionContext } from '../context/session';
import { navigate } from '../router';
import { shared } from '../styles';
import type { User } from '../types';
import './haven-recovery-code';

/** Recover with the recovery code; a new code replaces the old one and is shown once. */
export class HavenRecover extends LitElement {
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
    const newPassword = String(data.get('newPassword') ?? '');
    this.error = '';
    if (newPassword.length < 10) {
      this.error = 'Please choose a new password of at least 10 characters.';
    } else {
      this.sending = true;
      try {
        const result = await api.post<{ user: User; csrfToken: string; recoveryCode: string }>('/api/auth/recover', {
          pseudonym: String(data.get('pseudonym') ?? '').trim(),
          recoveryCode: String(data.get('recoveryCode') ?? '').trim(),
          newPassword,
        });
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
      return html`<h1 tabindex="-1">You are back in</h1>
        <p class="lede">Your password is changed. Your old recovery code no longer works; here is your new one.</p>
        <haven-recovery-code .code=${this.code} .pseudonym=${this.user.pseudonym} @haven-recovery-saved=${() => navigate('/')}></haven-recovery-code>`;
    }
    return html`<h1 tabindex="-1">Recover your account</h1>
      <p class="lede">
        Use the recovery code you were given when you joined. Haven has no e-mail recovery, because it never asks for an
        e-mail address.
      </p>
      <form class="card" @submit=${this.#onSubmit} novalidate>
        <label for="pseudonym">Pseudonym</label>
        <input id="pseudonym" name="pseudonym" type="text" autocomplete="username" autocapitalize="off" spellcheck="false" required />
        <label for="recoveryCode">Recovery code</label>
        <input id="recoveryCode" name="recoveryCode" type="text" autocomplete="off" autocapitalize="off" spellcheck="false" required />
        <label for="newPassword">New password</label>
        <span class="hint" id="new-password-hint">At least 10 characters.</span>
        <input id="newPassword" name="newPassword" type="password" autocomplete="new-password" required aria-describedby="new-password-hint" />
        ${this.error ? html`<p class="notice" role="alert" tabindex="-1">${this.error}</p>` : nothing}
        <div class="actions"><button type="submit" ?disabled=${this.sending}>${this.sending ? 'Checking…' : 'Recover my account'}</button></div>
      </form>`;
  }
}

customElements.define('haven-recover', HavenRecover);

declare global {
  interface HTMLElementTagNameMap {
    'haven-recover': HavenRecover;
  }
}
