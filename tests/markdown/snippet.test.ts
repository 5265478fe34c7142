import { describe, expect, it } from 'vitest';
import {
  highlightSnippet,
  sanitizeSnippet,
  SNIPPET_START as S,
  SNIPPET_STOP as E,
} from '../../api/markdown/render';

describe('search snippet highlighting', () => {
  it('escapes everything and marks the sentinel ranges', () => {
    expect(highlightSnippet(`a <img src=x onerror=alert(1)> & "q" 'r' ${S}lonely${E} night`)).toBe(
      'a &lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &#39;r&#39; <mark>lonely</mark> night',
    );
  });

  it('treats a literal <mark> in the text as text', () => {
    expect(highlightSnippet(`<mark onclick=x>${S}a${E}</mark>`)).toBe(
      '&lt;mark onclick=x&gt;<mark>a</mark>&lt;/mark&gt;',
    );
  });

  it('keeps marks balanced whatever order the sentinels come in', () => {
    expect(highlightSnippet(`${E}a${S}b${S}c`)).toBe('a<mark>bc</mark>');
  });

  it('accepts other sentinels and drops NUL bytes', () => {
    expect(highlightSnippet('x[[y]]\0<z>', '[[', ']]')).toBe('x<mark>y</mark>&lt;z&gt;');
  });

  it('refuses sentinels that cannot be told apart', () => {
    expect(() => highlightSnippet('x', '|', '|')).toThrow();
    expect(() => highlightSnippet('x', '', '|')).toThrow();
  });
});

describe('sanitizeSnippet (for <mark> ts_headline output)', () => {
  it('keeps bare <mark> and strips every other tag and attribute', () => {
    expect(
      sanitizeSnippet(
        'a <mark onclick="x" class="y">b</mark> <img src=x onerror=alert(1)><script>z</script> &lt;i&gt;',
      ),
    ).toBe('a <mark>b</mark>  &lt;i&gt;');
  });
});
