import { html, nothing } from 'lit';
import { api } from '../api';
import { RecoveryCodeForm, type CodeIssued } from '../recovery-code-form';
import { navigate } from '../router';
import './haven-recovery-code';

/** Join: a pseudonym and a password, nothing else; then the recovery code, shown once. */
export class HavenSignup extends RecoveryCodeForm {
  #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const pseudonym = String(data.get('pseudonym') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const invalid = !/^[A-Za-z0-9_-]{3,32}$/.test(pseudonym)
      ? 'A pseudonym is 3 to 32 letters, numbers, _ or -, with no spaces.'
      : password.length < 10
        ? 'Please choose a password of at least 10 characters. A few words strung together work well.'
        : '';
    return this.submit(invalid, () => api.post<CodeIssued>('/api/auth/register', { pseudonym, password }));
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
