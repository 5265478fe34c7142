import { JSDOM } from 'jsdom';
import createDOMPurify from 'dompurify';
import type { WindowLike } from 'dompurify';
import { describe, expect, it } from 'vitest';
import { createMarkdown, sanitizeHtml } from '../../api/markdown/config';
import { renderMarkdown } from '../../api/markdown/render';
import { assertNoExecutableContent } from '../helpers/html-safety';
import { HOSTILE_INPUTS } from '../helpers/hostile-inputs';

// Generous for a slow CI machine; the worst input takes well under half of it on a laptop.
const BUDGET_MS = 1_500;

describe('hostile post bodies', () => {
  it('has a list worth the name', () => {
    expect(HOSTILE_INPUTS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(HOSTILE_INPUTS.map((i) => i.name)).size).toBe(HOSTILE_INPUTS.length);
    for (const { body } of HOSTILE_INPUTS) expect(body.length).toBeLessThanOrEqual(20_000);
  });

  describe('rendered by the server', () => {
    it.each(HOSTILE_INPUTS)('$name: stored HTML holds nothing executable', ({ body }) => {
      const started = performance.now();
      const { html } = renderMarkdown(body);
      expect(performance.now() - started).toBeLessThan(BUDGET_MS);
      assertNoExecutableContent(html);
    });
  });

  // The web app runs sanitizeHtml again on bodyHtml before it enters the page. Feeding it the raw
  // payloads as HTML (no markdown-it escaping first) checks that pass holds on its own.
  describe('sanitised as raw HTML by a second DOMPurify instance, as the browser does', () => {
    const purify = createDOMPurify(new JSDOM('').window as unknown as WindowLike);
    it.each(HOSTILE_INPUTS)('$name', ({ body }) => {
      assertNoExecutableContent(sanitizeHtml(purify, body));
    });
  });
});

describe('what hostile bodies look like to readers', () => {
  it('shows raw HTML as the text the member typed', () => {
    expect(renderMarkdown('<script>alert(1)</script>').html).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n',
    );
  });

  it('leaves a link with a refused scheme as plain text, not a link', () => {
    for (const body of [
      '[click](javascript:alert(1))',
      '<javascript:alert(1)>',
      '[c][x]\n\n[x]: vbscript:x',
    ]) {
      const doc = JSDOM.fragment(renderMarkdown(body).html);
      expect(doc.querySelectorAll('a')).toHaveLength(0);
    }
  });

  it('refuses relative and protocol-relative links', () => {
    const { html } = renderMarkdown('[a](/api/me) [b](//evil.example) [c](#top)');
    expect(JSDOM.fragment(html).querySelectorAll('a')).toHaveLength(0);
  });

  it('never links to the host hidden behind credentials', () => {
    const { html } = renderMarkdown(
      '[bank](https://bank.example@evil.example) https://bank.example@evil.example',
    );
    const hrefs = [...JSDOM.fragment(html).querySelectorAll('a')].map((a) => new URL(a.href).hostname);
    expect(hrefs).not.toContain('evil.example');
  });

  it('keeps every quote of a title inside the attribute', () => {
    const { html } = renderMarkdown('[x](https://ok.example "a\\" onmouseover=\\"alert(1)")');
    const a = JSDOM.fragment(html).querySelector('a');
    expect(a?.getAttribute('title')).toBe('a" onmouseover="alert(1)');
    expect(a?.hasAttribute('onmouseover')).toBe(false);
  });

  it('caps emphasis nesting so 9,999 asterisks cannot overflow the DOM', () => {
    const { html } = renderMarkdown('*'.repeat(9_999) + 'x' + '*'.repeat(9_999));
    const doc = JSDOM.fragment(html);
    let depth = 0;
    for (let el = doc.querySelector('strong'); el; el = el.querySelector(':scope > strong')) depth++;
    expect(depth).toBeGreaterThan(0);
    expect(depth).toBeLessThanOrEqual(10);
    expect(doc.textContent).toContain('x');
  });

  it('turns NUL into the replacement character rather than passing it on', () => {
    expect(renderMarkdown('a\0b').html).toBe('<p>a\uFFFDb</p>\n');
  });

  it('renders the same in the composer preview as on the server', () => {
    const purify = createDOMPurify(new JSDOM('').window as unknown as WindowLike);
    const md = createMarkdown();
    for (const { body } of HOSTILE_INPUTS.slice(0, 30)) {
      expect(sanitizeHtml(purify, md.render(body))).toBe(renderMarkdown(body).html);
    }
  });
});
