import { LitElement, css, html, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { api } from '../api';
import { sessionContext } from '../context/session';
import { taskView, when } from '../format';
import { isUnread } from '../notifications';
import { onLive } from '../live';
import { shared } from '../styles';
import type { Notification, Page } from '../types';

/** What a notification says, whichever field the server uses for its sentence. */
function textOf(n: Notification): string {
  return n.message ?? n.text ?? 'Something happened on one of your posts.';
}

/**
 * Notifications, newest first. Opening the page marks them read (POST /api/notifications/read).
 *
 * @fires haven-notifications-read - after they have been marked read, so the header's dot goes
 */
export class HavenNotifications extends LitElement {
  static override styles = [
    shared,
    css`
      li {
        padding: 0.85rem 0;
        border-bottom: 1px solid var(--haven-border);
      }
      li:last-child {
        border-bottom: 0;
      }
      .new {
        font-size: 0.85rem;
        color: var(--haven-accent);
        font-weight: 600;
        margin-right: 0.4rem;
      }
      .when {
        display: block;
        font-size: 0.88rem;
      }
    `,
  ];

  #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  #stopLive: (() => void) | null = null;

  #list = new Task(this, {
    task: async ([signedIn], { signal }) => {
      if (!signedIn) return null;
      const page = await api.get<Page<Notification>>('/api/notifications', signal);
      const newest = page.items[0];
      if (newest && page.items.some(isUnread)) {
        await api.post('/api/notifications/read', { upTo: newest.id }).catch(() => undefined);
        this.dispatchEvent(new Event('haven-notifications-read', { bubbles: true, composed: true }));
      }
      return page.items;
    },
    args: () => [Boolean(this.#session.value?.user)],
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopLive = onLive('notification', () => void this.#list.run());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopLive?.();
  }

  override render() {
    const session = this.#session.value;
    return html`<h1 tabindex="-1">Notifications</h1>
      ${session?.ready && !session.user
        ? html`<p class="calm"><a href="/signin?next=%2Fnotifications">Sign in</a> to see replies and kind words on your posts.</p>`
        : taskView(
            this.#list,
            (items) =>
              !items || items.length === 0
                ? html`<p class="calm">Nothing new. When someone replies to you or reacts to your posts, you will see it here.</p>`
                : html`<ul class="list card">
                    ${items.map(
                      (n) => html`<li>
                        ${isUnread(n) ? html`<span class="new">New</span>` : nothing}
                        ${n.threadId ? html`<a href="/t/${encodeURIComponent(n.threadId)}">${textOf(n)}</a>` : textOf(n)}
                        <span class="when muted">${when(n.createdAt)}</span>
                      </li>`,
                    )}
                  </ul>`,
            'your notifications',
          )}`;
  }
}

customElements.define('haven-notifications', HavenNotifications);

declare global {
  interface HTMLElementTagNameMap {
    'haven-notifications': HavenNotifications;
  }
}
