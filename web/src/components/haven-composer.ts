import { LitElement, css, html, nothing } from 'lit';
import { api, messageOf, seg } from '../api';
import { clearDraft, loadDraft, saveDraft } from '../drafts';
import { shared } from '../styles';
import type { Crisis, Post, Thread } from '../types';
import './haven-post-body';

type Render = (markdown: string) => string;
let renderer: Promise<Render> | null = null;
const loadRenderer = (): Promise<Render> => (renderer ??= import('../markdown-preview').then((m) => m.renderPreview));

export interface PostedDetail {
  thread: Thread | null;
  post: Post;
  crisis: Crisis | null;
}

/**
 * Writes a new thread or a reply, or edits one's own post (`mode="edit"`, prefilled through the
 * `body` and `contentWarning` properties, saved with PATCH): markdown with a live preview (same
 * renderer as the server, loaded lazily), a content warning, the alias choice for new threads,
 * and a local draft for new writing (an edit starts from the server's text, so it keeps none).
 *
 * @fires haven-posted - PostedDetail, once the server has accepted the post (or the edit)
 * @fires haven-edit-cancelled - the author closed the editor without saving
 */
export class HavenComposer extends LitElement {
  static override properties = {
    mode: {},
    slug: {},
    threadId: {},
    postId: {},
    threadTitle: { state: true },
    body: { attribute: false },
    contentWarning: { attribute: false },
    anonymous: { state: true },
    preview: { state: true },
    sending: { state: true },
    error: { state: true },
  };
  static override styles = [
    shared,
    css`
      .preview {
        border: 1px dashed var(--haven-border);
        border-radius: 0.5rem;
        padding: 0.85rem 1rem;
        min-height: 3rem;
        background: var(--haven-bg);
      }
      .preview-label {
        font-weight: 550;
        margin: 1rem 0 0.3rem;
      }
      .counter {
        font-size: 0.85rem;
        text-align: right;
        margin: 0.2rem 0 0;
      }
    `,
  ];

  declare mode: 'thread' | 'reply' | 'edit';
  declare slug: string;
  declare threadId: string;
  declare postId: string;
  declare threadTitle: string;
  declare body: string;
  declare contentWarning: string;
  declare anonymous: boolean;
  declare preview: string;
  declare sending: boolean;
  declare error: string;

  constructor() {
    super();
    this.mode = 'reply';
    this.slug = '';
    this.threadId = '';
    this.postId = '';
    this.threadTitle = '';
    this.body = '';
    this.contentWarning = '';
    this.anonymous = false;
    this.preview = '';
    this.sending = false;
    this.error = '';
  }
  #idempotencyKey: string | null = null;
  #previewQueued = false;

  get #draftKey(): string {
    return this.mode === 'thread' ? `thread:${this.slug}` : `reply:${this.threadId}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.mode === 'edit') {
      this.#queuePreview();
      return;
    }
    const draft = loadDraft(this.#draftKey);
    if (draft) {
      this.threadTitle = draft.title ?? '';
      this.body = draft.body;
      this.contentWarning = draft.contentWarning;
      this.anonymous = draft.anonymous ?? false;
      this.#queuePreview();
    }
  }

  #save(): void {
    if (this.mode === 'edit') return;
    saveDraft(this.#draftKey, {
      title: this.threadTitle,
      body: this.body,
      contentWarning: this.contentWarning,
      anonymous: this.anonymous,
    });
    this.#idempotencyKey = null;
  }

  #queuePreview(): void {
    if (this.#previewQueued) return;
    this.#previewQueued = true;
    void loadRenderer()
      .then((render) => {
        this.#previewQueued = false;
        this.preview = this.body.trim() ? render(this.body) : '';
      })
      .catch(() => {
        this.#previewQueued = false;
        this.preview = '';
      });
  }

  #onInput(event: Event): void {
    const field = event.target as HTMLInputElement | HTMLTextAreaElement;
    if (field.name === 'title') this.threadTitle = field.value;
    if (field.name === 'body') {
      this.body = field.value;
      this.#queuePreview();
    }
    if (field.name === 'contentWarning') this.contentWarning = field.value;
    if (field.name === 'anonymous') this.anonymous = (field as HTMLInputElement).checked;
    this.#save();
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.sending) return;
    if (!this.body.trim() || (this.mode === 'thread' && !this.threadTitle.trim())) {
      this.error = this.mode === 'thread' ? 'Please give your thread a title and write a few words.' : 'Please write a few words first.';
      return;
    }
    this.sending = true;
    this.error = '';
    // One key per draft: pressing "Post" twice, or retrying after a dropped answer, never posts twice.
    this.#idempotencyKey ??= crypto.randomUUID();
    const cw = this.contentWarning.trim();
    try {
      let detail: PostedDetail;
      if (this.mode === 'edit') {
        const post = await api.patch<Post>(`/api/posts/${seg(this.postId)}`, { body: this.body, contentWarning: cw || null });
        this.dispatchEvent(new CustomEvent<PostedDetail>('haven-posted', { detail: { thread: null, post, crisis: null }, bubbles: true, composed: true }));
        return;
      }
      if (this.mode === 'thread') {
        const result = await api.post<{ thread: Thread; post: Post; crisis: Crisis | null }>(
          `/api/boards/${seg(this.slug)}/threads`,
          { title: this.threadTitle.trim(), body: this.body, ...(cw ? { contentWarning: cw } : {}), anonymous: this.anonymous },
          { idempotencyKey: this.#idempotencyKey },
        );
        detail = { thread: result.thread, post: result.post, crisis: result.crisis ?? null };
      } else {
        const result = await api.post<{ post: Post; crisis: Crisis | null }>(
          `/api/threads/${seg(this.threadId)}/posts`,
          { body: this.body, ...(cw ? { contentWarning: cw } : {}) },
          { idempotencyKey: this.#idempotencyKey },
        );
        detail = { thread: null, post: result.post, crisis: result.crisis ?? null };
      }
      clearDraft(this.#draftKey);
      this.#idempotencyKey = null;
      this.threadTitle = this.body = this.contentWarning = this.preview = '';
      this.anonymous = false;
      this.dispatchEvent(new CustomEvent<PostedDetail>('haven-posted', { detail, bubbles: true, composed: true }));
    } catch (error) {
      this.error = messageOf(error);
      await this.updateComplete;
      (this.renderRoot.querySelector('[role="alert"]') as HTMLElement | null)?.focus();
    } finally {
      this.sending = false;
    }
  }

  #cancel(): void {
    this.dispatchEvent(new Event('haven-edit-cancelled', { bubbles: true, composed: true }));
  }

  override render() {
    const thread = this.mode === 'thread';
    const editing = this.mode === 'edit';
    return html`<form @submit=${this.#onSubmit} @input=${this.#onInput} novalidate>
      ${thread
        ? html`<label for="title">Title</label>
            <input id="title" name="title" type="text" maxlength="200" required autocomplete="off" .value=${this.threadTitle} />`
        : nothing}
      <label for="body">${thread ? 'What would you like to share?' : editing ? 'Your post' : 'Your reply'}</label>
      <span class="hint" id="body-hint">Markdown works: *italics*, **bold**, &gt; quotes, - lists.</span>
      <textarea id="body" name="body" maxlength="20000" required aria-describedby="body-hint" .value=${this.body}></textarea>
      ${this.body.length > 18000 ? html`<p class="counter muted">${20000 - this.body.length} characters left</p>` : nothing}
      <p class="preview-label" id="preview-label">Preview</p>
      <div class="preview" role="region" aria-labelledby="preview-label">
        ${this.preview
          ? html`<haven-post-body .html=${this.preview}></haven-post-body>`
          : html`<span class="muted">Your words will appear here as others will see them.</span>`}
      </div>
      <label for="cw">Content warning (optional)</label>
      <span class="hint" id="cw-hint">If your post touches on something that could be hard to read (self-harm, loss, abuse), name it in a few words. Readers see only this until they choose to open the post.</span>
      <input id="cw" name="contentWarning" type="text" maxlength="80" aria-describedby="cw-hint" autocomplete="off" .value=${this.contentWarning} />
      ${thread
        ? html`<label class="check">
            <input type="checkbox" name="anonymous" .checked=${this.anonymous} />
            <span>Post under an alias for this thread
              <span class="hint">Your posts in this thread will show a made-up name (like “Quiet Heron”) instead of your pseudonym, and nobody, not even moderators, can link the two.</span>
            </span>
          </label>`
        : nothing}
      ${this.error ? html`<p class="notice" role="alert" tabindex="-1">${this.error}</p>` : nothing}
      <div class="actions">
        ${editing
          ? html`<button type="submit" ?disabled=${this.sending}>${this.sending ? 'Saving…' : 'Save changes'}</button>
              <button type="button" class="quiet" @click=${this.#cancel}>Cancel</button>`
          : html`<button type="submit" ?disabled=${this.sending}>${this.sending ? 'Posting…' : thread ? 'Post thread' : 'Post reply'}</button>
              <span class="muted">Your draft is saved on this device until you post.</span>`}
      </div>
    </form>`;
  }
}

customElements.define('haven-composer', HavenComposer);

declare global {
  interface HTMLElementTagNameMap {
    'haven-composer': HavenComposer;
  }
  interface HTMLElementEventMap {
    'haven-posted': CustomEvent<PostedDetail>;
  }
}
