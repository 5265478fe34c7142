import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { isAllowedLinkUrl, LINK_REL, RENDER_VERSION } from '../../api/markdown/config';
import { plainText, renderMarkdown } from '../../api/markdown/render';
import { assertNoExecutableContent } from '../helpers/html-safety';

function render(md: string): DocumentFragment {
  const { html } = renderMarkdown(md);
  assertNoExecutableContent(html);
  return JSDOM.fragment(html);
}

function links(md: string): { href: string | null; rel: string | null; text: string | null }[] {
  return [...render(md).querySelectorAll('a')].map((a) => ({
    href: a.getAttribute('href'),
    rel: a.getAttribute('rel'),
    text: a.textContent,
  }));
}

describe('markdown rendering', () => {
  it('stamps the render version', () => {
    expect(renderMarkdown('hi').version).toBe(RENDER_VERSION);
  });

  it('renders emphasis, strikethrough and inline code', () => {
    const html = renderMarkdown('*soft* **strong** ~~gone~~ `x < y`').html;
    expect(html).toBe('<p><em>soft</em> <strong>strong</strong> <s>gone</s> <code>x &lt; y</code></p>\n');
  });

  it('renders lists, keeping where a numbered list starts', () => {
    const doc = render('- one\n- two\n\n3. three\n4. four');
    expect([...doc.querySelectorAll('ul > li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(doc.querySelector('ol')?.getAttribute('start')).toBe('3');
  });

  it('renders quotes, fenced code without a language class, and rules', () => {
    const doc = render('> I hear you\n\n```js\nlet a = "<b>";\n```\n\n---');
    expect(doc.querySelector('blockquote p')?.textContent).toBe('I hear you');
    expect(doc.querySelector('pre code')?.textContent).toBe('let a = "<b>";\n');
    expect(doc.querySelector('pre code')?.hasAttribute('class')).toBe(false);
    expect(doc.querySelector('hr')).not.toBeNull();
  });

  it('turns a single newline into a line break', () => {
    expect(renderMarkdown('line one\nline two').html).toBe('<p>line one<br>\nline two</p>\n');
  });

  it('demotes headings below the thread title', () => {
    const doc = render('# big\n## smaller\n#### small');
    expect([...doc.querySelectorAll('h3, h4, h5, h6')].map((h) => h.localName)).toEqual(['h3', 'h4', 'h6']);
    expect(doc.querySelector('h1, h2')).toBeNull();
  });

  it('gives http and https links the rel and no target', () => {
    expect(links('[help](https://help.example/a?b=1 "Help") and [old](http://old.example)')).toEqual([
      { href: 'https://help.example/a?b=1', rel: LINK_REL, text: 'help' },
      { href: 'http://old.example', rel: LINK_REL, text: 'old' },
    ]);
    expect(render('[x](https://a.example)').querySelector('a')?.hasAttribute('target')).toBe(false);
  });

  it('keeps mailto links, written or bare', () => {
    expect(links('[write](mailto:care@help.example) or care@help.example')).toEqual([
      { href: 'mailto:care@help.example', rel: LINK_REL, text: 'write' },
      { href: 'mailto:care@help.example', rel: LINK_REL, text: 'care@help.example' },
    ]);
  });

  it('links bare URLs, www addresses and autolinks', () => {
    expect(links('see https://a.example/x, www.samaritans.org and <https://b.example>')).toEqual([
      { href: 'https://a.example/x', rel: LINK_REL, text: 'https://a.example/x' },
      { href: 'http://www.samaritans.org', rel: LINK_REL, text: 'www.samaritans.org' },
      { href: 'https://b.example', rel: LINK_REL, text: 'https://b.example' },
    ]);
  });

  it('resolves reference links', () => {
    expect(links('[the guide][g]\n\n[g]: https://guide.example')).toEqual([
      { href: 'https://guide.example', rel: LINK_REL, text: 'the guide' },
    ]);
  });

  it('turns images into links so no reader fetches from the author’s server', () => {
    const doc = render('![a calm lake](https://img.example/lake.png) ![](https://img.example/x.gif)');
    expect(doc.querySelector('img')).toBeNull();
    expect(links('![a calm lake](https://img.example/lake.png) ![](https://img.example/x.gif)')).toEqual([
      { href: 'https://img.example/lake.png', rel: LINK_REL, text: 'a calm lake' },
      { href: 'https://img.example/x.gif', rel: LINK_REL, text: 'https://img.example/x.gif' },
    ]);
  });

  it('keeps a linked image as one link, to where the author pointed it', () => {
    expect(links('[![logo](https://img.example/l.png)](https://site.example)')).toEqual([
      { href: 'https://site.example', rel: LINK_REL, text: 'logo' },
    ]);
  });

  it('leaves tables as text', () => {
    expect(render('| a | b |\n|---|---|\n| 1 | 2 |').querySelector('table')).toBeNull();
  });

  it('keeps right-to-left text and its marks untouched', () => {
    expect(render('\u05E9\u05DC\u05D5\u05DD \u200Fhello').textContent).toContain(
      '\u05E9\u05DC\u05D5\u05DD \u200Fhello',
    );
  });
});

describe('link policy', () => {
  it.each([
    ['https://a.example', true],
    ['HTTP://A.EXAMPLE/x', true],
    ['mailto:a@b.example', true],
    ['javascript:alert(1)', false],
    [' https://a.example', false],
    ['java\tscript:alert(1)', false],
    ['//a.example', false],
    ['/relative', false],
    ['https:/a.example', false],
    ['https:\\\\a.example', false],
    ['data:text/html,x', false],
    ['mailto:', false],
    ['https://bank.example@evil.example/login', false],
    ['https://user:pw@a.example', false],
  ])('%j allowed: %s', (url, allowed) => {
    expect(isAllowedLinkUrl(url)).toBe(allowed);
  });
});

describe('plain text', () => {
  it('keeps what a reader sees and drops markup and addresses', () => {
    expect(plainText('# Title\n\nSome *soft* [words](https://a.example).\n\n- one\n- two')).toBe(
      'Title\nSome soft words.\none\ntwo',
    );
  });
});

describe('browser safety of the shared configuration', () => {
  it('imports nothing from node or jsdom, and dompurify only as a type', () => {
    const source = readFileSync(new URL('../../api/markdown/config.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import\s+(type\s+)?.*?from\s+'([^']+)'/gms)].map(
      (m) => `${m[1] ?? ''}${m[2]}`,
    );
    expect(imports.sort()).toEqual(['./sanitize', 'markdown-it', 'type markdown-it']);
  });

  it('keeps the sanitiser free of markdown-it, so readers in the browser can load it alone', () => {
    const source = readFileSync(new URL('../../api/markdown/sanitize.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import\s+(type\s+)?.*?from\s+'([^']+)'/gms)].map(
      (m) => `${m[1] ?? ''}${m[2]}`,
    );
    expect(imports).toEqual(['type dompurify']);
  });
});
