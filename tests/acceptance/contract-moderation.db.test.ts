import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import {
  CRISIS_TEXT,
  expectError,
  expectIso,
  expectList,
  expectPost,
  expectThread,
  expectUser,
  newThread,
  register,
  reply,
  uniqueName,
  veteran,
  type Client,
  type Json,
} from './contract-helpers';

describe(`contract: flags and moderation on ${ENGINE}`, () => {
  let t: TestApp;
  let admin: Client;
  let mod: Client;
  let mod2: Client;
  let alice: Client;
  let bob: Client;
  let carol: Client;
  let board: string;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await veteran(t, 'admin');
    mod = await veteran(t, 'moderator');
    mod2 = await veteran(t, 'moderator');
    alice = await veteran(t);
    bob = await veteran(t);
    carol = await veteran(t);
    board = `mod-${process.pid % 10000}`;
    const created = await admin.req('POST', '/api/boards', { slug: board, name: 'Moderation board', description: '' });
    expect(created.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  async function queue(who: Client, query = 'status=open&limit=100'): Promise<Json[]> {
    const response = await who.req('GET', `/api/moderation/queue?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    expectList(response.json());
    return response.json().items;
  }

  async function itemFor(postId: string, who: Client = mod, status = 'open'): Promise<Json> {
    const item = (await queue(who, `status=${status}&limit=100`)).find((i) => i.post.id === postId);
    if (!item) throw new Error(`no ${status} item for post ${postId}`);
    return item;
  }

  async function flagged(reason = 'harassment', by: Client = bob, text = 'something flaggable'): Promise<{ thread: Json; post: Json; item: Json }> {
    const { thread, post } = await newThread(alice, { body: text }, board);
    const response = await by.req('POST', `/api/posts/${post.id}/flags`, { reason, note: 'please look' });
    expect(response.statusCode, response.body).toBe(201);
    return { thread, post, item: await itemFor(post.id) };
  }

  describe('POST /api/posts/:id/flags', () => {
    it('201; the same member again → 409; 401 signed out; 404 unknown post; 422 bad reason', async () => {
      const { post } = await newThread(alice, {}, board);
      const first = await bob.req('POST', `/api/posts/${post.id}/flags`, { reason: 'spam' });
      expect(first.statusCode, first.body).toBe(201);
      expect(String(first.headers['content-type'])).toMatch(/application\/json/);
      expectError(await bob.req('POST', `/api/posts/${post.id}/flags`, { reason: 'other', note: 'again' }), 409);
      expectError(await t.app.inject({ method: 'POST', url: `/api/posts/${post.id}/flags`, payload: { reason: 'spam' } }), 401);
      expectError(await bob.req('POST', '/api/posts/999999999/flags', { reason: 'spam' }), 404);
      const bad = await carol.req('POST', `/api/posts/${post.id}/flags`, { reason: 'boring' });
      expect([400, 422]).toContain(bad.statusCode);
      expectError(bad, bad.statusCode);
    });

    it.each(['crisis', 'harassment', 'spam', 'harmful', 'other'])('accepts reason %s', async (reason) => {
      const { post } = await newThread(alice, {}, board);
      expect((await bob.req('POST', `/api/posts/${post.id}/flags`, { reason })).statusCode).toBe(201);
    });

    it('Idempotency-Key replays the flag; a different body → 422', async () => {
      const { post } = await newThread(alice, {}, board);
      const first = await bob.req('POST', `/api/posts/${post.id}/flags`, { reason: 'spam', note: 'n' }, { 'idempotency-key': 'flag-k1' });
      const second = await bob.req('POST', `/api/posts/${post.id}/flags`, { reason: 'spam', note: 'n' }, { 'idempotency-key': 'flag-k1' });
      expect(first.statusCode).toBe(201);
      expect(second.statusCode).toBe(201);
      expect(second.body).toBe(first.body);
      expectError(await bob.req('POST', `/api/posts/${post.id}/flags`, { reason: 'other' }, { 'idempotency-key': 'flag-k1' }), 422);
      const item = await itemFor(post.id);
      expect(item.reasons).toEqual([expect.objectContaining({ reason: 'spam', count: 1 })]);
    });

    it('who flagged is never shown to the post’s author', async () => {
      const { post } = await newThread(alice, {}, board);
      await bob.req('POST', `/api/posts/${post.id}/flags`, { reason: 'harassment', note: 'note from the flagger' });
      const views = [
        await alice.req('GET', `/api/threads/${post.threadId}`),
        await alice.req('GET', '/api/notifications'),
        await alice.req('GET', '/api/me/export'),
      ];
      for (const view of views) expect(view.body).not.toContain(bob.pseudonym);
    });

    it('a crisis flag sends the author a notification with the resources', async () => {
      const author = await veteran(t);
      const { post } = await newThread(author, { body: 'a hard day but I am ok' }, board);
      expect((await bob.req('POST', `/api/posts/${post.id}/flags`, { reason: 'crisis' })).statusCode).toBe(201);
      const notes = await author.req('GET', '/api/notifications');
      expect(notes.statusCode).toBe(200);
      expectList(notes.json());
      expect(notes.body).not.toContain(bob.pseudonym);
      const text = JSON.stringify(notes.json().items);
      expect(text).toMatch(/crisis|resources/i);
      expect(text).toMatch(/https?:\/\//);
    });
  });

  describe('GET /api/moderation/queue', () => {
    it('401 signed out, 403 for members', async () => {
      expectError(await t.app.inject({ url: '/api/moderation/queue' }), 401);
      expectError(await alice.req('GET', '/api/moderation/queue'), 403);
    });

    it('item shape', async () => {
      const { post, thread, item } = await flagged('harassment');
      expect(typeof item.id).toBe('string');
      expect(Number.isInteger(item.version) || typeof item.version === 'string').toBe(true);
      expectPost(item.post);
      expect(item.post.id).toBe(post.id);
      expectThread(item.thread);
      expect(item.thread.id).toBe(thread.id);
      expect(item.reasons).toEqual([{ reason: 'harassment', count: 1, notes: ['please look'] }]);
      expect(Array.isArray(item.automatic)).toBe(true);
      expect(item.status).toBe('open');
      expect(item).toHaveProperty('claimedBy');
      expect(item.claimedBy).toBeNull();
      expectIso(item.createdAt);
      expect(Number.isInteger(item.authorHistory.accountAgeDays)).toBe(true);
      expect(item.authorHistory.accountAgeDays).toBeGreaterThanOrEqual(399);
      expect(item.authorHistory.removedPosts).toBe(0);
      // The moderator sees the text.
      expect(item.post.bodyHtml).toContain('something flaggable');
    });

    it('flags on the same post share one open item', async () => {
      const { post } = await newThread(alice, {}, board);
      await bob.req('POST', `/api/posts/${post.id}/flags`, { reason: 'spam', note: 'a' });
      await carol.req('POST', `/api/posts/${post.id}/flags`, { reason: 'spam', note: 'b' });
      await mod2.req('POST', `/api/posts/${post.id}/flags`, { reason: 'harmful' });
      const items = (await queue(mod)).filter((i) => i.post.id === post.id);
      expect(items.length).toBe(1);
      const spam = items[0]!.reasons.find((r: Json) => r.reason === 'spam');
      expect(spam.count).toBe(2);
      expect([...spam.notes].sort()).toEqual(['a', 'b']);
      expect(items[0]!.reasons.find((r: Json) => r.reason === 'harmful').count).toBe(1);
    });

    it('crisis before the rest, then by flag weight, then oldest first', async () => {
      const fresh = await t.app.inject({ method: 'GET', url: '/api/moderation/queue?status=open&limit=100', headers: { cookie: mod.cookie } });
      const before = new Set((fresh.json().items as Json[]).map((i) => i.id));
      const other1 = await flagged('other');
      const harass = await flagged('harassment');
      const other2 = await flagged('other');
      const crisis = await flagged('crisis');
      const ours = (await queue(mod)).filter((i) => !before.has(i.id)).map((i) => i.id);
      expect(ours).toEqual([crisis.item.id, harass.item.id, other1.item.id, other2.item.id]);
    });

    it('an automatic crisis item names its rule and comes first', async () => {
      const { post } = await newThread(alice, { body: CRISIS_TEXT }, board);
      const items = await queue(mod);
      const item = items.find((i) => i.post.id === post.id)!;
      expect(item).toBeDefined();
      expect(item.automatic.length).toBeGreaterThan(0);
      for (const rule of item.automatic) expect(typeof rule).toBe('string');
      expect(items[0]!.automatic.length + items[0]!.reasons.filter((r: Json) => r.reason === 'crisis').length).toBeGreaterThan(0);
    });

    it('status=resolved lists decided items; a bad status → 400/422', async () => {
      const { item } = await flagged('spam');
      const decided = await mod.req('POST', `/api/moderation/items/${item.id}/decision`, { action: 'approve', reason: 'fine', version: item.version });
      expect(decided.statusCode, decided.body).toBe(200);
      const resolved = await itemFor(item.post.id, mod, 'resolved');
      expect(resolved.status).toBe('resolved');
      const bad = await mod.req('GET', '/api/moderation/queue?status=whatever');
      expect([400, 422]).toContain(bad.statusCode);
      expectError(bad, bad.statusCode);
    });

    it('is keyset-paginated', async () => {
      for (let i = 0; i < 3; i += 1) await flagged('other');
      const first = await mod.req('GET', '/api/moderation/queue?status=open&limit=2');
      expect(first.json().items.length).toBe(2);
      expect(typeof first.json().nextCursor).toBe('string');
      const second = await mod.req('GET', `/api/moderation/queue?status=open&limit=2&cursor=${encodeURIComponent(first.json().nextCursor)}`);
      expect(second.statusCode).toBe(200);
      const ids = [...first.json().items, ...second.json().items].map((i: Json) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('admins see the queue too', async () => {
      expect((await admin.req('GET', '/api/moderation/queue')).statusCode).toBe(200);
    });
  });

  describe('claim and decision', () => {
    it('claim → 200; another moderator while the claim is fresh → 409; the same moderator again is fine', async () => {
      const { item } = await flagged();
      const claim = await mod.req('POST', `/api/moderation/items/${item.id}/claim`);
      expect(claim.statusCode, claim.body).toBe(200);
      expectError(await mod2.req('POST', `/api/moderation/items/${item.id}/claim`), 409);
      const again = await mod.req('POST', `/api/moderation/items/${item.id}/claim`);
      expect(again.statusCode).toBe(200);
      const after = await itemFor(item.post.id);
      expect(after.claimedBy).not.toBeNull();
      expectError(await alice.req('POST', `/api/moderation/items/${item.id}/claim`), 403);
      expectError(await mod.req('POST', '/api/moderation/items/999999999/claim'), 404);
    });

    it('decision → 200; a stale version → 409; exactly one wins', async () => {
      const { item } = await flagged();
      const [a, b] = await Promise.all([
        mod.req('POST', `/api/moderation/items/${item.id}/decision`, { action: 'hide', reason: 'hurtful', version: item.version }),
        mod2.req('POST', `/api/moderation/items/${item.id}/decision`, { action: 'approve', reason: 'fine', version: item.version }),
      ]);
      expect([a!.statusCode, b!.statusCode].sort()).toEqual([200, 409]);
      expectError(a!.statusCode === 409 ? a! : b!, 409);
      expectError(await mod.req('POST', `/api/moderation/items/${item.id}/decision`, { action: 'remove', reason: 'late', version: item.version }), 409);
    });

    it('decision validation: 403 member, 404 unknown, 400/422 bad action', async () => {
      const { item } = await flagged();
      expectError(await alice.req('POST', `/api/moderation/items/${item.id}/decision`, { action: 'approve', reason: 'x', version: item.version }), 403);
      expectError(await mod.req('POST', '/api/moderation/items/999999999/decision', { action: 'approve', reason: 'x', version: item.version }), 404);
      const bad = await mod.req('POST', `/api/moderation/items/${item.id}/decision`, { action: 'nuke', reason: 'x', version: item.version });
      expect([400, 422]).toContain(bad.statusCode);
      expectError(bad, bad.statusCode);
    });

    it('hide: others see a tombstone with no text; the author sees the text and the reason', async () => {
      const { thread, post, item } = await flagged('harassment', bob, 'words to be hidden');
      const decision = await mod.req('POST', `/api/moderation/items/${item.id}/decision`, { action: 'hide', reason: 'Reason visible to author', version: item.version });
      expect(decision.statusCode, decision.body).toBe(200);
      const asOther = await bob.req('GET', `/api/threads/${thread.id}`);
      const tomb = (asOther.json().items as Json[]).find((p) => p.id === post.id);
      if (tomb) {
        expect(tomb.status).toBe('hidden');
        expect(tomb.bodyHtml ?? '').not.toContain('words to be hidden');
      }
      expect(asOther.body).not.toContain('words to be hidden');
      const anonymous = await t.app.inject({ url: `/api/threads/${thread.id}` });
      expect(anonymous.body).not.toContain('words to be hidden');
      const asAuthor = await alice.req('GET', `/api/threads/${thread.id}`);
      expect(asAuthor.statusCode).toBe(200);
      const own = (asAuthor.json().items as Json[]).find((p) => p.id === post.id)!;
      expect(own.status).toBe('hidden');
      expect(own.bodyHtml).toContain('words to be hidden');
      expect(JSON.stringify(own)).toContain('Reason visible to author');
      expect(own.body).toBe('words to be hidden');
    });

    it('remove: likewise, and the author’s history counts it; author notified of the decision', async () => {
      const { thread, post, item } = await flagged('harmful', bob, 'words to be removed');
      const decision = await mod.req('POST', `/api/moderation/items/${item.id}/decision`, { action: 'remove', reason: 'Against the rules', version: item.version });
      expect(decision.statusCode).toBe(200);
      const own = ((await alice.req('GET', `/api/threads/${thread.id}`)).json().items as Json[]).find((p) => p.id === post.id)!;
      expect(own.status).toBe('removed');
      expect(JSON.stringify(own)).toContain('Against the rules');
      expect((await carol.req('GET', `/api/threads/${thread.id}`)).body).not.toContain('words to be removed');
      const notes = await alice.req('GET', '/api/notifications?limit=100');
      expect(notes.body).toMatch(/moderation|removed/i);
      expect(notes.body).not.toContain(mod.pseudonym);
      const next = await flagged('spam');
      expect(next.item.authorHistory.removedPosts).toBeGreaterThanOrEqual(1);
    });

    it('approve publishes a pending post and dismisses the flags', async () => {
      const premod = `pre-${process.pid % 10000}`;
      expect((await admin.req('POST', '/api/boards', { slug: premod, name: 'Pre', description: '', premoderated: true })).statusCode).toBe(201);
      const newbie = await register(t.app);
      const { post, thread } = await newThread(newbie, { body: 'held for review' }, premod);
      expect(post.status).toBe('pending');
      const item = await itemFor(post.id);
      expect(item.automatic.length).toBeGreaterThan(0);
      const decision = await mod.req('POST', `/api/moderation/items/${item.id}/decision`, { action: 'approve', reason: 'welcome', version: item.version });
      expect(decision.statusCode).toBe(200);
      const seen = await carol.req('GET', `/api/threads/${thread.id}`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json().items[0].status).toBe('published');
      expect(seen.body).toContain('held for review');
      expect((await queue(mod)).some((i) => i.post.id === post.id)).toBe(false);
    });

    it('escalate sends it to admins', async () => {
      const { item } = await flagged();
      const decision = await mod.req('POST', `/api/moderation/items/${item.id}/decision`, { action: 'escalate', reason: 'need an admin', version: item.version });
      expect(decision.statusCode).toBe(200);
      const adminQueue = [...(await queue(admin, 'status=open&limit=100'))];
      expect(adminQueue.some((i) => i.id === item.id)).toBe(true);
    });
  });

  describe('anonymous authors in moderation', () => {
    it('moderators cannot link an alias to a pseudonym', async () => {
      const { post } = await newThread(alice, { body: 'anonymous but flagged', anonymous: true }, board);
      await bob.req('POST', `/api/posts/${post.id}/flags`, { reason: 'harassment' });
      const response = await mod.req('GET', '/api/moderation/queue?status=open&limit=100');
      const item = (response.json().items as Json[]).find((i) => i.post.id === post.id)!;
      expect(JSON.stringify(item)).not.toContain(alice.pseudonym);
      expect(item.post.author.kind).toBe('alias');
    });
  });

  describe('POST /api/moderation/items/:id/suspend', () => {
    it('200; the author can no longer post; the response does not reveal who they are', async () => {
      const victim = await veteran(t);
      const { post, thread } = await newThread(victim, { body: 'suspend me', anonymous: true }, board);
      await bob.req('POST', `/api/posts/${post.id}/flags`, { reason: 'harassment' });
      const item = await itemFor(post.id);
      const response = await mod.req('POST', `/api/moderation/items/${item.id}/suspend`, { days: 3, reason: 'cool off' });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.body).not.toContain(victim.pseudonym);
      const blocked = await victim.req('POST', `/api/threads/${thread.id}/posts`, { body: 'still here?' });
      expectError(blocked, 403);
      expectError(await alice.req('POST', `/api/moderation/items/${item.id}/suspend`, { days: 3, reason: 'x' }), 403);
      const bad = await mod.req('POST', `/api/moderation/items/${item.id}/suspend`, { days: -1, reason: 'x' });
      expect([400, 422]).toContain(bad.statusCode);
      expectError(bad, bad.statusCode);
    });
  });

  describe('GET /api/moderation/log', () => {
    it('every moderator action: who, what, when, why', async () => {
      const { item } = await flagged();
      await mod.req('POST', `/api/moderation/items/${item.id}/decision`, { action: 'hide', reason: 'log me please', version: item.version });
      const response = await mod.req('GET', '/api/moderation/log?limit=100');
      expect(response.statusCode).toBe(200);
      expectList(response.json());
      const entry = (response.json().items as Json[]).find((e) => JSON.stringify(e).includes('log me please'))!;
      expect(entry).toBeDefined();
      expect(JSON.stringify(entry)).toContain(mod.pseudonym);
      expect(JSON.stringify(entry)).toContain('hide');
      expect(JSON.stringify(entry)).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
      expectError(await alice.req('GET', '/api/moderation/log'), 403);
      expectError(await t.app.inject({ url: '/api/moderation/log' }), 401);
    });
  });

  describe('POST /api/posts/:id/appeal', () => {
    it('201 by the author of a hidden post; reopens an item; others 403', async () => {
      const { post, item } = await flagged('harassment', bob, 'appeal this');
      await mod.req('POST', `/api/moderation/items/${item.id}/decision`, { action: 'hide', reason: 'hidden', version: item.version });
      expectError(await bob.req('POST', `/api/posts/${post.id}/appeal`, { note: 'not mine' }), 403);
      const response = await alice.req('POST', `/api/posts/${post.id}/appeal`, { note: 'I think this was fine' }, { 'idempotency-key': 'appeal-k1' });
      expect(response.statusCode, response.body).toBe(201);
      const replay = await alice.req('POST', `/api/posts/${post.id}/appeal`, { note: 'I think this was fine' }, { 'idempotency-key': 'appeal-k1' });
      expect(replay.statusCode).toBe(201);
      expect(replay.body).toBe(response.body);
      expectError(await alice.req('POST', `/api/posts/${post.id}/appeal`, { note: 'changed' }, { 'idempotency-key': 'appeal-k1' }), 422);
      const reopened = (await queue(mod)).filter((i) => i.post.id === post.id);
      expect(reopened.length).toBe(1);
      expect(reopened[0]!.status).toBe('open');
    });

    it('a published post cannot be appealed (409 or 422)', async () => {
      const { post } = await newThread(alice, {}, board);
      const response = await alice.req('POST', `/api/posts/${post.id}/appeal`, { note: 'nothing to appeal' });
      expect([403, 409, 422]).toContain(response.statusCode);
      expectError(response, response.statusCode);
    });
  });

  describe('POST /api/admin/users/:pseudonym/role', () => {
    it('admin → 200; the role takes effect; members and moderators → 403; unknown → 404', async () => {
      const target = await register(t.app);
      const response = await admin.req('POST', `/api/admin/users/${target.pseudonym}/role`, { role: 'moderator' });
      expect(response.statusCode, response.body).toBe(200);
      if (response.json().user) expectUser(response.json().user, target.pseudonym, 'moderator');
      const me = await target.req('GET', '/api/me');
      expect(me.json().user.role).toBe('moderator');
      expect((await target.req('GET', '/api/moderation/queue')).statusCode).toBe(200);
      expectError(await mod.req('POST', `/api/admin/users/${target.pseudonym}/role`, { role: 'admin' }), 403);
      expectError(await alice.req('POST', `/api/admin/users/${target.pseudonym}/role`, { role: 'admin' }), 403);
      expectError(await admin.req('POST', `/api/admin/users/${uniqueName('ghost')}/role`, { role: 'member' }), 404);
      const bad = await admin.req('POST', `/api/admin/users/${target.pseudonym}/role`, { role: 'king' });
      expect([400, 422]).toContain(bad.statusCode);
      expectError(bad, bad.statusCode);
    });
  });

  describe('more moderation edges', () => {
    it('approving a pending post tells its author (a moderation decision on their post)', async () => {
      const premod = `pre2-${process.pid % 10000}`;
      expect((await admin.req('POST', '/api/boards', { slug: premod, name: 'Pre 2', description: '', premoderated: true })).statusCode).toBe(201);
      const newbie = await register(t.app);
      const { post } = await newThread(newbie, { body: 'waiting for approval' }, premod);
      const item = await itemFor(post.id);
      expect((await mod.req('POST', `/api/moderation/items/${item.id}/decision`, { action: 'approve', reason: 'welcome', version: item.version })).statusCode).toBe(200);
      const notes = (await newbie.req('GET', '/api/notifications')).json();
      expect(notes.items.length).toBeGreaterThan(0);
      expect(JSON.stringify(notes.items)).toMatch(/moderation|approve/i);
      expect(JSON.stringify(notes.items)).not.toContain(mod.pseudonym);
    });

    it('the log of a suspension does not name an anonymous author', async () => {
      const victim = await veteran(t);
      const { post } = await newThread(victim, { body: 'anon to suspend', anonymous: true }, board);
      await bob.req('POST', `/api/posts/${post.id}/flags`, { reason: 'harassment' });
      const item = await itemFor(post.id);
      expect((await mod.req('POST', `/api/moderation/items/${item.id}/suspend`, { days: 1, reason: 'log check' })).statusCode).toBe(200);
      const log = await mod.req('GET', '/api/moderation/log?limit=100');
      expect(log.body).toContain('log check');
      expect(log.body).not.toContain(victim.pseudonym);
      const q = await mod.req('GET', '/api/moderation/queue?status=open&limit=100');
      expect(q.body).not.toContain(victim.pseudonym);
    });

    it('decision without a version → 400/422; on a decided item → 409; claim of a decided item → 409', async () => {
      const { item } = await flagged();
      const missing = await mod.req('POST', `/api/moderation/items/${item.id}/decision`, { action: 'approve', reason: 'x' });
      expect([400, 422]).toContain(missing.statusCode);
      expectError(missing, missing.statusCode);
      const ok = await mod.req('POST', `/api/moderation/items/${item.id}/decision`, { action: 'approve', reason: 'x', version: item.version });
      expect(ok.statusCode).toBe(200);
      const newVersion = ok.json().version ?? item.version + 1;
      expectError(await mod.req('POST', `/api/moderation/items/${item.id}/decision`, { action: 'hide', reason: 'x', version: newVersion }), 409);
      expectError(await mod2.req('POST', `/api/moderation/items/${item.id}/claim`), 409);
    });

    it('a claim by one moderator does not stop the queue from showing the item to others', async () => {
      const { item } = await flagged();
      expect((await mod.req('POST', `/api/moderation/items/${item.id}/claim`)).statusCode).toBe(200);
      const seen = (await queue(mod2)).find((i) => i.id === item.id)!;
      expect(seen.claimedBy).toBe(mod.pseudonym);
    });

    it('an account deleted after posting anonymously leaves its posts deleted', async () => {
      const leaver = await veteran(t);
      const { thread, post } = await newThread(leaver, { body: 'anon then gone', anonymous: true }, board);
      await reply(bob, thread.id);
      expect((await leaver.req('DELETE', '/api/me', { password: leaver.password })).statusCode).toBe(204);
      const view = await bob.req('GET', `/api/threads/${thread.id}`);
      const p = (view.json().items as Json[]).find((x) => x.id === post.id)!;
      expect(p.status).toBe('deleted');
      expect(p.author.kind).toBe('deleted');
      expect(view.body).not.toContain('anon then gone');
    });
  });

  describe('roles shown on authors', () => {
    it('a moderator’s post carries author.role moderator', async () => {
      const { thread } = await newThread(alice, {}, board);
      const { post } = await reply(mod, thread.id);
      expect(post.author.role).toBe('moderator');
    });
  });
});
