import { LitElement, css, html } from 'lit';
import { shared } from '../styles';

/**
 * Shows a recovery code once, with copy and download. There is no e-mail recovery, so we say so
 * plainly: this code is the only way back into the account.
 *
 * @fires haven-recovery-saved - the member says they have kept the code
 */
export class HavenRecoveryCode extends LitElement {
  static override properties = { code: {}, pseudonym: {}, copied: { state: true }, downloadUrl: { state: true } };
  static override styles = [
    shared,
    css`
      .code {
        font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
        font-size: 1.15rem;
        letter-spacing: 0.05em;
        background: var(--haven-bg);
        border: 1px solid var(--haven-border);
        border-radius: 0.5rem;
        padding: 0.85rem 1rem;
        width: 100%;
        color: var(--haven-text);
      }
    `,
  ];

  declare code: string;
  declare pseudonym: string;
  declare copied: string;
  declare downloadUrl: string;

  constructor() {
    super();
    this.code = '';
    this.pseudonym = '';
    this.copied = '';
    this.downloadUrl = '';
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('code') || changed.has('pseudonym')) {
      if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
      const text = `Haven recovery code\n\nPseudonym: ${this.pseudonym}\nRecovery code: ${this.code}\n\nKeep this somewhere private. It is the only way back into your account if you forget your password.\n`;
      this.downloadUrl = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
  }

  async #copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.code);
      this.copied = 'Copied. Paste it somewhere private, like a password manager.';
    } catch {
      this.copied = 'Copying is not allowed here; please select the code and copy it, or download it.';
    }
  }

  override render() {
    return html`<section class="card" aria-labelledby="code-heading">
      <h2 id="code-heading">Your recovery code</h2>
      <p>
        Haven never asks for an e-mail address, so there is <strong>no e-mail recovery</strong>. If you forget your
        password, this code is the only way back in. We show it <strong>only this once</strong>.
      </p>
      <label for="recovery-code">Recovery code</label>
      <input id="recovery-code" class="code" type="text" readonly .value=${this.code} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
      <div class="actions">
        <button type="button" @click=${this.#copy}>Copy the code</button>
        <a class="button quiet" href=${this.downloadUrl} download="haven-recovery-code.txt">Download as a file</a>
      </div>
      <p role="status" class="muted">${this.copied}</p>
      <div class="actions">
        <button
          type="button"
          class="quiet"
          @click=${() => this.dispatchEvent(new Event('haven-recovery-saved', { bubbles: true, composed: true }))}
        >
          I have kept it somewhere safe
        </button>
      </div>
    </section>`;
  }
}

customElements.define('haven-recovery-code', HavenRecoveryCode);

declare global {
  interface HTMLElementTagNameMap {
    'haven-recovery-code': HavenRecoveryCode;
  }
}
