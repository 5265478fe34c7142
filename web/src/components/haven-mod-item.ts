import { LitElement, css, html, nothing } from 'lit';
import { api, ApiError, messageOf, seg } from '../api';
import { plural, when } from '../format';
import { shared } from '../styles';
import type { Decision, QueueItem } from '../types';
import { authorLabel, postCard } from './haven-post';
import './haven-post-body';

const REASON_LABEL: Record<string, string> = {
  crisis: 'may be in crisis',
  harassment: 'harassment',
  spam: 'spam',
  harmful: 'harmful',
  other: 'other',
};

const ACTIONS: { action: Decision; label: string; hint: string }[] = [
  { action: 'approve', label: 'Approve', hint: 'Publish it (if held) and dismiss the flags.' },
  { action: 'hide', label: 'Hide', hint: 'Take it down for now; the author sees your reason.' },
  { action: 'remove', label: 'Remove', hint: 'Take it down for good; the author sees your reason.' },
  { action: 'escalate', label: 'Escalate', hint: 'Hand it to an admin.' },
];

/**
 * One moderation item: the post as members would see it, why it is here (flags with their notes,
 * automatic rules), the author's history without their identity, edits, and the decisions.
 *
 * @fires haven-queue-changed - after a claim, decision or suspension, so the queue reloads
 */
export class HavenModItem extends LitElement {
  static override properties = {
    item: { attribute: false },
    me: {},
    position: { type: Number },
    busy: { state: true },
    error: { state: true },
    done: { state: true },
  };
  static override styles = [
    shared,
    postCard,
    css`
      article.crisis {
        border-left: 6px solid var(--haven-accent);
      }
      h2 {
        font-size: 1.1rem;
      }
      .why {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        list-style: none;
        padding: 0;
        margin: 0.5rem 0;
      }
      .why li {
        font-size: 0.88rem;
        border-radius: 999px;
        padding: 0.1rem 0.65rem;
        background: var(--haven-note);
        color: var(--haven-note-text);
      }
      .why li.rule {
        background: var(--haven-accent-soft);
        color: var(--haven-text);
      }
      .meta {
        font-size: 0.92rem;
      }
      .post {
        border: 1px solid var(--haven-border);
        border-radius: 0.5rem;
        padding: 0.85rem 1rem;
        margin: 0.75rem 0;
        background: var(--haven-bg);
      }
      .post header {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.6rem;
        font-size: 0.92rem;
        margin-bottom: 0.5rem;
      }
      .name {
        font-weight: 600;
      }
      .tag {
        font-size: 0.8rem;
        border: 1px solid var(--haven-border);
        border-radius: 999px;
        padding: 0 0.5rem;
      }
      blockquote {
        margin: 0.25rem 0 0.5rem;
        padding-left: 0.75rem;
        border-left: 3px solid var(--haven-border);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      pre {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        font: inherit;
        margin: 0.25rem 0 0.75rem;
      }
      details {
        margin: 0.5rem 0;
      }
      summary {
        cursor: pointer;
        color: var(--haven-accent);
      }
      fieldset {
        border: 1px solid var(--haven-border);
        border-radius: 0.5rem;
        margin: 1rem 0 0;
        padding: 0.5rem 1rem 1rem;
      }
      legend {
        font-weight: 600;
        padding: 0 0.3rem;
      }
      .choices {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
        gap: 0 1rem;
      }
      .choices .check {
        margin: 0.5rem 0;
      }
      input[type='number'] {
        max-width: 8rem;
      }
    `,
  ];

  declare item: QueueItem;
  declare me: string;
  declare position: number;
  declare busy: boolean;
  declare error: string;
  declare done: string;

  constructor() {
    super();
    this.me = '';
    this.position = 0;
    this.busy = false;
    this.error = '';
    this.done = '';
  }

  async #send(path: string, body: unknown, done: string): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      await api.post(path, body);
      this.done = done;
      this.dispatchEvent(new Event('haven-queue-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.error =
        error instanceof ApiError && error.status === 409
          ? `${error.message} The queue has been refreshed.`
          : messageOf(error);
      if (error instanceof ApiError && error.status === 409) {
        this.dispatchEvent(new Event('haven-queue-changed', { bubbles: true, composed: true }));
      }
    } finally {
      this.busy = false;
    }
  }

  #claim(): Promise<void> {
    return this.#send(`/api/moderation/items/${seg(this.item.id)}/claim`, undefined, 'You have claimed this item.');
  }

  #decide(event: SubmitEvent): Promise<void> | void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const action = data.get('action');
    const reason = String(data.get('reason') ?? '').trim();
    if (typeof action !== 'string') {
      this.error = 'Please choose a decision.';
      return;
    }
    if (action !== 'approve' && reason === '') {
      this.error = 'Please give a reason. The author will read it, so be kind and clear.';
      return;
    }
    return this.#send(
      `/api/moderation/items/${seg(this.item.id)}/decision`,
      { action, reason, version: this.item.version },
      'Decision recorded.',
    );
  }

  #suspend(event: SubmitEvent): Promise<void> | void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const days = Number(data.get('days'));
    const reason = String(data.get('reason') ?? '').trim();
    if (!Number.isInteger(days) || days < 1 || days > 365) {
      this.error = 'A suspension lasts between 1 and 365 days.';
      return;
    }
    if (reason === '') {
      this.error = 'Please give a reason for the suspension; the member will see it.';
      return;
    }
    return this.#send(`/api/moderation/items/${seg(this.item.id)}/suspend`, { days, reason }, `The author is suspended for ${plural(days, 'day')}.`);
  }

  #renderPost() {
    const { post } = this.item;
    const body = html`<haven-post-body .html=${post.bodyHtml}></haven-post-body>`;
    return html`<div class="post">
      <header>
        ${authorLabel(post.author)}
        <span class="muted">${when(post.createdAt)}${post.editedAt ? ' · edited' : ''}</span>
        <span class="tag">${post.status}</span>
      </header>
      ${post.status === 'deleted'
        ? html`<p class="muted">The author deleted this post.</p>`
        : post.contentWarning
          ? html`<details><summary>Content warning: ${post.contentWarning}. Show post</summary>${body}</details>`
          : body}
    </div>`;
  }

  override render() {
    const item = this.item;
    const id = `item-${item.id}`;
    const claimedByOther = item.claimedBy !== null && item.claimedBy !== this.me;
    const open = item.status !== 'resolved';
    const edits = item.editHistory ?? [];
    return html`<article class=${item.crisis ? 'crisis' : ''} aria-labelledby="${id}-title">
      <h2 id="${id}-title">
        ${this.position ? html`<span class="muted">${this.position}.</span> ` : nothing}
        ${item.crisis ? 'Someone may be in crisis: ' : nothing}<a href="/t/${encodeURIComponent(item.thread.id)}">${item.thread.title}</a>
      </h2>
      <p class="meta muted">
        In ${item.thread.board.name} · reported ${when(item.createdAt)} · ${item.status}
        ${item.claimedBy ? html` · claimed by ${item.claimedBy === this.me ? 'you' : item.claimedBy}` : nothing}
      </p>
      <ul class="why" aria-label="Why it is here">
        ${item.reasons.map((r) => html`<li>${REASON_LABEL[r.reason] ?? r.reason}${r.count > 1 ? ` × ${r.count}` : ''}</li>`)}
        ${item.automatic.map((rule) => html`<li class="rule">rule: ${rule}</li>`)}
      </ul>
      ${item.reasons.some((r) => r.notes.length > 0)
        ? html`<details open>
            <summary>Notes from members</summary>
            ${item.reasons.flatMap((r) => r.notes.map((note) => html`<blockquote>${note}</blockquote>`))}
          </details>`
        : nothing}
      ${item.appealNote ? html`<p class="notice">The author appealed: <q>${item.appealNote}</q></p>` : nothing}
      ${this.#renderPost()}
      <p class="meta muted">
        The author ${item.authorHistory.accountAgeDays === null
          ? 'has deleted their account'
          : item.authorHistory.accountAgeDays === 0
            ? 'joined today'
            : `joined ${plural(item.authorHistory.accountAgeDays, 'day')} ago`}
        and has ${plural(item.authorHistory.removedPosts, 'other post')} taken down.
      </p>
      ${edits.length > 0
        ? html`<details>
            <summary>Edit history (${plural(edits.length, 'earlier version')})</summary>
            ${edits.map(
              (e) => html`<p class="muted meta">Version from ${when(e.editedAt)}${e.contentWarning ? ` · content warning: ${e.contentWarning}` : ''}</p>
                <pre>${e.body}</pre>`,
            )}
          </details>`
        : html`<p class="meta muted">Not edited.</p>`}
      ${item.decision ? html`<p class="calm">Decided: ${item.decision}${item.decisionReason ? html` · “${item.decisionReason}”` : nothing}</p>` : nothing}
      ${this.done ? html`<p class="calm" role="status">${this.done}</p>` : nothing}
      ${this.error ? html`<p class="notice" role="alert">${this.error}</p>` : nothing}
      ${open
        ? html`<div class="actions">
              <button type="button" class="quiet" ?disabled=${this.busy || item.claimedBy === this.me} @click=${this.#claim}>
                ${item.claimedBy === this.me ? 'Claimed by you' : claimedByOther ? 'Take over claim' : 'Claim'}
              </button>
            </div>
            <form @submit=${this.#decide}>
              <fieldset>
                <legend>Decide</legend>
                <div class="choices">
                  ${ACTIONS.map(
                    (a) => html`<label class="check">
                      <input type="radio" name="action" value=${a.action} />
                      <span><strong>${a.label}</strong><span class="hint">${a.hint}</span></span>
                    </label>`,
                  )}
                </div>
                <label for="${id}-reason">Reason</label>
                <span class="hint" id="${id}-reason-hint">The author sees this if the post is hidden or removed.</span>
                <textarea id="${id}-reason" name="reason" maxlength="500" aria-describedby="${id}-reason-hint"></textarea>
                <div class="actions"><button type="submit" ?disabled=${this.busy}>Record decision</button></div>
              </fieldset>
            </form>
            <details>
              <summary>Suspend the author</summary>
              <form @submit=${this.#suspend}>
                <label for="${id}-days">Days</label>
                <input id="${id}-days" name="days" type="number" min="1" max="365" value="3" />
                <label for="${id}-suspend-reason">Reason for the suspension</label>
                <span class="hint" id="${id}-suspend-hint">The member sees this. You will not see who they are.</span>
                <textarea id="${id}-suspend-reason" name="reason" maxlength="500" aria-describedby="${id}-suspend-hint"></textarea>
                <div class="actions"><button type="submit" class="quiet" ?disabled=${this.busy}>Suspend</button></div>
              </form>
            </details>`
        : nothing}
    </article>`;
  }
}

customElements.define('haven-mod-item', HavenModItem);

declare global {
  interface HTMLElementTagNameMap {
    'haven-mod-item': HavenModItem;
  }
}
