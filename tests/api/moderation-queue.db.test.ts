import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import { newMember, type TestMember } from '../helpers/members';
import { newReply, newThreadWithPost, recordEdit } from '../helpers/content';
import { openOrJoinItem } from '../../api/db/moderation-items.repository';
import { flag, itemForPost, wholeQueue } from '../helpers/moderation';

describe(`moderation queue on ${ENGINE}`, () => {
  let t: TestApp;
  let author: TestMember;
  let moderator: TestMember;
  let admin: TestMember;
  let member: TestMember;
  beforeAll(async () => {
    t = await buildTestApp();
    author = await newMember(t.app, { ageDays: 40 });
    moderator = await newMember(t.app, { role: 'moderator' });
    admin = await newMember(t.app, { role: 'admin' });
    member = await newMember(t.app);
  });
  afterAll(() => t.close());

  describe('who may use it', () => {
    const routes = [
      { method: 'GET' as const, url: '/api/moderation/queue' },
      { method: 'GET' as const, url: '/api/moderation/queue?status=resolved' },
      { method: 'GET' as const, url: '/api/moderation/log' },
      { method: 'POST' as const, url: '/api/moderation/items/1/claim', payload: {} },
      { method: 'POST' as const, url: '/api/moderation/items/1/decision', payload: { action: 'approve', version: 1 } },
      { method: 'POST' as const, url: '/api/moderation/items/1/suspend', payload: { days: 1, reason: 'x' } },
    ];

    it.each(routes)('refuses a member with 403 and a visitor with 401: $method $url', async (route) => {
      const asMember = await member.request(route);
      expect(asMember.statusCode).toBe(403);
      expect(asMember.json().error.code).toBe('forbidden');
      expect((await t.app.inject(route)).statusCode).toBe(401);
    });

    it('refuses a moderator on admin routes', async () => {
      const board = await moderator.request({ method: 'POST', url: '/api/boards', payload: { slug: 'mods-only', name: 'M', description: '' } });
      expect(board.statusCode).toBe(403);
      const patch = await moderator.request({ method: 'PATCH', url: '/api/boards/introductions', payload: { name: 'Renamed' } });
      expect(patch.statusCode).toBe(403);
    });

    it('has no route that changes or deletes the log', async () => {
      for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
        for (const url of ['/api/moderation/log', '/api/moderation/log/1']) {
          const response = await admin.request({ method, url, payload: {} });
          expect([404, 405]).toContain(response.statusCode);
        }
      }
    });
  });

  it('puts crisis first, then heavier items, then older ones, and pages through all of them', async () => {
    const flaggers: TestMember[] = [];
    for (let i = 0; i < 3; i += 1) flaggers.push(await newMember(t.app));
    const posts: Record<string, string> = {};
    for (const name of ['oldLight', 'heavy', 'crisis', 'newLight', 'crisisHeavy']) {
      posts[name] = (await newThreadWithPost(t.app.db, { authorPseudonym: author.pseudonym, title: name })).postId;
    }
    await flag(flaggers[0]!, posts.oldLight!, 'other');
    await flag(flaggers[0]!, posts.heavy!, 'harassment');
    await flag(flaggers[1]!, posts.heavy!, 'harassment');
    await flag(flaggers[0]!, posts.crisis!, 'crisis');
    await flag(flaggers[0]!, posts.newLight!, 'other');
    await flag(flaggers[0]!, posts.crisisHeavy!, 'crisis');
    await flag(flaggers[1]!, posts.crisisHeavy!, 'harmful');
    // Make the ages unambiguous whatever the clock resolution.
    await sql`update moderation_items set created_at = created_at - make_interval(secs => 100 - id) where true`.execute(t.app.db);

    const all = await wholeQueue(moderator, 'open', 100);
    const ours = all.filter((i) => Object.values(posts).includes(i.post.id)).map((i) => i.thread.title);
    expect(ours).toEqual(['crisisHeavy', 'crisis', 'heavy', 'oldLight', 'newLight']);

    // Page size 1 and 2 walk the same order with no gaps and no repeats.
    for (const limit of [1, 2]) {
      const paged = await wholeQueue(moderator, 'open', limit);
      expect(paged.map((i) => i.id)).toEqual(all.map((i) => i.id));
    }
  });

  it('refuses a cursor it did not make', async () => {
    for (const cursor of ['garbage', 'eyJhIjoxfQ', '%00', 'W10', 'x'.repeat(300)]) {
      const response = await moderator.request({ method: 'GET', url: `/api/moderation/queue?cursor=${cursor}` });
      expect(response.statusCode, cursor).toBe(400);
    }
    const log = await moderator.request({ method: 'GET', url: '/api/moderation/log?cursor=garbage' });
    expect(log.statusCode).toBe(400);
  });

  it('shows the post with its text, edits, thread, reasons and the author history', async () => {
    const { postId, threadId } = await newThreadWithPost(t.app.db, {
      authorPseudonym: author.pseudonym,
      body: 'The text as it is now',
      title: 'History',
      boardSlug: 'recovery',
    });
    await recordEdit(t.app.db, postId, 'The text as it was');
    const earlier = await newThreadWithPost(t.app.db, { authorPseudonym: author.pseudonym });
    await sql`update posts set status = 'removed', status_reason = 'rules' where id = ${earlier.postId}`.execute(t.app.db);
    await flag(member, postId, 'harmful', 'This could hurt someone');
    const item = await itemForPost(moderator, postId);
    expect(item).toMatchObject({
      status: 'open',
      claimedBy: null,
      automatic: [],
      reasons: [{ reason: 'harmful', count: 1, notes: ['This could hurt someone'] }],
      post: { id: postId, bodyHtml: expect.stringContaining('The text as it is now'), author: { name: author.pseudonym, kind: 'member' } },
      thread: { id: threadId, title: 'History', board: { slug: 'recovery' } },
      editHistory: [{ body: 'The text as it was', editedAt: expect.any(String) }],
    });
    expect(item.authorHistory.accountAgeDays).toBeGreaterThanOrEqual(39);
    expect(item.authorHistory.removedPosts).toBeGreaterThanOrEqual(1);
  });

  it('shows an alias post under its alias, with no pseudonym anywhere in the item', async () => {
    const hidden = await newMember(t.app, { pseudonym: `secret${process.pid % 1000}zz` });
    const { postId } = await newThreadWithPost(t.app.db, {
      authorPseudonym: hidden.pseudonym,
      anonymous: true,
      alias: 'Quiet Heron',
      status: 'pending',
    });
    const open = await newThreadWithPost(t.app.db, { authorPseudonym: hidden.pseudonym, anonymous: true, alias: 'Brave Finch' });
    const reply = await newReply(t.app.db, open.threadId, { authorPseudonym: hidden.pseudonym, anonymous: true, alias: 'Brave Finch' });
    // A held post reaches the queue through the new-member rule, as posting does.
    await openOrJoinItem(t.app.db, { postId, crisis: false, weight: 5, automatic: ['new-member'] });
    await flag(member, reply.postId, 'other');
    const response = await moderator.request({ method: 'GET', url: '/api/moderation/queue?limit=100' });
    expect(response.body).not.toContain(hidden.pseudonym);
    expect(response.body.toLowerCase()).not.toContain(hidden.pseudonym.toLowerCase());
    const item = await itemForPost(moderator, postId);
    expect(item.post.author).toMatchObject({ name: 'Quiet Heron', kind: 'alias' });
    expect(item.post.status).toBe('pending');
    expect(item.automatic).toEqual(['new-member']);
    expect(item.post.bodyHtml).toContain('Hello, this is my first post here.');
    // The markdown is its author's alone (API.md); moderators judge the rendered text.
    expect(item.post).not.toHaveProperty('body');
    const replyItem = await itemForPost(moderator, reply.postId);
    expect(replyItem.post.author).toMatchObject({ name: 'Brave Finch', kind: 'alias', isOriginalPoster: true });
    expect(replyItem.thread.author).toMatchObject({ name: 'Brave Finch', kind: 'alias' });
    expect(JSON.stringify(replyItem)).not.toContain(hidden.pseudonym);
  });

  it('shows escalated items in the open queue, and on their own', async () => {
    const { postId } = await newThreadWithPost(t.app.db, { authorPseudonym: author.pseudonym });
    await flag(member, postId, 'harmful');
    const item = await itemForPost(moderator, postId);
    const escalated = await moderator.request({
      method: 'POST',
      url: `/api/moderation/items/${item.id}/decision`,
      payload: { action: 'escalate', reason: 'Needs an admin', version: item.version },
    });
    expect(escalated.statusCode, escalated.body).toBe(200);
    expect((await itemForPost(moderator, postId)).status).toBe('escalated');
    expect((await itemForPost(admin, postId, 'escalated')).id).toBe(item.id);
    expect((await wholeQueue(moderator, 'resolved')).some((i) => i.id === item.id)).toBe(false);
  });
});
