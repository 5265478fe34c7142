import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import { newMember, type TestMember } from '../helpers/members';
import { decide, itemForPost, wholeQueue } from '../helpers/moderation';

/** Moderation through the real posting routes, as members and moderators use it. */
describe(`moderation journeys on ${ENGINE}`, () => {
  let t: TestApp;
  let author: TestMember;
  let reader: TestMember;
  let moderator: TestMember;
  let admin: TestMember;
  beforeAll(async () => {
    t = await buildTestApp();
    author = await newMember(t.app, { ageDays: 30 });
    reader = await newMember(t.app, { ageDays: 30 });
    moderator = await newMember(t.app, { role: 'moderator' });
    admin = await newMember(t.app, { role: 'admin' });
  });
  afterAll(() => t.close());

  async function anonymousThread(body: string) {
    const response = await author.request({
      method: 'POST',
      url: '/api/boards/loneliness/threads',
      payload: { title: 'Nobody to talk to', body, anonymous: true },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ thread: { id: string }; post: { id: string; author: { name: string } }; crisis: unknown }>();
  }

  it('replays a flag sent again with the same Idempotency-Key, and refuses the key for another body', async () => {
    const { post } = await anonymousThread('Some days are long.');
    const send = (payload: object, key: string) =>
      reader.request({ method: 'POST', url: `/api/posts/${post.id}/flags`, payload, headers: { 'idempotency-key': key } });
    const first = await send({ reason: 'other', note: 'checking' }, 'flag-key-1');
    expect(first.statusCode).toBe(201);
    const again = await send({ reason: 'other', note: 'checking' }, 'flag-key-1');
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect((await send({ reason: 'spam' }, 'flag-key-1')).statusCode).toBe(422);
    expect((await itemForPost(moderator, post.id)).reasons).toEqual([{ reason: 'other', count: 1, notes: ['checking'] }]);
  });

  it('puts a post that reads as a crisis at the top of the queue, under its alias', async () => {
    const made = await anonymousThread('I want to kill myself tonight, I have a plan.');
    expect(made.crisis).not.toBeNull();
    const queue = await wholeQueue(moderator);
    expect(queue[0]!.post.id).toBe(made.post.id);
    expect(queue[0]!.crisis).toBe(true);
    expect(queue[0]!.automatic).toContain('crisis');
    expect(queue[0]!.post.author).toMatchObject({ kind: 'alias', name: made.post.author.name });
    const raw = (await moderator.request({ method: 'GET', url: '/api/moderation/queue?limit=100' })).body;
    expect(raw).not.toContain(author.pseudonym);
  });

  it('shows the author a hidden post with the reason, others a tombstone, and nobody who flagged it', async () => {
    const { post, thread } = await anonymousThread('A post someone will object to.');
    const flagger = await newMember(t.app, { ageDays: 30 });
    expect((await flagger.request({ method: 'POST', url: `/api/posts/${post.id}/flags`, payload: { reason: 'harmful', note: 'I flagged this' } })).statusCode).toBe(201);
    expect((await flagger.request({ method: 'POST', url: `/api/posts/${post.id}/flags`, payload: { reason: 'crisis' } })).statusCode).toBe(409);
    const item = await itemForPost(moderator, post.id);
    expect((await decide(moderator, item, 'hide', 'Please add a content warning')).statusCode).toBe(200);

    const asAuthor = await author.request({ method: 'GET', url: `/api/threads/${thread.id}` });
    const mine = asAuthor.json<{ items: { id: string; status: string; statusReason?: string; bodyHtml: string }[] }>().items.find((p) => p.id === post.id)!;
    expect(mine).toMatchObject({ status: 'hidden', statusReason: 'Please add a content warning' });
    const notifications = await t.app.db
      .selectFrom('notifications')
      .selectAll()
      .where('post_id', '=', post.id)
      .execute();
    const authorView = asAuthor.body + JSON.stringify(notifications);
    for (const secret of [flagger.pseudonym, 'I flagged this', moderator.pseudonym]) expect(authorView).not.toContain(secret);

    const asReader = await reader.request({ method: 'GET', url: `/api/threads/${thread.id}` });
    const theirs = asReader.json<{ items: { id: string; bodyHtml: string }[] }>().items.find((p) => p.id === post.id);
    expect(theirs?.bodyHtml ?? '').toBe('');

    // The author appeals; the item comes back with the note, and nothing in it names them.
    const appeal = await author.request({ method: 'POST', url: `/api/posts/${post.id}/appeal`, payload: { note: 'I added one, please look again' } });
    expect(appeal.statusCode).toBe(201);
    const reopened = await itemForPost(moderator, post.id);
    expect(reopened.appealNote).toBe('I added one, please look again');
    expect(JSON.stringify(reopened)).not.toContain(author.pseudonym);
  });

  it('holds a new member’s thread on a premoderated board until a moderator approves it', async () => {
    const created = await admin.request({
      method: 'POST',
      url: '/api/boards',
      payload: { slug: 'first-steps', name: 'First steps', description: 'Held for review', premoderated: true },
    });
    expect(created.statusCode).toBe(201);
    const newcomer = await newMember(t.app);
    const response = await newcomer.request({
      method: 'POST',
      url: '/api/boards/first-steps/threads',
      payload: { title: 'Hello', body: 'This is my first time here.' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const { post, thread } = response.json<{ post: { id: string; status: string }; thread: { id: string } }>();
    expect(post.status).toBe('pending');
    const listed = async () =>
      (await t.app.inject({ url: '/api/boards/first-steps/threads' })).json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(await listed()).not.toContain(thread.id);

    const item = await itemForPost(moderator, post.id);
    expect(item.automatic).toContain('new-member');
    expect(item.post.status).toBe('pending');
    expect((await decide(moderator, item, 'approve')).statusCode).toBe(200);
    expect(await listed()).toContain(thread.id);
    const boards = (await t.app.inject({ url: '/api/boards' })).json<{ items: { slug: string; threadCount: number }[] }>().items;
    expect(boards.find((b) => b.slug === 'first-steps')!.threadCount).toBe(1);
  });

  it('lets an author edit while a moderator decides, with no deadlock and no 5xx', async () => {
    for (let round = 0; round < 8; round += 1) {
      const { post } = await anonymousThread(`An ordinary post, round ${round}.`);
      expect((await reader.request({ method: 'POST', url: `/api/posts/${post.id}/flags`, payload: { reason: 'other' } })).statusCode).toBe(201);
      const item = await itemForPost(moderator, post.id);
      // The edit fires the crisis rule, so it locks the post and then joins the item.
      const [edit, decision] = await Promise.all([
        author.request({ method: 'PATCH', url: `/api/posts/${post.id}`, payload: { body: `I want to kill myself, round ${round}.` } }),
        decide(moderator, item, 'hide', 'Checking'),
      ]);
      expect(edit.statusCode, edit.body).toBeLessThan(500);
      expect(decision.statusCode, decision.body).toBeLessThan(500);
      expect([200, 409]).toContain(decision.statusCode);
    }
  });

  it('takes flags while the author edits and a moderator decides, with no deadlock and no 5xx', async () => {
    const flaggers = await Promise.all(Array.from({ length: 8 }, () => newMember(t.app, { ageDays: 30 })));
    for (let round = 0; round < 6; round += 1) {
      const { post } = await anonymousThread(`Another ordinary post, round ${round}.`);
      expect((await reader.request({ method: 'POST', url: `/api/posts/${post.id}/flags`, payload: { reason: 'other' } })).statusCode).toBe(201);
      const item = await itemForPost(moderator, post.id);
      const responses = await Promise.all([
        ...flaggers.map((f) => f.request({ method: 'POST', url: `/api/posts/${post.id}/flags`, payload: { reason: 'harmful' } })),
        author.request({ method: 'PATCH', url: `/api/posts/${post.id}`, payload: { body: `I want to end my life, round ${round}.` } }),
        decide(moderator, item, 'hide', 'Checking'),
      ]);
      for (const response of responses) expect(response.statusCode, response.body).toBeLessThan(500);
    }
  });
});
