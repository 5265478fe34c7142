import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import { BOARD, expectError, newThread, veteran, type Client, type Json, type Method } from './contract-helpers';

/** "Client input never produces a 5xx, and an error never carries a stack trace or SQL." */
describe(`contract: hostile input never gives a 5xx on ${ENGINE}`, () => {
  let t: TestApp;
  let admin: Client;
  let mod: Client;
  let alice: Client;
  let bob: Client;
  let post: Json;
  let itemId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await veteran(t, 'admin');
    mod = await veteran(t, 'moderator');
    alice = await veteran(t);
    bob = await veteran(t);
    post = (await newThread(alice)).post;
    expect((await bob.req('POST', `/api/posts/${post.id}/flags`, { reason: 'spam' })).statusCode).toBe(201);
    const q = (await mod.req('GET', '/api/moderation/queue')).json();
    itemId = q.items[0].id;
  });
  afterAll(() => t.close());

  const ids = ['0', '-1', '1e3', '99999999999999999999', '9223372036854775807', '9223372036854775808', 'abc', '%20', '1%00', '..%2F..'];
  const values: unknown[] = [null, true, -1, 0, 1.5, 1e308, -1e308, 9e15, 'x'.repeat(10_000), '\u0000', '\ud800', [], {}, 'NaN'];

  async function check(who: Client | null, method: Method, url: string, payload?: unknown) {
    const response = who ? await who.req(method, url, payload) : await t.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
    expect(response.statusCode, `${method} ${url} ${JSON.stringify(payload)?.slice(0, 80)} → ${response.statusCode} ${response.body.slice(0, 200)}`).toBeLessThan(500);
    if (response.statusCode >= 400) expectError(response, response.statusCode);
    return response;
  }

  it('odd ids in every :id route', async () => {
    for (const id of ids) {
      await check(null, 'GET', `/api/threads/${id}`);
      await check(null, 'GET', `/api/threads/${id}/posts`);
      await check(alice, 'POST', `/api/threads/${id}/posts`, { body: 'x' });
      await check(alice, 'PATCH', `/api/posts/${id}`, { body: 'x' });
      await check(alice, 'DELETE', `/api/posts/${id}`);
      await check(alice, 'PUT', `/api/posts/${id}/reactions/hug`);
      await check(alice, 'POST', `/api/posts/${id}/flags`, { reason: 'spam' });
      await check(alice, 'POST', `/api/posts/${id}/appeal`, { note: 'x' });
      await check(mod, 'POST', `/api/moderation/items/${id}/claim`);
      await check(mod, 'POST', `/api/moderation/items/${id}/decision`, { action: 'approve', reason: 'x', version: 1 });
      await check(mod, 'POST', `/api/moderation/items/${id}/suspend`, { days: 1, reason: 'x' });
      await check(admin, 'POST', `/api/admin/users/${id}/role`, { role: 'member' });
      await check(admin, 'PATCH', `/api/boards/${id}`, { name: 'x' });
      await check(null, 'GET', `/api/boards/${id}/threads`);
    }
  });

  it('odd values in every body field', async () => {
    for (const v of values) {
      await check(null, 'POST', '/api/auth/register', { pseudonym: v, password: v });
      await check(null, 'POST', '/api/auth/login', { pseudonym: v, password: v });
      await check(null, 'POST', '/api/auth/recover', { pseudonym: v, recoveryCode: v, newPassword: v });
      await check(alice, 'POST', `/api/boards/${BOARD}/threads`, { title: v, body: v, contentWarning: v, anonymous: v });
      await check(alice, 'POST', `/api/threads/${post.threadId}/posts`, { body: v, contentWarning: v });
      await check(alice, 'PATCH', `/api/posts/${post.id}`, { body: v, contentWarning: v });
      await check(bob, 'POST', `/api/posts/${post.id}/flags`, { reason: v, note: v });
      await check(alice, 'POST', '/api/notifications/read', { upTo: v });
      await check(mod, 'POST', `/api/moderation/items/${itemId}/decision`, { action: 'approve', reason: v, version: v });
      await check(mod, 'POST', `/api/moderation/items/${itemId}/suspend`, { days: v, reason: v });
      await check(admin, 'POST', '/api/boards', { slug: v, name: v, description: v, premoderated: v });
      await check(admin, 'PATCH', `/api/boards/${BOARD}`, { name: v, description: v, premoderated: v });
      await check(admin, 'POST', `/api/admin/users/${bob.pseudonym}/role`, { role: v });
      await check(alice, 'POST', `/api/posts/${post.id}/appeal`, { note: v });
    }
  });

  it('suspend with a huge number of days', async () => {
    for (const days of [36500, 1e6, 1e9, 2 ** 31, Number.MAX_SAFE_INTEGER]) {
      await check(mod, 'POST', `/api/moderation/items/${itemId}/suspend`, { days, reason: 'long' });
    }
  });

  it('odd query strings', async () => {
    for (const q of ['limit=1e2', 'limit=%00', 'limit=99999999999999999999', 'cursor=', 'cursor=%00', 'sort[]=new', 'limit=1&limit=2', 'status=open&status=resolved']) {
      await check(null, 'GET', `/api/boards/${BOARD}/threads?${q}`);
      await check(null, 'GET', `/api/threads/${post.threadId}/posts?${q}`);
      await check(alice, 'GET', `/api/notifications?${q}`);
      await check(mod, 'GET', `/api/moderation/queue?${q}`);
      await check(mod, 'GET', `/api/moderation/log?${q}`);
      await check(null, 'GET', `/api/search?q=hello&${q}`);
    }
    for (const q of ['%F0%9F%98%80', '%ED%A0%80', '*', ':*', '!!', '()', "'", 'a%26b', '<>', 'x'.repeat(5000), '%E2%80%AE']) {
      await check(null, 'GET', `/api/search?q=${q}`);
      await check(null, 'GET', `/api/search?q=${q}&board=${q}`);
    }
  });

  it('a cursor from one list given to another → 400', async () => {
    const t1 = await newThread(alice);
    for (let i = 0; i < 3; i += 1) await newThread(alice);
    const page = (await t.app.inject({ url: `/api/boards/${BOARD}/threads?limit=1&sort=new` })).json();
    expect(typeof page.nextCursor).toBe('string');
    const wrong = await check(null, 'GET', `/api/threads/${t1.thread.id}/posts?cursor=${page.nextCursor}`);
    expect([400, 422]).toContain(wrong.statusCode);
    const otherSort = await check(null, 'GET', `/api/boards/${BOARD}/threads?limit=1&sort=unanswered&cursor=${page.nextCursor}`);
    expect([200, 400, 422]).toContain(otherSort.statusCode);
  });
});
