import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import { newMember, type TestMember } from '../helpers/members';
import { newThread, reply, type PostJson } from '../helpers/threads';

describe(`editing, deleting and reacting on ${ENGINE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const threadPosts = async (threadId: string, as?: TestMember) => {
    const response = await (as ? as.request({ url: `/api/threads/${threadId}` }) : t.app.inject({ url: `/api/threads/${threadId}` }));
    return response.json<{ items: PostJson[] }>().items;
  };

  it('edits a post, keeping the previous version for moderators', async () => {
    const m = await newMember(t.app, { ageDays: 30 });
    const { thread, post } = await newThread(m, { body: 'first words', contentWarning: 'grief' });
    const edited = await m.request({ method: 'PATCH', url: `/api/posts/${post.id}`, payload: { body: 'better _words_' } });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ bodyHtml: '<p>better <em>words</em></p>\n', body: 'better _words_', contentWarning: 'grief', mine: true });
    expect(edited.json().editedAt).toEqual(expect.any(String));

    const cleared = await m.request({ method: 'PATCH', url: `/api/posts/${post.id}`, payload: { contentWarning: '' } });
    expect(cleared.json().contentWarning).toBeNull();
    const threadRead = await t.app.inject({ url: `/api/threads/${thread.id}` });
    expect(threadRead.json().thread.contentWarning).toBeNull();
    await m.request({ method: 'PATCH', url: `/api/posts/${post.id}`, payload: { contentWarning: 'loss' } });
    expect((await m.request({ method: 'PATCH', url: `/api/posts/${post.id}`, payload: { contentWarning: null } })).json().contentWarning).toBeNull();

    const history = await t.app.db.selectFrom('post_edits').select(['body_md', 'content_warning']).where('post_id', '=', post.id).orderBy('id').execute();
    expect(history).toEqual([
      { body_md: 'first words', content_warning: 'grief' },
      { body_md: 'better _words_', content_warning: 'grief' },
      { body_md: 'better _words_', content_warning: null },
      { body_md: 'better _words_', content_warning: 'loss' },
    ]);
  });

  it('lets only the author edit or delete', async () => {
    const m = await newMember(t.app);
    const other = await newMember(t.app);
    const { post } = await newThread(m);
    expect((await other.request({ method: 'PATCH', url: `/api/posts/${post.id}`, payload: { body: 'mine now' } })).statusCode).toBe(403);
    expect((await other.request({ method: 'DELETE', url: `/api/posts/${post.id}` })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/posts/${post.id}` })).statusCode).toBe(401);
  });

  it('erases a deleted post from the database and leaves a tombstone', async () => {
    const m = await newMember(t.app);
    const other = await newMember(t.app);
    const { thread } = await newThread(m);
    const r = await reply(m, thread.id, 'something I regret saying');
    await m.request({ method: 'PATCH', url: `/api/posts/${r.id}`, payload: { body: 'an earlier version', contentWarning: 'cw' } });
    expect((await m.request({ method: 'DELETE', url: `/api/posts/${r.id}` })).statusCode).toBe(204);
    expect((await m.request({ method: 'DELETE', url: `/api/posts/${r.id}` })).statusCode).toBe(204);

    const row = await t.app.db.selectFrom('posts').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'deleted', body_md: null, body_html: '', content_warning: null });
    const edits = await t.app.db.selectFrom('post_edits').select('id').where('post_id', '=', r.id).execute();
    expect(edits).toEqual([]);
    const found = await sql<{ n: number }>`select count(*)::int as n from posts where id = ${r.id} and search::text <> ''`.execute(t.app.db);
    expect(found.rows[0]!.n).toBe(0);

    for (const reader of [other, m]) {
      const tomb = (await threadPosts(thread.id, reader)).find((p) => p.id === r.id)!;
      expect(tomb).toMatchObject({ status: 'deleted', bodyHtml: '', contentWarning: null });
      expect(tomb.body).toBeUndefined();
    }
    expect((await m.request({ method: 'PATCH', url: `/api/posts/${r.id}`, payload: { body: 'back' } })).statusCode).toBe(409);
  });

  it('erases the title with a deleted opening post and drops the thread from the board', async () => {
    const m = await newMember(t.app);
    const { thread, post } = await newThread(m, { board: 'recovery', title: 'My secret title' });
    const count = async () => (await t.app.db.selectFrom('boards').select('thread_count').where('slug', '=', 'recovery').executeTakeFirstOrThrow()).thread_count;
    const before = await count();
    await m.request({ method: 'DELETE', url: `/api/posts/${post.id}` });
    expect(await count()).toBe(before - 1);
    const row = await t.app.db.selectFrom('threads').select(['title', 'status']).where('id', '=', thread.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: '', status: 'deleted' });
    const list = await t.app.inject({ url: '/api/boards/recovery/threads?sort=new' });
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(thread.id);
    const read = await t.app.inject({ url: `/api/threads/${thread.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json().thread).toMatchObject({ title: '', status: 'deleted' });
  });

  it('shows hidden and removed posts as tombstones to others and with the reason to the author', async () => {
    const m = await newMember(t.app);
    const other = await newMember(t.app);
    const mod = await newMember(t.app, { role: 'moderator' });
    const { thread } = await newThread(m);
    const hidden = await reply(m, thread.id, 'hidden words');
    const removed = await reply(m, thread.id, 'removed words');
    await t.app.db.updateTable('posts').set({ status: 'hidden', status_reason: 'Personal details' }).where('id', '=', hidden.id).execute();
    await t.app.db.updateTable('posts').set({ status: 'removed', status_reason: 'Harassment' }).where('id', '=', removed.id).execute();

    for (const reader of [other, mod, undefined]) {
      const posts = await threadPosts(thread.id, reader);
      for (const id of [hidden.id, removed.id]) {
        const p = posts.find((x) => x.id === id)!;
        expect(p.bodyHtml).toBe('');
        expect(p).not.toHaveProperty('statusReason');
        expect(JSON.stringify(p)).not.toMatch(/words|Personal|Harassment/);
      }
    }
    const own = await threadPosts(thread.id, m);
    expect(own.find((p) => p.id === hidden.id)).toMatchObject({ status: 'hidden', bodyHtml: '<p>hidden words</p>\n', statusReason: 'Personal details' });
    expect(own.find((p) => p.id === removed.id)).toMatchObject({ status: 'removed', statusReason: 'Harassment' });
    expect((await other.request({ method: 'PUT', url: `/api/posts/${hidden.id}/reactions/hug` })).statusCode).toBe(409);
  });

  it('shows a pending post only to its author and moderators', async () => {
    const m = await newMember(t.app);
    const other = await newMember(t.app);
    const mod = await newMember(t.app, { role: 'moderator' });
    const { thread } = await newThread(m);
    const pending = await reply(m, thread.id, 'awaiting review');
    await t.app.db.updateTable('posts').set({ status: 'pending' }).where('id', '=', pending.id).execute();
    expect((await threadPosts(thread.id, other)).map((p) => p.id)).not.toContain(pending.id);
    expect((await threadPosts(thread.id)).map((p) => p.id)).not.toContain(pending.id);
    expect((await threadPosts(thread.id, m)).map((p) => p.id)).toContain(pending.id);
    expect((await threadPosts(thread.id, mod)).map((p) => p.id)).toContain(pending.id);
    expect((await other.request({ method: 'PUT', url: `/api/posts/${pending.id}/reactions/hug` })).statusCode).toBe(404);
    expect((await other.request({ method: 'PATCH', url: `/api/posts/${pending.id}`, payload: { body: 'x' } })).statusCode).toBe(404);
  });

  it('reacts idempotently, returns fresh counts and tells the author once per post', async () => {
    const m = await newMember(t.app);
    const a = await newMember(t.app);
    const b = await newMember(t.app);
    const { post } = await newThread(m);
    const put = (who: typeof a, kind: string) => who.request({ method: 'PUT', url: `/api/posts/${post.id}/reactions/${kind}` });
    expect((await put(a, 'hug')).json()).toEqual({ reactions: { hug: 1, relate: 0, thanks: 0, strength: 0 } });
    expect((await put(a, 'hug')).json().reactions.hug).toBe(1);
    expect((await put(b, 'hug')).json().reactions.hug).toBe(2);
    expect((await put(b, 'strength')).json().reactions).toEqual({ hug: 2, relate: 0, thanks: 0, strength: 1 });
    const del = await a.request({ method: 'DELETE', url: `/api/posts/${post.id}/reactions/hug` });
    expect(del.statusCode).toBe(200);
    expect(del.json().reactions.hug).toBe(1);
    expect((await a.request({ method: 'DELETE', url: `/api/posts/${post.id}/reactions/hug` })).json().reactions.hug).toBe(1);
    expect((await put(a, 'downvote')).statusCode).toBe(422);
    expect((await t.app.inject({ method: 'PUT', url: `/api/posts/${post.id}/reactions/hug` })).statusCode).toBe(401);

    const seen = (await b.request({ url: `/api/threads/${post.threadId}` })).json().items[0];
    expect(seen.myReactions).toEqual(['hug', 'strength']);

    const own = await put(m, 'thanks');
    expect(own.statusCode).toBe(200);
    const notes = await t.app.db.selectFrom('notifications').innerJoin('accounts', 'accounts.id', 'notifications.account_id')
      .select(['kind', 'data']).where('accounts.pseudonym', '=', m.pseudonym).execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'reaction', data: { count: 3 } });
  });

  it('tells the thread author about a reply from someone else', async () => {
    const m = await newMember(t.app);
    const other = await newMember(t.app);
    const { thread } = await newThread(m, { title: 'Long night' });
    await reply(m, thread.id);
    await reply(other, thread.id);
    const notes = await t.app.db.selectFrom('notifications').innerJoin('accounts', 'accounts.id', 'notifications.account_id')
      .select(['kind', 'data']).where('accounts.pseudonym', '=', m.pseudonym).execute();
    expect(notes).toEqual([{ kind: 'reply', data: { threadTitle: 'Long night' } }]);
  });
});
