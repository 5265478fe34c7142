import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import { openStream } from '../helpers/sse';
import {
  BOARD,
  expectError,
  expectIso,
  expectList,
  expectPost,
  expectThread,
  newThread,
  register,
  reply,
  uniqueName,
  veteran,
  type Client,
  type Json,
} from './contract-helpers';

const CONTRACT_PATHS: [string, string][] = [
  ['post', '/api/auth/register'],
  ['post', '/api/auth/login'],
  ['post', '/api/auth/recover'],
  ['post', '/api/auth/logout'],
  ['post', '/api/auth/logout-everywhere'],
  ['get', '/api/me'],
  ['delete', '/api/me'],
  ['get', '/api/me/export'],
  ['get', '/api/boards'],
  ['post', '/api/boards'],
  ['patch', '/api/boards/{slug}'],
  ['get', '/api/boards/{slug}/threads'],
  ['post', '/api/boards/{slug}/threads'],
  ['get', '/api/threads/{id}'],
  ['get', '/api/threads/{id}/posts'],
  ['post', '/api/threads/{id}/posts'],
  ['patch', '/api/posts/{id}'],
  ['delete', '/api/posts/{id}'],
  ['put', '/api/posts/{id}/reactions/{kind}'],
  ['delete', '/api/posts/{id}/reactions/{kind}'],
  ['get', '/api/search'],
  ['get', '/api/resources'],
  ['post', '/api/posts/{id}/flags'],
  ['get', '/api/moderation/queue'],
  ['post', '/api/moderation/items/{id}/claim'],
  ['post', '/api/moderation/items/{id}/decision'],
  ['post', '/api/moderation/items/{id}/suspend'],
  ['get', '/api/moderation/log'],
  ['post', '/api/posts/{id}/appeal'],
  ['post', '/api/admin/users/{pseudonym}/role'],
  ['get', '/api/events'],
  ['get', '/api/notifications'],
  ['post', '/api/notifications/read'],
];

describe(`contract: search, notifications, operations on ${ENGINE}`, () => {
  let t: TestApp;
  let admin: Client;
  let alice: Client;
  let bob: Client;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await veteran(t, 'admin');
    alice = await veteran(t);
    bob = await veteran(t);
  });
  afterAll(() => t.close());

  describe('operations', () => {
    it('GET /healthz → 200 and GET /readyz → 200', async () => {
      expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
      expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    });

    it('GET /api/openapi.json is OpenAPI 3 listing every contract path and method', async () => {
      const response = await t.app.inject({ url: '/api/openapi.json' });
      expect(response.statusCode).toBe(200);
      expect(String(response.headers['content-type'])).toMatch(/application\/json/);
      const doc = response.json();
      expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(typeof doc.info?.title).toBe('string');
      expect(typeof doc.info?.version).toBe('string');
      const missing = CONTRACT_PATHS.filter(([method, path]) => !doc.paths?.[path]?.[method]).map(([m, p]) => `${m.toUpperCase()} ${p}`);
      expect(missing).toEqual([]);
    });

    it('unknown route → 404 error shape', async () => {
      expectError(await t.app.inject({ url: '/api/no-such-route' }), 404);
      expectError(await t.app.inject({ method: 'POST', url: '/api/no-such-route', payload: {} }), 404);
    });

    it('a body that is too large → 413 error shape', async () => {
      const response = await alice.req('POST', `/api/boards/${BOARD}/threads`, JSON.stringify({ title: 't', body: 'x'.repeat(2_000_000) }), {
        'content-type': 'application/json',
      });
      expectError(response, 413);
    });

    it('malformed JSON on an authenticated route → 400 error shape', async () => {
      expectError(await alice.req('POST', `/api/boards/${BOARD}/threads`, '{"title":', { 'content-type': 'application/json' }), 400);
    });

    it('GET /api/resources lists { name, contact, url }', async () => {
      const response = await t.app.inject({ url: '/api/resources' });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      const list: Json[] = Array.isArray(body) ? body : (body.items ?? body.resources);
      expect(Array.isArray(list)).toBe(true);
      expect(list.length).toBeGreaterThan(0);
      for (const r of list) {
        expect(typeof r.name).toBe('string');
        expect(typeof r.contact).toBe('string');
        expect(typeof r.url).toBe('string');
      }
    });
  });

  describe('GET /api/search', () => {
    it('list of { thread, post, snippetHtml } over visible posts, with board= filter', async () => {
      const word = `zebrafinch${process.pid % 10000}`;
      const slug = `search-${process.pid % 10000}`;
      expect((await admin.req('POST', '/api/boards', { slug, name: 'Search board', description: '' })).statusCode).toBe(201);
      const one = await newThread(alice, { title: 'first', body: `I saw a ${word} today` }, BOARD);
      const two = await newThread(alice, { title: 'second', body: `another ${word} story` }, slug);
      const deleted = await newThread(alice, { title: 'third', body: `a deleted ${word} post` }, slug);
      expect((await alice.req('DELETE', `/api/posts/${deleted.post.id}`)).statusCode).toBe(204);
      const response = await t.app.inject({ url: `/api/search?q=${word}` });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expectList(body);
      const postIds = (body.items as Json[]).map((i) => i.post.id).sort();
      expect(postIds).toEqual([one.post.id, two.post.id].sort());
      for (const item of body.items) {
        expectThread(item.thread);
        expectPost(item.post);
        expect(typeof item.snippetHtml).toBe('string');
        expect(item.snippetHtml.toLowerCase()).toContain(word);
      }
      const filtered = (await t.app.inject({ url: `/api/search?q=${word}&board=${slug}` })).json();
      expect((filtered.items as Json[]).map((i) => i.post.id)).toEqual([two.post.id]);
      expect(filtered.items[0].thread.board.slug).toBe(slug);
    });

    it('search does not leak pending posts to others; snippets are safe HTML', async () => {
      const word = `okapi${process.pid % 10000}`;
      await newThread(alice, { body: `<script>alert(1)</script> ${word} <img src=x onerror=alert(1)>` });
      const response = await t.app.inject({ url: `/api/search?q=${word}` });
      expect(response.statusCode).toBe(200);
      for (const item of response.json().items) {
        // Only <mark> tags: the rest of the text is escaped.
        expect(item.snippetHtml.replace(/<\/?mark>/g, '')).not.toMatch(/</);
      }
    });

    it('empty/missing q → 400/422 or an empty list, never 5xx; hostile q never 5xx', async () => {
      for (const q of ['', '%27%22%3B--', '%5C', 'a%20%26%20%7C%20!', '%00', 'x'.repeat(500)]) {
        const response = await t.app.inject({ url: `/api/search?q=${q}` });
        expect(response.statusCode, `q=${q.slice(0, 20)}`).toBeLessThan(500);
        if (response.statusCode !== 200) expectError(response, response.statusCode);
        else expectList(response.json());
      }
      const missing = await t.app.inject({ url: '/api/search' });
      expect(missing.statusCode).toBeLessThan(500);
    });

    it('hidden posts and pending posts are not searchable by others; search paginates', async () => {
      const moderator = await veteran(t, 'moderator');
      const word = `quokka${process.pid % 10000}`;
      const shown = await newThread(alice, { body: `visible ${word}` });
      const hidden = await newThread(alice, { body: `to be hidden ${word}` });
      await bob.req('POST', `/api/posts/${hidden.post.id}/flags`, { reason: 'spam' });
      const item = (await moderator.req('GET', '/api/moderation/queue?limit=100')).json().items.find((i: Json) => i.post.id === hidden.post.id);
      expect((await moderator.req('POST', `/api/moderation/items/${item.id}/decision`, { action: 'hide', reason: 'x', version: item.version })).statusCode).toBe(200);
      for (let i = 0; i < 3; i += 1) await newThread(bob, { body: `more ${word} number ${i}` });
      const all = (await bob.req('GET', `/api/search?q=${word}&limit=100`)).json();
      const ids = (all.items as Json[]).map((x) => x.post.id);
      expect(ids).toContain(shown.post.id);
      expect(ids).not.toContain(hidden.post.id);
      expect(ids.length).toBe(4);
      const first = (await bob.req('GET', `/api/search?q=${word}&limit=2`)).json();
      expect(first.items.length).toBe(2);
      expect(typeof first.nextCursor).toBe('string');
      const second = (await bob.req('GET', `/api/search?q=${word}&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
      const walked = [...first.items, ...second.items].map((x: Json) => x.post.id);
      expect(new Set(walked).size).toBe(4);
      expect(second.nextCursor).toBeNull();
    });

    it('an unknown board filter → 404 or empty list', async () => {
      const response = await t.app.inject({ url: '/api/search?q=hello&board=no-such-board' });
      if (response.statusCode === 200) expect(response.json().items).toEqual([]);
      else expectError(response, 404);
    });
  });

  describe('notifications', () => {
    it('replies and reactions notify; list shape; POST /api/notifications/read { upTo } → 204', async () => {
      const author = await veteran(t);
      const { thread, post } = await newThread(author);
      await reply(bob, thread.id);
      expect((await bob.req('PUT', `/api/posts/${post.id}/reactions/hug`)).statusCode).toBe(200);
      const response = await author.req('GET', '/api/notifications');
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expectList(body);
      expect(body.items.length).toBeGreaterThanOrEqual(2);
      for (const n of body.items) {
        expect(typeof n.id).toBe('string');
        expectIso(n.createdAt);
      }
      const newest = body.items[0];
      const read = await author.req('POST', '/api/notifications/read', { upTo: newest.id });
      expect(read.statusCode, read.body).toBe(204);
      expect(read.body).toBe('');
      const after = (await author.req('GET', '/api/notifications')).json();
      expect(after.items.length).toBe(body.items.length);
    });

    it('401 signed out; 400/422 for a bad upTo', async () => {
      expectError(await t.app.inject({ url: '/api/notifications' }), 401);
      expectError(await t.app.inject({ method: 'POST', url: '/api/notifications/read', payload: { upTo: '1' } }), 401);
      const bad = await alice.req('POST', '/api/notifications/read', {});
      expect([400, 422]).toContain(bad.statusCode);
      expectError(bad, bad.statusCode);
    });

    it('notifications paginate', async () => {
      const author = await veteran(t);
      const { thread } = await newThread(author);
      for (let i = 0; i < 4; i += 1) await reply(bob, thread.id, { body: `reply number ${i}` });
      const first = (await author.req('GET', '/api/notifications?limit=2')).json();
      expect(first.items.length).toBe(2);
      expect(typeof first.nextCursor).toBe('string');
      const second = (await author.req('GET', `/api/notifications?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
      expect(second.items.length).toBe(2);
      const ids = [...first.items, ...second.items].map((n: Json) => n.id);
      expect(new Set(ids).size).toBe(4);
    });
  });

  describe('live updates', () => {
    it('GET /api/events: post.created for threads on screen, notification for the member, queue.changed for moderators', async () => {
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const moderator = await veteran(t, 'moderator');
      const author = await veteran(t);
      const { thread, post } = await newThread(author);
      const watcher = await openStream(address, { query: `threads=${thread.id}` });
      const member = await openStream(address, { cookie: author.cookie });
      const staff = await openStream(address, { cookie: moderator.cookie });
      try {
        expect(watcher.status).toBe(200);
        expect(String(watcher.headers['content-type'])).toMatch(/text\/event-stream/);
        await reply(bob, thread.id, { body: 'live reply' });
        await bob.req('POST', `/api/posts/${post.id}/flags`, { reason: 'other' });
        const [created] = await watcher.waitFor(1);
        expect(created!.event).toBe('post.created');
        expect(JSON.stringify(created!.data)).toContain(thread.id);
        expect((await member.waitFor(1)).some((e) => e.event === 'notification')).toBe(true);
        expect((await staff.waitFor(1)).some((e) => e.event === 'queue.changed')).toBe(true);
        expect(JSON.stringify(watcher.received())).not.toContain(bob.pseudonym);
      } finally {
        watcher.close();
        member.close();
        staff.close();
      }
    });
  });

  describe('times and ids', () => {
    it('every id is a string and every time ISO 8601 UTC in a thread view', async () => {
      const { thread } = await newThread(alice);
      const body = (await t.app.inject({ url: `/api/threads/${thread.id}` })).json();
      expect(typeof body.thread.id).toBe('string');
      expectIso(body.thread.createdAt);
      expectIso(body.thread.lastActivityAt);
    });
  });

  describe('registration makes no duplicate on a retried POST with Idempotency-Key', () => {
    it('a retried register with the same key does not 5xx', async () => {
      const pseudonym = uniqueName();
      const payload = { pseudonym, password: 'a long enough password' };
      const first = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload, headers: { 'idempotency-key': 'reg-1' } });
      expect(first.statusCode).toBe(201);
      const second = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload, headers: { 'idempotency-key': 'reg-1' } });
      expect(second.statusCode).toBeLessThan(500);
    });
  });
});

describe(`contract: rate limits on ${ENGINE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ rateLimits: true });
  });
  afterAll(() => t.close());

  it('429 with Retry-After and the error shape', async () => {
    let limited: Awaited<ReturnType<typeof t.app.inject>> | undefined;
    for (let i = 0; i < 200 && !limited; i += 1) {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { pseudonym: 'nobody-here', password: 'wrong password!' } });
      if (response.statusCode === 429) limited = response;
      else expect(response.statusCode).toBe(401);
    }
    expect(limited, 'never rate limited').toBeDefined();
    expectError(limited!, 429);
    const retryAfter = limited!.headers['retry-after'];
    expect(retryAfter).toBeDefined();
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('posting too fast → 429 with Retry-After', async () => {
    const member = await register(t.app);
    let limited: Awaited<ReturnType<typeof member.req>> | undefined;
    for (let i = 0; i < 40 && !limited; i += 1) {
      const response = await member.req('POST', `/api/boards/${BOARD}/threads`, { title: `fast ${i}`, body: `fast body number ${i}` });
      if (response.statusCode === 429) limited = response;
      else expect(response.statusCode, response.body).toBe(201);
    }
    expect(limited).toBeDefined();
    expectError(limited!, 429);
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe(`contract: readiness without a database on ${ENGINE}`, () => {
  it('GET /readyz → 503 when the database does not answer; /healthz stays 200', async () => {
    const t = await buildTestApp();
    await t.database.dispose();
    try {
      const ready = await t.app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.body).not.toMatch(/\bselect\b|node_modules|\bat .+:\d+:\d+/i);
      expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await t.app.close();
    }
  });
});
