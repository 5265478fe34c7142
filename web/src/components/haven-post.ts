import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { api, messageOf, seg } from '../api';
import { when } from '../format';
import { shared } from '../styles';
import type { Author, Post } from '../types';
import type { PostedDetail } from './haven-composer';
import './haven-post-body';
import './haven-reactions';


/** The card a post sits on, here and in the moderation queue. */
export const postCard = css`
  article {
    background: var(--haven-surface);
    border: 1px solid var(--haven-border);
    border-radius: var(--haven-radius);
    padding: 1.25rem 1.5rem;
  }
  @media (max-width: 30rem) {
    article {
      padding: 1rem;
    }
  }
`;

export function authorLabel(author: Author) {
  return html`<span class="name">${author.kind === 'deleted' ? 'A former member' : author.name}</span>
    ${author.kind === 'alias' ? html`<span class="tag">alias</span>` : nothing}
    ${author.isOriginalPoster ? html`<span class="tag op" title="Started this thread">original poster</span>` : nothing}
    ${author.kind === 'member' && (author.role === 'moderator' || author.role === 'admin')
      ? html`<span class="tag">${author.role}</span>`
      : nothing}`;
}

/**
 * One post: author and time, the body (folded behind its content warning), reactions, and the
 * flag action; on one's own post, edit (the composer, loaded on demand), delete, and on a post a
 * moderator took down, "ask for another look". Removed or deleted posts are tombstones for
 * everyone but their author.
 *
 * @fires haven-post-changed - the post's status changed here (deleted by its author)
 */
export class HavenPost extends LitElement {
  static override properties = {
    post: { attribute: false },
    signedIn: { type: Boolean },
    confirming: { state: true },
    flagging: { state: true },
    editing: { state: true },
    appealReady: { state: true },
    error: { state: true },
  };
  static override styles = [
    shared,
    postCard,
    css`
      article.tombstone {
        background: transparent;
        border-style: dashed;
        color: var(--haven-muted);
        padding: 0.85rem 1.25rem;
      }
      article.tombstone p {
        margin: 0;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.25rem 0.6rem;
        margin-bottom: 0.75rem;
        font-size: 0.95rem;
      }
      .name {
        font-weight: 600;
      }
      .tag {
        font-size: 0.8rem;
        border: 1px solid var(--haven-border);
        border-radius: 999px;
        padding: 0 0.55rem;
        color: var(--haven-muted);
      }
      .tag.op {
        border-color: var(--haven-accent);
        color: var(--haven-accent);
      }
      .when {
        color: var(--haven-muted);
      }
      details {
        border-radius: 0.5rem;
      }
      summary {
        cursor: pointer;
        background: var(--haven-note);
        color: var(--haven-note-text);
        border-radius: 0.5rem;
        padding: 0.6rem 0.9rem;
        list-style-position: inside;
      }
      details[open] summary {
        margin-bottom: 0.85rem;
      }
      footer {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: 0.75rem;
        margin-top: 1rem;
      }
      .tools {
        display: flex;
        gap: 0.5rem;
      }
      .tools button,
      .tools .button {
        font-size: 0.88rem;
        min-height: 2.25rem;
        padding: 0.2rem 0.8rem;
      }
      .notice,
      .calm {
        margin: 0 0 0.85rem;
        font-size: 0.95rem;
      }
      .calm.confirm {
        margin: 1rem 0 0;
      }
      .confirm p {
        margin: 0 0 0.6rem;
      }
    `,
  ];

  declare post: Post;
  declare signedIn: boolean;
  declare confirming: boolean;
  declare flagging: boolean;
  declare editing: boolean;
  declare appealReady: boolean;
  declare error: string;

  constructor() {
    super();
    this.signedIn = false;
    this.confirming = false;
    this.flagging = false;
    this.editing = false;
    this.appealReady = false;
    this.error = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The appeal form is its own small chunk: only an author whose post was taken down needs it.
    const post = this.post;
    if (changed.has('post') && post.mine && (post.status === 'hidden' || post.status === 'removed') && !this.appealReady) {
      void import('./haven-appeal').then(() => (this.appealReady = true));
    }
  }

  get #editable(): boolean {
    const post = this.post;
    return post.mine && typeof post.body === 'string' && (post.status === 'published' || post.status === 'pending');
  }

  /** The editor is the composer itself (its own chunk, with the markdown preview). */
  async #openEditor(): Promise<void> {
    try {
      await import('./haven-composer');
    } catch (error) {
      this.error = messageOf(error);
      return;
    }
    this.confirming = false;
    this.editing = true;
    await this.updateComplete;
    const composer = this.renderRoot.querySelector('haven-composer');
    await composer?.updateComplete;
    (composer?.shadowRoot?.querySelector('textarea') as HTMLElement | null)?.focus();
  }

  #onEdited(event: CustomEvent<PostedDetail>): void {
    event.stopPropagation();
    this.post = event.detail.post;
    this.#closeEditor();
    this.dispatchEvent(new Event('haven-post-changed', { bubbles: true, composed: true }));
  }

  #closeEditor(): void {
    this.editing = false;
    void this.updateComplete.then(() => (this.renderRoot.querySelector('button.edit') as HTMLElement | null)?.focus());
  }

  /** The flag dialog is its own chunk: most readers never open it. */
  async #openFlag(event: Event): Promise<void> {
    const opener = event.currentTarget as HTMLElement;
    await import('./haven-flag-dialog');
    this.flagging = true;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('haven-flag-dialog');
    await dialog?.updateComplete;
    dialog?.open(opener);
  }

  async #delete(): Promise<void> {
    try {
      await api.delete(`/api/posts/${seg(this.post.id)}`);
      this.post = { ...this.post, status: 'deleted', bodyHtml: '' };
      this.confirming = false;
      this.dispatchEvent(new Event('haven-post-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  async #askDelete(): Promise<void> {
    this.confirming = true;
    await this.updateComplete;
    (this.renderRoot.querySelector('.confirm button.keep') as HTMLElement | null)?.focus();
  }

  #keep(): void {
    this.confirming = false;
    void this.updateComplete.then(() => (this.renderRoot.querySelector('footer .tools button:last-child') as HTMLElement | null)?.focus());
  }

  #renderStatus() {
    const post = this.post;
    if (post.status === 'pending') {
      return html`<p class="calm">Waiting for a moderator to read it. Only you can see it until then; this usually doesn't take long.</p>`;
    }
    if (post.status === 'hidden' || post.status === 'removed') {
      const reason = post.statusReason;
      return html`<div class="notice">
        <p>
          A moderator ${post.status === 'hidden' ? 'hid' : 'removed'} this post, so only you can see it.
          ${reason ? html`Their reason: “${reason}”` : nothing}
        </p>
        ${this.appealReady ? html`<haven-appeal .postId=${post.id}></haven-appeal>` : nothing}
      </div>`;
    }
    return nothing;
  }

  #renderTombstone() {
    const text =
      this.post.status === 'deleted'
        ? 'This post was deleted by its author.'
        : this.post.status === 'pending'
          ? 'This post is waiting for a moderator.'
          : 'This post was taken down by a moderator.';
    return html`<article class="tombstone" aria-label="Post no longer available"><p>${text}</p></article>`;
  }

  override render() {
    const post = this.post;
    if (post.status === 'deleted' || (post.status !== 'published' && !post.mine)) return this.#renderTombstone();
    const body = html`<haven-post-body .html=${post.bodyHtml}></haven-post-body>`;
    return html`<article aria-label="Post by ${post.author.name}">
      <header>
        ${authorLabel(post.author)}
        <span class="when">${when(post.createdAt)}${post.editedAt ? html` · <span class="edited">edited ${when(post.editedAt)}</span>` : nothing}</span>
      </header>
      ${post.mine ? this.#renderStatus() : nothing}
      ${this.editing
        ? html`<haven-composer
            mode="edit"
            .postId=${post.id}
            .body=${post.body ?? ''}
            .contentWarning=${post.contentWarning ?? ''}
            @haven-posted=${this.#onEdited}
            @haven-edit-cancelled=${() => this.#closeEditor()}
          ></haven-composer>`
        : post.contentWarning
        ? html`<details>
            <summary>Content warning: ${post.contentWarning}. <span class="muted-inline">Show post</span></summary>
            ${body}
          </details>`
        : body}
      <footer>
        <haven-reactions
          .postId=${post.id}
          .reactions=${post.reactions}
          .mine=${post.myReactions}
          ?interactive=${this.signedIn && post.status === 'published' && !post.mine}
        ></haven-reactions>
        ${this.signedIn
          ? html`<div class="tools">
              ${post.mine
                ? this.confirming
                  ? nothing
                  : html`${this.#editable && !this.editing
                        ? html`<button class="quiet edit" @click=${this.#openEditor}>Edit<span class="visually-hidden"> your post</span></button>`
                        : nothing}
                      <button class="quiet" @click=${this.#askDelete}>Delete<span class="visually-hidden"> your post</span></button>`
                : html`<button class="quiet" aria-haspopup="dialog" @click=${this.#openFlag}>
                      Flag<span class="visually-hidden"> this post</span>
                    </button>
                    ${this.flagging ? html`<haven-flag-dialog .postId=${post.id}></haven-flag-dialog>` : nothing}`}
            </div>`
          : html`<div class="tools">
              <a class="button quiet" href="/signin?next=${encodeURIComponent(`/t/${post.threadId}`)}"
                >Flag<span class="visually-hidden"> this post (sign in first)</span></a
              >
            </div>`}
      </footer>
      ${this.confirming
        ? html`<div class="calm confirm" role="group" aria-labelledby="confirm-${post.id}">
            <p id="confirm-${post.id}">
              Delete this post? Its words will be erased for good; the thread will show that a post was deleted here.
            </p>
            <div class="tools">
              <button class="quiet" @click=${this.#delete}>Yes, delete it</button>
              <button class="quiet keep" @click=${this.#keep}>Keep it</button>
            </div>
          </div>`
        : nothing}
      ${this.error ? html`<p class="notice" role="alert">${this.error}</p>` : nothing}
    </article>`;
  }
}

customElements.define('haven-post', HavenPost);

declare global {
  interface HTMLElementTagNameMap {
    'haven-post': HavenPost;
  }
}
