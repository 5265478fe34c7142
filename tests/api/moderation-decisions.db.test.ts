import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import { newMember, type TestMember } from '../helpers/members';
import { newReply, newThreadWithPost } from '../helpers/content';
import { openOrJoinItem } from '../../api/db/moderation-items.repository';
import { decide, flag, itemForPost, type QueueItemJson } from '../helpers/moderation';

interface LogJson {
  id: string;
  actor: string;
  action: string;
  itemId: string | null;
  postId: string | null;
  subject: string | null;
  reason: string | null;
}

describe(`moderation decisions on ${ENGINE}`, () => {
  let t: TestApp;
  let author: TestMember;
  let flagger: TestMember;
  let modA: TestMember;
  let modB: TestMember;
  let admin: TestMember;
  beforeAll(async () => {
    t = await buildTestApp();
    author = await newMember(t.app);
    flagger = await newMember(t.app);
    modA = await newMember(t.app, { role: 'moderator' });
    modB = await newMember(t.app, { role: 'moderator' });
    admin = await newMember(t.app, { role: 'admin' });
  });
  afterAll(() => t.close());

  async function flaggedPost(options: { reason?: string; anonymous?: boolean } = {}) {
    const made = await newThreadWithPost(t.app.db, { authorPseudonym: author.pseudonym, anonymous: options.anonymous });
    expect((await flag(flagger, made.postId, options.reason ?? 'harmful')).statusCode).toBe(201);
    return { ...made, item: await itemForPost(modA, made.postId) };
  }

  async function heldPost(opening: boolean) {
    if (opening) {
      const made = await newThreadWithPost(t.app.db, { authorPseudonym: author.pseudonym, status: 'pending', boardSlug: 'loneliness' });
      await openOrJoinItem(t.app.db, { postId: made.postId, crisis: false, weight: 5, automatic: ['new-member'] });
      return { ...made, item: await itemForPost(modA, made.postId) };
    }
    const thread = await newThreadWithPost(t.app.db, { authorPseudonym: flagger.pseudonym });
    const reply = await newReply(t.app.db, thread.threadId, { authorPseudonym: author.pseudonym, status: 'pending' });
    await openOrJoinItem(t.app.db, { postId: reply.postId, crisis: false, weight: 5, automatic: ['new-member'] });
    return { threadId: thread.threadId, postId: reply.postId, item: await itemForPost(modA, reply.postId) };
  }

  async function log(limit = 100): Promise<LogJson[]> {
    const response = await modA.request({ method: 'GET', url: `/api/moderation/log?limit=${limit}` });
    expect(response.statusCode).toBe(200);
    return response.json<{ items: LogJson[] }>().items;
  }

  async function notificationsOf(member: TestMember) {
    return t.app.db
      .selectFrom('notifications')
      .innerJoin('accounts', 'accounts.id', 'notifications.account_id')
      .select(['kind', 'data', 'post_id', 'thread_id'])
      .where('accounts.pseudonym', '=', member.pseudonym)
      .orderBy('notifications.id')
      .execute();
  }

  const claim = (m: TestMember, itemId: string) => m.request({ method: 'POST', url: `/api/moderation/items/${itemId}/claim` });

  describe('claims', () => {
    it('keeps a second moderator off a freshly claimed item and lets the first extend it', async () => {
      const { item } = await flaggedPost();
      const first = await claim(modA, item.id);
      expect(first.statusCode, first.body).toBe(200);
      const claimed = first.json<QueueItemJson & { claimedUntil: string }>();
      expect(claimed.claimedBy).toBe(modA.pseudonym);
      const minutes = (Date.parse(claimed.claimedUntil) - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(t.app.moderationRules.claimMinutes - 1);
      expect(minutes).toBeLessThanOrEqual(t.app.moderationRules.claimMinutes);

      const other = await claim(modB, item.id);
      expect(other.statusCode).toBe(409);
      expect(other.json().error.code).toBe('claimed');
      const otherDecides = await decide(modB, claimed, 'hide', 'no');
      expect(otherDecides.statusCode).toBe(409);
      expect(otherDecides.json().error.code).toBe('claimed');

      const again = await claim(modA, item.id);
      expect(again.statusCode).toBe(200);
      expect(Date.parse(again.json().claimedUntil)).toBeGreaterThanOrEqual(Date.parse(claimed.claimedUntil));
      expect((await itemForPost(modB, claimed.post.id)).claimedBy).toBe(modA.pseudonym);
      // Claiming does not change what is being decided, so the version a moderator saw stays good.
      expect(again.json().version).toBe(item.version);
    });

    it('lets another moderator take over once a claim has gone stale', async () => {
      const { item } = await flaggedPost();
      expect((await claim(modA, item.id)).statusCode).toBe(200);
      await sql`update moderation_items set claimed_until = now() - interval '1 second' where id = ${item.id}`.execute(t.app.db);
      expect((await itemForPost(modB, item.post.id)).claimedBy).toBeNull();
      const taken = await claim(modB, item.id);
      expect(taken.statusCode).toBe(200);
      expect(taken.json().claimedBy).toBe(modB.pseudonym);
    });

    it('lets exactly one of many moderators racing for an item have it', async () => {
      const { item } = await flaggedPost();
      const racers = [modA, modB, admin, ...(await Promise.all([1, 2, 3, 4, 5].map(() => newMember(t.app, { role: 'moderator' }))))];
      const responses = await Promise.all(racers.map((m) => claim(m, item.id)));
      expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
      expect(responses.filter((r) => r.statusCode === 409)).toHaveLength(racers.length - 1);
      const claims = (await log()).filter((e) => e.itemId === item.id && e.action === 'claim');
      expect(claims).toHaveLength(1);
    });

    it('answers 404 for an unknown item and 409 for a decided one', async () => {
      expect((await claim(modA, '987654321')).statusCode).toBe(404);
      expect((await claim(modA, 'nope')).statusCode).toBe(404);
      const { item } = await flaggedPost();
      expect((await decide(modA, item, 'approve')).statusCode).toBe(200);
      expect((await claim(modA, item.id)).statusCode).toBe(409);
    });
  });

  describe('decisions', () => {
    it('applies exactly one of 50 concurrent decisions from 50 moderators', async () => {
      const { item, postId } = await flaggedPost();
      const moderators = await Promise.all(Array.from({ length: 50 }, () => newMember(t.app, { role: 'moderator' })));
      const actions = ['hide', 'remove', 'approve'];
      const responses = await Promise.all(moderators.map((m, i) => decide(m, item, actions[i % 3]!, `reason ${i}`)));
      const winners = responses.filter((r) => r.statusCode === 200);
      expect(winners).toHaveLength(1);
      expect(responses.filter((r) => r.statusCode === 409)).toHaveLength(49);
      const won = winners[0]!.json<QueueItemJson & { decision: string }>();
      const decisions = (await log()).filter((e) => e.itemId === item.id && e.action !== 'claim');
      expect(decisions).toHaveLength(1);
      expect(decisions[0]!.action).toBe(won.decision);
      const post = await t.app.db.selectFrom('posts').select('status').where('id', '=', postId).executeTakeFirstOrThrow();
      expect(post.status).toBe({ hide: 'hidden', remove: 'removed', approve: 'published' }[won.decision]);
      const notes = (await notificationsOf(author)).filter((n) => n.post_id === postId);
      expect(notes.length).toBeLessThanOrEqual(1);
    });

    it('applies exactly one of 50 concurrent decisions from one moderator', async () => {
      const { item, postId } = await flaggedPost();
      const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => decide(modA, item, i % 2 ? 'hide' : 'remove', 'off-topic')));
      expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
      expect(responses.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'version_conflict')).toBe(true);
      expect(responses.filter((r) => r.statusCode === 409)).toHaveLength(49);
      expect((await log()).filter((e) => e.itemId === item.id)).toHaveLength(1);
      const notes = (await notificationsOf(author)).filter((n) => n.post_id === postId);
      expect(notes).toHaveLength(1);
    });

    it('applies exactly one of concurrent admin decisions even when escalating keeps the item open', async () => {
      const { item, postId } = await flaggedPost();
      const admins = await Promise.all(Array.from({ length: 20 }, () => newMember(t.app, { role: 'admin' })));
      const responses = await Promise.all(admins.map((m, i) => decide(m, item, i < 10 ? 'escalate' : 'hide', `admin ${i}`)));
      expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
      expect(responses.filter((r) => r.statusCode === 409)).toHaveLength(19);
      expect((await log()).filter((e) => e.itemId === item.id)).toHaveLength(1);
      const post = await t.app.db.selectFrom('posts').select('status').where('id', '=', postId).executeTakeFirstOrThrow();
      const won = responses.find((r) => r.statusCode === 200)!.json<{ decision: string }>().decision;
      expect(post.status).toBe(won === 'hide' ? 'hidden' : 'published');
    });

    it('refuses a decision on a version that has moved on', async () => {
      const { item, postId } = await flaggedPost();
      expect((await flag(modB, postId, 'spam')).statusCode).toBe(201);
      const stale = await decide(modA, item, 'hide', 'x');
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('version_conflict');
    });

    it('hides a post with a reason its author is told, without naming the moderator or the flagger', async () => {
      const { item, postId, threadId } = await flaggedPost();
      const response = await decide(modA, item, 'hide', 'Please keep details of methods out of posts');
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ status: 'resolved', decision: 'hide', version: item.version + 1 });
      const post = await t.app.db.selectFrom('posts').select(['status', 'status_reason']).where('id', '=', postId).executeTakeFirstOrThrow();
      expect(post).toEqual({ status: 'hidden', status_reason: 'Please keep details of methods out of posts' });
      const note = (await notificationsOf(author)).find((n) => n.post_id === postId)!;
      expect(note.kind).toBe('moderation');
      expect(note.data).toEqual({ action: 'hide', reason: 'Please keep details of methods out of posts', postId, threadId });
      expect(JSON.stringify(note)).not.toContain(modA.pseudonym);
      expect(JSON.stringify(note)).not.toContain(flagger.pseudonym);
      expect((await itemForPost(modA, postId, 'resolved')).id).toBe(item.id);
    });

    it('requires a reason to hide, remove or escalate, and keeps it short', async () => {
      const { item } = await flaggedPost();
      for (const action of ['hide', 'remove', 'escalate']) {
        const response = await decide(modA, item, action);
        expect(response.statusCode, action).toBe(422);
        expect((await decide(modA, item, action, '   ')).statusCode).toBe(422);
      }
      expect((await decide(modA, item, 'hide', 'x'.repeat(501))).statusCode).toBe(422);
      expect((await decide(modA, item, 'shred', 'x')).statusCode).toBe(400);
      expect((await modA.request({ method: 'POST', url: `/api/moderation/items/${item.id}/decision`, payload: { action: 'hide', reason: 'x' } })).statusCode).toBe(400);
    });

    it('publishes a held opening post and its thread, and counts it on the board', async () => {
      const { item, postId, threadId } = await heldPost(true);
      const board = () => t.app.db.selectFrom('boards').select('thread_count').where('slug', '=', 'loneliness').executeTakeFirstOrThrow();
      const before = (await board()).thread_count;
      const response = await decide(modA, item, 'approve');
      expect(response.statusCode, response.body).toBe(200);
      const thread = await t.app.db.selectFrom('threads').select('status').where('id', '=', threadId).executeTakeFirstOrThrow();
      expect(thread.status).toBe('published');
      expect((await board()).thread_count).toBe(before + 1);
      const post = await t.app.db.selectFrom('posts').select('status').where('id', '=', postId).executeTakeFirstOrThrow();
      expect(post.status).toBe('published');
      const note = (await notificationsOf(author)).find((n) => n.post_id === postId)!;
      expect(note.data).toMatchObject({ action: 'approve', postId, threadId });
    });

    it('publishes a held reply and counts it in its thread', async () => {
      const { item, threadId } = await heldPost(false);
      const replies = async () =>
        (await t.app.db.selectFrom('threads').select(['reply_count', 'answered']).where('id', '=', threadId).executeTakeFirstOrThrow());
      expect(await replies()).toEqual({ reply_count: 0, answered: false });
      expect((await decide(modA, item, 'approve')).statusCode).toBe(200);
      expect(await replies()).toEqual({ reply_count: 1, answered: true });
    });

    it('takes a whole thread down with its opening post', async () => {
      const { item, threadId } = await flaggedPost();
      expect((await decide(modA, item, 'remove', 'Not a safe thread')).statusCode).toBe(200);
      const thread = await t.app.db.selectFrom('threads').select('status').where('id', '=', threadId).executeTakeFirstOrThrow();
      expect(thread.status).toBe('removed');
    });

    it('dismisses flags on a published post without troubling its author', async () => {
      const { item, postId } = await flaggedPost();
      const response = await decide(modA, item, 'approve');
      expect(response.statusCode).toBe(200);
      expect(response.json().status).toBe('resolved');
      expect((await notificationsOf(author)).filter((n) => n.post_id === postId)).toHaveLength(0);
      // A new flag after the decision opens a new item.
      expect((await flag(modB, postId, 'spam')).statusCode).toBe(201);
      expect((await itemForPost(modA, postId)).id).not.toBe(item.id);
    });

    it('sends an escalated item to admins: moderators see it but cannot decide it', async () => {
      const { item, postId } = await flaggedPost({ reason: 'crisis' });
      const escalated = await decide(modA, item, 'escalate', 'Serious, needs an admin');
      expect(escalated.statusCode).toBe(200);
      const now = await itemForPost(modB, postId);
      expect(now.status).toBe('escalated');
      const refused = await decide(modB, now, 'hide', 'x');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('escalated_admin_only');
      expect((await claim(modB, item.id)).statusCode).toBe(403);
      expect((await claim(admin, item.id)).statusCode).toBe(200);
      expect((await decide(admin, now, 'remove', 'Removed after review')).statusCode).toBe(200);
    });

    it('stores hostile reasons safely and never answers 5xx', async () => {
      for (const reason of ["'; delete from moderation_log; --", '<img src=x onerror=alert(1)>', 'a\u0000b', '\u202E', '\uDFFF', '🙂'.repeat(500)]) {
        const { item } = await flaggedPost();
        const response = await decide(modA, item, 'hide', reason);
        expect(response.statusCode, JSON.stringify(reason)).toBeLessThan(500);
      }
    });
  });

  describe('suspensions', () => {
    const suspend = (m: TestMember, itemId: string, days: unknown, reason: unknown) =>
      m.request({ method: 'POST', url: `/api/moderation/items/${itemId}/suspend`, payload: { days, reason } });

    it('suspends the author of an alias post without telling the moderator who they are', async () => {
      const writer = await newMember(t.app);
      const made = await newThreadWithPost(t.app.db, { authorPseudonym: writer.pseudonym, anonymous: true, alias: 'Calm River' });
      await flag(flagger, made.postId, 'harassment');
      const item = await itemForPost(modA, made.postId);
      const response = await suspend(modA, item.id, 3, 'Harassing members');
      expect(response.statusCode, response.body).toBe(200);
      expect(Object.keys(response.json())).toEqual(['suspendedUntil']);
      const days = (Date.parse(response.json().suspendedUntil) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(2.99);
      expect(response.body).not.toContain(writer.pseudonym);
      const entry = (await log()).find((e) => e.itemId === item.id && e.action === 'suspend')!;
      expect(entry).toMatchObject({ actor: modA.pseudonym, subject: `author of post ${made.postId}` });
      expect(JSON.stringify(await log())).not.toContain(writer.pseudonym);
      // The suspended author can read but not flag.
      expect((await flag(writer, made.postId, 'other')).statusCode).toBe(403);
    });

    it('keeps staff from being suspended by moderators', async () => {
      const made = await newThreadWithPost(t.app.db, { authorPseudonym: modB.pseudonym });
      await flag(flagger, made.postId, 'other');
      const item = await itemForPost(modA, made.postId);
      const refused = await suspend(modA, item.id, 1, 'x');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('cannot_suspend_staff');
      expect((await suspend(admin, item.id, 1, 'Even moderators')).statusCode).toBe(200);
      await sql`update accounts set suspended_until = null where pseudonym = ${modB.pseudonym}`.execute(t.app.db);
    });

    it('checks days and reason', async () => {
      const { item } = await flaggedPost();
      for (const [days, reason, status] of [
        [0, 'x', 422],
        [366, 'x', 422],
        [1.5, 'x', 400],
        ['3', 'x', 400],
        [3, '', 422],
        [3, 'x'.repeat(501), 422],
      ] as const) {
        expect((await suspend(modA, item.id, days, reason)).statusCode, `${days} ${reason.length}`).toBe(status);
      }
      expect((await suspend(modA, '123456789', 1, 'x')).statusCode).toBe(404);
    });
  });

  describe('appeals', () => {
    const appeal = (m: TestMember, postId: string, note: unknown) =>
      m.request({ method: 'POST', url: `/api/posts/${postId}/appeal`, payload: { note } });

    it('reopens a hidden post for review with the author’s note, once per decision', async () => {
      const { item, postId } = await flaggedPost({ anonymous: true });
      expect((await appeal(author, postId, 'Please look again')).statusCode).toBe(409); // not taken down yet
      expect((await decide(modA, item, 'hide', 'Too graphic')).statusCode).toBe(200);
      expect((await appeal(flagger, postId, 'Not mine')).statusCode).toBe(403);
      expect((await appeal(author, postId, '')).statusCode).toBe(422);
      const response = await appeal(author, postId, 'I added a content warning, please look again');
      expect(response.statusCode, response.body).toBe(201);
      expect((await appeal(author, postId, 'Again')).statusCode).toBe(409);
      const reopened = await itemForPost(modA, postId);
      expect(reopened.appealNote).toBe('I added a content warning, please look again');
      expect(reopened.status).toBe('open');
      const entry = (await log()).find((e) => e.action === 'appeal' && e.postId === postId)!;
      expect(entry.actor).toBe('author');
      expect(JSON.stringify(entry)).not.toContain(author.pseudonym);
      // The appeal is decided like any item; a restore publishes the post again.
      expect((await decide(modB, reopened, 'approve')).statusCode).toBe(200);
      const post = await t.app.db.selectFrom('posts').select('status').where('id', '=', postId).executeTakeFirstOrThrow();
      expect(post.status).toBe('published');
    });

    it('lets exactly one of two racing appeals through', async () => {
      const { item, postId } = await flaggedPost();
      expect((await decide(modA, item, 'remove', 'Rules')).statusCode).toBe(200);
      const both = await Promise.all([appeal(author, postId, 'one'), appeal(author, postId, 'two')]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    });

    it('hears a suspended author', async () => {
      const writer = await newMember(t.app);
      const made = await newThreadWithPost(t.app.db, { authorPseudonym: writer.pseudonym });
      await flag(flagger, made.postId, 'spam');
      const item = await itemForPost(modA, made.postId);
      expect((await decide(modA, item, 'remove', 'Spam')).statusCode).toBe(200);
      expect((await modA.request({ method: 'POST', url: `/api/moderation/items/${item.id}/suspend`, payload: { days: 7, reason: 'Spam' } })).statusCode).toBe(200);
      expect((await appeal(writer, made.postId, 'It was not spam')).statusCode).toBe(201);
    });
  });

  describe('the log', () => {
    it('lists every action newest first, in pages', async () => {
      const everything = await log(100);
      expect(everything.length).toBeGreaterThan(10);
      const ids = everything.map((e) => BigInt(e.id));
      expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/moderation/log?limit=7${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await modB.request({ method: 'GET', url })).json<{ items: LogJson[]; nextCursor: string | null }>();
        seen.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor !== null && seen.length < 1000);
      expect(seen.slice(0, everything.length)).toEqual(everything.map((e) => e.id));
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('cannot be changed or deleted, even with SQL', async () => {
      await expect(sql`update moderation_log set reason = 'rewritten'`.execute(t.app.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from moderation_log`.execute(t.app.db)).rejects.toThrow(/append-only/);
      await expect(sql`truncate moderation_log`.execute(t.app.db)).rejects.toThrow(/append-only/);
      expect((await log()).length).toBeGreaterThan(0);
    });
  });
});
