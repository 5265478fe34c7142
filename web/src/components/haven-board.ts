import { LitElement, css, html, nothing } from 'lit';
import { Task } from '@lit/task';
import { api, messageOf, seg } from '../api';
import { plural, taskView, when } from '../format';
import { onSearchSubmit } from '../search-form';
import { shared } from '../styles';
import type { Board, Page, Thread } from '../types';

const SORTS = [
  { key: 'active', label: 'Recently active' },
  { key: 'new', label: 'Newest' },
  { key: 'unanswered', label: 'Waiting for a reply' },
] as const;

/** A board: its threads, sorted three ways, and the way to start one. */
export class HavenBoard extends LitElement {
  static override properties = {
    slug: {},
    sort: {},
    more: { state: true },
    moreCursor: { state: true },
    moreError: { state: true },
  };
  static override styles = [
    shared,
    css`
      .top {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: flex-start;
        gap: 1rem;
      }
      .sorts ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        list-style: none;
        padding: 0;
        margin: 1rem 0 0.5rem;
      }
      .sorts a {
        display: inline-block;
        padding: 0.3rem 0.9rem;
        border-radius: 999px;
        border: 1px solid var(--haven-border);
        text-decoration: none;
        font-size: 0.95rem;
      }
      .sorts a[aria-current='page'] {
        background: var(--haven-accent-soft);
        border-color: var(--haven-accent);
        color: var(--haven-text);
      }
      .thread a {
        color: inherit;
        text-decoration: none;
      }
      .thread a:hover h2 {
        text-decoration: underline;
      }
      .thread h2 {
        color: var(--haven-accent);
        overflow-wrap: anywhere;
      }
      .meta {
        font-size: 0.92rem;
        margin: 0.25rem 0 0;
      }
      .cw {
        font-size: 0.9rem;
        display: inline-block;
        background: var(--haven-note);
        color: var(--haven-note-text);
        border-radius: 0.4rem;
        padding: 0 0.5rem;
        margin-bottom: 0.3rem;
      }
    `,
  ];

  declare slug: string;
  declare sort: string;
  declare more: Thread[];
  declare moreCursor: string | null;
  declare moreError: string;

  constructor() {
    super();
    this.slug = '';
    this.sort = 'active';
    this.more = [];
    this.moreCursor = null;
    this.moreError = '';
  }

  #board = new Task(this, {
    task: async ([slug], { signal }) => {
      const boards = (await api.get<{ items: Board[] }>('/api/boards', signal)).items;
      return boards.find((b) => b.slug === slug) ?? null;
    },
    args: () => [this.slug],
  });

  #threads = new Task(this, {
    task: async ([slug, sort], { signal }) => {
      this.more = [];
      const page = await api.get<Page<Thread>>(`/api/boards/${seg(slug)}/threads?sort=${seg(sort)}`, signal);
      this.moreCursor = page.nextCursor;
      return page.items;
    },
    args: () => [this.slug, this.sort] as const,
  });

  async #loadMore(): Promise<void> {
    if (!this.moreCursor) return;
    try {
      const page = await api.get<Page<Thread>>(
        `/api/boards/${seg(this.slug)}/threads?sort=${seg(this.sort)}&cursor=${seg(this.moreCursor)}`,
      );
      this.more = [...this.more, ...page.items];
      this.moreCursor = page.nextCursor;
      this.moreError = '';
    } catch (error) {
      this.moreError = messageOf(error);
    }
  }

  #renderThread(t: Thread) {
    return html`<li class="card thread">
      <a href="/t/${encodeURIComponent(t.id)}">
        ${t.contentWarning ? html`<span class="cw">Content warning: ${t.contentWarning}</span>` : nothing}
        <h2>${t.title}</h2>
      </a>
      <p class="muted meta">
        ${t.author.name} · started ${when(t.createdAt)} ·
        ${t.replyCount === 0 ? 'no replies yet' : plural(t.replyCount, 'reply', 'replies')}
      </p>
    </li>`;
  }

  override render() {
    const board = this.#board.value;
    if (board) document.title = `${board.name} · Haven`;
    const sort = SORTS.some((s) => s.key === this.sort) ? this.sort : 'active';
    return html`
      <div class="top">
        <div>
          <h1 tabindex="-1">${board?.name ?? (this.#board.value === null ? 'Board not found' : 'Board')}</h1>
          ${board ? html`<p class="lede">${board.description}</p>` : nothing}
        </div>
        <a class="button" href="/b/${encodeURIComponent(this.slug)}/new">Start a thread</a>
      </div>
      ${board?.premoderated
        ? html`<p class="calm">A moderator reads new posts on this board before they appear, to keep it gentle.</p>`
        : nothing}
      <form class="search-inline" role="search" action="/search" method="get" @submit=${onSearchSubmit}>
        <label for="search-q">Search this board</label>
        <input type="hidden" name="board" .value=${this.slug} />
        <div>
          <input id="search-q" name="q" type="search" maxlength="200" autocomplete="off" />
          <button type="submit" class="quiet">Search</button>
        </div>
      </form>
      <nav class="sorts" aria-label="Sort threads">
        <ul>
          ${SORTS.map(
            (s) => html`<li>
              <a href="/b/${encodeURIComponent(this.slug)}?sort=${s.key}" aria-current=${s.key === sort ? 'page' : nothing}
                >${s.label}</a
              >
            </li>`,
          )}
        </ul>
      </nav>
      ${taskView(
        this.#threads,
        (threads) =>
          threads.length === 0
            ? html`<p class="calm">
                ${sort === 'unanswered'
                  ? 'Everyone here has had a reply. Thank you for looking out for people.'
                  : 'Nobody has posted here yet. You would be very welcome to be the first.'}
              </p>`
            : html`<ul class="list">
                  ${[...threads, ...this.more].map((t) => this.#renderThread(t))}
                </ul>
                ${this.moreError ? html`<p role="alert" class="notice">${this.moreError}</p>` : nothing}
                ${this.moreCursor
                  ? html`<div class="actions"><button class="quiet" @click=${this.#loadMore}>Show more threads</button></div>`
                  : nothing}`,
        'threads',
      )}
    `;
  }
}

customElements.define('haven-board', HavenBoard);

declare global {
  interface HTMLElementTagNameMap {
    'haven-board': HavenBoard;
  }
}
