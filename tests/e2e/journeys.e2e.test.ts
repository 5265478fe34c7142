import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expect as see } from '../helpers/e2e-expect';
import { heading, openPage, problemsOf, pseudonym, signUpByApi, signUpInBrowser, withServerAndBrowser, type E2EServer, type Watched } from '../helpers/e2e';

/**
 * The journeys against the real API, end to end: real accounts, real posts, the real
 * moderation queue; nothing mocked.
 */
describe('journeys', () => {
  let server: E2EServer;
  let browser: Browser;

  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  async function startThread(w: Watched, board: string, title: string, body: string, options: { alias?: boolean; warning?: string } = {}): Promise<string> {
    await w.page.goto(`/b/${board}`);
    await w.page.getByRole('link', { name: 'Start a thread' }).click();
    await heading(w.page, /Start a thread/);
    await w.page.getByLabel('Title').fill(title);
    await w.page.getByLabel('What would you like to share?').fill(body);
    if (options.warning) await w.page.getByLabel('Content warning (optional)').fill(options.warning);
    if (options.alias) await w.page.getByLabel(/Post under an alias/).check();
    await w.page.getByRole('button', { name: 'Post thread' }).click();
    await heading(w.page, title);
    return new URL(w.page.url()).pathname;
  }

  it('starts a thread; another member replies and reacts; the author sees both', async () => {
    const author = await openPage(browser, server.baseUrl);
    await signUpInBrowser(author.page, pseudonym('ivy'));
    const path = await startThread(author, 'grief-and-loss', 'Missing my grandad', 'Some days are harder than others.');

    const friend = await openPage(browser, server.baseUrl);
    await signUpByApi(friend, pseudonym('oak'));
    await friend.page.goto(path);
    await heading(friend.page, 'Missing my grandad');
    await friend.page.getByLabel('Your reply').fill('Sending you a hug. It is okay to miss him.');
    await friend.page.getByRole('button', { name: 'Post reply' }).click();
    await see(friend.page.getByText('Sending you a hug. It is okay to miss him.')).toBeVisible();
    const hug = friend.page.locator('haven-post').first().getByRole('button', { name: /^Hug/ });
    await hug.click();
    await see(hug).toHaveAttribute('aria-pressed', 'true');

    await author.page.reload();
    await heading(author.page, 'Missing my grandad');
    await see(author.page.getByText('Sending you a hug. It is okay to miss him.')).toBeVisible();
    await see(author.page.locator('haven-post').first().getByText(/Hug 1/)).toBeVisible();
    expect(await problemsOf(author)).toEqual([]);
    expect(await problemsOf(friend)).toEqual([]);
    await author.context.close();
    await friend.context.close();
  });

  it('posts under an alias that does not show the pseudonym', async () => {
    const w = await openPage(browser, server.baseUrl);
    const name = pseudonym('sorrel');
    await signUpByApi(w, name);
    await startThread(w, 'recovery', 'Day one again', 'Starting over today.', { alias: true });
    const post = w.page.locator('haven-post').first();
    await see(post.getByText('alias', { exact: true })).toBeVisible();
    expect(await post.locator('header').textContent()).not.toContain(name);
    await w.context.close();
  });

  it('shows the author crisis resources at once when a post reads as a crisis', async () => {
    const w = await openPage(browser, server.baseUrl);
    await signUpByApi(w, pseudonym('moss'));
    await startThread(w, 'just-need-to-vent', 'Tonight', 'I feel suicidal tonight and I do not know who to tell.');
    await see(w.page.getByRole('heading', { name: "You don't have to carry this alone" })).toBeVisible();
    await see(w.page.getByText('Samaritans (UK & Ireland)')).toBeVisible();
    await w.context.close();
  });

  it('flags a post; a moderator claims and removes it; the author sees the reason', async () => {
    const author = await openPage(browser, server.baseUrl);
    await signUpByApi(author, pseudonym('bramble'));
    const path = await startThread(author, 'introductions', 'Hello all', 'Buy my course now, message me for the price.');

    const reader = await openPage(browser, server.baseUrl);
    await signUpByApi(reader, pseudonym('clover'));
    await reader.page.goto(path);
    await reader.page.getByRole('button', { name: 'Flag this post' }).click();
    await reader.page.getByLabel(/Spam or advertising/).check();
    await reader.page.getByRole('button', { name: 'Send to moderators' }).click();
    await see(reader.page.getByText(/A moderator will look at this post soon/)).toBeVisible();

    const mod = await openPage(browser, server.baseUrl);
    const modName = pseudonym('kite');
    await signUpByApi(mod, modName);
    await server.setRole(modName, 'moderator');
    await mod.page.goto('/moderation');
    await heading(mod.page, 'Moderation queue');
    const item = mod.page.locator('haven-mod-item', { hasText: 'Hello all' });
    await item.getByRole('button', { name: 'Claim' }).click();
    await see(item.getByRole('button', { name: 'Claimed by you' })).toBeVisible();
    await item.getByLabel(/Remove/).check();
    await item.getByLabel('Reason', { exact: true }).fill('Advertising is not allowed on Haven.');
    await item.getByRole('button', { name: 'Record decision' }).click();
    await see(mod.page.locator('haven-mod-item', { hasText: 'Hello all' })).toHaveCount(0);

    await author.page.reload();
    await see(author.page.getByText(/Advertising is not allowed on Haven/)).toBeVisible();
    await reader.page.reload();
    await see(reader.page.getByText('This post was taken down by a moderator.')).toBeVisible();
    for (const w of [author, reader, mod]) {
      expect(await problemsOf(w)).toEqual([]);
      await w.context.close();
    }
  });

  it('holds a post on a premoderated board until a moderator approves it', async () => {
    await sql`update boards set premoderated = true where slug = 'loneliness'`.execute(server.database.db);
    const author = await openPage(browser, server.baseUrl);
    await signUpByApi(author, pseudonym('thistle'));
    const path = await startThread(author, 'loneliness', 'Quiet evenings', 'Evenings are the hardest for me.');
    await see(author.page.getByText(/Waiting for a moderator to read it/)).toBeVisible();

    const mod = await openPage(browser, server.baseUrl);
    const modName = pseudonym('wren');
    await signUpByApi(mod, modName);
    await server.setRole(modName, 'moderator');
    await mod.page.goto('/moderation');
    const item = mod.page.locator('haven-mod-item', { hasText: 'Quiet evenings' });
    await item.getByLabel(/Approve/).check();
    await item.getByRole('button', { name: 'Record decision' }).click();
    await see(mod.page.locator('haven-mod-item', { hasText: 'Quiet evenings' })).toHaveCount(0);

    const reader = await openPage(browser, server.baseUrl);
    await reader.page.goto(path);
    await see(reader.page.getByText('Evenings are the hardest for me.')).toBeVisible();
    for (const w of [author, mod, reader]) await w.context.close();
  });
});
