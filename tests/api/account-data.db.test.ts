import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import { newMember } from '../helpers/members';
import { accountIdOf, countAccounts, insertPostRow, insertThreadRow } from '../helpers/rows';

interface ExportDoc {
  format: string;
  profile: { pseudonym: string; role: string };
  sessions: { createdAt: string }[];
  threads: { id: string; title: string; anonymous: boolean; board: { slug: string } }[];
  aliases: { threadId: string; alias: string }[];
  posts: { id: string; threadId: string; body: string | null; status: string; edits: { body: string }[] }[];
  reactions: { postId: string; kind: string }[];
  flags: { postId: string; reason: string; note: string | null }[];
  appeals: { postId: string; note: string }[];
  notifications: { kind: string; postId: string | null; data: Record<string, unknown> }[];
  moderationActions: unknown[];
}

describe(`account export and deletion on ${ENGINE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  /** A member with a thread under an alias, a reply in someone else's thread, an edit, a reaction, a flag and a notification. */
  async function memberWithHistory(pseudonym: string, neighbour: string, alias: string) {
    const db = t.database.db;
    const me = await newMember(t.app, { pseudonym });
    const other = await newMember(t.app, { pseudonym: neighbour });
    const [myId, otherId] = [await accountIdOf(db, pseudonym), await accountIdOf(db, neighbour)];
    const mine = await insertThreadRow(db, myId, {
      title: `${pseudonym} misses her dad`,
      body: `${pseudonym} opening words`,
      anonymous: true,
      alias,
    });
    const theirs = await insertThreadRow(db, otherId, {
      title: `${neighbour} cannot sleep`,
      body: `${neighbour} private words`,
      anonymous: true,
      alias: 'Gentle Otter',
    });
    // The neighbour also replies in my thread under their own alias there.
    await db
      .insertInto('thread_aliases')
      .values({ thread_id: mine.threadId, account_id: otherId, alias: 'Still Willow' })
      .execute();
    const neighbourReply = await insertPostRow(db, mine.threadId, otherId, {
      body: `${neighbour} reply words`,
      asAlias: true,
    });
    const myReply = await insertPostRow(db, theirs.threadId, myId, {
      body: `${pseudonym} reply words`,
      contentWarning: 'loss',
    });
    await db
      .insertInto('post_edits')
      .values({ post_id: myReply, body_md: `${pseudonym} first draft` })
      .execute();
    await db
      .insertInto('post_edits')
      .values({ post_id: neighbourReply, body_md: `${neighbour} first draft` })
      .execute();
    await db
      .insertInto('reactions')
      .values({ post_id: theirs.postId, account_id: myId, kind: 'hug' })
      .execute();
    await db
      .insertInto('reactions')
      .values({ post_id: mine.postId, account_id: otherId, kind: 'strength' })
      .execute();
    const item = await db
      .insertInto('moderation_items')
      .values({ post_id: theirs.postId, appeal_note: `${neighbour} appeal` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('flags')
      .values({
        post_id: theirs.postId,
        account_id: myId,
        item_id: item.id,
        reason: 'crisis',
        note: `${pseudonym} is worried`,
      })
      .execute();
    await db
      .insertInto('notifications')
      .values({
        account_id: myId,
        kind: 'reply',
        thread_id: mine.threadId,
        post_id: neighbourReply,
        data: JSON.stringify({ title: 'x' }),
      })
      .execute();
    await db
      .insertInto('notifications')
      .values({
        account_id: otherId,
        kind: 'reaction',
        thread_id: theirs.threadId,
        post_id: theirs.postId,
        data: '{}',
      })
      .execute();
    return { me, other, myId, otherId, mine, theirs, myReply, neighbourReply };
  }

  it('exports everything the member has, and nothing of anyone else', async () => {
    const h = await memberWithHistory('ExportMe', 'NeighbourA', 'Quiet Heron');
    const response = await h.me.request({ url: '/api/me/export' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-disposition']).toMatch(/attachment/);
    const doc = response.json<ExportDoc>();

    expect(doc.format).toBe('haven-export-1');
    expect(doc.profile).toMatchObject({ pseudonym: 'ExportMe', role: 'member' });
    expect(doc.sessions).toHaveLength(1);
    expect(doc.threads).toEqual([
      expect.objectContaining({
        id: h.mine.threadId,
        title: 'ExportMe misses her dad',
        anonymous: true,
        board: expect.objectContaining({ slug: 'grief-and-loss' }),
      }),
    ]);
    expect(doc.aliases).toEqual([{ threadId: h.mine.threadId, alias: 'Quiet Heron' }]);
    expect(doc.posts.map((p) => p.body)).toEqual(['ExportMe opening words', 'ExportMe reply words']);
    expect(doc.posts.find((p) => p.id === h.myReply)?.edits).toEqual([
      { body: 'ExportMe first draft', contentWarning: null, editedAt: expect.any(String) },
    ]);
    expect(doc.reactions).toEqual([{ postId: h.theirs.postId, kind: 'hug', createdAt: expect.any(String) }]);
    expect(doc.flags).toEqual([
      {
        postId: h.theirs.postId,
        reason: 'crisis',
        note: 'ExportMe is worried',
        createdAt: expect.any(String),
      },
    ]);
    expect(doc.notifications).toEqual([
      expect.objectContaining({ kind: 'reply', postId: h.neighbourReply, data: { title: 'x' } }),
    ]);

    // Nothing that belongs to or identifies the neighbour: not their name, their aliases, their words.
    const text = response.body;
    for (const leak of ['NeighbourA', 'Still Willow', 'Gentle Otter']) expect(text).not.toContain(leak);
    expect(text).not.toMatch(/password|recovery|hash/i);
    // Session ids are secrets even from their owner's export.
    const sessionIds = await t.database.db.selectFrom('sessions').select('id').execute();
    for (const { id } of sessionIds) expect(text).not.toContain(id);
  });

  it('needs a session to export', async () => {
    const response = await t.app.inject({ url: '/api/me/export' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('deletes the account with its password: posts become tombstones by "deleted", the session ends', async () => {
    const db = t.database.db;
    const h = await memberWithHistory('LeaveForGood', 'NeighbourB', 'Soft Lantern');
    const before = await countAccounts(db);
    const response = await h.me.request({
      method: 'DELETE',
      url: '/api/me',
      payload: { password: h.me.password },
    });
    expect(response.statusCode).toBe(204);
    expect(response.cookies.find((c) => c.name === 'haven_session')?.value).toBe('');
    expect(await countAccounts(db)).toBe(before - 1);

    // The very next request with the old cookie is signed out, and nobody can sign in as them.
    expect((await h.me.request({ url: '/api/me' })).statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { pseudonym: 'LeaveForGood', password: h.me.password },
    });
    expect(login.statusCode).toBe(401);

    const posts = await db
      .selectFrom('posts')
      .selectAll()
      .where('id', 'in', [h.mine.postId, h.myReply])
      .execute();
    expect(posts).toHaveLength(2);
    for (const post of posts) {
      expect(post).toMatchObject({
        account_id: null,
        body_md: null,
        body_html: '',
        content_warning: null,
        status: 'deleted',
        status_reason: null,
      });
    }
    expect(
      await db.selectFrom('post_edits').select('id').where('post_id', '=', h.myReply).execute(),
    ).toHaveLength(0);
    const thread = await db
      .selectFrom('threads')
      .selectAll()
      .where('id', '=', h.mine.threadId)
      .executeTakeFirstOrThrow();
    expect(thread).toMatchObject({ account_id: null, status: 'deleted', title: '', content_warning: null });
    // Their alias is gone; the words they wrote appear nowhere in the database.
    expect(
      await db
        .selectFrom('thread_aliases')
        .select('alias')
        .where('thread_id', '=', h.mine.threadId)
        .execute(),
    ).toEqual([{ alias: 'Still Willow' }]);
    const everything = await sql<{ dump: string }>`
      select (select coalesce(string_agg(p::text, ' '), '') from posts p) || (select coalesce(string_agg(e::text, ' '), '') from post_edits e)
        || (select coalesce(string_agg(t::text, ' '), '') from threads t) || (select coalesce(string_agg(a::text, ' '), '') from thread_aliases a) as dump`.execute(
      db,
    );
    expect(everything.rows[0]!.dump).not.toContain('LeaveForGood');
    expect(everything.rows[0]!.dump).not.toContain('Soft Lantern');

    // Their reaction is gone and the neighbour's post count went down with it; their flag stays, unattributed.
    const theirPost = await db
      .selectFrom('posts')
      .select(['reaction_hug', 'body_md'])
      .where('id', '=', h.theirs.postId)
      .executeTakeFirstOrThrow();
    expect(theirPost).toEqual({ reaction_hug: 0, body_md: 'NeighbourB private words' });
    const flag = await db
      .selectFrom('flags')
      .select(['account_id', 'reason'])
      .where('post_id', '=', h.theirs.postId)
      .executeTakeFirstOrThrow();
    expect(flag).toEqual({ account_id: null, reason: 'crisis' });
    // The neighbour's own data is untouched.
    expect((await h.other.request({ url: '/api/me' })).statusCode).toBe(200);
    const neighbourExport = (await h.other.request({ url: '/api/me/export' })).json<ExportDoc>();
    expect(neighbourExport.posts.map((p) => p.body)).toEqual([
      'NeighbourB private words',
      'NeighbourB reply words',
    ]);
    expect(neighbourExport.posts.find((p) => p.id === h.neighbourReply)?.edits).toHaveLength(1);
  });

  it('refuses deletion with a wrong password and changes nothing', async () => {
    const m = await newMember(t.app, { pseudonym: 'NotSureYet' });
    const before = await countAccounts(t.database.db);
    const response = await m.request({
      method: 'DELETE',
      url: '/api/me',
      payload: { password: 'not my password at all' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ error: { code: 'wrong_password', message: expect.any(String) } });
    expect(await countAccounts(t.database.db)).toBe(before);
    expect((await m.request({ url: '/api/me' })).statusCode).toBe(200);
  });

  it.each([
    ['no body', undefined, 400],
    ['a missing password', {}, 400],
    ['a number for the password', { password: 12345678901 }, 400],
    ['an oversized password', { password: 'p'.repeat(5000) }, 422],
    ['SQL in the password', { password: "' or '1'='1" }, 403],
    ['a NUL byte in the password', { password: 'a long enough password\u0000' }, 403],
  ])('answers a deletion with %s in the contract shape, deleting nothing', async (_name, payload, status) => {
    const m = await newMember(t.app);
    const before = await countAccounts(t.database.db);
    const response = await m.request({
      method: 'DELETE',
      url: '/api/me',
      ...(payload !== undefined && { payload }),
    });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(await countAccounts(t.database.db)).toBe(before);
  });

  it('refuses a cross-site deletion without the CSRF header', async () => {
    const m = await newMember(t.app);
    const before = await countAccounts(t.database.db);
    const response = await t.app.inject({
      method: 'DELETE',
      url: '/api/me',
      headers: { cookie: m.cookie },
      payload: { password: m.password },
    });
    expect(response.statusCode).toBe(403);
    expect(await countAccounts(t.database.db)).toBe(before);
  });

  it('needs a session to delete, before it looks at the body', async () => {
    const response = await t.app.inject({
      method: 'DELETE',
      url: '/api/me',
      payload: { password: 'whatever it is' },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe(`account deletion seen through the posting routes on ${ENGINE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('shows the deleted member’s posts to others as tombstones by "deleted", replies intact', async () => {
    const leaver = await newMember(t.app, { pseudonym: 'GoneNow' });
    const friend = await newMember(t.app, { pseudonym: 'StaysHere' });
    const created = await leaver.request({
      method: 'POST',
      url: '/api/boards/grief-and-loss/threads',
      payload: { title: 'GoneNow lost a brother', body: 'GoneNow words about him' },
    });
    expect(created.statusCode).toBe(201);
    const threadId = created.json<{ thread: { id: string } }>().thread.id;
    const reply = await friend.request({
      method: 'POST',
      url: `/api/threads/${threadId}/posts`,
      payload: { body: 'StaysHere is so sorry' },
    });
    expect(reply.statusCode).toBe(201);
    const leaverReply = await leaver.request({
      method: 'POST',
      url: `/api/threads/${threadId}/posts`,
      payload: { body: 'GoneNow says thank you' },
    });
    expect(leaverReply.statusCode).toBe(201);

    const exported = (await leaver.request({ url: '/api/me/export' })).json<ExportDoc>();
    expect(exported.posts.map((p) => p.body)).toEqual(['GoneNow words about him', 'GoneNow says thank you']);
    expect(exported.threads.map((x) => x.title)).toEqual(['GoneNow lost a brother']);
    expect(JSON.stringify(exported)).not.toContain('StaysHere');

    expect(
      (await leaver.request({ method: 'DELETE', url: '/api/me', payload: { password: leaver.password } }))
        .statusCode,
    ).toBe(204);

    const seen = await friend.request({ url: `/api/threads/${threadId}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain('GoneNow');
    const items = seen.json<{
      items: { author: { name: string; kind: string }; status: string; bodyHtml: string }[];
    }>().items;
    const byLeaver = items.filter((p) => p.author.kind === 'deleted');
    expect(byLeaver).toHaveLength(2);
    for (const p of byLeaver)
      expect(p).toMatchObject({
        author: { name: 'deleted', kind: 'deleted' },
        status: 'deleted',
        bodyHtml: '',
      });
    expect(items.find((p) => p.author.name === 'StaysHere')?.bodyHtml).toContain('StaysHere is so sorry');
  });

  it('refuses a suspended member’s new thread with 403 suspended, storing nothing', async () => {
    const m = await newMember(t.app, { pseudonym: 'OnABreak' });
    await t.database.db
      .updateTable('accounts')
      .set({ suspended_until: new Date(Date.now() + 86_400_000), suspension_reason: 'Cooling off' })
      .where('pseudonym', '=', 'OnABreak')
      .execute();
    const before = await t.database.db.selectFrom('threads').select('id').execute();
    const response = await m.request({
      method: 'POST',
      url: '/api/boards/grief-and-loss/threads',
      payload: { title: 'Hello', body: 'Anyone there?' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('suspended');
    expect(await t.database.db.selectFrom('threads').select('id').execute()).toHaveLength(before.length);
  });
});
