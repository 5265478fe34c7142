import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import { newMember } from '../helpers/members';
import { newThread, type PostJson } from '../helpers/threads';

describe(`thread pages and concurrent reactions on ${ENGINE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  async function seedReplies(threadId: string, accountId: string, n: number, tag: string): Promise<void> {
    await sql`
      insert into posts (thread_id, account_id, body_md, body_html, render_version)
      select ${threadId}, ${accountId}, ${tag} || ' ' || g, '<p>' || ${tag} || ' ' || g || '</p>', 1
      from generate_series(1, ${n}) g`.execute(t.app.db);
  }

  it('returns every post exactly once while walking 250 posts as new ones arrive', async () => {
    const m = await newMember(t.app);
    const { thread, post } = await newThread(m);
    const account = await t.app.db.selectFrom('accounts').select('id').where('pseudonym', '=', m.pseudonym).executeTakeFirstOrThrow();
    await seedReplies(thread.id, account.id, 249, 'seed');

    const seen: string[] = [];
    let response = await t.app.inject({ url: `/api/threads/${thread.id}?limit=25` });
    let page = response.json<{ items: PostJson[]; nextCursor: string | null }>();
    expect(page.items[0]!.id).toBe(post.id);
    seen.push(...page.items.map((p) => p.id));
    let arrivals = 0;
    while (page.nextCursor) {
      await seedReplies(thread.id, account.id, 3, `late${arrivals}`);
      arrivals += 3;
      response = await t.app.inject({ url: `/api/threads/${thread.id}/posts?limit=25&cursor=${page.nextCursor}` });
      expect(response.statusCode).toBe(200);
      page = response.json();
      seen.push(...page.items.map((p) => p.id));
    }
    const all = await t.app.db.selectFrom('posts').select(sql<string>`id::text`.as('id')).where('thread_id', '=', thread.id).orderBy('posts.id').execute();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(all.map((r) => r.id));
    expect(seen.length).toBe(250 + arrivals);
  });

  it('ends with exact counts after 50 members react at once', async () => {
    const author = await newMember(t.app);
    const { post } = await newThread(author);
    const members = await Promise.all(Array.from({ length: 50 }, () => newMember(t.app)));
    const put = (m: (typeof members)[number], kind: string) => m.request({ method: 'PUT', url: `/api/posts/${post.id}/reactions/${kind}` });
    const del = (m: (typeof members)[number], kind: string) => m.request({ method: 'DELETE', url: `/api/posts/${post.id}/reactions/${kind}` });

    const first = await Promise.all(members.flatMap((m) => [put(m, 'hug'), put(m, 'hug'), put(m, 'strength')]));
    expect(first.every((r) => r.statusCode === 200)).toBe(true);
    // Half take their hug back while everyone adds "relate", twice over.
    const second = await Promise.all(
      members.flatMap((m, i) => [...(i % 2 === 0 ? [del(m, 'hug'), del(m, 'hug')] : []), put(m, 'relate'), put(m, 'relate')]),
    );
    expect(second.every((r) => r.statusCode === 200)).toBe(true);

    const row = await t.app.db.selectFrom('posts').select(['reaction_hug', 'reaction_relate', 'reaction_thanks', 'reaction_strength']).where('id', '=', post.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ reaction_hug: 25, reaction_relate: 50, reaction_thanks: 0, reaction_strength: 50 });
    const real = await sql<{ kind: string; n: number }>`select kind, count(*)::int as n from reactions where post_id = ${post.id} group by kind order by kind`.execute(t.app.db);
    expect(real.rows).toEqual([
      { kind: 'hug', n: 25 },
      { kind: 'relate', n: 50 },
      { kind: 'strength', n: 50 },
    ]);
    const notes = await t.app.db.selectFrom('notifications').select(['kind']).where('post_id', '=', post.id).execute();
    expect(notes).toEqual([{ kind: 'reaction' }]);
  });
});
