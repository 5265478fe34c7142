import { LitElement, css, html, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { api } from '../api';
import { sessionContext } from '../context/session';
import { plural, taskView, when } from '../format';
import { onLive } from '../live';
import { shared } from '../styles';
import type { Notification, NotificationPage } from '../types';
import './haven-resource-list';

const REACTION_WORDS: Record<string, string> = { hug: 'a hug', relate: 'a "me too"', thanks: 'thanks', strength: 'strength' };

/** What a notification says, in plain words. Every name in it is bound as text by Lit. */
function sentence(n: Notification): string {
  const where = n.thread ? ` in “${n.thread.title}”` : '';
  switch (n.kind) {
    case 'reply':
      return `${n.actor?.name ?? 'Someone'} replied${where}.`;
    case 'reaction': {
      const count = n.data.count ?? 1;
      const what = count === 1 ? (REACTION_WORDS[n.data.reaction ?? ''] ?? 'a kind reaction') : plural(count, 'kind reaction');
      return `Your post${where} received ${what}.`;
    }
    case 'moderation':
      switch (n.data.action) {
        case 'approve':
          return `A moderator approved your post${where}. Everyone can read it now.`;
        case 'hide':
          return `A moderator hid your post${where}.`;
        case 'remove':
          return `A moderator removed your post${where}.`;
        case 'suspend':
          return 'A moderator paused your account for a while.';
        default:
          return `A moderator looked at your post${where}.`;
      }
    case 'crisis':
      return 'Someone on Haven is thinking of you. If things feel heavy right now, these people are there to talk, any time.';
  }
}

/**
 * Notifications, newest first, refreshed live. Opening the page marks them read
 * (POST /api/notifications/read).
 *
 * @fires haven-notifications-read - after they have been marked read, so the header's count goes
 */
export class HavenNotifications extends LitElement {
  static override styles = [
    shared,
    css`
      /* .list (no padding) is declared after .card in the shared sheet; give the card its room back. */
      ul.card {
        padding: 0.25rem 1.5rem;
      }
      @media (max-width: 30rem) {
        ul.card {
          padding: 0.25rem 1rem;
        }
      }
      .help {
        margin-top: 0.6rem;
        padding: 0.25rem 1rem;
        border-radius: var(--haven-radius);
        background: var(--haven-accent-soft);
      }
      li.note {
        padding: 0.85rem 0;
        border-bottom: 1px solid var(--haven-border);
      }
      li.note:last-child {
        border-bottom: 0;
      }
      .new {
        font-size: 0.85rem;
        color: var(--haven-accent);
        font-weight: 600;
        margin-right: 0.4rem;
      }
      .reason {
        display: block;
        margin-top: 0.25rem;
      }
      .when {
        display: block;
        font-size: 0.88rem;
      }
    `,
  ];

  #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  #stopLive: (() => void)[] = [];

  #list = new Task(this, {
    task: async ([signedIn], { signal }) => {
      if (!signedIn) return null;
      const page = await api.get<NotificationPage>('/api/notifications', signal);
      const newest = page.items[0];
      if (newest && page.unread > 0) {
        await api.post('/api/notifications/read', { upTo: newest.id }).catch(() => undefined);
        this.dispatchEvent(new Event('haven-notifications-read', { bubbles: true, composed: true }));
      }
      return page.items;
    },
    args: () => [Boolean(this.#session.value?.user)],
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopLive = [
      onLive('notification', () => void this.#list.run()),
      onLive('resync', () => void this.#list.run()),
    ];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopLive.forEach((stop) => stop());
  }

  #renderItem(n: Notification) {
    const text = sentence(n);
    const reason = n.data.reason;
    return html`<li class="note">
      ${n.read ? nothing : html`<span class="new">New</span>`}
      ${n.thread ? html`<a href="/t/${encodeURIComponent(n.thread.id)}">${text}</a>` : text}
      ${reason ? html`<span class="reason">Their reason: ${reason}</span>` : nothing}
      ${n.kind === 'moderation' && n.thread && (n.data.action === 'remove' || n.data.action === 'hide')
        ? html`<span class="reason"
            >If you think this was a mistake, you can
            <a href="/t/${encodeURIComponent(n.thread.id)}">ask for another look</a> from your post.</span
          >`
        : nothing}
      ${n.kind === 'moderation' && n.data.suspendedUntil
        ? html`<span class="reason">You can post again ${when(n.data.suspendedUntil)}.</span>`
        : nothing}
      ${n.kind === 'crisis' && n.data.resources?.length
        ? html`<div class="help"><haven-resource-list .resources=${n.data.resources}></haven-resource-list></div>`
        : nothing}
      <span class="when muted">${when(n.createdAt)}</span>
    </li>`;
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
                    ${items.map((n) => this.#renderItem(n))}
                  </ul>`,
            'your notifications',
            { keep: true },
          )}`;
  }
}

customElements.define('haven-notifications', HavenNotifications);

declare global {
  interface HTMLElementTagNameMap {
    'haven-notifications': HavenNotifications;
  }
}
