/**
 * The one check that stored or displayed post HTML cannot run code or load anything. It keeps its
 * own allow-list instead of importing the sanitiser's, so widening the sanitiser makes it fail.
 */
import { JSDOM } from 'jsdom';

const HTML_NS = 'http://www.w3.org/1999/xhtml';

const ALLOWED_ELEMENTS: ReadonlySet<string> = new Set(
  'p br strong em s del code pre blockquote ul ol li a h3 h4 h5 h6 hr'.split(' '),
);
const ALLOWED_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'rel', 'title', 'start']);
/** Named again so a failure says plainly what slipped through. */
const NEVER: ReadonlySet<string> = new Set([
  ...'script svg math iframe img style base form meta link object embed template'.split(' '),
  ...'input button textarea frame video audio source'.split(' '),
]);
const SAFE_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
const REQUIRED_REL = ['nofollow', 'ugc', 'noopener', 'noreferrer'];

let dom: JSDOM | undefined;

// jsdom does not run scripts by default and a <template> parses inert, so reading hostile HTML
// here cannot execute or fetch anything.
function parse(html: string): DocumentFragment {
  dom ??= new JSDOM('<!doctype html><html><body></body></html>');
  const template = dom.window.document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

/** Every problem found in `html`, empty when it is safe. */
export function findExecutableContent(html: string): string[] {
  const problems: string[] = [];
  const fragment = parse(html);
  for (const el of fragment.querySelectorAll('*')) {
    const name = el.localName;
    if (el.namespaceURI !== HTML_NS) problems.push(`<${name}> in namespace ${el.namespaceURI ?? 'none'}`);
    if (NEVER.has(name)) problems.push(`forbidden element <${name}>`);
    else if (!ALLOWED_ELEMENTS.has(name)) problems.push(`element <${name}> outside the allow-list`);
    for (const attr of el.attributes) {
      const attrName = attr.name.toLowerCase();
      if (attrName.startsWith('on')) problems.push(`event handler ${attr.name} on <${name}>`);
      else if (attrName === 'style') problems.push(`style attribute on <${name}>`);
      else if (!ALLOWED_ATTRIBUTES.has(attrName)) problems.push(`attribute ${attr.name} on <${name}>`);
    }
    if (name === 'a') problems.push(...linkProblems(el));
  }
  // Mutation XSS lives in HTML that changes when parsed and serialised again. Sanitiser output is
  // itself a serialisation, so it must come back unchanged: what the browser builds from it is
  // then exactly the tree checked above. (Without a '<' nothing can parse into an element, and
  // DOMPurify hands such input back untouched, entities and all, so there is nothing to compare.)
  if (html.includes('<') && serialise(fragment) !== html) problems.push('serialisation is not stable');
  return problems;
}

function linkProblems(a: Element): string[] {
  const problems: string[] = [];
  const href = a.getAttribute('href');
  if (href === null) return ['<a> without href'];
  let scheme: string;
  try {
    // No base: a relative href throws, and relative links are not allowed in posts.
    scheme = new URL(href).protocol;
  } catch {
    return [`href that is not an absolute URL: ${JSON.stringify(href)}`];
  }
  if (!SAFE_SCHEMES.has(scheme)) problems.push(`href with scheme ${scheme}`);
  const rel = (a.getAttribute('rel') ?? '').split(/\s+/);
  for (const token of REQUIRED_REL) {
    if (!rel.includes(token)) problems.push(`link without rel=${token}: ${href}`);
  }
  if (a.hasAttribute('target')) problems.push('link with target');
  return problems;
}

function serialise(fragment: DocumentFragment): string {
  const holder = fragment.ownerDocument.createElement('div');
  holder.append(fragment.cloneNode(true));
  return holder.innerHTML;
}

/** Throws, listing every problem, unless `html` holds nothing that can run or load. */
export function assertNoExecutableContent(html: string): void {
  const problems = findExecutableContent(html);
  if (problems.length > 0) {
    throw new Error(`unsafe HTML:\n  ${problems.join('\n  ')}\nin: ${html.slice(0, 500)}`);
  }
}
