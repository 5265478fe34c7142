import { describe, expect, it } from 'vitest';
import { findExecutableContent } from '../helpers/html-safety';

// The safety helper guards every other test here; these show it can fail.
describe('assertNoExecutableContent', () => {
  it('accepts what the renderer makes', () => {
    expect(
      findExecutableContent(
        '<p><em>a</em> <a href="https://a.example" rel="nofollow ugc noopener noreferrer">b</a></p>',
      ),
    ).toEqual([]);
  });

  it.each([
    ['<script>alert(1)</script>', 'forbidden element <script>'],
    ['<p onclick="x">a</p>', 'event handler onclick on <p>'],
    ['<p OnMouseOver="x">a</p>', 'event handler onmouseover on <p>'],
    ['<p style="color:red">a</p>', 'style attribute on <p>'],
    ['<svg></svg>', 'forbidden element <svg>'],
    ['<img src=x>', 'forbidden element <img>'],
    ['<span>a</span>', 'element <span> outside the allow-list'],
    ['<p class="x">a</p>', 'attribute class on <p>'],
    [
      '<a href="javascript:alert(1)" rel="nofollow ugc noopener noreferrer">a</a>',
      'href with scheme javascript:',
    ],
    ['<a href="/x" rel="nofollow ugc noopener noreferrer">a</a>', 'href that is not an absolute URL: "/x"'],
    ['<a href="https://a.example">a</a>', 'link without rel=noopener: https://a.example'],
    ['<a>a</a>', '<a> without href'],
    [
      '<p><a href="https://a.example" rel="nofollow ugc noopener noreferrer"><a href="https://b.example" rel="nofollow ugc noopener noreferrer">b</a></a></p>',
      'serialisation is not stable',
    ],
  ])('rejects %s', (html, problem) => {
    expect(findExecutableContent(html)).toContain(problem);
  });
});
