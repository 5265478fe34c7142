import { LitElement, css, html, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { api, messageOf, seg } from '../api';
import { sessionContext } from '../context/session';
import { takeCrisis } from '../crisis-handoff';
import { taskView, when } from '../format';
import { onLive, watchThread } from '../live';
import { shared } from '../styles';
import type { Crisis, Page, Post, Thread } from '../types';
import type { PostedDetail } from './haven-composer';
import './haven-post';

/**
 * A thread: its posts (opening post first), more on demand, and the reply box. The composer is
 * loaded only for signed-in members, and its markdown renderer only once they type. New replies
 * arrive live: they are appended below (nothing above moves, so the reader's place holds) and
 * announced politely to screen readers.
 */
export class HavenThread extends LitElement {
  static override properties = {
    threadId: {},
    posts: { state: true },
    cursor: { state: true },
    crisis: { state: true },
    composerReady: { state: true },
    moreError: { state: true },
    announcement: { state: true },
  };
  static override styles = [
    shared,
    css`
      .crumb {
        font-size: 0.95rem;
        margin: 0 0 0.5rem;
      }
      .posts > li {
        margin: 0 0 1rem;
      }
      .reply {
        margin-top: 2rem;
      }
      .thread-meta {
        margin: 0 0 1.25rem;
      }
    `,
  ];

  declare threadId: string;
  declare posts: Post[];
  declare cursor: string | null;
  declare crisis: Crisis | null;
  declare composerReady: boolean;
  declare moreError: string;
  declare announcement: string;

  constructor() {
    super();
    this.threadId = '';
    this.posts = [];
    this.cursor = null;
    this.crisis = null;
    this.composerReady = false;
    this.moreError = '';
    this.announcement = '';
  }

  #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  #stopLive: (() => void)[] = [];
  #unwatch: (() => void) | null = null;
  /** The cursor that fetched the page holding the last post we have (null: the first page). */
  #tailCursor: string | null = null;
  #catchingUp: Promise<void> | null = null;
  #catchUpAgain = false;

  #thread = new Task(this, {
    task: async ([id], { signal }) => {
      const result = await api.get<{ thread: Thread; items: Post[]; nextCursor: string | null }>(`/api/threads/${seg(id)}`, signal);
      this.posts = result.items;
      this.cursor = result.nextCursor;
      this.#tailCursor = null;
      document.title = `${result.thread.title} · Haven`;
      return result.thread;
    },
    args: () => [this.threadId],
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.crisis = takeCrisis(this.threadId);
    this.#stopLive = [
      onLive('post.created', (data) => {
        if ((data as { threadId?: unknown } | null)?.threadId === this.threadId) this.#catchUp();
      }),
      onLive('resync', () => this.#catchUp()),
    ];
    if (this.threadId) this.#unwatch = watchThread(this.threadId);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopLive.forEach((stop) => stop());
    this.#unwatch?.();
    this.#unwatch = null;
  }

  protected override updated(changed: Map<string, unknown>): void {
    // The router reuses this element from one thread to the next: follow the one on screen.
    if (changed.has('threadId') && changed.get('threadId') !== undefined && this.isConnected) {
      this.#unwatch?.();
      this.#unwatch = this.threadId ? watchThread(this.threadId) : null;
    }
  }

  /** Fetches what was posted after the last post we have; runs one at a time, again if asked meanwhile. */
  #catchUp(): void {
    if (this.#catchingUp) {
      this.#catchUpAgain = true;
      return;
    }
    this.#catchingUp = this.#fetchNewPosts().finally(() => {
      this.#catchingUp = null;
      if (this.#catchUpAgain) {
        this.#catchUpAgain = false;
        this.#catchUp();
      }
    });
  }

  async #fetchNewPosts(): Promise<void> {
    // Pages the reader has not opened yet come first; new replies wait behind "Show more replies".
    if (this.cursor || !this.#thread.value) return;
    const id = this.threadId;
    const arrived: Post[] = [];
    try {
      for (let pages = 0; pages < 10; pages++) {
        // The opaque cursor of the last page we have refetches that page; its unseen posts are new.
        const page = this.#tailCursor
          ? await api.get<Page<Post>>(`/api/threads/${seg(id)}/posts?cursor=${seg(this.#tailCursor)}`)
          : await api.get<Page<Post>>(`/api/threads/${seg(id)}`);
        if (id !== this.threadId) return;
        arrived.push(...this.#merge(page.items));
        if (!page.nextCursor) break;
        this.#tailCursor = page.nextCursor;
      }
    } catch {
      // A live update that cannot be fetched now arrives with the next one or a reload.
      return;
    }
    const others = arrived.filter((p) => !p.mine);
    if (others.length === 1) this.announcement = `New reply from ${others[0]?.author.name ?? 'someone'}.`;
    else if (others.length > 1) this.announcement = `${others.length} new replies.`;
  }

  /**
   * Appends the posts we do not have and returns them. A post we show is replaced only when its
   * status or text changed (a held post approved, an edit, a removal): its reactions are left
   * alone, so a refetch that raced the reader's own click cannot undo it on screen.
   */
  #merge(items: Post[]): Post[] {
    const fresh = new Map(items.map((p) => [p.id, p]));
    const known = new Set(this.posts.map((p) => p.id));
    const added = items.filter((p) => !known.has(p.id));
    const changed = (a: Post, b: Post): boolean =>
      a.status !== b.status || a.bodyHtml !== b.bodyHtml || a.editedAt !== b.editedAt || a.contentWarning !== b.contentWarning;
    this.posts = [
      ...this.posts.map((p) => {
        const f = fresh.get(p.id);
        return f && changed(p, f) ? f : p;
      }),
      ...added,
    ];
    return added;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // The crisis panel is its own small chunk, fetched only when someone needs it.
    if (changed.has('crisis') && this.crisis) void import('./haven-crisis-panel');
    if (this.#session.value?.user && !this.composerReady) {
      void import('./haven-composer').then(() => (this.composerReady = true));
    }
  }

  async #loadMore(): Promise<void> {
    if (!this.cursor) return;
    try {
      const cursor = this.cursor;
      const page = await api.get<Page<Post>>(`/api/threads/${seg(this.threadId)}/posts?cursor=${seg(cursor)}`);
      this.#merge(page.items);
      this.#tailCursor = cursor;
      this.cursor = page.nextCursor;
      this.moreError = '';
    } catch (error) {
      this.moreError = messageOf(error);
    }
  }

  #onPosted(event: CustomEvent<PostedDetail>): void {
    const { post, crisis } = event.detail;
    if (!this.cursor) this.posts = [...this.posts, post];
    this.crisis = crisis;
    if (!crisis) {
      void this.updateComplete.then(() => {
        const items = this.renderRoot.querySelectorAll('.posts > li');
        const last = items[items.length - 1] as HTMLElement | undefined;
        last?.focus();
      });
    }
  }

  #renderReply(thread: Thread) {
    const session = this.#session.value;
    if (!session?.ready) return nothing;
    if (!session.user) {
      return html`<p class="calm">
        <a href="/signin?next=${encodeURIComponent(`/t/${thread.id}`)}">Sign in</a> or
        <a href="/signup">join</a> to reply. It only takes a pseudonym and a password.
      </p>`;
    }
    if (thread.status !== 'published' && thread.status !== 'pending') {
      return html`<p class="muted">This thread is closed to replies.</p>`;
    }
    return html`<section class="reply" aria-labelledby="reply-heading">
      <h2 id="reply-heading">Reply</h2>
      ${this.composerReady
        ? html`<haven-composer mode="reply" .threadId=${thread.id} @haven-posted=${this.#onPosted}></haven-composer>`
        : html`<p class="muted" role="status">Loading the reply box…</p>`}
    </section>`;
  }

  override render() {
    const thread = this.#thread.value;
    const signedIn = Boolean(this.#session.value?.user);
    return html`
      ${thread ? html`<p class="crumb"><a href="/b/${encodeURIComponent(thread.board.slug)}">${thread.board.name}</a></p>` : nothing}
      <h1 tabindex="-1">${thread?.title ?? 'Thread'}</h1>
      ${thread
        ? html`<p class="muted thread-meta">Started by ${thread.author.name} ${when(thread.createdAt)}</p>`
        : nothing}
      ${this.crisis ? html`<haven-crisis-panel .resources=${this.crisis.resources}></haven-crisis-panel>` : nothing}
      ${taskView(
        this.#thread,
        (thread) => html`<ol class="list posts" aria-label="Posts">
            ${this.posts.map(
              (post) => html`<li tabindex="-1"><haven-post .post=${post} ?signedIn=${signedIn}></haven-post></li>`,
            )}
          </ol>
          <p class="visually-hidden" role="status">${this.announcement}</p>
          ${this.moreError ? html`<p class="notice" role="alert">${this.moreError}</p>` : nothing}
          ${this.cursor ? html`<div class="actions"><button class="quiet" @click=${this.#loadMore}>Show more replies</button></div>` : nothing}
          ${this.#renderReply(thread)}`,
        'the thread',
      )}
    `;
  }
}

customElements.define('haven-thread', HavenThread);

declare global {
  interface HTMLElementTagNameMap {
    'haven-thread': HavenThread;
  }
}
