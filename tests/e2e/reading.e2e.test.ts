import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { renderMarkdown } from '../../api/markdown/render';
import { LINK_REL } from '../../api/markdown/sanitize';
import type { Post, QueueItem, Thread } from '../../web/src/types';
import { HOSTILE_INPUTS } from '../helpers/hostile-inputs';
import { expect as see } from '../helpers/e2e-expect';
import { dangerousNodes } from '../helpers/e2e-dom';
import { fakeItem, fakePost, fakeThread, mockRoutes } from '../helpers/e2e-fixtures';
import {
  axeSerious,
  DESKTOP,
  heading,
  openPage,
  PHONE,
  problemsOf,
  pseudonym,
  pwned,
  screenshot,
  signUpByApi,
  withServerAndBrowser,
  type E2EServer,
  type Watched,
} from '../helpers/e2e';

/**
 * The reading and moderation views against contract-shaped responses served in the browser, so
 * they are verified before (and independently of) the thread and moderation routes. The real
 * session, boards and resources come from the server.
 */

/** Raw HTML a compromised or buggy server might send as bodyHtml: the page's own DOMPurify pass must stop it. */
const RAW_HOSTILE_HTML = [
  '<img src=x onerror="window.__pwned=1">',
  '<p>hi<script>window.__pwned=1</script></p>',
  '<a href="javascript:window.__pwned=1">tap me</a>',
  '<svg><script>window.__pwned=1</script><a xlink:href="javascript:window.__pwned=1">x</a></svg>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>',
  '<form action="javascript:window.__pwned=1"><button>send</button></form>',
  '<a href="/api/auth/logout">same-site link</a><base href="https://evil.example/">',
  '<details open ontoggle="window.__pwned=1">x</details>',
  '<style>@import url(https://evil.example/x.css);</style><p style="background:url(https://evil.example/p)">styled</p>',
];

/** Links a compromised server might send: only the first may stay a link. */
const LINKS_HTML =
  '<p><a href="https://example.org/help" rel="opener" target="_blank">fine</a> <a href="https://bank.example@evil.example/">disguised</a> <a href="/api/me">relative link</a> <a href="data:text/html,x">data</a></p>';

/**
 * The page's second sanitising pass has two paths: the browser's HTML Sanitizer API (this
 * Chromium has it) and DOMPurify, loaded lazily where it is missing. The fallback is forced by
 * removing `setHTML` before the app's scripts run.
 */
const SANITIZER_PATHS = ['Sanitizer API', 'DOMPurify fallback'] as const;
type SanitizerPath = (typeof SANITIZER_PATHS)[number];

async function forcePath(w: Watched, path: SanitizerPath): Promise<void> {
  const has = await w.page.evaluate(() => typeof (Element.prototype as { setHTML?: unknown }).setHTML === 'function');
  expect(has, 'this Chromium has Element.prototype.setHTML').toBe(true);
  if (path === 'DOMPurify fallback') {
    await w.context.addInitScript(() => {
      delete (Element.prototype as { setHTML?: unknown }).setHTML;
    });
  }
}

const loadedDompurify = (w: Watched): boolean => w.scriptUrls.some((url) => url.includes('purify'));

function threadResponse(thread: Thread, posts: Post[]) {
  return { thread, items: posts, nextCursor: null };
}

describe('reading a thread', () => {
  let server: E2EServer;
  let browser: Browser;

  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  async function threadPage(w: Watched, thread: Thread, posts: Post[], extra: Parameters<typeof mockRoutes>[1] = []) {
    const seen = await mockRoutes(w.context, [
      ['GET', new RegExp(`^/api/threads/${thread.id}$`), () => ({ json: threadResponse(thread, posts) })],
      ['GET', /^\/api\/notifications$/, () => ({ json: { items: [], nextCursor: null } })],
      ...extra,
    ]);
    await w.page.goto(`/t/${thread.id}`);
    await heading(w.page, thread.title);
    return seen;
  }

  it('folds content warnings, marks the original poster and aliases, and shows tombstones', async () => {
    const thread = fakeThread({ author: { name: 'Quiet Heron', kind: 'alias', isOriginalPoster: true, role: null } });
    const posts = [
      fakePost(thread, { author: thread.author, bodyHtml: '<p>It has been a hard month.</p>', contentWarning: 'death of a parent' }),
      fakePost(thread),
      fakePost(thread, { status: 'deleted', bodyHtml: '', author: { name: 'deleted', kind: 'deleted', isOriginalPoster: false, role: null } }),
      fakePost(thread, { status: 'removed', bodyHtml: '' }),
    ];
    for (const [viewport, size] of [[DESKTOP, 'desktop'], [PHONE, 'phone']] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const w = await openPage(browser, server.baseUrl, { viewport, colorScheme });
        await threadPage(w, thread, posts);
        const hidden = w.page.getByText('It has been a hard month.');
        await see(w.page.getByText('Content warning: death of a parent')).toBeVisible();
        expect(await hidden.isVisible()).toBe(false);
        await see(w.page.getByText('original poster').first()).toBeVisible();
        await see(w.page.getByText('alias', { exact: true }).first()).toBeVisible();
        await see(w.page.getByText('This post was deleted by its author.')).toBeVisible();
        await see(w.page.getByText('This post was taken down by a moderator.')).toBeVisible();
        await screenshot(w.page, `thread-${size}-${colorScheme}`);
        await w.page.getByText('Content warning: death of a parent').click();
        await see(hidden).toBeVisible();
        expect(await axeSerious(w.page)).toEqual([]);
        expect(await problemsOf(w)).toEqual([]);
        await w.context.close();
      }
    }
  });

  it('shows its author a held post as pending and a removed one with the reason', async () => {
    const w = await openPage(browser, server.baseUrl);
    await signUpByApi(w, pseudonym('linden'));
    const thread = fakeThread();
    await threadPage(w, thread, [
      fakePost(thread, { mine: true, status: 'pending', bodyHtml: '<p>waiting text</p>' }),
      fakePost(thread, { mine: true, status: 'removed', statusReason: 'Please do not share medication doses.', bodyHtml: '<p>my removed text</p>' }),
    ]);
    await see(w.page.getByText(/Waiting for a moderator to read it/)).toBeVisible();
    await see(w.page.getByText('waiting text')).toBeVisible();
    await see(w.page.getByText(/Please do not share medication doses/)).toBeVisible();
    await see(w.page.getByText('my removed text')).toBeVisible();
    await screenshot(w.page, 'thread-author-view-desktop-light');
    expect(await axeSerious(w.page)).toEqual([]);
    await w.context.close();
  });

  it('toggles a reaction with aria-pressed, sending the CSRF token', async () => {
    const w = await openPage(browser, server.baseUrl);
    const { csrfToken } = await signUpByApi(w, pseudonym('hazel'));
    const thread = fakeThread();
    const post = fakePost(thread);
    const seen = await threadPage(w, thread, [post], [
      ['PUT', /^\/api\/posts\/\d+\/reactions\/hug$/, () => ({ json: { reactions: { ...post.reactions, hug: 3 } } })],
      ['DELETE', /^\/api\/posts\/\d+\/reactions\/hug$/, () => ({ json: { reactions: post.reactions } })],
    ]);
    const hug = w.page.getByRole('button', { name: /^Hug/ });
    await see(hug).toHaveAttribute('aria-pressed', 'false');
    await hug.click();
    await see(hug).toHaveAttribute('aria-pressed', 'true');
    await see(hug).toHaveText(/3/);
    const put = seen.find((r) => r.method() === 'PUT');
    expect(put?.headers()['x-csrf-token']).toBe(csrfToken);
    await hug.click();
    await see(hug).toHaveAttribute('aria-pressed', 'false');
    await see(hug).toHaveText(/2/);
    await w.context.close();
  });

  it('flags a post through an accessible dialog', async () => {
    const w = await openPage(browser, server.baseUrl);
    await signUpByApi(w, pseudonym('alder'));
    const thread = fakeThread();
    const post = fakePost(thread);
    const seen = await threadPage(w, thread, [post], [['POST', /^\/api\/posts\/\d+\/flags$/, () => ({ status: 201, json: {} })]]);
    await w.page.getByRole('button', { name: 'Flag this post' }).click();
    const dialog = w.page.getByRole('dialog', { name: 'Let a moderator know' });
    await see(dialog).toBeVisible();
    await screenshot(w.page, 'flag-dialog-desktop-light');
    expect(await axeSerious(w.page)).toEqual([]);
    await w.page.keyboard.press('Escape');
    await see(dialog).toBeHidden();
    // One Escape closes the dialog and gives focus back to the button that opened it; it must not
    // count towards "Escape twice" (leave quickly), so the page is still the thread.
    expect(new URL(w.page.url()).pathname).toBe(`/t/${thread.id}`);
    await see(w.page.locator('haven-post button:focus', { hasText: 'Flag' })).toHaveCount(1);
    await w.page.getByRole('button', { name: 'Flag this post' }).click();
    await dialog.getByLabel(/Unkind or harassing/).check();
    await dialog.getByLabel(/A note for the moderators/).fill('This was aimed at the OP.');
    await dialog.getByRole('button', { name: 'Send to moderators' }).click();
    await see(dialog.getByText(/A moderator will look at this post soon/)).toBeVisible();
    const flag = seen.find((r) => r.method() === 'POST');
    expect(flag?.postDataJSON()).toEqual({ reason: 'harassment', note: 'This was aimed at the OP.' });
    await w.context.close();
  });

  it('previews markdown from a lazy chunk, keeps the draft over a reload, and shows crisis resources after posting', async () => {
    const w = await openPage(browser, server.baseUrl);
    await signUpByApi(w, pseudonym('juniper'));
    const thread = fakeThread();
    const resources = [{ name: 'Samaritans', contact: 'Call 116 123', url: 'https://www.samaritans.org' }];
    let sent: unknown = null;
    await threadPage(w, thread, [fakePost(thread)], [
      [
        'POST',
        new RegExp(`^/api/threads/${thread.id}/posts$`),
        (request) => {
          sent = request.postDataJSON();
          return { status: 201, json: { post: fakePost(thread, { mine: true, bodyHtml: '<p>I cannot go on.</p>' }), crisis: { resources } } };
        },
      ],
    ]);
    const reply = w.page.getByLabel('Your reply');
    expect(w.scriptUrls.some((url) => url.includes('markdown-preview'))).toBe(false);
    await reply.fill('**held** and _seen_');
    await see(w.page.locator('.preview strong')).toHaveText('held');
    expect(w.scriptUrls.some((url) => url.includes('markdown-preview'))).toBe(true);
    await w.page.reload();
    await heading(w.page, thread.title);
    await see(w.page.getByLabel('Your reply')).toBeVisible();
    expect(await w.page.getByLabel('Your reply').inputValue()).toBe('**held** and _seen_');
    await w.page.getByLabel('Your reply').fill('I cannot go on.');
    await w.page.getByRole('button', { name: 'Post reply' }).click();
    await see(w.page.getByRole('heading', { name: "You don't have to carry this alone" })).toBeVisible();
    await see(w.page.getByText('Call 116 123')).toBeVisible();
    expect(sent).toEqual({ body: 'I cannot go on.' });
    expect(await w.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('haven:draft')))).toEqual([]);
    await screenshot(w.page, 'crisis-panel-desktop-light');
    expect(await axeSerious(w.page)).toEqual([]);
    expect(await problemsOf(w)).toEqual([]);
    await w.context.close();
  });

  for (const path of SANITIZER_PATHS) {
    it(`runs nothing from hostile posts rendered by the server pipeline (${path}), and records no CSP violation`, async () => {
      const w = await openPage(browser, server.baseUrl);
      await forcePath(w, path);
      await signUpByApi(w, pseudonym('yew'));
      const thread = fakeThread({ title: 'Hostile bodies' });
      const posts = HOSTILE_INPUTS.map((input) => fakePost(thread, { bodyHtml: renderMarkdown(input.body).html }));
      await threadPage(w, thread, posts);
      await see(w.page.locator('haven-post')).toHaveCount(posts.length);
      await w.page.waitForTimeout(300);
      expect(await pwned(w)).toBe(false);
      expect(await dangerousNodes(w.page)).toEqual([]);
      expect(await problemsOf(w)).toEqual([]);
      expect(loadedDompurify(w)).toBe(path === 'DOMPurify fallback');
      await w.context.close();
    });

    it(`runs nothing from raw hostile HTML a compromised server might send (${path})`, async () => {
      const w = await openPage(browser, server.baseUrl);
      await forcePath(w, path);
      const thread = fakeThread({ title: 'Raw hostile HTML' });
      const posts = [...RAW_HOSTILE_HTML, LINKS_HTML].map((html) => fakePost(thread, { bodyHtml: html }));
      await threadPage(w, thread, posts);
      await see(w.page.locator('haven-post')).toHaveCount(posts.length);
      await w.page.waitForTimeout(300);
      expect(await pwned(w)).toBe(false);
      expect(await dangerousNodes(w.page)).toEqual([]);
      expect(loadedDompurify(w)).toBe(path === 'DOMPurify fallback');
      // The link policy holds on both paths: only the absolute https link without credentials
      // stays a link, with our rel; the others are unwrapped to their text.
      const links = await w.page
        .locator('haven-post-body a')
        .evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel')]));
      expect(links).toEqual([['fine', 'https://example.org/help', LINK_REL]]);
      await see(w.page.getByText('relative link')).toBeVisible();
      await see(w.page.getByText('disguised')).toBeVisible();
      // Both sanitisers parse the dirty string in an inert document that inherits the page's CSP,
      // so Chromium reports the handlers and styles it met there as blocked. Those reports are the
      // third wall working; anything else (a page error, a failed request) is still a failure.
      const other = (await problemsOf(w)).filter((p) => !/Content Security Policy|^csp: /.test(p));
      expect(other).toEqual([]);
      await w.context.close();
    });
  }
});

describe('the moderation queue', () => {
  let server: E2EServer;
  let browser: Browser;

  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  async function moderator(viewport = DESKTOP, colorScheme: 'light' | 'dark' = 'light'): Promise<Watched> {
    const w = await openPage(browser, server.baseUrl, { viewport, colorScheme });
    const name = pseudonym('kestrel');
    await signUpByApi(w, name);
    await server.setRole(name, 'moderator');
    return w;
  }

  it('claims and decides with a reason, and the queue updates without a reload', async () => {
    for (const [viewport, size] of [[DESKTOP, 'desktop'], [PHONE, 'phone']] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const w = await moderator(viewport, colorScheme);
        const thread = fakeThread();
        const crisisItem = fakeItem(thread, fakePost(thread, { bodyHtml: '<p>I do not see the point any more.</p>' }), {
          crisis: true,
          reasons: [{ reason: 'crisis', count: 1, notes: [] }],
          automatic: ['crisis-language'],
        });
        const edited = fakePost(thread, { editedAt: new Date().toISOString(), bodyHtml: '<p>buy cheap pills at example dot com</p>' });
        const spamItem = fakeItem(thread, edited, {
          editHistory: [{ body: 'first version of the spam', contentWarning: null, editedAt: new Date().toISOString() }],
        });
        let items: QueueItem[] = [crisisItem, spamItem];
        const seen = await mockRoutes(w.context, [
          ['GET', /^\/api\/moderation\/queue$/, () => ({ json: { items, nextCursor: null } })],
          ['POST', /^\/api\/moderation\/items\/\d+\/claim$/, () => ({ json: {} })],
          [
            'POST',
            /^\/api\/moderation\/items\/\d+\/decision$/,
            (request) => {
              const itemId = new URL(request.url()).pathname.split('/')[4];
              items = items.filter((i) => i.id !== itemId);
              return { json: {} };
            },
          ],
          ['GET', /^\/api\/notifications$/, () => ({ json: { items: [], nextCursor: null } })],
        ]);
        await w.page.goto('/moderation');
        await heading(w.page, 'Moderation queue');
        const cards = w.page.locator('haven-mod-item');
        await see(cards).toHaveCount(2);
        await see(cards.first().getByText('Someone may be in crisis')).toBeVisible();
        await see(cards.nth(1).getByText('rule: new-member-links')).toBeVisible();
        await cards.nth(1).getByText(/Edit history/).click();
        await see(cards.nth(1).getByText('first version of the spam')).toBeVisible();
        await screenshot(w.page, `moderation-queue-${size}-${colorScheme}`);
        expect(await axeSerious(w.page)).toEqual([]);

        const spam = cards.nth(1);
        await spam.getByRole('button', { name: 'Claim' }).click();
        await spam.getByLabel(/Remove/).check();
        await spam.getByLabel('Reason', { exact: true }).fill('Advertising is not allowed here.');
        await spam.getByRole('button', { name: 'Record decision' }).click();
        await see(cards).toHaveCount(1);
        const decision = seen.find((r) => r.url().endsWith('/decision'));
        expect(decision?.postDataJSON()).toEqual({ action: 'remove', reason: 'Advertising is not allowed here.', version: 1 });
        expect(await problemsOf(w)).toEqual([]);
        await w.context.close();
      }
    }
  });

  for (const path of SANITIZER_PATHS) {
    it(`runs nothing from hostile posts in the queue (${path})`, async () => {
      const w = await moderator();
      await forcePath(w, path);
      const thread = fakeThread({ title: 'Hostile <img src=x onerror="window.__pwned=1">' });
      const items = [
        ...HOSTILE_INPUTS.map((input) => fakeItem(thread, fakePost(thread, { bodyHtml: renderMarkdown(input.body).html }))),
        ...RAW_HOSTILE_HTML.map((html) =>
          fakeItem(thread, fakePost(thread, { bodyHtml: html, author: { name: '<b onmouseover=alert(1)>x</b>', kind: 'member', isOriginalPoster: false, role: 'member' } }), {
            reasons: [{ reason: 'other', count: 1, notes: [html] }],
            editHistory: [{ body: html, contentWarning: html.slice(0, 80), editedAt: new Date().toISOString() }],
          }),
        ),
      ];
      await mockRoutes(w.context, [
        ['GET', /^\/api\/moderation\/queue$/, () => ({ json: { items, nextCursor: null } })],
        ['GET', /^\/api\/notifications$/, () => ({ json: { items: [], nextCursor: null } })],
      ]);
      await w.page.goto('/moderation');
      await heading(w.page, 'Moderation queue');
      await see(w.page.locator('haven-mod-item')).toHaveCount(items.length);
      for (const summary of await w.page.locator('haven-mod-item summary').all()) await summary.click();
      await w.page.waitForTimeout(300);
      expect(await pwned(w)).toBe(false);
      expect(await dangerousNodes(w.page)).toEqual([]);
      // See the raw-HTML thread test: blocked-by-CSP reports from the sanitiser's inert parse are expected.
      expect((await problemsOf(w)).filter((p) => !/Content Security Policy|^csp: /.test(p))).toEqual([]);
      expect(loadedDompurify(w)).toBe(path === 'DOMPurify fallback');
      await w.context.close();
    });
  }
});
