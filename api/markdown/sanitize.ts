/**
 * The sanitising half of Haven's markdown configuration: the DOMPurify allow-list and link policy.
 * Kept apart from config.ts (which re-exports all of it) because it must not import markdown-it:
 * the web app re-sanitises every post it shows with this allow-list (through the browser's own
 * Sanitizer API, or DOMPurify where that is missing), and readers must not download a parser.
 */
import type { Config, DOMPurify, ElementHook } from 'dompurify';

/**
 * Every link is user content pointing off-site: `nofollow ugc` tells search engines we do not vouch
 * for it, `noopener` cuts `window.opener`, and `noreferrer` keeps the thread's address (which can
 * name the board, e.g. a self-harm board) away from the linked server.
 */
export const LINK_REL = 'nofollow ugc noopener noreferrer';

const ALLOWED_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);

/**
 * True for an absolute http, https or mailto URL. The prefix test runs on the raw string so that
 * leading spaces, control characters or `java\tscript:` tricks fail; the WHATWG parse then checks
 * the scheme the browser itself would see. Relative URLs fail on purpose: a post has no business
 * pointing at API paths, and a protocol-relative `//host` would leave the site anyway. Addresses
 * with credentials fail too: `https://bank.example@evil.example` is a phishing disguise.
 */
export function isAllowedLinkUrl(url: string): boolean {
  if (!/^(?:https?:\/\/[^/\\\s]|mailto:[^\s])/i.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  return parsed.protocol === 'mailto:' || parsed.hostname !== '';
}

/**
 * The DOMPurify allow-list: exactly what `createMarkdown()` can emit, nothing more. Everything is
 * HTML namespace only, which closes the SVG/MathML namespace-confusion (mXSS) family of bypasses.
 */
export const SANITIZE_CONFIG = Object.freeze({
  ALLOWED_TAGS: Object.freeze(
    'p br strong em s del code pre blockquote ul ol li a h3 h4 h5 h6 hr'.split(' '),
  ),
  // `start` keeps "3. …" numbered from 3; `title` is the markdown link title, plain text.
  ALLOWED_ATTR: Object.freeze(['href', 'rel', 'title', 'start']),
  // DOMPurify checks non-URI attribute values against the URI regexp; rel and start are not URIs.
  ADD_URI_SAFE_ATTR: Object.freeze(['rel', 'start']),
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
  ALLOWED_NAMESPACES: Object.freeze(['http://www.w3.org/1999/xhtml']),
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOW_SELF_CLOSE_IN_ATTR: false,
  KEEP_CONTENT: true,
  RETURN_TRUSTED_TYPE: false,
});

/** A fresh, mutable DOMPurify config: the exported one is frozen so nobody widens it in place. */
function purifyConfig(): Config {
  const c = SANITIZE_CONFIG;
  return {
    ...c,
    ALLOWED_TAGS: [...c.ALLOWED_TAGS],
    ALLOWED_ATTR: [...c.ALLOWED_ATTR],
    ADD_URI_SAFE_ATTR: [...c.ADD_URI_SAFE_ATTR],
    ALLOWED_NAMESPACES: [...c.ALLOWED_NAMESPACES],
  };
}

/**
 * The link policy for one `<a>` whose attributes a sanitiser has already vetted: without an
 * allowed absolute href it is unwrapped (its text stays, the link goes); otherwise it gets our rel.
 * Children are moved after the anchor before it is removed, the way DOMPurify itself unwraps, so
 * its node iterator still visits and sanitises them.
 */
export function applyLinkPolicy(anchor: Element): void {
  const href = anchor.getAttribute('href');
  if (href !== null && isAllowedLinkUrl(href)) {
    anchor.setAttribute('rel', LINK_REL);
    return;
  }
  const parent = anchor.parentNode;
  if (!parent) return;
  while (anchor.lastChild) parent.insertBefore(anchor.lastChild, anchor.nextSibling);
  parent.removeChild(anchor);
}

const enforceLinkPolicy: ElementHook = (node) => {
  if (node.localName === 'a') applyLinkPolicy(node);
};

/**
 * The same allow-list as SANITIZE_CONFIG, in the shape of the browser's HTML Sanitizer API
 * (`element.setHTML(html, { sanitizer })`). Element names given as strings are HTML-namespace
 * only, as in DOMPurify; `setHTML` also always drops script, event handlers and javascript: URLs
 * whatever the list says. One difference, on the strict side: an element outside the list goes
 * with its content (DOMPurify keeps the text), which only matters for HTML the server's markdown
 * pipeline never emits. Run `applyLinkPolicy` on every `<a>` afterwards: the Sanitizer API has no
 * URL policy of its own beyond dropping javascript:.
 */
export function sanitizerApiConfig(): {
  elements: string[];
  attributes: string[];
  comments: false;
  dataAttributes: false;
} {
  return {
    elements: [...SANITIZE_CONFIG.ALLOWED_TAGS],
    attributes: [...SANITIZE_CONFIG.ALLOWED_ATTR],
    comments: false,
    dataAttributes: false,
  };
}

/**
 * The allow-list for a search hit's `snippetHtml`: escaped text with `<mark>` around the matched
 * words (`highlightSnippet`), so `<mark>` without attributes is all that may stay. In the shape of
 * the HTML Sanitizer API; DOMPurify gets the same list in `sanitizeSnippet`.
 */
export const SNIPPET_TAGS: readonly string[] = Object.freeze(['mark']);

export function snippetSanitizerApiConfig(): { elements: string[]; attributes: string[]; comments: false; dataAttributes: false } {
  return { elements: [...SNIPPET_TAGS], attributes: [], comments: false, dataAttributes: false };
}

/** Sanitises a search snippet: text and `<mark>` only, everything else unwrapped to its text. */
export function sanitizeSnippet(purify: DOMPurify, html: string): string {
  return purify.sanitize(html, {
    ALLOWED_TAGS: [...SNIPPET_TAGS],
    ALLOWED_ATTR: [],
    ALLOWED_NAMESPACES: ['http://www.w3.org/1999/xhtml'],
    KEEP_CONTENT: true,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_TRUSTED_TYPE: false,
  });
}

/**
 * Sanitises HTML with Haven's allow-list. The hook is added for this call only and removed in
 * `finally`, so a DOMPurify instance shared with other code (the web app's) is left as it was.
 */
export function sanitizeHtml(purify: DOMPurify, html: string): string {
  purify.addHook('afterSanitizeAttributes', enforceLinkPolicy);
  try {
    return purify.sanitize(html, purifyConfig());
  } finally {
    purify.removeHook('afterSanitizeAttributes', enforceLinkPolicy);
  }
}
