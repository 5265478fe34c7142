import { LitElement, css, html } from 'lit';
import { api, messageOf, seg } from '../api';
import { shared } from '../styles';
import { REACTIONS, type ReactionKind, type Reactions } from '../types';

const LABELS: Record<ReactionKind, string> = {
  hug: 'Hug',
  relate: 'I relate',
  thanks: 'Thank you',
  strength: 'Sending strength',
};

/**
 * Gentle reactions as toggle buttons (aria-pressed). There are no downvotes. Signed-out readers see
 * the same words as plain text, so nothing invites a click that cannot work.
 */
export class HavenReactions extends LitElement {
  static override properties = {
    postId: {},
    reactions: { attribute: false },
    mine: { attribute: false },
    interactive: { type: Boolean },
    busy: { state: true },
    error: { state: true },
  };
  static override styles = [
    shared,
    css`
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        list-style: none;
        padding: 0;
        margin: 0;
      }
      button,
      .still {
        font-size: 0.9rem;
        min-height: 2.25rem;
        padding: 0.25rem 0.85rem;
        background: transparent;
        color: var(--haven-text);
        border: 1px solid var(--haven-border);
        border-radius: 999px;
      }
      .still {
        display: inline-block;
        color: var(--haven-muted);
      }
      button:hover {
        background: var(--haven-accent-soft);
      }
      button[aria-pressed='true'] {
        background: var(--haven-accent-soft);
        border-color: var(--haven-accent);
        font-weight: 550;
      }
      .count {
        color: var(--haven-muted);
        font-variant-numeric: tabular-nums;
      }
      p {
        font-size: 0.92rem;
        margin: 0.5rem 0 0;
      }
    `,
  ];

  declare postId: string;
  declare reactions: Reactions;
  declare mine: ReactionKind[];
  declare interactive: boolean;
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.postId = '';
    this.reactions = { hug: 0, relate: 0, thanks: 0, strength: 0 };
    this.mine = [];
    this.interactive = false;
    this.busy = false;
    this.error = '';
  }

  async #toggle(kind: ReactionKind): Promise<void> {
    if (this.busy) return;
    const on = !this.mine.includes(kind);
    // Answer at once; the server's counts replace these when it replies.
    const before = { reactions: this.reactions, mine: this.mine };
    this.mine = on ? [...this.mine, kind] : this.mine.filter((k) => k !== kind);
    this.reactions = { ...this.reactions, [kind]: Math.max(0, this.reactions[kind] + (on ? 1 : -1)) };
    this.busy = true;
    this.error = '';
    try {
      const path = `/api/posts/${seg(this.postId)}/reactions/${kind}`;
      const result = on ? await api.put<{ reactions: Reactions }>(path) : await api.delete<{ reactions: Reactions }>(path);
      if (result?.reactions) this.reactions = result.reactions;
    } catch (error) {
      this.reactions = before.reactions;
      this.mine = before.mine;
      this.error = messageOf(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<ul>
        ${REACTIONS.map((kind) => {
          const count = this.reactions[kind] ?? 0;
          if (!this.interactive) {
            return count > 0 ? html`<li><span class="still">${LABELS[kind]} <span class="count">${count}</span></span></li>` : '';
          }
          return html`<li>
            <button
              type="button"
              aria-pressed=${this.mine.includes(kind) ? 'true' : 'false'}
              @click=${() => void this.#toggle(kind)}
            >
              ${LABELS[kind]}${count > 0 ? html` <span class="count">${count}</span>` : ''}
            </button>
          </li>`;
        })}
      </ul>
      ${this.error ? html`<p role="alert">${this.error}</p>` : ''}`;
  }
}

customElements.define('haven-reactions', HavenReactions);

declare global {
  interface HTMLElementTagNameMap {
    'haven-reactions': HavenReactions;
  }
}
