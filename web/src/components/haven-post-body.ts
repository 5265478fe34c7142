import { LitElement, css, html, type PropertyValues } from 'lit';
import type { DOMPurify } from 'dompurify';
import {
  applyLinkPolicy,
  sanitizeHtml,
  sanitizerApiConfig,
  sanitizeSnippet,
  snippetSanitizerApiConfig,
} from '../../../api/markdown/sanitize';

type SetHTML = (html: string, options: { sanitizer: SanitizerConfig }) => void;

const SANITIZER: SanitizerConfig = sanitizerApiConfig();
const SNIPPET_SANITIZER: SanitizerConfig = snippetSanitizerApiConfig();

let purify: Promise<DOMPurify> | null = null;
/** DOMPurify (~11.7 KB gzipped) is fetched only by browsers without the HTML Sanitizer API. */
const loadPurify = (): Promise<DOMPurify> => (purify ??= import('dompurify').then((m) => m.default));

/**
 * The ONE place HTML enters the page: a post's `bodyHtml`, the composer's preview, or (with
 * `kind="snippet"`, an allow-list of `<mark>` alone) a search hit's `snippetHtml`. The server
 * already sanitised it; this second pass with the very same allow-list (SANITIZE_CONFIG) means a
 * bug or a compromised response on the way still cannot run script here. Where the browser has
 * the HTML Sanitizer API, `setHTML` parses and sanitises straight into the element, with no
 * sanitised string parsed a second time (so no mutation XSS) and no bytes to download; elsewhere
 * DOMPurify is loaded on demand. Everything else in the app binds user text as text.
 */
export class HavenPostBody extends LitElement {
  static override properties = { html: {}, kind: {} };
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
    mark {
      background: var(--haven-accent-soft);
      color: inherit;
      font-weight: 600;
      border-radius: 0.2rem;
      padding: 0 0.1rem;
    }
  `;

  declare html: string;
  /** `post`: markdown-rendered HTML (SANITIZE_CONFIG); `snippet`: text with `<mark>` only. */
  declare kind: 'post' | 'snippet';

  constructor() {
    super();
    this.html = '';
    this.kind = 'post';
  }

  // The template has no bindings inside the div, so Lit never touches what #fill puts there.
  override render() {
    return html`<div></div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('html') || changed.has('kind')) void this.#fill(this.html);
  }

  async #fill(dirty: string): Promise<void> {
    const target = this.renderRoot.querySelector('div');
    if (!target) return;
    const native = (target as Element & { setHTML?: SetHTML }).setHTML;
    const snippet = this.kind === 'snippet';
    if (typeof native === 'function') {
      native.call(target, dirty, { sanitizer: snippet ? SNIPPET_SANITIZER : SANITIZER });
      // The Sanitizer API drops javascript: URLs only; our policy (absolute http(s)/mailto, no
      // credentials, our rel) is applied to what it kept.
      for (const anchor of Array.from(target.querySelectorAll('a'))) applyLinkPolicy(anchor);
      return;
    }
    const dompurify = await loadPurify();
    if (dirty !== this.html) return; // a newer body arrived while DOMPurify loaded; it fills itself
    target.innerHTML = snippet ? sanitizeSnippet(dompurify, dirty) : sanitizeHtml(dompurify, dirty);
  }
}

customElements.define('haven-post-body', HavenPostBody);

declare global {
  interface HTMLElementTagNameMap {
    'haven-post-body': HavenPostBody;
  }
}
