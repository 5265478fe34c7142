import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { api, seg } from '../api';
import { isModerator, sessionContext } from '../context/session';
import { taskView } from '../format';
import { onLive } from '../live';
import { shared } from '../styles';
import type { Page, QueueItem } from '../types';
import './haven-mod-item';

const TABS = [
  { status: 'open', label: 'Open' },
  { status: 'escalated', label: 'Escalated' },
  { status: 'resolved', label: 'Resolved' },
] as const;

/**
 * The moderation queue, most urgent first; reloads itself after every decision and whenever the
 * queue changes (a flag, another moderator's decision), live, without blanking what is on screen.
 */
export class HavenModeration extends LitElement {
  static override properties = { status: { state: true }, announcement: { state: true } };
  static override styles = [
    shared,
    css`
      .tabs {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        list-style: none;
        padding: 0;
        margin: 1rem 0;
      }
      .tabs button[aria-pressed='true'] {
        background: var(--haven-accent-soft);
        color: var(--haven-text);
        border-color: var(--haven-accent);
      }
      .items > li {
        margin: 0 0 1.25rem;
      }
    `,
  ];

  declare status: (typeof TABS)[number]['status'];
  declare announcement: string;

  constructor() {
    super();
    this.status = 'open';
    this.announcement = '';
  }
  #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  #stopLive: (() => void)[] = [];

  #queue = new Task(this, {
    task: async ([allowed, status], { signal }) => {
      if (!allowed) return null;
      const page = await api.get<Page<QueueItem>>(`/api/moderation/queue?status=${seg(status)}&limit=50`, signal);
      return { status, page };
    },
    args: () => [isModerator(this.#session.value?.user ?? null), this.status] as const,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopLive = [onLive('queue.changed', this.#onLive), onLive('resync', this.#onLive)];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopLive.forEach((stop) => stop());
  }

  #count = (): number => this.#queue.value?.page.items.length ?? 0;

  #onChanged = async (): Promise<void> => {
    await this.#queue.run();
    const count = this.#count();
    this.announcement = `Queue updated: ${count === 0 ? 'nothing waiting' : `${count} waiting`}.`;
  };

  /** Someone flagged a post or another moderator decided: refresh, and say so only when more is waiting. */
  #onLive = (): void => {
    const before = this.#count();
    void this.#queue.run().then(() => {
      const count = this.#count();
      if (count > before) this.announcement = `New in the queue: ${count} waiting.`;
    });
  };

  override render() {
    const session = this.#session.value;
    const me = session?.user;
    if (session?.ready && !isModerator(me ?? null)) {
      return html`<h1 tabindex="-1">Moderation queue</h1>
        <p class="calm">This page is for Haven's volunteer moderators.${me ? nothing : html` <a href="/signin?next=%2Fmoderation">Sign in</a> if you are one.`}</p>`;
    }
    return html`<h1 tabindex="-1">Moderation queue</h1>
      <p class="lede">Most urgent first: anyone who may be in crisis, then by how many people flagged. <a href="/moderation/log">Moderation log</a></p>
      <ul class="tabs" aria-label="Which items">
        ${TABS.map(
          (t) => html`<li>
            <button type="button" class="quiet" aria-pressed=${t.status === this.status ? 'true' : 'false'} @click=${() => (this.status = t.status)}>
              ${t.label}
            </button>
          </li>`,
        )}
      </ul>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      ${taskView(
        this.#queue,
        (result) =>
          !result || result.page.items.length === 0
            ? html`<p class="calm">Nothing here right now. Thank you for looking after people.</p>`
            : html`<ol class="list items" @haven-queue-changed=${this.#onChanged}>
                ${repeat(
                  result.page.items,
                  // Keyed, so a half-written decision stays with its item when others come and go.
                  (item) => item.id,
                  (item, i) => html`<li><haven-mod-item .item=${item} .me=${me?.pseudonym ?? ''} .position=${i + 1}></haven-mod-item></li>`,
                )}
              </ol>`,
        'the queue',
        // Keep the list through a live refresh of the same tab, not when another tab was chosen.
        { keep: this.#queue.value?.status === this.status },
      )}`;
  }
}

customElements.define('haven-moderation', HavenModeration);

declare global {
  interface HTMLElementTagNameMap {
    'haven-moderation': HavenModeration;
  }
}
