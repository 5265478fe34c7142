import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { Task } from '@lit/task';
import { api, messageOf, seg } from '../api';
import { taskView, when } from '../format';
import { onSearchSubmit } from '../search-form';
import { shared } from '../styles';
import type { Board, Page, SearchHit } from '../types';
import './haven-post-body';

/**
 * Search: the words and the board live in the URL (`/search?q=…&board=…`), so a search can be
 * bookmarked and Back returns to it. Each hit shows its thread, board and a snippet whose
 * highlights come from the server as `<mark>`; the snippet enters the page only through
 * `<haven-post-body kind="snippet">`, which lets `<mark>` and text through and nothing else.
 */
export class HavenSearch extends LitElement {
  static override properties = {
    q: {},
    board: {},
    more: { state: true },
    moreCursor: { state: true },
    moreError: { state: true },
    loadingMore: { state: true },
  };
  static override styles = [
    shared,
    css`
      form {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 14rem) auto;
        gap: 0 0.75rem;
        align-items: end;
        margin-bottom: 1.5rem;
      }
      form label {
        margin-top: 0;
      }
      /* One height for field, select and button, so their labels line up above them. */
      form input,
      form select,
      form button {
        height: 2.9rem;
        min-height: 2.9rem;
        box-sizing: border-box;
      }
      @media (max-width: 40rem) {
        form {
          grid-template-columns: minmax(0, 1fr);
          gap: 0.75rem;
        }
        form button {
          justify-self: start;
        }
      }
      .hits > li {
        margin: 0 0 1rem;
      }
      .hits h3 {
        font-size: 1.1rem;
        margin: 0 0 0.2rem;
      }
      .meta {
        font-size: 0.9rem;
        margin: 0 0 0.6rem;
      }
      .summary {
        font-size: 1.1rem;
        margin: 0 0 1rem;
      }
    `,
  ];

  declare q: string;
  declare board: string;
  /** Hits fetched with "Show more results", after the first page. */
  declare more: SearchHit[];
  declare moreCursor: string | null;
  declare moreError: string;
  declare loadingMore: boolean;

  constructor() {
    super();
    this.q = '';
    this.board = '';
    this.more = [];
    this.moreCursor = null;
    this.moreError = '';
    this.loadingMore = false;
  }

  #boards = new Task(this, {
    task: async (_args, { signal }) => (await api.get<{ items: Board[] }>('/api/boards', signal)).items,
    args: () => [],
  });

  #results = new Task(this, {
    task: async ([q, board], { signal }) => {
      if (!q.trim()) return null;
      const params = new URLSearchParams({ q: q.trim() });
      if (board) params.set('board', board);
      const page = await api.get<Page<SearchHit>>(`/api/search?${params.toString()}`, signal);
      this.moreCursor = page.nextCursor;
      return page.items;
    },
    args: () => [this.q, this.board] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The router reuses this element from one search to the next: start each one afresh.
    if (changed.has('q') || changed.has('board')) {
      this.more = [];
      this.moreCursor = null;
      this.moreError = '';
    }
    const title = this.q.trim() ? `Search: ${this.q.trim()}` : 'Search';
    document.title = `${title} · Haven`;
  }

  async #loadMore(): Promise<void> {
    const cursor = this.moreCursor;
    if (!cursor || this.loadingMore) return;
    this.loadingMore = true;
    const params = new URLSearchParams({ q: this.q.trim(), cursor });
    if (this.board) params.set('board', this.board);
    try {
      const page = await api.get<Page<SearchHit>>(`/api/search?${params.toString()}`);
      this.more = [...this.more, ...page.items];
      this.moreCursor = page.nextCursor;
      this.moreError = '';
    } catch (error) {
      this.moreError = messageOf(error);
    } finally {
      this.loadingMore = false;
    }
  }

  #boardName(slug: string): string {
    return this.#boards.value?.find((b) => b.slug === slug)?.name ?? slug;
  }

  #renderForm() {
    const boards = this.#boards.value ?? [];
    return html`<form role="search" action="/search" method="get" @submit=${onSearchSubmit}>
      <div>
        <label for="q">Search for</label>
        <input id="q" name="q" type="search" maxlength="200" autocomplete="off" .value=${this.q} />
      </div>
      <div>
        <label for="board">In</label>
        <select id="board" name="board" .value=${this.board}>
          <option value="" ?selected=${this.board === ''}>All boards</option>
          ${boards.map((b) => html`<option value=${b.slug} ?selected=${b.slug === this.board}>${b.name}</option>`)}
          ${this.board && !boards.some((b) => b.slug === this.board)
            ? html`<option value=${this.board} selected>${this.board}</option>`
            : nothing}
        </select>
      </div>
      <button type="submit">Search</button>
    </form>`;
  }

  #renderHit(hit: SearchHit) {
    return html`<li class="card">
      <h3><a href="/t/${seg(hit.thread.id)}">${hit.thread.title}</a></h3>
      <p class="muted meta">
        in ${hit.thread.board.name} · ${hit.post.author.kind === 'deleted' ? 'a former member' : hit.post.author.name}
        · ${when(hit.post.createdAt)}
      </p>
      <haven-post-body kind="snippet" .html=${hit.snippetHtml}></haven-post-body>
    </li>`;
  }

  #renderResults(hits: SearchHit[] | null) {
    if (hits === null) {
      return html`<p class="calm">
        Type a few words to find threads and replies, for example someone's story that felt like yours.
      </p>`;
    }
    const where = this.board ? ` in ${this.#boardName(this.board)}` : '';
    if (hits.length === 0) {
      return html`<p class="calm" role="status">
        Nothing matched “${this.q.trim()}”${where} yet. Fewer or different words may find more, and you are
        always welcome to
        <a href=${this.board ? `/b/${seg(this.board)}/new` : '/'}>start a thread</a> and ask.
      </p>`;
    }
    return html`<section aria-labelledby="results-heading">
      <h2 id="results-heading" class="summary">Results for “${this.q.trim()}”${where}</h2>
      <ul class="list hits">
        ${[...hits, ...this.more].map((hit) => this.#renderHit(hit))}
      </ul>
      ${this.moreError ? html`<p class="notice" role="alert">${this.moreError}</p>` : nothing}
      ${this.moreCursor
        ? html`<div class="actions">
            <button class="quiet" ?disabled=${this.loadingMore} @click=${this.#loadMore}>
              ${this.loadingMore ? 'Loading…' : 'Show more results'}
            </button>
          </div>`
        : nothing}
    </section>`;
  }

  override render() {
    return html`<h1 tabindex="-1">Search</h1>
      ${this.#renderForm()}
      ${taskView(this.#results, (hits) => this.#renderResults(hits), 'the results')}`;
  }
}

customElements.define('haven-search', HavenSearch);

declare global {
  interface HTMLElementTagNameMap {
    'haven-search': HavenSearch;
  }
}
