import { LitElement, css, html, nothing } from 'lit';
import { api, ApiError, messageOf, seg } from '../api';
import { shared } from '../styles';

/**
 * "Ask for another look": the author of a post a moderator hid or removed sends a note, and the
 * post goes back to the moderators (POST /api/posts/:id/appeal). A second appeal (409) is told
 * kindly that the first one is already waiting.
 */
export class HavenAppeal extends LitElement {
  static override properties = {
    postId: {},
    open: { state: true },
    note: { state: true },
    sending: { state: true },
    sent: { state: true },
    error: { state: true },
  };
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        margin-top: 0.6rem;
      }
      button {
        font-size: 0.9rem;
        min-height: 2.25rem;
        padding: 0.2rem 0.9rem;
      }
      /* Inside the post's soft note the quiet button needs the page's own surface to stay legible. */
      button.quiet {
        background: var(--haven-surface);
      }
      label {
        margin-top: 0.5rem;
      }
      textarea {
        min-height: 6rem;
      }
      .actions {
        margin-top: 0.75rem;
      }
      p {
        margin: 0.5rem 0 0;
      }
    `,
  ];

  declare postId: string;
  declare open: boolean;
  declare note: string;
  declare sending: boolean;
  /** What to say once the appeal is with the moderators (sent now, or already before). */
  declare sent: string;
  declare error: string;

  constructor() {
    super();
    this.postId = '';
    this.open = false;
    this.note = '';
    this.sending = false;
    this.sent = '';
    this.error = '';
  }

  #idempotencyKey: string | null = null;

  async #show(): Promise<void> {
    this.open = true;
    await this.updateComplete;
    this.renderRoot.querySelector('textarea')?.focus();
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.sending) return;
    if (!this.note.trim()) {
      this.error = 'Please tell the moderators in a few words why you would like them to look again.';
      return;
    }
    this.sending = true;
    this.error = '';
    this.#idempotencyKey ??= crypto.randomUUID();
    try {
      await api.post(`/api/posts/${seg(this.postId)}/appeal`, { note: this.note.trim() }, { idempotencyKey: this.#idempotencyKey });
      this.sent = 'Your appeal was sent. A moderator will read your note and look at the post again.';
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        this.sent = 'You have already asked for another look at this post. Your appeal is waiting with the moderators; there is nothing more you need to do.';
      } else {
        this.error = messageOf(error);
      }
    } finally {
      this.sending = false;
    }
    if (this.sent) {
      await this.updateComplete;
      (this.renderRoot.querySelector('[role="status"]') as HTMLElement | null)?.focus();
    }
  }

  override render() {
    if (this.sent) return html`<p role="status" tabindex="-1">${this.sent}</p>`;
    if (!this.open) {
      return html`<button class="quiet" @click=${this.#show}>Ask for another look</button>`;
    }
    return html`<form @submit=${this.#onSubmit} novalidate>
      <label for="note">What would you like the moderators to know?</label>
      <span class="hint" id="note-hint">For example what you meant, or what you would change. A moderator will read it with the post.</span>
      <textarea
        id="note"
        name="note"
        maxlength="2000"
        aria-describedby="note-hint"
        .value=${this.note}
        @input=${(e: Event) => {
          this.note = (e.target as HTMLTextAreaElement).value;
          this.#idempotencyKey = null;
        }}
      ></textarea>
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
      <div class="actions">
        <button type="submit" ?disabled=${this.sending}>${this.sending ? 'Sending…' : 'Send'}</button>
        <button type="button" class="quiet" @click=${() => (this.open = false)}>Not now</button>
      </div>
    </form>`;
  }
}

customElements.define('haven-appeal', HavenAppeal);

declare global {
  interface HTMLElementTagNameMap {
    'haven-appeal': HavenAppeal;
  }
}
