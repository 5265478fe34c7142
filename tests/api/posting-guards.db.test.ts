import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import { newMember } from '../helpers/members';
import { newThread } from '../helpers/threads';

describe(`double submits, idempotency keys and automatic rules on ${ENGINE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const postCount = async (threadId: string) =>
    (await t.app.db.selectFrom('posts').select((eb) => eb.fn.countAll<string>().as('n')).where('thread_id', '=', threadId).executeTakeFirstOrThrow()).n;

  it('gives the first post back for the same body in the same thread within seconds', async () => {
    const m = await newMember(t.app);
    const { thread } = await newThread(m);
    const send = () => m.request({ method: 'POST', url: `/api/threads/${thread.id}/posts`, payload: { body: 'thank you all' } });
    const first = await send();
    const second = await send();
    expect(second.statusCode).toBe(201);
    expect(second.json().post.id).toBe(first.json().post.id);
    const together = await Promise.all([1, 2, 3].map(() => m.request({ method: 'POST', url: `/api/threads/${thread.id}/posts`, payload: { body: 'at once' } })));
    expect(new Set(together.map((r) => r.json().post.id)).size).toBe(1);
    expect(Number(await postCount(thread.id))).toBe(3);
  });

  it('gives the first thread back for the same new thread within seconds', async () => {
    const m = await newMember(t.app);
    const payload = { title: 'Twice clicked', body: 'the same words' };
    const [a, b] = await Promise.all([1, 2].map(() => m.request({ method: 'POST', url: '/api/boards/introductions/threads', payload })));
    expect(a!.statusCode).toBe(201);
    expect(b!.statusCode).toBe(201);
    expect(b!.json().thread.id).toBe(a!.json().thread.id);
  });

  it('replays an Idempotency-Key and refuses it for a different body', async () => {
    const m = await newMember(t.app);
    const other = await newMember(t.app);
    const { thread } = await newThread(m);
    const send = (who: typeof m, body: string, key = 'key-123') =>
      who.request({ method: 'POST', url: `/api/threads/${thread.id}/posts`, payload: { body }, headers: { 'idempotency-key': key } });
    const first = await send(m, 'once only');
    expect(first.statusCode).toBe(201);
    await t.app.db.updateTable('posts').set({ created_at: new Date(Date.now() - 60_000) }).where('id', '=', first.json().post.id).execute();
    const again = await send(m, 'once only');
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const different = await send(m, 'something else');
    expect(different.statusCode).toBe(422);
    expect(different.json().error.code).toBe('idempotency_key_reused');
    // Keys belong to one member.
    expect((await send(other, 'once only')).json().post.id).not.toBe(first.json().post.id);
    expect(Number(await postCount(thread.id))).toBe(3);

    const threadKey = { 'idempotency-key': 'thread-key' };
    const payload = { title: 'Keyed', body: 'keyed thread' };
    const t1 = await m.request({ method: 'POST', url: '/api/boards/introductions/threads', payload, headers: threadKey });
    const t2 = await m.request({ method: 'POST', url: '/api/boards/introductions/threads', payload, headers: threadKey });
    expect(t2.statusCode).toBe(201);
    expect(t2.json().thread.id).toBe(t1.json().thread.id);
    const t3 = await m.request({ method: 'POST', url: '/api/boards/recovery/threads', payload, headers: threadKey });
    expect(t3.statusCode).toBe(422);
    const bad = await m.request({ method: 'POST', url: '/api/boards/introductions/threads', payload, headers: { 'idempotency-key': 'x'.repeat(201) } });
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
  });

  it('shows crisis resources at once, keeps the post published and puts a crisis item in the queue', async () => {
    const m = await newMember(t.app, { ageDays: 30 });
    const response = await m.request({
      method: 'POST',
      url: '/api/boards/introductions/threads',
      payload: { title: 'tonight', body: 'I want to kill myself tonight. I cannot do this anymore.' },
    });
    expect(response.statusCode).toBe(201);
    const { post, crisis } = response.json();
    expect(post.status).toBe('published');
    expect(crisis.resources.length).toBeGreaterThan(0);
    expect(crisis.resources[0]).toEqual({ name: expect.any(String), contact: expect.any(String), url: expect.stringMatching(/^https:/) });
    const item = await t.app.db.selectFrom('moderation_items').selectAll().where('post_id', '=', post.id).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ crisis: true, automatic: ['crisis'], status: 'open' });

    const calm = await newThread(m, { body: 'I would never hurt myself, I just feel tired.' });
    expect(calm.crisis).toBeNull();
    const edited = await m.request({ method: 'PATCH', url: `/api/posts/${calm.post.id}`, payload: { body: 'Honestly I want to end my life.' } });
    expect(edited.statusCode).toBe(200);
    const editItem = await t.app.db.selectFrom('moderation_items').selectAll().where('post_id', '=', calm.post.id).executeTakeFirst();
    expect(editItem?.crisis).toBe(true);
  });

  it('holds a new member on a premoderated board until a moderator approves', async () => {
    await t.app.db.updateTable('boards').set({ premoderated: true }).where('slug', '=', 'recovery').execute();
    const m = await newMember(t.app);
    const other = await newMember(t.app);
    const mod = await newMember(t.app, { role: 'moderator' });
    const { thread, post } = await newThread(m, { board: 'recovery', title: 'held thread' });
    expect(post.status).toBe('pending');
    expect(thread.status).toBe('pending');
    expect((await m.request({ url: `/api/threads/${thread.id}` })).statusCode).toBe(200);
    expect((await mod.request({ url: `/api/threads/${thread.id}` })).statusCode).toBe(200);
    expect((await other.request({ url: `/api/threads/${thread.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/threads/${thread.id}/posts` })).statusCode).toBe(404);
    expect((await other.request({ method: 'POST', url: `/api/threads/${thread.id}/posts`, payload: { body: 'hi' } })).statusCode).toBe(404);
    const list = await other.request({ url: '/api/boards/recovery/threads?sort=new' });
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(thread.id);
    const item = await t.app.db.selectFrom('moderation_items').selectAll().where('post_id', '=', post.id).executeTakeFirstOrThrow();
    expect(item.automatic).toEqual(['new-member']);
    await t.app.db.updateTable('boards').set({ premoderated: false }).where('slug', '=', 'recovery').execute();
  });
});

describe(`posting rate limit on ${ENGINE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ rateLimits: true });
  });
  afterAll(() => t.close());

  it('slows a first-day account with 429 and Retry-After', async () => {
    const m = await newMember(t.app);
    const { thread } = await newThread(m);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 6; i++) {
      last = await m.request({ method: 'POST', url: `/api/threads/${thread.id}/posts`, payload: { body: `reply number ${i}` } });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.json().error.code).toBe('rate_limited');

    const established = await newMember(t.app, { ageDays: 30 });
    const { thread: mine } = await newThread(established);
    for (let i = 0; i < 6; i++) {
      const r = await established.request({ method: 'POST', url: `/api/threads/${mine.id}/posts`, payload: { body: `calm reply ${i}` } });
      expect(r.statusCode).toBe(201);
    }
  });
});
