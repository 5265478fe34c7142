import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import {
  BOARD,
  CRISIS_TEXT,
  KINDS,
  expectBoard,
  expectCrisis,
  expectError,
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

describe(`contract: boards, threads and posts on ${ENGINE}`, () => {
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

  async function freshBoard(premoderated = false): Promise<string> {
    const slug = `b-${uniqueName().toLowerCase().replace(/_/g, '-')}`.slice(0, 40);
    const response = await admin.req('POST', '/api/boards', { slug, name: `Board ${slug}`, description: 'A board for a test', premoderated });
    if (response.statusCode !== 201) throw new Error(`board: ${response.statusCode} ${response.body}`);
    return slug;
  }

  describe('boards', () => {
    it('GET /api/boards → 200 { items: [board] } with the board fields', async () => {
      const response = await t.app.inject({ url: '/api/boards' });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(Array.isArray(body.items)).toBe(true);
      expect(body.items.length).toBeGreaterThan(0);
      for (const board of body.items) expectBoard(board);
    });

    it('POST /api/boards (admin) → 201 board', async () => {
      const slug = `new-${process.pid % 10000}-a`;
      const response = await admin.req('POST', '/api/boards', { slug, name: 'New board', description: 'Fresh' });
      expect(response.statusCode, response.body).toBe(201);
      const board = response.json();
      expectBoard(board);
      expect(board).toMatchObject({ slug, name: 'New board', description: 'Fresh', threadCount: 0, lastActivityAt: null });
      const list = (await t.app.inject({ url: '/api/boards' })).json().items as Json[];
      expect(list.map((b) => b.slug)).toContain(slug);
    });

    it('POST /api/boards: 401 anonymous, 403 member, 409 taken slug, 422 bad slug', async () => {
      expectError(await t.app.inject({ method: 'POST', url: '/api/boards', payload: { slug: 'nobody-board', name: 'N', description: '' } }), 401);
      expectError(await alice.req('POST', '/api/boards', { slug: 'member-board', name: 'N', description: '' }), 403);
      expectError(await admin.req('POST', '/api/boards', { slug: BOARD, name: 'Dup', description: '' }), 409);
      expectError(await admin.req('POST', '/api/boards', { slug: 'Bad Slug!', name: 'N', description: '' }), 422);
    });

    it('POST /api/boards honours Idempotency-Key', async () => {
      const slug = `idem-${process.pid % 10000}`;
      const payload = { slug, name: 'Idem', description: 'd' };
      const first = await admin.req('POST', '/api/boards', payload, { 'idempotency-key': 'board-key-1' });
      const second = await admin.req('POST', '/api/boards', payload, { 'idempotency-key': 'board-key-1' });
      expect(first.statusCode).toBe(201);
      expect(second.statusCode).toBe(201);
      expect(second.json()).toEqual(first.json());
      const changed = await admin.req('POST', '/api/boards', { ...payload, name: 'Other' }, { 'idempotency-key': 'board-key-1' });
      expectError(changed, 422);
    });

    it('PATCH /api/boards/:slug (admin) → 200 board; 403 member; 404 unknown', async () => {
      const slug = await freshBoard();
      const response = await admin.req('PATCH', `/api/boards/${slug}`, { name: 'Renamed', description: 'Changed' });
      expect(response.statusCode, response.body).toBe(200);
      expectBoard(response.json());
      expect(response.json()).toMatchObject({ slug, name: 'Renamed', description: 'Changed' });
      expectError(await alice.req('PATCH', `/api/boards/${slug}`, { name: 'Nope' }), 403);
      expectError(await admin.req('PATCH', '/api/boards/no-such-board', { name: 'Nope' }), 404);
    });

    it('threadCount and lastActivityAt follow new threads', async () => {
      const slug = await freshBoard();
      await newThread(alice, {}, slug);
      const board = ((await t.app.inject({ url: '/api/boards' })).json().items as Json[]).find((b) => b.slug === slug)!;
      expect(board.threadCount).toBe(1);
      expect(board.lastActivityAt).not.toBeNull();
    });
  });

  describe('threads', () => {
    it('POST /api/boards/:slug/threads → 201 { thread, post, crisis: null }', async () => {
      const response = await alice.req('POST', `/api/boards/${BOARD}/threads`, { title: '  My first thread  ', body: '**Hello** there', contentWarning: 'sadness' });
      expect(response.statusCode, response.body).toBe(201);
      const { thread, post, crisis } = response.json();
      expectThread(thread);
      expectPost(post);
      expect(crisis).toBeNull();
      expect(thread.title).toBe('My first thread');
      expect(thread.board).toMatchObject({ slug: BOARD });
      expect(thread.status).toBe('published');
      expect(thread.replyCount).toBe(0);
      expect(thread.contentWarning).toBe('sadness');
      expect(thread.author).toMatchObject({ name: alice.pseudonym, kind: 'member', isOriginalPoster: true });
      expect(post.threadId).toBe(thread.id);
      expect(post.bodyHtml).toContain('<strong>Hello</strong>');
      expect(post.status).toBe('published');
      expect(post.mine).toBe(true);
      expect(post.editedAt).toBeNull();
      expect(post.reactions).toEqual({ hug: 0, relate: 0, thanks: 0, strength: 0 });
      expect(post.myReactions).toEqual([]);
      expect(post.author).toMatchObject({ name: alice.pseudonym, kind: 'member', isOriginalPoster: true, role: 'member' });
      expect(post.body).toBe('**Hello** there');
    });

    it('401 without a session, 404 unknown board', async () => {
      expectError(await t.app.inject({ method: 'POST', url: `/api/boards/${BOARD}/threads`, payload: { title: 't', body: 'b' } }), 401);
      expectError(await alice.req('POST', '/api/boards/no-such-board/threads', { title: 't', body: 'b' }), 404);
      expectError(await t.app.inject({ url: '/api/boards/no-such-board/threads' }), 404);
    });

    it.each([
      ['empty title', { title: '   ', body: 'b' }],
      ['title over 200', { title: 'x'.repeat(201), body: 'b' }],
      ['empty body', { title: 't', body: '  \n ' }],
      ['body over 20,000', { title: 't', body: 'x'.repeat(20_001) }],
      ['content warning over 80', { title: 't', body: 'b', contentWarning: 'x'.repeat(81) }],
    ])('422 for %s', async (_label, payload) => {
      expectError(await alice.req('POST', `/api/boards/${BOARD}/threads`, payload), 422);
    });

    it('accepts the limits exactly (200 title, 20,000 body, 80 warning, counted after trimming)', async () => {
      const response = await alice.req('POST', `/api/boards/${BOARD}/threads`, {
        title: ` ${'t'.repeat(200)} `,
        body: `  ${'b'.repeat(20_000)}  `,
        contentWarning: ` ${'w'.repeat(80)} `,
      });
      expect(response.statusCode, response.body).toBe(201);
    });

    it('wrong types → 400 or 422, never 5xx', async () => {
      for (const payload of [{ title: 5, body: 'b' }, { title: 't', body: ['b'] }, { title: 't', body: 'b', anonymous: 'yes' }, '"just a string"', '[]', 'null']) {
        const response = await alice.req('POST', `/api/boards/${BOARD}/threads`, payload, { 'content-type': 'application/json' });
        expect([400, 422], `${JSON.stringify(payload)} → ${response.statusCode}`).toContain(response.statusCode);
        expectError(response, response.statusCode);
      }
    });

    it('a non-JSON content type gets a JSON error (400 or 415), never 5xx', async () => {
      const response = await alice.req('POST', `/api/boards/${BOARD}/threads`, 'title=x&body=y', { 'content-type': 'application/x-www-form-urlencoded' });
      expect([400, 415, 422]).toContain(response.statusCode);
      expectError(response, response.statusCode);
    });

    it('crisis text → 201 with crisis.resources and the post stays published', async () => {
      const { post, crisis } = await newThread(alice, { body: CRISIS_TEXT });
      expectCrisis(crisis);
      expect(post.status).toBe('published');
      const view = await bob.req('GET', `/api/threads/${post.threadId}`);
      expect(view.json().items[0].status).toBe('published');
    });

    it('GET /api/threads/:id → { thread, items, nextCursor }, opening post first', async () => {
      const { thread, post } = await newThread(alice);
      const { post: r1 } = await reply(bob, thread.id);
      const { post: r2 } = await reply(alice, thread.id);
      const response = await t.app.inject({ url: `/api/threads/${thread.id}` });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expectThread(body.thread);
      expectList(body);
      expect(body.items.map((p: Json) => p.id)).toEqual([post.id, r1.id, r2.id]);
      for (const p of body.items) expectPost(p);
      expect(body.thread.replyCount).toBe(2);
      expect(body.items[1].author).toMatchObject({ name: bob.pseudonym, kind: 'member', isOriginalPoster: false });
      expect(body.items[2].author).toMatchObject({ name: alice.pseudonym, isOriginalPoster: true });
      expect(body.nextCursor).toBeNull();
      // Signed out: nothing is mine, and no markdown.
      for (const p of body.items) {
        expect(p.mine).toBe(false);
        expect(p).not.toHaveProperty('body');
        expect(p.myReactions).toEqual([]);
      }
    });

    it('`body` only to its author; `mine` true only for the author', async () => {
      const { thread } = await newThread(alice, { body: 'alice *markdown*' });
      await reply(bob, thread.id, { body: 'bob *markdown*' });
      const asAlice = (await alice.req('GET', `/api/threads/${thread.id}`)).json().items as Json[];
      expect(asAlice[0]!.body).toBe('alice *markdown*');
      expect(asAlice[0]!.mine).toBe(true);
      expect(asAlice[1]!).not.toHaveProperty('body');
      expect(asAlice[1]!.mine).toBe(false);
      const asBob = (await bob.req('GET', `/api/threads/${thread.id}`)).json().items as Json[];
      expect(asBob[0]!).not.toHaveProperty('body');
      expect(asBob[1]!.body).toBe('bob *markdown*');
    });

    it('404 for an unknown or malformed thread id (never 5xx)', async () => {
      for (const id of ['999999999', 'abc', '99999999999999999999999', '-1', '1.5', '%00']) {
        const response = await t.app.inject({ url: `/api/threads/${id}` });
        expect([400, 404], `${id} → ${response.statusCode}`).toContain(response.statusCode);
        expectError(response, response.statusCode);
      }
      expectError(await t.app.inject({ url: '/api/threads/999999999/posts' }), 404);
      expectError(await alice.req('POST', '/api/threads/999999999/posts', { body: 'x' }), 404);
    });

    it('GET /api/threads/:id/posts walks the thread oldest first with cursors', async () => {
      const { thread, post } = await newThread(alice);
      const ids = [post.id];
      for (let i = 0; i < 24; i += 1) ids.push((await reply(i % 2 ? alice : bob, thread.id, { body: `reply ${i}` })).post.id);
      const first = (await t.app.inject({ url: `/api/threads/${thread.id}` })).json();
      expect(first.items.length).toBe(20);
      expect(typeof first.nextCursor).toBe('string');
      const seen = first.items.map((p: Json) => p.id);
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await t.app.inject({ url: `/api/threads/${thread.id}/posts?cursor=${encodeURIComponent(cursor)}&limit=3` });
        expect(page.statusCode).toBe(200);
        const body = page.json();
        expectList(body);
        for (const p of body.items) expectPost(p);
        seen.push(...body.items.map((p: Json) => p.id));
        cursor = body.nextCursor;
      }
      expect(seen).toEqual(ids);
      const all = (await t.app.inject({ url: `/api/threads/${thread.id}/posts` })).json();
      expect(all.items.map((p: Json) => p.id)).toEqual(ids.slice(0, 20));
      const small = (await t.app.inject({ url: `/api/threads/${thread.id}/posts?limit=5` })).json();
      expect(small.items.map((p: Json) => p.id)).toEqual(ids.slice(0, 5));
      const big = (await t.app.inject({ url: `/api/threads/${thread.id}/posts?limit=100` })).json();
      expect(big.items.length).toBe(25);
      expect(big.nextCursor).toBeNull();
      expect((await t.app.inject({ url: `/api/threads/${thread.id}?limit=100` })).json().items.length).toBe(25);
    });

    it('a bad cursor → 400 (never 5xx)', async () => {
      const { thread } = await newThread(alice);
      for (const cursor of ['garbage', 'eyJ4IjoxfQ', '%FF%FE', 'a'.repeat(2000)]) {
        const response = await t.app.inject({ url: `/api/threads/${thread.id}/posts?cursor=${cursor}` });
        expect([400, 422], `${cursor.slice(0, 10)} → ${response.statusCode}`).toContain(response.statusCode);
        expectError(response, response.statusCode);
        const listed = await t.app.inject({ url: `/api/boards/${BOARD}/threads?cursor=${cursor}` });
        expect([400, 422]).toContain(listed.statusCode);
        expectError(listed, listed.statusCode);
      }
    });
  });

  describe('board thread lists', () => {
    it('shape, default limit 20, max 100, cursor walk without repeats', async () => {
      const slug = await freshBoard();
      const created: string[] = [];
      for (let i = 0; i < 23; i += 1) created.push((await newThread(alice, { title: `list ${i}` }, slug)).thread.id);
      const first = await t.app.inject({ url: `/api/boards/${slug}/threads` });
      expect(first.statusCode).toBe(200);
      const body = first.json();
      expectList(body);
      expect(body.items.length).toBe(20);
      for (const th of body.items) expectThread(th);
      const second = (await t.app.inject({ url: `/api/boards/${slug}/threads?cursor=${encodeURIComponent(body.nextCursor)}` })).json();
      expect(second.items.length).toBe(3);
      expect(second.nextCursor).toBeNull();
      const all = [...body.items, ...second.items].map((th: Json) => th.id);
      expect(new Set(all).size).toBe(23);
      expect([...all].sort()).toEqual([...created].sort());
      const hundred = await t.app.inject({ url: `/api/boards/${slug}/threads?limit=100` });
      expect(hundred.statusCode).toBe(200);
      expect(hundred.json().items.length).toBe(23);
    });

    it('limit=101 and limit=0 are refused (400/422) or clamped to 1..100', async () => {
      const slug = await freshBoard();
      for (let i = 0; i < 3; i += 1) await newThread(alice, {}, slug);
      for (const limit of ['101', '0', '-5', 'ten', '1e2']) {
        const response = await t.app.inject({ url: `/api/boards/${slug}/threads?limit=${limit}` });
        if (response.statusCode === 200) {
          expect(response.json().items.length).toBeLessThanOrEqual(100);
          expect(response.json().items.length).toBeGreaterThan(0);
        } else {
          expect([400, 422], `limit=${limit} → ${response.statusCode}`).toContain(response.statusCode);
          expectError(response, response.statusCode);
        }
      }
    });

    it('sort=active puts last activity first; sort=new newest first', async () => {
      const slug = await freshBoard();
      const a = (await newThread(alice, { title: 'A' }, slug)).thread.id;
      const b = (await newThread(alice, { title: 'B' }, slug)).thread.id;
      const c = (await newThread(alice, { title: 'C' }, slug)).thread.id;
      await reply(bob, a);
      const active = (await t.app.inject({ url: `/api/boards/${slug}/threads?sort=active` })).json().items.map((th: Json) => th.id);
      expect(active).toEqual([a, c, b]);
      const byDefault = (await t.app.inject({ url: `/api/boards/${slug}/threads` })).json().items.map((th: Json) => th.id);
      expect(byDefault).toEqual([a, c, b]);
      const fresh = (await t.app.inject({ url: `/api/boards/${slug}/threads?sort=new` })).json().items.map((th: Json) => th.id);
      expect(fresh).toEqual([c, b, a]);
    });

    it('sort=unanswered: no reply from anyone but the author, oldest first', async () => {
      const slug = await freshBoard();
      const a = (await newThread(alice, { title: 'A' }, slug)).thread.id;
      const b = (await newThread(alice, { title: 'B' }, slug)).thread.id;
      const c = (await newThread(bob, { title: 'C' }, slug)).thread.id;
      const d = (await newThread(bob, { title: 'D' }, slug)).thread.id;
      await reply(alice, a); // only the author: still unanswered
      await reply(alice, c); // someone else: answered
      const unanswered = await t.app.inject({ url: `/api/boards/${slug}/threads?sort=unanswered` });
      expect(unanswered.statusCode).toBe(200);
      expect(unanswered.json().items.map((th: Json) => th.id)).toEqual([a, b, d]);
      const paged = (await t.app.inject({ url: `/api/boards/${slug}/threads?sort=unanswered&limit=2` })).json();
      expect(paged.items.map((th: Json) => th.id)).toEqual([a, b]);
      const rest = (await t.app.inject({ url: `/api/boards/${slug}/threads?sort=unanswered&limit=2&cursor=${encodeURIComponent(paged.nextCursor)}` })).json();
      expect(rest.items.map((th: Json) => th.id)).toEqual([d]);
    });

    it('an unknown sort → 400/422', async () => {
      const response = await t.app.inject({ url: `/api/boards/${BOARD}/threads?sort=hot` });
      expect([400, 422]).toContain(response.statusCode);
      expectError(response, response.statusCode);
    });

    it('cursor walks stay consistent for sort=new and sort=active', async () => {
      const slug = await freshBoard();
      const ids: string[] = [];
      for (let i = 0; i < 7; i += 1) ids.push((await newThread(bob, {}, slug)).thread.id);
      for (const sort of ['new', 'active', 'unanswered']) {
        const seen: string[] = [];
        let url = `/api/boards/${slug}/threads?sort=${sort}&limit=2`;
        for (;;) {
          const body = (await t.app.inject({ url })).json();
          seen.push(...body.items.map((th: Json) => th.id));
          if (!body.nextCursor) break;
          url = `/api/boards/${slug}/threads?sort=${sort}&limit=2&cursor=${encodeURIComponent(body.nextCursor)}`;
        }
        expect(new Set(seen).size, sort).toBe(7);
        expect(seen, sort).toEqual(sort === 'unanswered' ? ids : [...ids].reverse());
      }
    });
  });

  describe('replies, edits, deletes, reactions', () => {
    it('POST /api/threads/:id/posts → 201 { post, crisis }', async () => {
      const { thread } = await newThread(alice);
      const response = await bob.req('POST', `/api/threads/${thread.id}/posts`, { body: 'you are *not* alone', contentWarning: 'cw' });
      expect(response.statusCode, response.body).toBe(201);
      const { post, crisis } = response.json();
      expectPost(post);
      expect(crisis).toBeNull();
      expect(post.threadId).toBe(thread.id);
      expect(post.contentWarning).toBe('cw');
      expect(post.bodyHtml).toContain('<em>not</em>');
      expect(post.mine).toBe(true);
      expect(post.author).toMatchObject({ name: bob.pseudonym, kind: 'member', isOriginalPoster: false });
    });

    it('a crisis reply → crisis.resources', async () => {
      const { thread } = await newThread(alice);
      const { post, crisis } = await reply(bob, thread.id, { body: CRISIS_TEXT });
      expectCrisis(crisis);
      expect(post.status).toBe('published');
    });

    it('reply validation: 401, 422', async () => {
      const { thread } = await newThread(alice);
      expectError(await t.app.inject({ method: 'POST', url: `/api/threads/${thread.id}/posts`, payload: { body: 'x' } }), 401);
      expectError(await bob.req('POST', `/api/threads/${thread.id}/posts`, { body: '   ' }), 422);
      expectError(await bob.req('POST', `/api/threads/${thread.id}/posts`, { body: 'x'.repeat(20_001) }), 422);
    });

    it('PATCH /api/posts/:id (author) → 200 post with editedAt; others 403; unknown 404', async () => {
      const { post } = await newThread(alice, { body: 'before' });
      const response = await alice.req('PATCH', `/api/posts/${post.id}`, { body: 'after **edit**', contentWarning: 'new cw' });
      expect(response.statusCode, response.body).toBe(200);
      const edited = response.json();
      expectPost(edited);
      expect(edited.id).toBe(post.id);
      expect(edited.bodyHtml).toContain('<strong>edit</strong>');
      expect(edited.contentWarning).toBe('new cw');
      expect(edited.editedAt).not.toBeNull();
      expect(edited.body).toBe('after **edit**');
      expect(edited.mine).toBe(true);
      expectError(await bob.req('PATCH', `/api/posts/${post.id}`, { body: 'hijack' }), 403);
      expectError(await alice.req('PATCH', '/api/posts/999999999', { body: 'x' }), 404);
      expectError(await alice.req('PATCH', `/api/posts/${post.id}`, { body: '' }), 422);
      expectError(await t.app.inject({ method: 'PATCH', url: `/api/posts/${post.id}`, payload: { body: 'x' } }), 401);
      const onlyCw = await alice.req('PATCH', `/api/posts/${post.id}`, { contentWarning: 'only cw' });
      expect(onlyCw.statusCode).toBe(200);
      expect(onlyCw.json().body).toBe('after **edit**');
    });

    it('DELETE /api/posts/:id (author) → 204; a tombstone stays, with no text', async () => {
      const { thread } = await newThread(alice);
      const { post } = await reply(bob, thread.id, { body: 'secret words to erase' });
      expectError(await alice.req('DELETE', `/api/posts/${post.id}`), 403);
      const response = await bob.req('DELETE', `/api/posts/${post.id}`);
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe('');
      for (const viewer of [alice, bob]) {
        const view = await viewer.req('GET', `/api/threads/${thread.id}`);
        const tomb = (view.json().items as Json[]).find((p) => p.id === post.id)!;
        expect(tomb).toBeDefined();
        expectPost(tomb);
        expect(tomb.status).toBe('deleted');
        expect(view.body).not.toContain('secret words to erase');
      }
      expectError(await alice.req('DELETE', '/api/posts/999999999'), 404);
    });

    it('DELETE erases the text from the database, edits included', async () => {
      const { thread } = await newThread(alice);
      const { post } = await reply(bob, thread.id, { body: 'first version zqxj' });
      expect((await bob.req('PATCH', `/api/posts/${post.id}`, { body: 'second version zqxj' })).statusCode).toBe(200);
      expect((await bob.req('DELETE', `/api/posts/${post.id}`)).statusCode).toBe(204);
      const db = t.database.db as unknown as Kysely<unknown>;
      const posts = await sql<{ n: number }>`select count(*)::int as n from posts where id = ${post.id} and (body_md is not null or body_html <> '')`.execute(db);
      expect(posts.rows[0]!.n).toBe(0);
      const edits = await sql<{ n: number }>`select count(*)::int as n from post_edits where post_id = ${post.id} and body_md like '%zqxj%'`.execute(db);
      expect(edits.rows[0]!.n).toBe(0);
    });

    it('the recovery code and password are stored only as hashes', async () => {
      const c = await register(t.app);
      const db = t.database.db as unknown as Kysely<unknown>;
      const row = (await sql<{ p: string; r: string }>`select password_hash as p, recovery_hash as r from accounts where pseudonym = ${c.pseudonym}`.execute(db)).rows[0]!;
      expect(row.p).not.toContain(c.password);
      expect(row.r).not.toContain(c.recoveryCode);
      expect(row.r.replace(/-/g, '')).not.toContain(c.recoveryCode.replace(/-/g, ''));
    });

    it('PUT/DELETE /api/posts/:id/reactions/:kind → 200 { reactions }, idempotent', async () => {
      const { post } = await newThread(alice);
      for (const kind of KINDS) {
        const put = await bob.req('PUT', `/api/posts/${post.id}/reactions/${kind}`);
        expect(put.statusCode, put.body).toBe(200);
        expect(Object.keys(put.json())).toContain('reactions');
        expect(put.json().reactions[kind]).toBe(1);
        const again = await bob.req('PUT', `/api/posts/${post.id}/reactions/${kind}`);
        expect(again.statusCode).toBe(200);
        expect(again.json().reactions[kind]).toBe(1);
      }
      const view = (await bob.req('GET', `/api/threads/${post.threadId}`)).json().items[0];
      expect(view.reactions).toEqual({ hug: 1, relate: 1, thanks: 1, strength: 1 });
      expect([...view.myReactions].sort()).toEqual([...KINDS].sort());
      const asAlice = (await alice.req('GET', `/api/threads/${post.threadId}`)).json().items[0];
      expect(asAlice.myReactions).toEqual([]);
      const del = await bob.req('DELETE', `/api/posts/${post.id}/reactions/hug`);
      expect(del.statusCode).toBe(200);
      expect(del.json().reactions).toEqual({ hug: 0, relate: 1, thanks: 1, strength: 1 });
      const delAgain = await bob.req('DELETE', `/api/posts/${post.id}/reactions/hug`);
      expect(delAgain.statusCode).toBe(200);
      expect(delAgain.json().reactions.hug).toBe(0);
    });

    it('reactions: unknown kind 404/422 (no downvotes), 401 signed out, 404 unknown post', async () => {
      const { post } = await newThread(alice);
      for (const kind of ['downvote', 'like', 'HUG']) {
        const response = await bob.req('PUT', `/api/posts/${post.id}/reactions/${kind}`);
        expect([400, 404, 422], kind).toContain(response.statusCode);
        expectError(response, response.statusCode);
      }
      expectError(await t.app.inject({ method: 'PUT', url: `/api/posts/${post.id}/reactions/hug` }), 401);
      expectError(await bob.req('PUT', '/api/posts/999999999/reactions/hug'), 404);
    });
  });

  describe('anonymous threads', () => {
    it('an alias, the same for every post of theirs in the thread, never the pseudonym', async () => {
      const moderator = await veteran(t, 'moderator');
      const slug = await freshBoard();
      const response = await alice.req('POST', `/api/boards/${slug}/threads`, { title: 'Anon', body: 'anonymous words', anonymous: true });
      expect(response.statusCode).toBe(201);
      const { thread, post } = response.json();
      expect(thread.author.kind).toBe('alias');
      expect(post.author.kind).toBe('alias');
      expect(post.author.name).not.toBe(alice.pseudonym);
      expect(post.author.name.length).toBeGreaterThan(2);
      expect(thread.author.name).toBe(post.author.name);
      expect(post.author.isOriginalPoster).toBe(true);
      const { post: second } = await reply(alice, thread.id);
      expect(second.author.kind).toBe('alias');
      expect(second.author.name).toBe(post.author.name);
      await reply(bob, thread.id);
      for (const viewer of [bob, moderator]) {
        const view = await viewer.req('GET', `/api/threads/${thread.id}`);
        expect(view.body).not.toContain(alice.pseudonym);
        const items = view.json().items as Json[];
        expect(items[0]!.author.name).toBe(post.author.name);
        expect(items[1]!.author.name).toBe(post.author.name);
        expect(items[2]!.author).toMatchObject({ name: bob.pseudonym, kind: 'member' });
      }
      const list = await t.app.inject({ url: `/api/boards/${slug}/threads?sort=new&limit=100` });
      expect(list.body).not.toContain(alice.pseudonym);
    });
  });

  describe('pending posts (premoderated board, new member)', () => {
    it('visible to the author and moderators only', async () => {
      const slug = await freshBoard(true);
      const newbie = await register(t.app);
      const moderator = await veteran(t, 'moderator');
      const response = await newbie.req('POST', `/api/boards/${slug}/threads`, { title: 'Held', body: 'please let me in' });
      expect(response.statusCode, response.body).toBe(201);
      const { thread, post } = response.json();
      expect(post.status).toBe('pending');
      const own = await newbie.req('GET', `/api/threads/${thread.id}`);
      expect(own.statusCode).toBe(200);
      expect(own.json().items[0].status).toBe('pending');
      expect(own.json().items[0].bodyHtml).toContain('please let me in');
      const asModerator = await moderator.req('GET', `/api/threads/${thread.id}`);
      expect(asModerator.statusCode).toBe(200);
      expect(asModerator.body).toContain('please let me in');
      const asOther = await bob.req('GET', `/api/threads/${thread.id}`);
      expect(asOther.body).not.toContain('please let me in');
      expect([404, 200]).toContain(asOther.statusCode);
      const listed = await bob.req('GET', `/api/boards/${slug}/threads`);
      expect(listed.body).not.toContain('Held');
    });
  });

  describe('more visibility and CSRF', () => {
    it('CSRF applies to PUT, PATCH and DELETE as well', async () => {
      const { post } = await newThread(alice);
      const headers = { cookie: alice.cookie };
      expectError(await t.app.inject({ method: 'PUT', url: `/api/posts/${post.id}/reactions/hug`, headers }), 403);
      expectError(await t.app.inject({ method: 'DELETE', url: `/api/posts/${post.id}/reactions/hug`, headers }), 403);
      expectError(await t.app.inject({ method: 'PATCH', url: `/api/posts/${post.id}`, headers, payload: { body: 'no csrf' } }), 403);
      expectError(await t.app.inject({ method: 'DELETE', url: `/api/posts/${post.id}`, headers }), 403);
      expectError(await t.app.inject({ method: 'POST', url: '/api/notifications/read', headers, payload: { upTo: '1' } }), 403);
      expect((await t.app.inject({ url: `/api/threads/${post.threadId}` })).json().items[0].status).toBe('published');
    });

    it('a pending thread: others get 404 on it and cannot reply or react', async () => {
      const slug = await freshBoard(true);
      const newbie = await register(t.app);
      const { thread, post } = await newThread(newbie, { body: 'pending words' }, slug);
      expect(post.status).toBe('pending');
      expect(thread.status).toBe('pending');
      expectError(await bob.req('GET', `/api/threads/${thread.id}`), 404);
      expectError(await t.app.inject({ url: `/api/threads/${thread.id}` }), 404);
      expectError(await t.app.inject({ url: `/api/threads/${thread.id}/posts` }), 404);
      expectError(await bob.req('POST', `/api/threads/${thread.id}/posts`, { body: 'hello?' }), 404);
      expectError(await bob.req('PUT', `/api/posts/${post.id}/reactions/hug`), 404);
      const search = await t.app.inject({ url: '/api/search?q=pending%20words' });
      expect(search.body).not.toContain(post.id === '' ? 'x' : 'pending words');
    });

    it('a pending reply in a published thread is visible to its author and moderators only', async () => {
      const slug = await freshBoard(true);
      const { thread } = await newThread(alice, {}, slug);
      const newbie = await register(t.app);
      const { post } = await reply(newbie, thread.id, { body: 'pending reply words' });
      expect(post.status).toBe('pending');
      const asOther = await bob.req('GET', `/api/threads/${thread.id}`);
      expect(asOther.statusCode).toBe(200);
      expect(asOther.body).not.toContain('pending reply words');
      const own = await newbie.req('GET', `/api/threads/${thread.id}`);
      expect(own.body).toContain('pending reply words');
      const moderator = await veteran(t, 'moderator');
      expect((await moderator.req('GET', `/api/threads/${thread.id}`)).body).toContain('pending reply words');
    });

    it('an edited or deleted post: no edits after delete (404/409); editedAt changes', async () => {
      const { post } = await newThread(alice);
      const { post: r } = await reply(bob, post.threadId);
      expect((await bob.req('DELETE', `/api/posts/${r.id}`)).statusCode).toBe(204);
      const edit = await bob.req('PATCH', `/api/posts/${r.id}`, { body: 'resurrect' });
      expect([404, 409]).toContain(edit.statusCode);
      expectError(edit, edit.statusCode);
      const again = await bob.req('DELETE', `/api/posts/${r.id}`);
      expect([204, 404, 409]).toContain(again.statusCode);
    });

    it('a moderator reply answers a thread; the author’s alias reply does not', async () => {
      const slug = await freshBoard();
      const moderator = await veteran(t, 'moderator');
      const a = (await newThread(alice, { anonymous: true }, slug)).thread.id;
      const b = (await newThread(alice, {}, slug)).thread.id;
      await reply(alice, a);
      await reply(moderator, b);
      const ids = (await t.app.inject({ url: `/api/boards/${slug}/threads?sort=unanswered` })).json().items.map((th: Json) => th.id);
      expect(ids).toEqual([a]);
    });

    it('reacting from an anonymous thread does not reveal the reactor to the post author', async () => {
      const slug = await freshBoard();
      const helper = await veteran(t);
      const { thread } = await newThread(alice, { anonymous: true }, slug);
      const { post } = await reply(helper, thread.id);
      expect((await alice.req('PUT', `/api/posts/${post.id}/reactions/thanks`)).statusCode).toBe(200);
      await reply(alice, thread.id, { body: 'thank you for answering' });
      const notes = await helper.req('GET', '/api/notifications');
      expect(notes.json().items.length).toBeGreaterThan(0);
      expect(notes.body).not.toContain(alice.pseudonym);
      const view = await helper.req('GET', `/api/threads/${thread.id}`);
      expect(view.body).not.toContain(alice.pseudonym);
    });

    it('limit beyond 100 or below 1 on other lists is refused or clamped', async () => {
      for (const url of ['/api/search?q=hello&limit=101', '/api/notifications?limit=101', '/api/notifications?limit=0']) {
        const response = await alice.req('GET', url);
        if (response.statusCode === 200) expect(response.json().items.length).toBeLessThanOrEqual(100);
        else {
          expect([400, 422]).toContain(response.statusCode);
          expectError(response, response.statusCode);
        }
      }
    });
  });

  describe('Idempotency-Key on creating POSTs', () => {
    it('threads: same key + same body replays, nothing created twice; different body → 422', async () => {
      const slug = await freshBoard();
      const payload = { title: 'Idempotent thread', body: 'once only' };
      const first = await alice.req('POST', `/api/boards/${slug}/threads`, payload, { 'idempotency-key': 'thread-k1' });
      const second = await alice.req('POST', `/api/boards/${slug}/threads`, payload, { 'idempotency-key': 'thread-k1' });
      expect(first.statusCode).toBe(201);
      expect(second.statusCode).toBe(201);
      expect(second.json().thread.id).toBe(first.json().thread.id);
      expect(second.json().post.id).toBe(first.json().post.id);
      expect((await t.app.inject({ url: `/api/boards/${slug}/threads` })).json().items.length).toBe(1);
      expectError(await alice.req('POST', `/api/boards/${slug}/threads`, { ...payload, body: 'different' }, { 'idempotency-key': 'thread-k1' }), 422);
      // Another member may use the same key.
      const other = await bob.req('POST', `/api/boards/${slug}/threads`, payload, { 'idempotency-key': 'thread-k1' });
      expect(other.statusCode).toBe(201);
      expect(other.json().thread.id).not.toBe(first.json().thread.id);
    });

    it('replies: replay and 422', async () => {
      const { thread } = await newThread(alice);
      const first = await bob.req('POST', `/api/threads/${thread.id}/posts`, { body: 'same reply' }, { 'idempotency-key': 'reply-k1' });
      const second = await bob.req('POST', `/api/threads/${thread.id}/posts`, { body: 'same reply' }, { 'idempotency-key': 'reply-k1' });
      expect(first.statusCode).toBe(201);
      expect(second.statusCode).toBe(201);
      expect(second.json().post.id).toBe(first.json().post.id);
      expect((await t.app.inject({ url: `/api/threads/${thread.id}` })).json().items.length).toBe(2);
      expectError(await bob.req('POST', `/api/threads/${thread.id}/posts`, { body: 'other reply' }, { 'idempotency-key': 'reply-k1' }), 422);
    });
  });
});
