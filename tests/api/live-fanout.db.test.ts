import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../api/app';
import { loadConfig } from '../../api/config';
import { connectDatabase, type DatabaseHandle } from '../../api/db/connect';
import { seedBoards } from '../../api/db/seed';
import { ENGINE, createTestDatabaseUrl } from '../helpers/database';
import { newMember, type TestMember } from '../helpers/members';
import { openStream, type SseClient, type SseEvent } from '../helpers/sse';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function expectStrictlyIncreasing(events: SseEvent[]): void {
  const ids = events.map((e) => BigInt(e.id!));
  for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
}

/**
 * Two API processes on one PostgreSQL server: two apps, each with its own pool and its own
 * LISTEN connection, as two processes behind a load balancer would have. (PGlite is one process.)
 */
describe.skipIf(ENGINE === 'pglite')('live updates across two API processes on one PostgreSQL', () => {
  let database: { url: string; dispose(): Promise<void> };
  const apps: { app: FastifyInstance; handle: DatabaseHandle; base: string }[] = [];
  let member: TestMember;
  let memberId: string;
  const open: SseClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabaseUrl();
    // One secret for both, as every process of one deployment shares SESSION_SECRET.
    // The sweep is slowed right down so these tests see NOTIFY (and reconnection) at work, not polling.
    const config = loadConfig({ NODE_ENV: 'test', HAVEN_RATE_LIMITS: 'off' }, { webDist: null, passwordHashCost: 10, liveSweepMs: 600_000 });
    for (let i = 0; i < 2; i++) {
      const handle = await connectDatabase({ databaseUrl: database.url, dataDir: 'memory://', poolSize: 5 });
      if (i === 0) await seedBoards(handle.db);
      const app = await buildApp(config, { database: handle });
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      apps.push({ app, handle, base });
    }
    member = await newMember(apps[0]!.app);
    const row = await sql<{ id: string }>`select id from accounts where pseudonym = ${member.pseudonym}`.execute(apps[0]!.app.db);
    memberId = row.rows[0]!.id;
  });
  afterAll(async () => {
    for (const c of open) c.close();
    for (const { app, handle } of apps) {
      await app.close();
      await handle.close();
    }
    await database.dispose();
  });

  it('delivers events published through A to a client on B, in order and exactly once', async () => {
    const [a, b] = apps;
    const client = await openStream(b!.base, { cookie: member.cookie, query: 'threads=7' });
    open.push(client);
    expect(client.status).toBe(200);
    await sleep(50);
    const sent: string[] = [];
    for (let i = 1; i <= 30; i++) {
      if (i % 3 === 0) {
        await a!.app.events.publish({ type: 'post.created', threadId: '7', postId: String(i) });
      } else {
        await a!.app.events.publish({ type: 'notification', accountId: memberId, notificationId: String(i) });
      }
      sent.push(String(i));
    }
    const got = await client.waitFor(30);
    await sleep(300);
    const received = client.received();
    expect(received).toHaveLength(30);
    expect(received.map((e) => Object.values(e.data as Record<string, string>).at(-1))).toEqual(sent);
    expectStrictlyIncreasing(got);
    client.close();
  });

  it('gives clients on both processes the same single ordered stream when both publish at once', async () => {
    const [a, b] = apps;
    const onA = await openStream(a!.base, { query: 'threads=8' });
    const onB = await openStream(b!.base, { query: 'threads=8' });
    open.push(onA, onB);
    await sleep(50);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        apps[i % 2]!.app.events.publish({ type: 'post.created', threadId: '8', postId: `${i % 2 === 0 ? 'a' : 'b'}${i}` }),
      ),
    );
    const fromA = await onA.waitFor(40);
    const fromB = await onB.waitFor(40);
    await sleep(300);
    expect(onA.received()).toHaveLength(40);
    expect(onB.received()).toHaveLength(40);
    expectStrictlyIncreasing(fromA);
    expect(fromB.map((e) => [e.id, e.data])).toEqual(fromA.map((e) => [e.id, e.data]));
    expect(new Set(fromA.map((e) => (e.data as { postId: string }).postId)).size).toBe(40);
    onA.close();
    onB.close();
  });

  it('loses nothing when the listening connections drop: they reconnect and read what was missed', async () => {
    const [a, b] = apps;
    const client = await openStream(b!.base, { query: 'threads=9' });
    open.push(client);
    await sleep(50);
    const killed = await sql<{ n: number }>`
      select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where application_name = 'haven-listener' and datname = current_database()`.execute(a!.app.db);
    expect(killed.rows[0]!.n).toBe(2);
    for (let i = 0; i < 5; i++) await a!.app.events.publish({ type: 'post.created', threadId: '9', postId: String(i) });
    const got = await client.waitFor(5, 8000);
    expect(got.map((e) => (e.data as { postId: string }).postId)).toEqual(['0', '1', '2', '3', '4']);
    // And the new listening connections carry live events again.
    await sleep(500);
    await a!.app.events.publish({ type: 'post.created', threadId: '9', postId: 'after' });
    expect((await client.waitFor(6)).at(-1)!.data).toEqual({ threadId: '9', postId: 'after' });
    client.close();
  });

  it('tells the author at once, on B, of a reply posted through A (end to end through the posts routes)', async () => {
    const [a, b] = apps;
    const author = await newMember(a!.app, { ageDays: 30 });
    const replier = await newMember(a!.app, { ageDays: 30 });
    const board = (await a!.app.inject({ url: '/api/boards' })).json().items[0].slug as string;
    const created = await author.request({
      method: 'POST',
      url: `/api/boards/${board}/threads`,
      payload: { title: 'Has anyone been through this?', body: 'I have been waiting a while.', anonymous: true },
    });
    expect(created.statusCode).toBe(201);
    const threadId = created.json().thread.id as string;

    // The author's tab is on B (their notifications); a reader on B follows the thread anonymously.
    const authorTab = await openStream(b!.base, { cookie: author.cookie });
    const readerTab = await openStream(b!.base, { query: `threads=${threadId}` });
    open.push(authorTab, readerTab);
    await sleep(50);

    const postIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const reply = await replier.request({ method: 'POST', url: `/api/threads/${threadId}/posts`, payload: { body: `You are not alone (${i}).` } });
      expect(reply.statusCode).toBe(201);
      postIds.push(reply.json().post.id as string);
    }
    const notified = await authorTab.waitFor(3);
    const seen = await readerTab.waitFor(3);
    await sleep(300);
    expect(readerTab.received().map((e) => e.data)).toEqual(postIds.map((postId) => ({ threadId, postId })));
    expect(authorTab.received().every((e) => e.event === 'notification')).toBe(true);
    expect(authorTab.received()).toHaveLength(3);
    expectStrictlyIncreasing(notified);
    expectStrictlyIncreasing(seen);

    // The notification it points to is there, names the thread, and is unread.
    const id = (notified[0]!.data as { notificationId: string }).notificationId;
    const list = (await author.request({ url: '/api/notifications' })).json();
    expect(list.items.find((n: { id: string }) => n.id === id)).toMatchObject({
      kind: 'reply',
      thread: { id: threadId, title: 'Has anyone been through this?' },
      read: false,
    });
    expect(list.unread).toBe(3);
    authorTab.close();
    readerTab.close();
  });

  it('resumes on B with the Last-Event-ID a client got from A', async () => {
    const [a, b] = apps;
    const first = await openStream(a!.base, { cookie: member.cookie });
    open.push(first);
    await sleep(50);
    await b!.app.events.publish({ type: 'notification', accountId: memberId, notificationId: 'n1' });
    await first.waitFor(1);
    first.close();
    await first.closed;
    await a!.app.events.publish({ type: 'notification', accountId: memberId, notificationId: 'n2' });
    await b!.app.events.publish({ type: 'notification', accountId: memberId, notificationId: 'n3' });
    const second = await openStream(b!.base, { cookie: member.cookie, lastEventId: first.lastEventId()! });
    open.push(second);
    const got = await second.waitFor(2);
    await sleep(200);
    expect(second.received().map((e) => e.data)).toEqual([{ notificationId: 'n2' }, { notificationId: 'n3' }]);
    expectStrictlyIncreasing(got);
    second.close();
  });
});
