import { LitElement, css, html } from 'lit';
import { safeHttpsUrl } from '../format';
import { shared } from '../styles';
import type { Resource } from '../types';

/** A list of crisis resources: name, how to reach them, and their site (https only). */
export class HavenResourceList extends LitElement {
  static override properties = { resources: { attribute: false } };
  static override styles = [
    shared,
    css`
      li {
        padding: 0.75rem 0;
        border-bottom: 1px solid var(--haven-border);
      }
      li:last-child {
        border-bottom: 0;
      }
      .name {
        font-weight: 600;
        display: block;
      }
      .contact {
        display: block;
      }
    `,
  ];

  declare resources: Resource[];

  constructor() {
    super();
    this.resources = [];
  }

  override render() {
    return html`<ul class="list">
      ${this.resources.map((r) => {
        const url = safeHttpsUrl(r.url);
        return html`<li>
          <span class="name">${r.name}</span>
          <span class="contact">${r.contact}</span>
          ${url ? html`<a href=${url} rel="noopener noreferrer">${new URL(url).hostname}</a>` : ''}
        </li>`;
      })}
    </ul>`;
  }
}

customElements.define('haven-resource-list', HavenResourceList);

declare global {
  interface HTMLElementTagNameMap {
    'haven-resource-list': HavenResourceList;
  }
}
