import { LitElement, css, html } from 'lit';
import { shared } from '../styles';
import type { Resource } from '../types';
import './haven-resource-list';

/**
 * Shown to an author at once when what they wrote reads as a crisis. Calm, not alarming: the post
 * is published as usual, and here are people who can talk right now. Focus moves here when it appears.
 */
export class HavenCrisisPanel extends LitElement {
  static override properties = { resources: { attribute: false } };
  static override styles = [
    shared,
    css`
      section {
        background: var(--haven-accent-soft);
        border-radius: var(--haven-radius);
        padding: 1.25rem 1.5rem;
        margin: 1rem 0 1.5rem;
      }
      h2:focus {
        outline: none;
      }
      h2:focus-visible {
        outline: 3px solid var(--haven-focus);
      }
    `,
  ];

  declare resources: Resource[];

  constructor() {
    super();
    this.resources = [];
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector('h2')?.focus();
  }

  override render() {
    return html`<section aria-labelledby="crisis-heading">
      <h2 id="crisis-heading" tabindex="-1">You don't have to carry this alone</h2>
      <p>
        Thank you for writing this down; people here will read it. It sounds really heavy right now. If you feel you might not be
        safe, these people are there right now, any time of day:
      </p>
      <haven-resource-list .resources=${this.resources}></haven-resource-list>
      <p><a href="/resources">All crisis resources</a></p>
    </section>`;
  }
}

customElements.define('haven-crisis-panel', HavenCrisisPanel);

declare global {
  interface HTMLElementTagNameMap {
    'haven-crisis-panel': HavenCrisisPanel;
  }
}
