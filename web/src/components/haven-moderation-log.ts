import { LitElement, css, html, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { api } from '../api';
import { isModerator, sessionContext } from '../context/session';
import { taskView, when } from '../format';
import { shared } from '../styles';
import type { LogEntry, Page } from '../types';

/** Every moderator action: who, what, when, why. */
export class HavenModerationLog extends LitElement {
  static override styles = [
    shared,
    css`
      .table-wrap {
        overflow-x: auto;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: 0.95rem;
      }
      th,
      td {
        text-align: left;
        padding: 0.5rem 0.6rem;
        border-bottom: 1px solid var(--haven-border);
        vertical-align: top;
      }
      td.reason {
        overflow-wrap: anywhere;
        min-width: 12rem;
      }
    `,
  ];

  #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  #log = new Task(this, {
    task: async ([allowed], { signal }) => (allowed ? await api.get<Page<LogEntry>>('/api/moderation/log?limit=100', signal) : null),
    args: () => [isModerator(this.#session.value?.user ?? null)],
  });

  override render() {
    const session = this.#session.value;
    if (session?.ready && !isModerator(session.user)) {
      return html`<h1 tabindex="-1">Moderation log</h1><p class="calm">This page is for Haven's volunteer moderators.</p>`;
    }
    return html`<h1 tabindex="-1">Moderation log</h1>
      <p class="lede">Every moderator action, newest first. <a href="/moderation">Back to the queue</a></p>
      ${taskView(
        this.#log,
        (page) =>
          !page || page.items.length === 0
            ? html`<p class="calm">No actions yet.</p>`
            : // Scrolls sideways on a phone: focusable and named, so a keyboard can scroll it too.
              html`<div class="table-wrap card" tabindex="0" role="region" aria-label="Moderation actions">
                <table>
                  <caption class="visually-hidden">Moderation actions</caption>
                  <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Why</th></tr></thead>
                  <tbody>
                    ${page.items.map(
                      (e) => html`<tr>
                        <td>${when(e.createdAt)}</td>
                        <td>${e.actor}</td>
                        <td>${e.action}${e.subject ? html` · ${e.subject}` : nothing}</td>
                        <td class="reason">${e.reason ?? ''}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`,
        'the log',
      )}`;
  }
}

customElements.define('haven-moderation-log', HavenModerationLog);

declare global {
  interface HTMLElementTagNameMap {
    'haven-moderation-log': HavenModerationLog;
  }
}
