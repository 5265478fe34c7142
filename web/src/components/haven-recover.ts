import { html, nothing } from 'lit';
import { api } from '../api';
import { RecoveryCodeForm, type CodeIssued } from '../recovery-code-form';
import { navigate } from '../router';
import './haven-recovery-code';

/** Recover with the recovery code; a new code replaces the old one and is shown once. */
export class HavenRecover extends RecoveryCodeForm {
  #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const newPassword = String(data.get('newPassword') ?? '');
    const invalid = newPassword.length < 10 ? 'Please choose a new password of at least 10 characters.' : '';
    return this.submit(invalid, () =>
      api.post<CodeIssued>('/api/auth/recover', {
        pseudonym: String(data.get('pseudonym') ?? '').trim(),
        recoveryCode: String(data.get('recoveryCode') ?? '').trim(),
        newPassword,
      }),
    );
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
