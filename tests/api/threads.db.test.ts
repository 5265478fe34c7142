import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import { newMember } from '../helpers/members';
import { newThread, reply, type PostJson, type ThreadJson } from '../helpers/threads';

describe(`threads and replies on ${ENGINE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('starts a thread and shows it with its opening post first', async () => {
    const m = await newMember(t.app, { ageDays: 30 });
    const created = await m.request({
      method: 'POST',
      url: '/api/boards/introductions/threads',
      payload: { title: '  Hello there ', body: 'I am **new** here', contentWarning: 'loneliness' },
    });
    expect(created.statusCode).toBe(201);
    const { thread, post, crisis } = created.json();
    expect(crisis).toBeNull();
    expect(thread).toMatchObject({
      title: 'Hello there',
      board: { slug: 'introductions', name: 'Introductions' },
      author: { name: m.pseudonym, kind: 'member', isOriginalPoster: true, role: 'member' },
      contentWarning: 'loneliness',
      status: 'published',
      replyCount: 0,
    });
    expect(post).toMatchObject({
      threadId: thread.id,
      bodyHtml: '<p>I am <strong>new</strong> here</p>\n',
      body: 'I am **new** here',
      contentWarning: 'loneliness',
      mine: true,
      myReactions: [],
      reactions: { hug: 0, relate: 0, thanks: 0, strength: 0 },
      editedAt: null,
    });

    const other = await newMember(t.app);
    const r = await reply(other, thread.id, 'Welcome!');
    expect(r.author).toEqual({ name: other.pseudonym, kind: 'member', isOriginalPoster: false, role: 'member' });

    const read = await t.app.inject({ url: `/api/threads/${thread.id}` });
    expect(read.statusCode).toBe(200);
    const page = read.json<{ thread: ThreadJson; items: PostJson[]; nextCursor: string | null }>();
    expect(page.thread.replyCount).toBe(1);
    expect(page.items.map((p) => p.id)).toEqual([post.id, r.id]);
    expect(page.items[0]!.mine).toBe(false);
    expect(page.items[0]).not.toHaveProperty('body');
    expect(page.nextCursor).toBeNull();
  });

  it('keeps the board count and last activity with its threads', async () => {
    const before = (await t.app.inject({ url: '/api/boards' })).json().items.find((b: { slug: string }) => b.slug === 'recovery');
    const m = await newMember(t.app, { ageDays: 30 });
    const { thread } = await newThread(m, { board: 'recovery' });
    const after = (await t.app.inject({ url: '/api/boards' })).json().items.find((b: { slug: string }) => b.slug === 'recovery');
    expect(after.threadCount).toBe(before.threadCount + 1);
    expect(after.lastActivityAt).toBe(thread.lastActivityAt);
  });

  it('lists threads by active, new and unanswered with stable cursors', async () => {
    const board = 'grief-and-loss';
    const m = await newMember(t.app, { ageDays: 30 });
    const other = await newMember(t.app, { ageDays: 30 });
    const a = (await newThread(m, { board, title: 'first' })).thread;
    const b = (await newThread(m, { board, title: 'second' })).thread;
    const c = (await newThread(m, { board, title: 'third' })).thread;
    await reply(other, a.id); // a is now the most active and answered
    await reply(m, b.id); // the author's own reply does not answer b

    const list = async (sort: string, limit = 2) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const response: LightMyRequestResponse = await t.app.inject({
          url: `/api/boards/${board}/threads?sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        });
        expect(response.statusCode).toBe(200);
        const body: { items: ThreadJson[]; nextCursor: string | null } = response.json<{ items: ThreadJson[]; nextCursor: string | null }>();
        ids.push(...body.items.map((i) => i.id));
        cursor = body.nextCursor;
      } while (cursor);
      return ids;
    };
    expect(await list('active', 1)).toEqual([b.id, a.id, c.id]);
    expect(await list('new')).toEqual([c.id, b.id, a.id]);
    expect(await list('unanswered')).toEqual([b.id, c.id]);
  });

  it('refuses garbage cursors with 400 invalid_cursor', async () => {
    const m = await newMember(t.app);
    const { thread } = await newThread(m);
    for (const cursor of ['garbage', '!!!', Buffer.from('["p","abc"]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      for (const url of [`/api/threads/${thread.id}/posts?cursor=${cursor}`, `/api/boards/introductions/threads?cursor=${cursor}`, `/api/threads/${thread.id}?cursor=${cursor}`]) {
        const response = await t.app.inject({ url });
        expect(response.statusCode, url).toBe(400);
        expect(response.json().error.code).toBe('invalid_cursor');
      }
    }
    // A cursor of one sort is not a cursor of another.
    const other = Buffer.from(JSON.stringify(['tnew', '2024-01-01T00:00:00.000Z', '5'])).toString('base64url');
    expect((await t.app.inject({ url: `/api/boards/introductions/threads?sort=active&cursor=${other}` })).statusCode).toBe(400);
  });

  it('answers bad ids and unknown boards with 404', async () => {
    for (const id of ['abc', '-1', '0', '99999999999999999999', '1.5', '999999']) {
      expect((await t.app.inject({ url: `/api/threads/${id}` })).statusCode, id).toBe(404);
      expect((await t.app.inject({ url: `/api/threads/${id}/posts` })).statusCode, id).toBe(404);
    }
    expect((await t.app.inject({ url: '/api/boards/nope-nope/threads' })).statusCode).toBe(404);
    const m = await newMember(t.app);
    expect((await m.request({ method: 'POST', url: '/api/boards/nope-nope/threads', payload: { title: 'x', body: 'y' } })).statusCode).toBe(404);
    expect((await m.request({ method: 'POST', url: '/api/threads/abc/posts', payload: { body: 'y' } })).statusCode).toBe(404);
    expect((await m.request({ method: 'PATCH', url: '/api/posts/-1', payload: { body: 'y' } })).statusCode).toBe(404);
    expect((await m.request({ method: 'DELETE', url: '/api/posts/99999999999999999999' })).statusCode).toBe(404);
    expect((await m.request({ method: 'PUT', url: '/api/posts/abc/reactions/hug' })).statusCode).toBe(404);
  });

  it('needs a signed-in, unsuspended member to post', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/boards/introductions/threads', payload: { title: 'x', body: 'y' } });
    expect(anonymous.statusCode).toBe(401);
    const m = await newMember(t.app);
    const { thread, post } = await newThread(m);
    await t.app.db.updateTable('accounts').set({ suspended_until: new Date(Date.now() + 86_400_000) }).where('pseudonym', '=', m.pseudonym).execute();
    for (const request of [
      { method: 'POST' as const, url: '/api/boards/introductions/threads', payload: { title: 'x', body: 'y' } },
      { method: 'POST' as const, url: `/api/threads/${thread.id}/posts`, payload: { body: 'y' } },
      { method: 'PUT' as const, url: `/api/posts/${post.id}/reactions/hug` },
    ]) {
      const response = await m.request(request);
      expect(response.statusCode, request.url).toBe(403);
      expect(response.json().error.code).toBe('suspended');
    }
  });
});
