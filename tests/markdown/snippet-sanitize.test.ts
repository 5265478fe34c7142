import { JSDOM } from 'jsdom';
import createDOMPurify, { type WindowLike } from 'dompurify';
import { describe, expect, it } from 'vitest';
import { sanitizeSnippet, snippetSanitizerApiConfig } from '../../api/markdown/sanitize';
import { HOSTILE_INPUTS } from '../helpers/hostile-inputs';
import { assertNoExecutableContent } from '../helpers/html-safety';

const purify = createDOMPurify(new JSDOM('').window as unknown as WindowLike);

describe('search snippets in the browser', () => {
  it('keeps the highlight and nothing else', () => {
    expect(sanitizeSnippet(purify, 'a <mark>breath</mark> <b>bold</b> <a href="https://x.example">x</a>')).toBe(
      'a <mark>breath</mark> bold x',
    );
  });

  it('drops attributes from <mark>', () => {
    expect(sanitizeSnippet(purify, '<mark onclick="alert(1)" style="color:red" class="x">hi</mark>')).toBe('<mark>hi</mark>');
  });

  it.each(HOSTILE_INPUTS)('$name as a raw snippet runs nothing', ({ body }) => {
    const html = sanitizeSnippet(purify, body);
    assertNoExecutableContent(html);
    expect(html).not.toMatch(/<(?!\/?mark>)/);
  });

  it('gives the platform sanitizer the same allow-list', () => {
    expect(snippetSanitizerApiConfig()).toEqual({ elements: ['mark'], attributes: [], comments: false, dataAttributes: false });
  });
});
