/**
 * The one markdown configuration of Haven, shared by the API (which stores `bodyHtml`) and the
 * web composer's live preview. It must stay browser-safe: no node imports, no jsdom. DOMPurify is
 * passed in, so the same sanitiser runs on the server (jsdom window) and in the browser.
 */
import markdownit from 'markdown-it';
import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import { isAllowedLinkUrl, LINK_REL } from './sanitize';

// The sanitiser lives in its own module so the web app's readers can load it without markdown-it.
export { isAllowedLinkUrl, LINK_REL, SANITIZE_CONFIG, sanitizeHtml } from './sanitize';

/**
 * Bump whenever the output for the same markdown may change (config, allow-list, hook), so stored
 * `bodyHtml` rendered by an older version can be found and re-rendered.
 */
export const RENDER_VERSION = 1;

/** Flattens inline tokens to plain text (the alt text of an image, for instance). */
function inlineText(tokens: readonly Token[] | null): string {
  if (!tokens) return '';
  return tokens
    .map((t) => {
      if (t.type === 'text' || t.type === 'code_inline' || t.type === 'text_special') return t.content;
      if (t.type === 'softbreak' || t.type === 'hardbreak') return ' ';
      return inlineText(t.children);
    })
    .join('');
}

/**
 * Images would make every reader's browser fetch from a server the author chooses, leaking
 * readers' IP addresses and the time they read the post. So `![alt](url)` becomes a plain link
 * whose text is the alt text (or the address). Inside a link it becomes just its text, because
 * nested `<a>` is invalid HTML and the parser would split it unpredictably.
 */
function imagesToLinks(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const out: Token[] = [];
    let linkDepth = 0;
    for (const token of block.children) {
      if (token.type === 'link_open') linkDepth++;
      if (token.type === 'link_close') linkDepth--;
      if (token.type !== 'image') {
        out.push(token);
        continue;
      }
      const src = String(token.attrGet('src') ?? '');
      const text = new state.Token('text', '', 0);
      text.content = inlineText(token.children).trim() || state.md.normalizeLinkText(src);
      if (linkDepth > 0) {
        out.push(text);
        continue;
      }
      const open = new state.Token('link_open', 'a', 1);
      open.attrSet('href', src);
      const title = token.attrGet('title');
      if (title !== null) open.attrSet('title', String(title));
      out.push(open, text, new state.Token('link_close', 'a', -1));
    }
    block.children = out;
  }
}

/** One place sets rel for every link: inline, reference, autolink, linkified and former images. */
function hardenLinks(state: StateCore): void {
  for (const block of state.tokens) {
    for (const token of block.children ?? []) {
      if (token.type === 'link_open') token.attrSet('rel', LINK_REL);
    }
  }
}

/**
 * Emphasis is paired after tokenising, so markdown-it's maxNesting does not bound it: 10,000
 * asterisks make 5,000 nested <strong>, which overflows jsdom's recursive tree walks (a 500 for
 * one post) and is unreadable anyway. Open/close pairs deeper than this are dropped, text kept.
 */
const MAX_INLINE_DEPTH = 10;

function limitInlineNesting(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const kept: boolean[] = [];
    let depth = 0;
    block.children = block.children.filter((token) => {
      if (token.nesting === 1) {
        const keep = depth < MAX_INLINE_DEPTH;
        kept.push(keep);
        if (keep) depth++;
        return keep;
      }
      if (token.nesting === -1) {
        const keep = kept.pop() ?? true;
        if (keep) depth--;
        return keep;
      }
      return true;
    });
  }
}

/**
 * The thread title is the page's h1 and each post sits under it, so a `# Heading` in a post
 * must not compete with it (screen readers navigate by heading level): h1→h3 … h4-h6→h6.
 */
function demoteHeadings(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type !== 'heading_open' && token.type !== 'heading_close') continue;
    const level = Number(token.tag.slice(1));
    token.tag = `h${Math.min(6, level + 2)}`;
  }
}

/**
 * A configured markdown-it. `target` is not set on links: opening a new tab takes a choice away
 * from the reader (and confuses screen-reader users), and same-tab navigation never exposes
 * `window.opener`; the rel above still covers anyone who middle-clicks.
 */
export function createMarkdown(): MarkdownIt {
  const md = markdownit('default', {
    html: false,
    linkify: true,
    typographer: false,
    // People write here the way they write messages: a single newline is meant as one.
    breaks: true,
    // Nothing legitimate nests 20 quotes or lists deep; this bounds the work hostile input causes.
    maxNesting: 20,
  });
  // html: false already escapes raw HTML; disabling the rules too means no code path parses it.
  // Tables are off: they read badly on phones and are not in the sanitiser's allow-list.
  md.disable(['html_block', 'html_inline', 'table']);
  md.validateLink = isAllowedLinkUrl;
  // Members share resources as "www.samaritans.org"; linkify-it 6 only links those when asked.
  md.linkify.set({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: false });
  md.core.ruler.push('haven_images_as_links', imagesToLinks);
  md.core.ruler.push('haven_harden_links', hardenLinks);
  md.core.ruler.push('haven_demote_headings', demoteHeadings);
  md.core.ruler.push('haven_limit_inline_nesting', limitInlineNesting);
  return md;
}
