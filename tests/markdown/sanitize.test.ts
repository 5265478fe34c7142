import { JSDOM } from 'jsdom';
import createDOMPurify from 'dompurify';
import type { WindowLike } from 'dompurify';
import { describe, expect, it } from 'vitest';
import { LINK_REL, SANITIZE_CONFIG, sanitizeHtml } from '../../api/markdown/config';
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
