import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { HOSTILE_INPUTS } from '../helpers/hostile-inputs';
import { expect as see } from '../helpers/e2e-expect';
import { dangerousNodes } from '../helpers/e2e-dom';
import {
  apiAs,
  heading,
  openPage,
  problemsOf,
  pseudonym,
  pwned,
  signUpByApi,
  withServerAndBrowser,
  type E2EServer,
  type Watched,
} from '../helpers/e2e';

/**
 * What the API offers a member about their own writing and about finding others', done in the
 * browser against the real API: search, editing and deleting one's own post, and asking for
 * another look at a post a moderator took down.
 */
describe('search and one’s own posts', () => {
  let server: E2EServer;
  let browser: Browser;

  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  type Created = { thread: { id: string }; post: { id: string } };
  const startThread = (w: Watched, board: string, title: string, body: string): Promise<Created> =>
    apiAs<Created>(w, 'POST', `/api/boards/${board}/threads`, { title, body });

  it('finds a post by a word in it, highlights it, filters by board, and runs nothing hostile', async () => {
    const writer = await openPage(browser, server.baseUrl);
    await signUpByApi(writer, pseudonym('rowan'));
    await startThread(writer, 'grief-and-loss', 'Her old teapot', 'I still make tea in her marmalade-coloured teapot every Sunday.');
    await startThread(writer, 'loneliness', 'Sunday evenings', 'The marmalade sky at dusk makes me feel far from everyone.');
    // Hostile markdown that also matches the search, so it is rendered on the results page.
    for (const input of HOSTILE_INPUTS.slice(0, 12)) {
      await startThread(writer, 'anxiety-and-stress', `marmalade test ${input.name}`.slice(0, 200), `marmalade ${input.body}`);
    }

    const reader = await openPage(browser, server.baseUrl);
    await reader.page.goto('/');
    await heading(reader.page, 'Welcome to Haven');
    await reader.page.getByLabel('Search every board').fill('marmalade');
    await reader.page.getByRole('button', { name: 'Search' }).click();
    await heading(reader.page, 'Search');
    expect(new URL(reader.page.url()).search).toBe('?q=marmalade');
    await see(reader.page.getByRole('link', { name: 'Her old teapot' })).toBeVisible();
    await see(reader.page.getByRole('link', { name: 'Sunday evenings' })).toBeVisible();
    // The snippet's highlight is a <mark> inside the one server-HTML component.
    const mark = reader.page.locator('haven-post-body mark').first();
    await see(mark).toHaveText(/marmalade/i);

    // Filter by board: the URL carries it, and only that board's hit stays.
    await reader.page.getByLabel('In', { exact: true }).selectOption('grief-and-loss');
    await reader.page.getByRole('button', { name: 'Search' }).click();
    await see(reader.page.getByText(/Results for “marmalade” in Grief and loss/)).toBeVisible();
    expect(new URL(reader.page.url()).searchParams.get('board')).toBe('grief-and-loss');
    await see(reader.page.getByRole('link', { name: 'Sunday evenings' })).toHaveCount(0);
    await see(reader.page.getByRole('link', { name: 'Her old teapot' })).toBeVisible();

    // Back returns to the search over every board; following a hit opens the thread.
    await reader.page.goBack();
    await see(reader.page.getByRole('link', { name: 'Sunday evenings' })).toBeVisible();
    await reader.page.waitForLoadState('networkidle');
    expect(await pwned(reader)).toBe(false);
    expect(await dangerousNodes(reader.page)).toEqual([]);
    await reader.page.getByRole('link', { name: 'Her old teapot' }).click();
    await heading(reader.page, 'Her old teapot');

    // A search that finds nothing says so kindly.
    await reader.page.goto('/search?q=zzqxnothingmatches');
    await see(reader.page.getByText(/Nothing matched “zzqxnothingmatches”/)).toBeVisible();
    expect(await pwned(reader)).toBe(false);
    expect(await problemsOf(reader)).toEqual([]);
    await writer.context.close();
    await reader.context.close();
  });

  it('lets an author edit a post (it shows "edited") and delete one (a tombstone stays)', async () => {
    const author = await openPage(browser, server.baseUrl);
    await signUpByApi(author, pseudonym('hazel'));
    const created = await startThread(author, 'loneliness', 'Talking to the cat', 'I talk to my cat more than to people lately.');
    const reply = await apiAs<{ post: { id: string } }>(author, 'POST', `/api/threads/${created.thread.id}/posts`, {
      body: 'Posted this by mistake.',
    });
    await author.page.goto(`/t/${created.thread.id}`);
    await heading(author.page, 'Talking to the cat');

    const opening = author.page.locator('haven-post').first();
    await opening.getByRole('button', { name: 'Edit your post' }).click();
    const editor = opening.getByLabel('Your post');
    await see(editor).toBeVisible();
    expect(await editor.inputValue()).toBe('I talk to my cat more than to people lately.');
    await editor.fill('I talk to my cat more than to people lately, and that is **all right**.');
    await opening.getByLabel('Content warning (optional)').fill('loneliness');
    await opening.getByRole('button', { name: 'Save changes' }).click();
    await see(opening.getByText(/edited/)).toBeVisible();
    await see(opening.getByText('Content warning: loneliness')).toBeVisible();
    await author.page.reload();
    await heading(author.page, 'Talking to the cat');
    await see(author.page.locator('haven-post').first().getByText(/edited/)).toBeVisible();
    await author.page.locator('haven-post').first().getByText('Content warning: loneliness').click();
    await see(author.page.locator('haven-post').first().locator('strong')).toHaveText('all right');

    const second = author.page.locator('haven-post').nth(1);
    await see(second.getByText('Posted this by mistake.')).toBeVisible();
    await second.getByRole('button', { name: 'Delete your post' }).click();
    await see(second.getByText(/Delete this post\?/)).toBeVisible();
    await second.getByRole('button', { name: 'Yes, delete it' }).click();
    await see(second.getByText('This post was deleted by its author.')).toBeVisible();
    const thread = await (await author.context.request.get(`/api/threads/${created.thread.id}`)).json();
    const deleted = (thread as { items: { id: string; status: string }[] }).items.find((p) => p.id === reply.post.id);
    expect(deleted?.status).toBe('deleted');
    expect(await problemsOf(author)).toEqual([]);
    await author.context.close();
  });

  it('lets an author ask for another look at a removed post; the queue has it again with the note', async () => {
    const author = await openPage(browser, server.baseUrl);
    const authorName = pseudonym('birch');
    await signUpByApi(author, authorName);
    const created = await startThread(author, 'anxiety-and-stress', 'What helps with dosing', 'I take extra tablets when it is bad.');

    const moderator = await openPage(browser, server.baseUrl);
    const modName = pseudonym('kestrel');
    await signUpByApi(moderator, modName);
    await server.setRole(modName, 'moderator');
    const flagger = await openPage(browser, server.baseUrl);
    await signUpByApi(flagger, pseudonym('fern'));
    await apiAs(flagger, 'POST', `/api/posts/${created.post.id}/flags`, { reason: 'harmful' });
    type Item = { id: string; version: number; post: { id: string }; appealNote?: string | null; status: string };
    const queue = (await (await moderator.context.request.get('/api/moderation/queue')).json()) as { items: Item[] };
    const item = queue.items.find((i) => i.post.id === created.post.id);
    expect(item).toBeDefined();
    const claimed = await apiAs<{ version: number }>(moderator, 'POST', `/api/moderation/items/${item?.id}/claim`);
    await apiAs(moderator, 'POST', `/api/moderation/items/${item?.id}/decision`, {
      action: 'remove',
      reason: 'Please do not share medication doses here.',
      version: claimed.version,
    });

    // The author finds it from the notification and asks for another look.
    await author.page.goto('/notifications');
    await heading(author.page, 'Notifications');
    await author.page.getByRole('link', { name: 'ask for another look' }).click();
    await heading(author.page, 'What helps with dosing');
    const post = author.page.locator('haven-post').first();
    await see(post.getByText(/Their reason: “Please do not share medication doses here.”/)).toBeVisible();
    await post.getByRole('button', { name: 'Ask for another look' }).click();
    await post.getByLabel('What would you like the moderators to know?').fill('I meant my own prescription, agreed with my doctor.');
    await post.getByRole('button', { name: 'Send' }).click();
    await see(post.getByText(/Your appeal was sent/)).toBeVisible();

    const reopened = (await (await moderator.context.request.get('/api/moderation/queue')).json()) as { items: Item[] };
    const again = reopened.items.find((i) => i.post.id === created.post.id);
    expect(again?.appealNote).toBe('I meant my own prescription, agreed with my doctor.');

    // Asking twice is answered kindly.
    await author.page.reload();
    await heading(author.page, 'What helps with dosing');
    await author.page.locator('haven-post').first().getByRole('button', { name: 'Ask for another look' }).click();
    await author.page.locator('haven-post').first().getByLabel('What would you like the moderators to know?').fill('Again.');
    await author.page.locator('haven-post').first().getByRole('button', { name: 'Send' }).click();
    await see(author.page.locator('haven-post').first().getByText(/already asked for another look/)).toBeVisible();
    expect(await problemsOf(author)).toEqual([]);
    for (const w of [author, moderator, flagger]) await w.context.close();
  });
});
