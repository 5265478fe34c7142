import { JSDOM } from 'jsdom';
import createDOMPurify from 'dompurify';
import type { WindowLike } from 'dompurify';
import { describe, expect, it } from 'vitest';
import { LINK_REL, SANITIZE_CONFIG, sanitizeHtml } from '../../api/markdown/config';
import { applyLinkPolicy, sanitizerApiConfig } from '../../api/markdown/sanitize';
import { assertNoExecutableContent } from '../helpers/html-safety';

const purify = createDOMPurify(new JSDOM('').window as unknown as WindowLike);

function clean(html: string): string {
  const out = sanitizeHtml(purify, html);
  assertNoExecutableContent(out);
  return out;
}

describe('sanitizeHtml', () => {
  it('forces our rel over whatever a link carried, and drops target', () => {
    expect(clean('<a href="https://a.example" rel="opener" target="_blank">x</a>')).toBe(
      `<a href="https://a.example" rel="${LINK_REL}">x</a>`,
    );
  });

  it('unwraps a link with a refused or missing href, keeping its text', () => {
    expect(clean('<p><a href="javascript:alert(1)">one</a> <a href="/rel">two</a> <a>three</a></p>')).toBe(
      '<p>one two three</p>',
    );
  });

  it('still sanitises what was inside an unwrapped link', () => {
    expect(
      clean('<a href="javascript:x"><em>ok</em><img src=x onerror=alert(1)><b onclick=y>t</b></a>'),
    ).toBe('<em>ok</em>t');
  });

  it('removes the link hook afterwards, leaving a shared instance as it was', () => {
    clean('<a href="https://a.example">x</a>');
    expect(purify.sanitize('<a href="https://a.example">x</a>')).toBe('<a href="https://a.example">x</a>');
  });

  it('cannot be widened through the exported configuration', () => {
    expect(Object.isFrozen(SANITIZE_CONFIG)).toBe(true);
    expect(Object.isFrozen(SANITIZE_CONFIG.ALLOWED_TAGS)).toBe(true);
    expect(() => (SANITIZE_CONFIG.ALLOWED_TAGS as string[]).push('img')).toThrow(TypeError);
  });
});

describe('the browser Sanitizer API configuration', () => {
  it('is the DOMPurify allow-list, with comments and data attributes off', () => {
    const config = sanitizerApiConfig();
    expect(config.elements).toEqual([...SANITIZE_CONFIG.ALLOWED_TAGS]);
    expect(config.attributes).toEqual([...SANITIZE_CONFIG.ALLOWED_ATTR]);
    expect(config).toMatchObject({ comments: false, dataAttributes: false });
  });

  it('is a fresh copy each time, so nobody widens it in place', () => {
    sanitizerApiConfig().elements.push('script');
    expect(sanitizerApiConfig().elements).not.toContain('script');
  });
});

describe('applyLinkPolicy (run on what setHTML kept)', () => {
  const apply = (html: string): string => {
    const { document } = new JSDOM('').window;
    const root = document.createElement('div');
    root.innerHTML = html;
    for (const a of Array.from(root.querySelectorAll('a'))) applyLinkPolicy(a);
    return root.innerHTML;
  };

  it('keeps an allowed link and forces our rel', () => {
    expect(apply('<a href="https://a.example" rel="opener">x</a>')).toBe(`<a href="https://a.example" rel="${LINK_REL}">x</a>`);
  });

  it('unwraps relative, credentialed and non-http links, keeping their text', () => {
    expect(apply('<p><a href="/api/me">a</a> <a href="https://u@b.example">b</a> <a href="data:x">c</a> <a>d</a></p>')).toBe(
      '<p>a b c d</p>',
    );
  });
});
