import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expect as see } from '../helpers/e2e-expect';
import {
  apiAs,
  heading,
  openPage,
  problemsOf,
  pseudonym,
  signUpByApi,
  withServerAndBrowser,
  type E2EServer,
  type Watched,
} from '../helpers/e2e';

/**
 * Live updates in the browser (GET /api/events through the page's one EventSource): what other
 * people do through the API shows up on an open page without a reload.
 */
describe('live updates', () => {
  let server: E2EServer;
  let browser: Browser;

  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  async function member(prefix: string): Promise<Watched> {
    const w = await openPage(browser, server.baseUrl);
    await signUpByApi(w, pseudonym(prefix));
    return w;
  }

  async function newThread(w: Watched, title: string, body: string): Promise<{ threadId: string; postId: string }> {
    const created = await apiAs<{ thread: { id: string }; post: { id: string } }>(w, 'POST', '/api/boards/loneliness/threads', { title, body });
    return { threadId: created.thread.id, postId: created.post.id };
  }

  /** Marks the document, so a test can tell the page was updated in place rather than reloaded. */
  const mark = (w: Watched) => w.page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const sameDocument = (w: Watched) => w.page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);

  /** Resolves once the page's EventSource is open (the header and pages subscribe through it). */
  const streamOpen = (w: Watched) =>
    w.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/events' && r.status() === 200, { timeout: 15_000 });

  it('shows a reply posted by another member in an open thread, without a reload, and announces it', async () => {
    const author = await member('rowan');
    const { threadId } = await newThread(author, 'Sundays are long', 'Does anyone else find Sundays the hardest?');

    // A signed-out reader: the thread on screen is enough to hold a stream.
    const reader = await openPage(browser, server.baseUrl);
    const opened = streamOpen(reader);
    await reader.page.goto(`/t/${threadId}`);
    await heading(reader.page, 'Sundays are long');
    await opened;
    await mark(reader);
    const scrollBefore = await reader.page.evaluate(() => window.scrollY);

    const friend = await member('aspen');
    await apiAs(friend, 'POST', `/api/threads/${threadId}/posts`, { body: 'Yes. I go for a slow walk, it helps a little.' });

    await see(reader.page.getByText('Yes. I go for a slow walk, it helps a little.')).toBeVisible();
    await see(reader.page.locator('haven-post')).toHaveCount(2);
    // The polite live region is visually hidden, so its text is checked rather than its visibility.
    await see(reader.page.locator('haven-thread [role="status"]', { hasText: /New reply from aspen/ })).toHaveCount(1);
    expect(await sameDocument(reader)).toBe(true);
    expect(await reader.page.evaluate(() => window.scrollY)).toBe(scrollBefore);
    expect(await problemsOf(reader)).toEqual([]);
    for (const w of [author, reader, friend]) await w.context.close();
  });

  it('updates the unread count in the header as notifications arrive', async () => {
    const author = await member('elm');
    const { threadId, postId } = await newThread(author, 'A small win', 'I went outside today.');
    const opened = streamOpen(author);
    await author.page.goto('/');
    await heading(author.page, 'Welcome to Haven');
    await opened;
    await mark(author);
    const link = author.page.getByRole('link', { name: /^Notifications/ });
    await see(link).toHaveText(/^Notifications$/);

    const friend = await member('birch');
    await apiAs(friend, 'POST', `/api/threads/${threadId}/posts`, { body: 'That is not small at all. Well done.' });
    await see(link).toHaveText(/Notifications\s*1\s*unread/);

    await apiAs(friend, 'PUT', `/api/posts/${postId}/reactions/strength`);
    await see(link).toHaveText(/Notifications\s*2\s*unread/);

    // Reading them clears the count, quietly.
    await link.click();
    await heading(author.page, 'Notifications');
    await see(author.page.getByText(/replied in “A small win”/)).toBeVisible();
    await see(author.page.getByText(/Your post in “A small win” received a kind reaction/)).toBeVisible();
    await see(link).toHaveText(/^Notifications$/);
    expect(await sameDocument(author)).toBe(true);
    expect(await problemsOf(author)).toEqual([]);
    for (const w of [author, friend]) await w.context.close();
  });

  it('adds a flagged post to an open moderation queue without a reload', async () => {
    const mod = await openPage(browser, server.baseUrl);
    const modName = pseudonym('falcon');
    await signUpByApi(mod, modName);
    await server.setRole(modName, 'moderator');
    const opened = streamOpen(mod);
    await mod.page.goto('/moderation');
    await heading(mod.page, 'Moderation queue');
    await opened;
    await mark(mod);

    const author = await member('lark');
    const { postId } = await newThread(author, 'Selling something', 'Message me for a great deal on supplements.');
    const reader = await member('finch');
    await apiAs(reader, 'POST', `/api/posts/${postId}/flags`, { reason: 'spam' });

    const item = mod.page.locator('haven-mod-item', { hasText: 'Selling something' });
    await see(item).toHaveCount(1);
    await see(item.getByText(/spam/i).first()).toBeVisible();
    await see(mod.page.locator('haven-moderation [role="status"]', { hasText: /New in the queue/ })).toHaveCount(1);
    expect(await sameDocument(mod)).toBe(true);
    expect(await problemsOf(mod)).toEqual([]);
    for (const w of [mod, author, reader]) await w.context.close();
  });
});
