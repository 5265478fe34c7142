import { LitElement, css, html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import DOMPurify from 'dompurify';
import { sanitizeHtml } from '../../../api/markdown/sanitize';

/**
 * The ONE place HTML enters the page: a post's `bodyHtml`, a search snippet, or the composer's
 * preview. The server already sanitised it; this second DOMPurify pass with the very same
 * allow-list means a bug or a compromised response on the way still cannot run script here.
 * Everything else in the app binds user text as text.
 */
export class HavenPostBody extends LitElement {
  static override properties = { html: {} };
  static override styles = css`
    :host {
      display: block;
      overflow-wrap: anywhere;
    }
    :host > div > :first-child {
      margin-top: 0;
    }
    :host > div > :last-child {
      margin-bottom: 0;
    }
    p,
    ul,
    ol,
    pre,
    blockquote {
      margin: 0 0 0.85rem;
    }
    a {
      color: var(--haven-accent);
      text-underline-offset: 0.2em;
    }
    a:focus-visible {
      outline: 3px solid var(--haven-focus);
      outline-offset: 2px;
    }
    blockquote {
      border-left: 3px solid var(--haven-border);
      padding-left: 1rem;
      color: var(--haven-muted);
    }
    code {
      font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
      font-size: 0.92em;
      background: var(--haven-accent-soft);
      padding: 0.05rem 0.3rem;
      border-radius: 0.3rem;
    }
    pre {
      overflow-x: auto;
      background: var(--haven-accent-soft);
      padding: 0.75rem 1rem;
      border-radius: 0.5rem;
    }
    pre code {
      background: none;
      padding: 0;
    }
    h3,
    h4,
    h5,
    h6 {
      font-size: 1.05rem;
      margin: 1rem 0 0.5rem;
    }
    hr {
      border: 0;
      border-top: 1px solid var(--haven-border);
    }
  `;

  declare html: string;

  constructor() {
    super();
    this.html = '';
  }

  override render() {
    return html`<div>${unsafeHTML(sanitizeHtml(DOMPurify, this.html))}</div>`;
  }
}

customElements.define('haven-post-body', HavenPostBody);

declare global {
  interface HTMLElementTagNameMap {
    'haven-post-body': HavenPostBody;
  }
}
