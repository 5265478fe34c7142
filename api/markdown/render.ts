/**
 * Server-side rendering: markdown → HTML → DOMPurify, producing the `bodyHtml` the API stores and
 * serves. The browser preview uses `createMarkdown` and `sanitizeHtml` from ./config directly.
 */
import { createRequire } from 'node:module';
import createDOMPurify from 'dompurify';
import type { DOMPurify, WindowLike } from 'dompurify';
import type * as Jsdom from 'jsdom';
import type { MarkdownIt, Token } from 'markdown-it';
import { createMarkdown, RENDER_VERSION, sanitizeHtml } from './config';

export interface RenderedMarkdown {
  html: string;
  /** The RENDER_VERSION the html was made with; store it beside the html. */
  version: number;
}

let markdown: MarkdownIt | undefined;
let purify: DOMPurify | undefined;

// Created on first use, once per process: building a jsdom window costs tens of milliseconds and
// modules that merely import this file (route registration, tests) should not pay for it.
function getMarkdown(): MarkdownIt {
  markdown ??= createMarkdown();
  return markdown;
}

// jsdom takes most of a second to load; requiring it on first render keeps it off start-up.
// It is CommonJS, so a synchronous require keeps renderMarkdown synchronous.
const requireFromHere = createRequire(import.meta.url);

function getPurify(): DOMPurify {
  if (!purify) {
    const { JSDOM } = requireFromHere('jsdom') as typeof Jsdom;
    const { window } = new JSDOM('<!doctype html><html><body></body></html>');
    // jsdom's DOMWindow is a structural match for what DOMPurify reads; its types differ in detail.
    purify = createDOMPurify(window as unknown as WindowLike);
  }
  return purify;
}

/** Renders a post body. The caller enforces the 20,000-character body limit before this. */
export function renderMarkdown(md: string): RenderedMarkdown {
  const raw = getMarkdown().render(md);
  return { html: sanitizeHtml(getPurify(), raw), version: RENDER_VERSION };
}

/**
 * The text a reader would see, without markup: for search indexing, notification previews and
 * `<meta>` descriptions. Blocks are separated by a newline; link text is kept, addresses are not
 * (except where the address is the text, as with bare URLs).
 */
export function plainText(md: string): string {
  const parts: string[] = [];
  const walk = (tokens: readonly Token[]): void => {
    for (const t of tokens) {
      if (t.type === 'inline' && t.children) walk(t.children);
      else if (t.type === 'text' || t.type === 'code_inline' || t.type === 'text_special')
        parts.push(t.content);
      else if (t.type === 'code_block' || t.type === 'fence') parts.push(t.content, '\n');
      else if (t.type === 'softbreak' || t.type === 'hardbreak') parts.push('\n');
      else if (t.block && t.nesting === -1) parts.push('\n');
    }
  };
  walk(getMarkdown().parse(md, {}));
  return parts
    .join('')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/**
 * Private-use characters as ts_headline markers: they never come out of a keyboard, and if a
 * member does paste one, the worst outcome is a stray highlight, never markup.
 */
export const SNIPPET_START = '\uE000';
export const SNIPPET_STOP = '\uE001';
/** Pass as the options of PostgreSQL `ts_headline(config, document, query, options)`. */
export const SNIPPET_HEADLINE_OPTIONS = `StartSel=${SNIPPET_START}, StopSel=${SNIPPET_STOP}, MaxWords=35, MinWords=15, MaxFragments=2`;

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * USE THIS for search snippets. Takes ts_headline output made with sentinel markers (plain text,
 * never HTML), escapes every character that means something in HTML, and only then turns the
 * sentinels into `<mark>`/`</mark>`. Marks are kept balanced whatever the input holds, and no
 * parser is involved, so there is nothing to bypass. NUL bytes are dropped.
 */
export function highlightSnippet(
  textWithSentinels: string,
  startSentinel: string = SNIPPET_START,
  stopSentinel: string = SNIPPET_STOP,
): string {
  if (!startSentinel || !stopSentinel || startSentinel === stopSentinel) {
    throw new Error('highlightSnippet needs two different, non-empty sentinels');
  }
  const text = textWithSentinels.replaceAll('\0', '');
  let out = '';
  let open = false;
  let i = 0;
  while (i < text.length) {
    const nextStart = text.indexOf(startSentinel, i);
    const nextStop = text.indexOf(stopSentinel, i);
    const candidates = [nextStart, nextStop].filter((n) => n >= 0);
    if (candidates.length === 0) break;
    const at = Math.min(...candidates);
    const isStart = at === nextStart;
    out += escapeHtml(text.slice(i, at));
    if (isStart && !open) out += '<mark>';
    if (!isStart && open) out += '</mark>';
    open = isStart;
    i = at + (isStart ? startSentinel.length : stopSentinel.length);
  }
  out += escapeHtml(text.slice(i));
  return open ? `${out}</mark>` : out;
}

/**
 * Fallback for ts_headline output made with `StartSel=<mark>, StopSel=</mark>`: keeps `<mark>`
 * (no attributes) and strips every other tag, keeping its text. Prefer `highlightSnippet`: this one
 * has to trust a parser to tell user text that looks like `<mark>` from a real highlight.
 */
export function sanitizeSnippet(html: string): string {
  return getPurify().sanitize(html, {
    ALLOWED_TAGS: ['mark'],
    ALLOWED_ATTR: [],
    ALLOWED_NAMESPACES: ['http://www.w3.org/1999/xhtml'],
    KEEP_CONTENT: true,
  });
}
