import { LitElement, css, html } from 'lit';
import { Task } from '@lit/task';
import { api } from '../api';
import { taskView, when } from '../format';
import { onSearchSubmit } from '../search-form';
import { shared } from '../styles';
import type { Board } from '../types';

/** The home page: a short welcome and the boards. */
export class HavenHome extends LitElement {
  static override styles = [
    shared,
    css`
      .boards a {
        display: block;
        text-decoration: none;
        color: inherit;
      }
      .boards a:hover h2 {
        text-decoration: underline;
      }
      .boards h2 {
        color: var(--haven-accent);
      }
      .boards p {
        margin: 0.25rem 0 0;
      }
      .meta {
        font-size: 0.9rem;
      }
    `,
  ];

  #boards = new Task(this, {
    task: async (_args, { signal }) => (await api.get<{ items: Board[] }>('/api/boards', signal)).items,
    args: () => [],
  });

  override render() {
    return html`
      <h1 tabindex="-1">Welcome to Haven</h1>
      <p class="lede">A quiet place to be heard. Post under a pseudonym, read at your own pace, and reply with kindness.</p>
      <form class="search-inline" role="search" action="/search" method="get" @submit=${onSearchSubmit}>
        <label for="search-q">Search every board</label>
        <div>
          <input id="search-q" name="q" type="search" maxlength="200" autocomplete="off" />
          <button type="submit" class="quiet">Search</button>
        </div>
      </form>
      <section aria-labelledby="boards-heading">
        <h2 id="boards-heading" class="visually-hidden">Boards</h2>
        ${taskView(
          this.#boards,
          (boards) => html`<ul class="list boards">
            ${boards.map(
              (b) => html`<li class="card">
                <a href="/b/${encodeURIComponent(b.slug)}">
                  <h2>${b.name}</h2>
                  <p>${b.description}</p>
                  ${b.lastActivityAt ? html`<p class="muted meta">Last active ${when(b.lastActivityAt)}</p>` : ''}
                </a>
              </li>`,
            )}
          </ul>`,
          'the boards',
        )}
      </section>
    `;
  }
}

customElements.define('haven-home', HavenHome);

declare global {
  interface HTMLElementTagNameMap {
    'haven-home': HavenHome;
  }
}
