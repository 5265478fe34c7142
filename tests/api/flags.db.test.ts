import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import { newMember, type TestMember } from '../helpers/members';
import { newThreadWithPost } from '../helpers/content';
import { flag, itemForPost, wholeQueue } from '../helpers/moderation';

describe(`flags on ${ENGINE}`, () => {
  let t: TestApp;
  let author: TestMember;
  let reader: TestMember;
  let moderator: TestMember;
  beforeAll(async () => {
    t = await buildTestApp();
    author = await newMember(t.app);
    reader = await newMember(t.app);
    moderator = await newMember(t.app, { role: 'moderator' });
  });
  afterAll(() => t.close());

  it('takes a flag once per member and gathers flags on one post into one item', async () => {
    const { postId } = await newThreadWithPost(t.app.db, { authorPseudonym: author.pseudonym });
    const first = await flag(reader, postId, 'harassment', 'They keep targeting me');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({ flag: { id: expect.any(String), reason: 'harassment', note: 'They keep targeting me', createdAt: expect.any(String) } });
    const again = await flag(reader, postId, 'spam');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_flagged');
    expect((await flag(moderator, postId, 'harassment')).statusCode).toBe(201);
    const item = await itemForPost(moderator, postId);
    expect(item.reasons).toEqual([{ reason: 'harassment', count: 2, notes: ['They keep targeting me'] }]);
    expect(item.weight).toBe(t.app.moderationRules.flagWeights.harassment * 2);
  });

  it('lets members flag their own post, to ask for help', async () => {
    const { postId } = await newThreadWithPost(t.app.db, { authorPseudonym: author.pseudonym });
    expect((await flag(author, postId, 'crisis', 'I am not okay')).statusCode).toBe(201);
    const item = await itemForPost(moderator, postId);
    expect(item.crisis).toBe(true);
  });

  it('answers 404 for posts that do not exist, were deleted, or are not visible to the flagger', async () => {
    const pending = await newThreadWithPost(t.app.db, { authorPseudonym: author.pseudonym, status: 'pending' });
    const deleted = await newThreadWithPost(t.app.db, { authorPseudonym: author.pseudonym });
    await sql`update posts set status = 'deleted', body_md = null, body_html = '' where id = ${deleted.postId}`.execute(t.app.db);
    for (const id of ['999999999', 'abc', pending.postId, deleted.postId]) {
      const response = await flag(reader, id);
      expect(response.statusCode, id).toBe(404);
    }
  });

  it('refuses suspended members and signed-out visitors', async () => {
    const { postId } = await newThreadWithPost(t.app.db, { authorPseudonym: author.pseudonym });
    const suspended = await newMember(t.app);
    await sql`update accounts set suspended_until = now() + interval '1 day' where pseudonym = ${suspended.pseudonym}`.execute(t.app.db);
    expect((await flag(suspended, postId)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/posts/${postId}/flags`, payload: { reason: 'spam' } })).statusCode).toBe(401);
  });

  it('checks reasons and notes', async () => {
    const { postId } = await newThreadWithPost(t.app.db, { authorPseudonym: author.pseudonym });
    // An unknown reason is malformed by the error policy (a const mismatch), like any enum field.
    expect((await flag(reader, postId, 'rude')).statusCode).toBe(400);
    expect((await reader.request({ method: 'POST', url: `/api/posts/${postId}/flags`, payload: { reason: 5 } })).statusCode).toBe(400);
    const long = await flag(reader, postId, 'other', 'x'.repeat(501));
    expect(long.statusCode).toBe(422);
    expect((await flag(reader, postId, 'other', '🙂'.repeat(500))).statusCode).toBe(201);
  });

  it.each([
    ['NUL and control characters', 'a\u0000b\u0007c'],
    ['SQL', "'); drop table flags; --"],
    ['markup', '<script>alert(1)</script><img src=x onerror=alert(1)>'],
    ['bidi overrides', '\u202Egnp.exe'],
    ['lone surrogates', '\uD800abc'],
    ['only whitespace', ' \n\t '],
  ])('stores a hostile note (%s) safely or refuses it, never a 5xx', async (_name, note) => {
    const { postId } = await newThreadWithPost(t.app.db, { authorPseudonym: author.pseudonym });
    const response = await flag(reader, postId, 'other', note);
    expect(response.statusCode).toBeLessThan(500);
    if (response.statusCode === 201) {
      const stored = await t.app.db.selectFrom('flags').select('note').where('id', '=', response.json().flag.id).executeTakeFirstOrThrow();
      expect(stored.note ?? '').not.toMatch(/[\u0000-\u0008\u202E]/);
    }
  });

  it('tells the author of a crisis-flagged post where help is, never who flagged it', async () => {
    const { postId } = await newThreadWithPost(t.app.db, { authorPseudonym: author.pseudonym, body: 'I cannot do this anymore' });
    const worried = await newMember(t.app);
    expect((await flag(worried, postId, 'crisis', `from ${worried.pseudonym}`)).statusCode).toBe(201);
    expect((await flag(reader, postId, 'crisis')).statusCode).toBe(201);
    const notes = await t.app.db
      .selectFrom('notifications')
      .innerJoin('accounts', 'accounts.id', 'notifications.account_id')
      .select(['kind', 'data', 'post_id'])
      .where('accounts.pseudonym', '=', author.pseudonym)
      .where('notifications.post_id', '=', postId)
      .execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.kind).toBe('crisis');
    const text = JSON.stringify(notes);
    expect(text).toContain(t.app.crisisResources[0]!.url);
    expect(text).not.toContain(worried.pseudonym);
    expect(text).not.toContain(reader.pseudonym);
  });

  it('counts every one of 100 members flagging one post at once, in one item', async () => {
    const { postId } = await newThreadWithPost(t.app.db, { authorPseudonym: author.pseudonym });
    const members: TestMember[] = [];
    for (let i = 0; i < 100; i += 1) members.push(await newMember(t.app));
    const reasons = ['crisis', 'harassment', 'spam', 'harmful', 'other'];
    const responses = await Promise.all(members.map((m, i) => flag(m, postId, reasons[i % reasons.length], `note ${i}`)));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(100).fill(201));
    const items = await t.app.db.selectFrom('moderation_items').selectAll().where('post_id', '=', postId).execute();
    expect(items).toHaveLength(1);
    const item = (await wholeQueue(moderator)).find((i) => i.post.id === postId)!;
    expect(item.reasons.reduce((sum, r) => sum + r.count, 0)).toBe(100);
    expect(item.reasons.every((r) => r.count === 20 && r.notes.length === 20)).toBe(true);
    // Twenty flags per reason, counted up to the cap each.
    const { flagWeights, maxCountedFlagsPerReason } = t.app.moderationRules;
    const cap = Math.min(20, maxCountedFlagsPerReason);
    expect(item.weight).toBe(Object.values(flagWeights).reduce((sum, w) => sum + w * cap, 0));
    expect(item.crisis).toBe(true);
  });
});
