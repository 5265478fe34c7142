import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import { newMember, type TestMember } from '../helpers/members';
import { openStream, type SseClient } from '../helpers/sse';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`live updates (/api/events) on ${ENGINE}`, () => {
  let t: TestApp;
  let base: string;
  let alice: TestMember;
  let bob: TestMember;
  let moderator: TestMember;
  let aliceId: string;
  let bobId: string;
  const open: SseClient[] = [];

  async function stream(options: Parameters<typeof openStream>[1] = {}): Promise<SseClient> {
    const client = await openStream(base, options);
    open.push(client);
    return client;
  }

  async function accountId(m: TestMember): Promise<string> {
    const row = await sql<{ id: string }>`select id from accounts where pseudonym = ${m.pseudonym}`.execute(t.app.db);
    return row.rows[0]!.id;
  }

  beforeAll(async () => {
    t = await buildTestApp({ liveHeartbeatMs: 300, liveMaxPerAccount: 3, liveMaxPerAddress: 50, liveRecheckMs: 200 });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    alice = await newMember(t.app);
    bob = await newMember(t.app);
    moderator = await newMember(t.app, { role: 'moderator' });
    aliceId = await accountId(alice);
    bobId = await accountId(bob);
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await t.close();
  });

  it('opens with a ready event carrying the retry hint, then sends heartbeats', async () => {
    const client = await stream();
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toMatch(/^text\/event-stream/);
    await sleep(800);
    expect(client.events[0]).toMatchObject({ event: 'ready', id: null, data: { resync: false }, retry: 3000 });
    expect(client.comments.length).toBeGreaterThanOrEqual(1);
    client.close();
  });

  it('gives an anonymous visitor post.created for the threads on screen only', async () => {
    const client = await stream({ query: 'threads=101,102' });
    await t.app.events.publish({ type: 'post.created', threadId: '999', postId: '1' });
    await t.app.events.publish({ type: 'post.created', threadId: '102', postId: '2' });
    await t.app.events.publish({ type: 'notification', accountId: aliceId, notificationId: '5' });
    await t.app.events.publish({ type: 'queue.changed', itemId: '7' });
    await t.app.events.publish({ type: 'post.created', threadId: '101', postId: '3' });
    const got = await client.waitFor(2);
    await sleep(150);
    expect(client.received().map((e) => [e.event, e.data])).toEqual([
      ['post.created', { threadId: '102', postId: '2' }],
      ['post.created', { threadId: '101', postId: '3' }],
    ]);
    expect(BigInt(got[1]!.id!)).toBeGreaterThan(BigInt(got[0]!.id!));
  });

  it('sends a notification only to its account, without the account id', async () => {
    const a = await stream({ cookie: alice.cookie });
    const b = await stream({ cookie: bob.cookie });
    const anon = await stream({ query: 'threads=1' });
    await t.app.events.publish({ type: 'notification', accountId: aliceId, notificationId: '11' });
    await t.app.events.publish({ type: 'notification', accountId: bobId, notificationId: '12' });
    expect((await a.waitFor(1)).map((e) => e.data)).toEqual([{ notificationId: '11' }]);
    expect((await b.waitFor(1)).map((e) => e.data)).toEqual([{ notificationId: '12' }]);
    await sleep(150);
    expect(a.received()).toHaveLength(1);
    expect(b.received()).toHaveLength(1);
    expect(anon.received()).toHaveLength(0);
    a.close();
    b.close();
  });

  it('sends queue.changed to moderators and admins only, by their role in the database', async () => {
    const mod = await stream({ cookie: moderator.cookie });
    const member = await stream({ cookie: bob.cookie });
    await t.app.events.publish({ type: 'queue.changed', itemId: '42' });
    expect((await mod.waitFor(1)).map((e) => [e.event, e.data])).toEqual([['queue.changed', { itemId: '42' }]]);
    await sleep(150);
    expect(member.received()).toHaveLength(0);
    mod.close();
    member.close();
  });

  it('resumes after Last-Event-ID with exactly what was missed, then carries on live', async () => {
    const first = await stream({ cookie: alice.cookie });
    await t.app.events.publish({ type: 'notification', accountId: aliceId, notificationId: '21' });
    await t.app.events.publish({ type: 'notification', accountId: aliceId, notificationId: '22' });
    await first.waitFor(2);
    const last = first.lastEventId()!;
    first.close();
    await first.closed;

    for (const n of ['23', '24', '25']) {
      await t.app.events.publish({ type: 'notification', accountId: aliceId, notificationId: n });
      await t.app.events.publish({ type: 'notification', accountId: bobId, notificationId: `b${n}` });
    }
    const again = await stream({ cookie: alice.cookie, lastEventId: last });
    await again.waitFor(3);
    await t.app.events.publish({ type: 'notification', accountId: aliceId, notificationId: '26' });
    const got = await again.waitFor(4);
    await sleep(150);
    expect(again.events[0]).toMatchObject({ event: 'ready', data: { resync: false } });
    expect(again.received().map((e) => (e.data as { notificationId: string }).notificationId)).toEqual(['23', '24', '25', '26']);
    const ids = got.map((e) => BigInt(e.id!));
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
    expect(ids[0]! > BigInt(last)).toBe(true);
    again.close();
  });

  it('also resumes from ?lastEventId= when a page opens a new stream', async () => {
    await t.app.events.publish({ type: 'post.created', threadId: '300', postId: '1' });
    await t.app.events.catchUp();
    const from = t.app.events.lastDeliveredId;
    await t.app.events.publish({ type: 'post.created', threadId: '300', postId: '2' });
    const client = await stream({ query: `threads=300&lastEventId=${from}` });
    expect((await client.waitFor(1)).map((e) => e.data)).toEqual([{ threadId: '300', postId: '2' }]);
    client.close();
  });

  it('asks the client to resync when its Last-Event-ID is not one it could have had', async () => {
    const garbled = await stream({ lastEventId: 'abc; drop table events' });
    const ahead = await stream({ lastEventId: '999999999999' });
    await sleep(200);
    expect(garbled.events[0]).toMatchObject({ event: 'ready', data: { resync: true } });
    expect(ahead.events[0]).toMatchObject({ event: 'ready', data: { resync: true } });
    // A resync still streams live events from now on.
    const client = await stream({ query: 'threads=400', lastEventId: '999999999999' });
    await t.app.events.publish({ type: 'post.created', threadId: '400', postId: '1' });
    expect(await client.waitFor(1)).toHaveLength(1);
    garbled.close();
    ahead.close();
    client.close();
  });

  it('asks the client to resync when the events it missed were pruned', async () => {
    await t.app.events.publish({ type: 'post.created', threadId: '500', postId: '1' });
    await t.app.events.catchUp();
    const old = t.app.events.lastDeliveredId;
    await t.app.events.publish({ type: 'post.created', threadId: '500', postId: '2' });
    await t.app.events.publish({ type: 'post.created', threadId: '500', postId: '3' });
    await t.app.events.catchUp();
    await sql`delete from events where id <= ${t.app.events.lastDeliveredId}::bigint - 1`.execute(t.app.db);
    const client = await stream({ query: 'threads=500', lastEventId: old });
    await client.waitFor(1);
    expect(client.events[0]).toMatchObject({ event: 'ready', data: { resync: true } });
    expect(client.received().map((e) => e.data)).toEqual([{ threadId: '500', postId: '3' }]);
    client.close();
  });

  it('refuses hostile subscriptions in the contract shape', async () => {
    const letters = await stream({ query: 'threads=abc' });
    expect(letters.status).toBe(400);
    expect(letters.body).toEqual({ error: { code: 'invalid_request', message: expect.any(String) } });
    const many = await stream({ query: `threads=${Array.from({ length: 21 }, (_, i) => i + 1).join(',')}` });
    expect(many.status).toBe(400);
    const huge = await stream({ query: `threads=${'9'.repeat(900)}` });
    expect(huge.status).toBe(422);
    const negative = await stream({ query: 'threads=-1,0' });
    expect(negative.status).toBe(400);
  });

  it('bounds the streams one account holds, and frees a place when one closes', async () => {
    const held = [];
    for (let i = 0; i < 3; i++) held.push(await stream({ cookie: bob.cookie }));
    expect(held.map((c) => c.status)).toEqual([200, 200, 200]);
    const extra = await stream({ cookie: bob.cookie });
    expect(extra.status).toBe(429);
    expect(extra.headers['retry-after']).toBeDefined();
    expect(extra.body).toEqual({ error: { code: 'too_many_connections', message: expect.any(String) } });
    // Another account is not affected.
    expect((await stream({ cookie: alice.cookie })).status).toBe(200);
    held[0]!.close();
    await held[0]!.closed;
    await sleep(100);
    const after = await stream({ cookie: bob.cookie });
    expect(after.status).toBe(200);
    for (const c of [...held, after]) c.close();
  });

  it('ends a stream when its session signs out', async () => {
    const carol = await newMember(t.app);
    const client = await stream({ cookie: carol.cookie });
    expect(client.status).toBe(200);
    await sleep(300);
    expect(client.events).toHaveLength(1);
    expect((await carol.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    await Promise.race([client.closed, sleep(3000).then(() => Promise.reject(new Error('stream still open')))]);
  });

  it('ends a stream whose role changed, so the reconnection gets the new rights', async () => {
    const dan = await newMember(t.app);
    const before = await stream({ cookie: dan.cookie });
    await sleep(300);
    await sql`update accounts set role = 'moderator' where pseudonym = ${dan.pseudonym}`.execute(t.app.db);
    await Promise.race([before.closed, sleep(3000).then(() => Promise.reject(new Error('stream still open')))]);
    const after = await stream({ cookie: dan.cookie, lastEventId: before.lastEventId() ?? undefined });
    await t.app.events.publish({ type: 'queue.changed', itemId: '77' });
    expect((await after.waitFor(1)).map((e) => e.data)).toEqual([{ itemId: '77' }]);
    after.close();
  });

  it('describes the stream and its events in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const events = doc.paths['/api/events'].get;
    expect(events.responses['200'].content).toHaveProperty('text/event-stream');
    for (const name of ['ready', 'post.created', 'notification', 'queue.changed', 'Last-Event-ID']) {
      expect(events.description).toContain(name);
    }
    expect(doc.paths).toHaveProperty('/api/notifications');
    expect(doc.paths).toHaveProperty('/api/notifications/read');
  });

  it('holds an event written inside a transaction until it commits, and drops it on rollback', async () => {
    const client = await stream({ query: 'threads=600' });
    await t.app.db
      .transaction()
      .execute(async (trx) => {
        await t.app.events.publish({ type: 'post.created', threadId: '600', postId: 'rolled-back' }, { trx });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await t.app.db.transaction().execute(async (trx) => {
      await t.app.events.publish({ type: 'post.created', threadId: '600', postId: 'committed' }, { trx });
    });
    expect((await client.waitFor(1)).map((e) => e.data)).toEqual([{ threadId: '600', postId: 'committed' }]);
    await sleep(200);
    expect(client.received()).toHaveLength(1);
    client.close();
  });
});

describe(`live updates shutdown on ${ENGINE}`, () => {
  it('closes the app while streams are open', async () => {
    const t = await buildTestApp();
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const client = await openStream(base, { query: 'threads=1' });
    expect(client.status).toBe(200);
    const started = Date.now();
    await t.app.close();
    await client.closed;
    expect(Date.now() - started).toBeLessThan(2000);
    await t.database.dispose();
  });
});
