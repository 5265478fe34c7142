import { LitElement, css, html, nothing } from 'lit';
import { api, ApiError, messageOf, seg } from '../api';
import { shared } from '../styles';
import { FLAG_REASONS, type FlagReason } from '../types';

const REASON_TEXT: Record<FlagReason, [string, string]> = {
  crisis: ['Someone may be in danger', 'The writer may be at risk of harming themselves or someone else.'],
  harassment: ['Unkind or harassing', 'It targets or belittles someone.'],
  spam: ['Spam or advertising', 'Selling something, or unrelated links.'],
  harmful: ['Harmful advice', 'Methods, dangerous advice, or content that could hurt someone.'],
  other: ['Something else', 'Tell the moderators in the note below.'],
};

/**
 * The flag form in a modal `<dialog>`: native focus trapping, Esc to close, focus returned to the
 * button that opened it. Who flagged is never shown to the post's author.
 */
export class HavenFlagDialog extends LitElement {
  static override properties = {
    postId: {},
    sending: { state: true },
    error: { state: true },
    done: { state: true },
  };
  static override styles = [
    shared,
    css`
      dialog {
        width: min(34rem, calc(100vw - 2rem));
        max-height: calc(100vh - 2rem);
        overflow-y: auto;
        border: 1px solid var(--haven-border);
        border-radius: var(--haven-radius);
        background: var(--haven-surface);
        color: var(--haven-text);
        padding: 1.5rem;
      }
      dialog::backdrop {
        background: rgb(20 24 28 / 0.45);
      }
      fieldset {
        border: 0;
        padding: 0;
        margin: 0;
      }
      legend {
        font-weight: 550;
        margin-bottom: 0.5rem;
      }
      .check {
        margin: 0.6rem 0;
      }
      .check span {
        display: block;
      }
      textarea {
        min-height: 5rem;
      }
    `,
  ];

  declare postId: string;
  declare sending: boolean;
  declare error: string;
  declare done: boolean;

  constructor() {
    super();
    this.postId = '';
    this.sending = false;
    this.error = '';
    this.done = false;
  }
  #opener: HTMLElement | null = null;

  /** Opens the dialog; focus returns to `opener` when it closes. */
  open(opener: HTMLElement | null = null): void {
    this.#opener = opener;
    this.done = false;
    this.error = '';
    const dialog = this.renderRoot.querySelector('dialog');
    this.renderRoot.querySelector('form')?.reset();
    dialog?.showModal();
  }

  #close = (): void => {
    this.renderRoot.querySelector('dialog')?.close();
  };

  #onClosed = (): void => {
    this.#opener?.focus();
  };

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const reason = data.get('reason');
    const note = String(data.get('note') ?? '').trim();
    if (typeof reason !== 'string' || reason === '') {
      this.error = 'Please choose the reason that fits best.';
      return;
    }
    this.sending = true;
    this.error = '';
    try {
      await api.post(`/api/posts/${seg(this.postId)}/flags`, note ? { reason, note } : { reason });
      this.done = true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) this.done = true;
      else this.error = messageOf(error);
    } finally {
      this.sending = false;
    }
    await this.updateComplete;
    (this.renderRoot.querySelector('.after button, [role="alert"]') as HTMLElement | null)?.focus();
  }

  override render() {
    return html`<dialog aria-labelledby="flag-title" @close=${this.#onClosed}>
      <h2 id="flag-title">Let a moderator know</h2>
      ${this.done
        ? html`<div class="after">
            <p role="status">Thank you. A moderator will look at this post soon. Its author is never told who flagged it.</p>
            <div class="actions"><button type="button" @click=${this.#close}>Close</button></div>
          </div>`
        : html`<form @submit=${this.#onSubmit}>
            <fieldset>
              <legend>What is wrong with this post?</legend>
              ${FLAG_REASONS.map(
                (reason) => html`<label class="check">
                  <input type="radio" name="reason" value=${reason} required />
                  <span><strong>${REASON_TEXT[reason][0]}</strong><span class="hint">${REASON_TEXT[reason][1]}</span></span>
                </label>`,
              )}
            </fieldset>
            <label for="flag-note">A note for the moderators <span class="hint">Optional. Only moderators read it.</span></label>
            <textarea id="flag-note" name="note" maxlength="500"></textarea>
            ${this.error ? html`<p class="notice" role="alert" tabindex="-1">${this.error}</p>` : nothing}
            <div class="actions">
              <button type="submit" ?disabled=${this.sending}>${this.sending ? 'Sending…' : 'Send to moderators'}</button>
              <button type="button" class="quiet" @click=${this.#close}>Cancel</button>
            </div>
          </form>`}
    </dialog>`;
  }
}

customElements.define('haven-flag-dialog', HavenFlagDialog);

declare global {
  interface HTMLElementTagNameMap {
    'haven-flag-dialog': HavenFlagDialog;
  }
}
