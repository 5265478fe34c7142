import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import { newMember, type TestMember } from '../helpers/members';
import { gatherReactionNotification, insertNotification } from '../../api/db/notifications.repository';

describe(`notifications on ${ENGINE}`, () => {
  let t: TestApp;
  let alice: TestMember;
  let bob: TestMember;
  let aliceId: string;
  let bobId: string;
  let boardId: string;

  async function accountId(m: TestMember): Promise<string> {
    const row = await sql<{ id: string }>`select id from accounts where pseudonym = ${m.pseudonym}`.execute(t.app.db);
    return row.rows[0]!.id;
  }

  async function newThread(authorId: string, title: string, options: { anonymous?: boolean; status?: string } = {}): Promise<string> {
    const row = await sql<{ id: string }>`
      insert into threads (board_id, account_id, anonymous, title, status)
      values (${boardId}, ${authorId}, ${options.anonymous ?? false}, ${title}, ${options.status ?? 'published'}) returning id`.execute(t.app.db);
    return row.rows[0]!.id;
  }

  async function newPost(threadId: string, authorId: string, options: { asAlias?: boolean } = {}): Promise<string> {
    const row = await sql<{ id: string }>`
      insert into posts (thread_id, account_id, as_alias, body_md, body_html)
      values (${threadId}, ${authorId}, ${options.asAlias ?? false}, 'text', '<p>text</p>') returning id`.execute(t.app.db);
    return row.rows[0]!.id;
  }

  beforeAll(async () => {
    t = await buildTestApp();
    alice = await newMember(t.app);
    bob = await newMember(t.app);
    aliceId = await accountId(alice);
    bobId = await accountId(bob);
    const board = await sql<{ id: string }>`select id from boards order by id limit 1`.execute(t.app.db);
    boardId = board.rows[0]!.id;
  });
  afterAll(() => t.close());

  it('is for signed-in members only', async () => {
    expect((await t.app.inject({ url: '/api/notifications' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/notifications/unread-count' })).statusCode).toBe(401);
    const read = await t.app.inject({ method: 'POST', url: '/api/notifications/read', payload: { upTo: '1' } });
    expect(read.statusCode).toBe(401);
    expect(read.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('lists newest first in pages, with the unread count, and marks read up to an id', async () => {
    const carol = await newMember(t.app);
    const carolId = await accountId(carol);
    const thread = await newThread(carolId, 'Carol asks');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await insertNotification(t.app.db, { accountId: carolId, kind: 'moderation', threadId: thread, data: { action: 'approve', reason: `r${i}` } }));
    }
    const first = await carol.request({ url: '/api/notifications?limit=2' });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((n: { id: string }) => n.id)).toEqual([ids[4], ids[3]]);
    expect(page1.unread).toBe(5);
    expect(page1.items[0]).toEqual({
      id: ids[4],
      kind: 'moderation',
      thread: { id: thread, title: 'Carol asks' },
      postId: null,
      data: { action: 'approve', reason: 'r4' },
      actor: null,
      createdAt: expect.stringMatching(/Z$/),
      read: false,
    });
    const page2 = (await carol.request({ url: `/api/notifications?limit=2&cursor=${page1.nextCursor}` })).json();
    expect(page2.items.map((n: { id: string }) => n.id)).toEqual([ids[2], ids[1]]);
    const page3 = (await carol.request({ url: `/api/notifications?limit=2&cursor=${page2.nextCursor}` })).json();
    expect(page3.items.map((n: { id: string }) => n.id)).toEqual([ids[0]]);
    expect(page3.nextCursor).toBeNull();

    const read = await carol.request({ method: 'POST', url: '/api/notifications/read', payload: { upTo: ids[2] } });
    expect(read.statusCode).toBe(204);
    expect((await carol.request({ url: '/api/notifications/unread-count' })).json()).toEqual({ count: 2 });
    const after = (await carol.request({ url: '/api/notifications' })).json();
    expect(after.items.map((n: { read: boolean }) => n.read)).toEqual([false, false, true, true, true]);
    expect(after.unread).toBe(2);
  });

  it("never touches another member's notifications", async () => {
    const n = await insertNotification(t.app.db, { accountId: aliceId, kind: 'moderation', data: { action: 'hide', reason: 'x' } });
    const read = await bob.request({ method: 'POST', url: '/api/notifications/read', payload: { upTo: '999999999999' } });
    expect(read.statusCode).toBe(204);
    const list = (await alice.request({ url: '/api/notifications' })).json();
    expect(list.items.find((i: { id: string }) => i.id === n)).toMatchObject({ read: false });
    expect((await bob.request({ url: '/api/notifications' })).json().items.map((i: { id: string }) => i.id)).not.toContain(n);
  });

  it('names a reply by the alias it was posted under, never the pseudonym behind it', async () => {
    const thread = await newThread(aliceId, 'Alice, anonymously', { anonymous: true });
    await sql`insert into thread_aliases (thread_id, account_id, alias) values (${thread}, ${bobId}, 'Quiet Heron')`.execute(t.app.db);
    const reply = await newPost(thread, bobId, { asAlias: true });
    // Even if a writer stored a name it should not have, it is not shown.
    await insertNotification(t.app.db, {
      accountId: aliceId,
      kind: 'reply',
      threadId: thread,
      postId: reply,
      data: { authorName: bob.pseudonym, replier: bobId },
    });
    const response = await alice.request({ url: '/api/notifications?limit=1' });
    expect(response.json().items[0]).toMatchObject({
      kind: 'reply',
      postId: reply,
      thread: { id: thread, title: 'Alice, anonymously' },
      actor: { name: 'Quiet Heron', kind: 'alias' },
      data: {},
    });
    expect(response.body).not.toContain(bob.pseudonym);
  });

  it('names a reply by a member by their pseudonym', async () => {
    const thread = await newThread(aliceId, 'Alice, named');
    const reply = await newPost(thread, bobId);
    await insertNotification(t.app.db, { accountId: aliceId, kind: 'reply', threadId: thread, postId: reply });
    const item = (await alice.request({ url: '/api/notifications?limit=1' })).json().items[0];
    expect(item.actor).toEqual({ name: bob.pseudonym, kind: 'member' });
  });

  it('gathers reactions into one unread notification that never says who reacted', async () => {
    const thread = await newThread(bobId, 'Bob asks');
    const post = await newPost(thread, aliceId);
    const first = await gatherReactionNotification(t.app.db, { accountId: aliceId, threadId: thread, postId: post, data: { reaction: 'hug', reactor: bob.pseudonym } });
    const second = await gatherReactionNotification(t.app.db, { accountId: aliceId, threadId: thread, postId: post, data: { reaction: 'thanks' } });
    expect(second).toBe(first);
    const response = await alice.request({ url: '/api/notifications?limit=1' });
    expect(response.json().items[0]).toMatchObject({ id: first, kind: 'reaction', actor: null, data: { count: 2, reaction: 'hug' } });
    expect(response.body).not.toContain(bob.pseudonym);
  });

  it("hides the title of someone else's thread that was taken down", async () => {
    const thread = await newThread(bobId, 'Taken down title', { status: 'removed' });
    const post = await newPost(thread, aliceId);
    await gatherReactionNotification(t.app.db, { accountId: aliceId, threadId: thread, postId: post });
    const response = await alice.request({ url: '/api/notifications?limit=1' });
    expect(response.json().items[0]).toMatchObject({ postId: post, thread: null });
    expect(response.body).not.toContain('Taken down title');
  });

  it.each([
    ['a word for a cursor', '/api/notifications?cursor=abc'],
    ['a negative cursor', '/api/notifications?cursor=-1'],
    ['an enormous cursor', '/api/notifications?cursor=99999999999999999999999'],
    ['a limit over 100', '/api/notifications?limit=1000'],
    ['a limit of zero', '/api/notifications?limit=0'],
    ['a limit that is not a number', '/api/notifications?limit=lots'],
  ])('refuses %s with a 4xx in the contract shape', async (_name, url) => {
    const response = await alice.request({ url });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  it.each([
    ['no upTo', {}],
    ['a word', { upTo: 'all' }],
    ['a number rather than an id string', { upTo: 5 }],
    ['SQL', { upTo: "1; delete from notifications" }],
    ['an id too large for the database', { upTo: '99999999999999999999' }],
    ['an array', { upTo: ['1'] }],
  ])('refuses to mark read with %s', async (_name, payload) => {
    const response = await alice.request({ method: 'POST', url: '/api/notifications/read', payload });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  it('needs the CSRF token to mark read', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/notifications/read', headers: { cookie: alice.cookie }, payload: { upTo: '1' } });
    expect(response.statusCode).toBe(403);
  });
});
