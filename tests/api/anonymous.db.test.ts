import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import { newMember, type TestMember } from '../helpers/members';
import { newThread, reply } from '../helpers/threads';

describe(`anonymous threads on ${ENGINE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('shows the author under one alias with the OP mark, and nowhere their pseudonym', async () => {
    const author = await newMember(t.app, { pseudonym: 'SecretWriter', role: 'moderator', ageDays: 30 });
    const member = await newMember(t.app, { ageDays: 30 });
    const mod = await newMember(t.app, { role: 'moderator', ageDays: 30 });
    const { thread, post } = await newThread(author, {
      board: 'anxiety-and-stress',
      title: 'Something unsayable',
      body: 'Words about a lighthouse I have never shared',
      anonymous: true,
    });
    expect(thread.author.kind).toBe('alias');
    expect(thread.author.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(thread.author.role).toBe('member');
    expect(post.author).toEqual(thread.author);
    expect(post.mine).toBe(true);

    const answer = await reply(member, thread.id, 'Thinking of you and your lighthouse');
    expect(answer.author).toEqual({ name: member.pseudonym, kind: 'member', isOriginalPoster: false, role: 'member' });
    const later = await reply(author, thread.id, 'Thank you, the lighthouse helps');
    expect(later.author).toEqual({ ...thread.author, isOriginalPoster: true });

    // A second anonymous thread gets its own alias row; the first one's alias stays put.
    await newThread(author, { board: 'anxiety-and-stress', anonymous: true, body: 'another lighthouse story' });

    const looks = async (reader: TestMember | null, url: string) => {
      const response = reader ? await reader.request({ url }) : await t.app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      return response.body;
    };
    for (const reader of [member, mod, null]) {
      for (const url of [
        `/api/threads/${thread.id}`,
        `/api/threads/${thread.id}/posts`,
        '/api/boards/anxiety-and-stress/threads?sort=active',
        '/api/boards/anxiety-and-stress/threads?sort=new',
        '/api/boards/anxiety-and-stress/threads?sort=unanswered',
        '/api/search?q=lighthouse',
        '/api/search?q=lighthouse&board=anxiety-and-stress',
      ]) {
        const body = await looks(reader, url);
        expect(body.toLowerCase(), url).not.toContain('secretwriter');
        expect(body, url).not.toMatch(/"role":"moderator"/);
      }
    }
    const search = JSON.parse(await looks(member, '/api/search?q=lighthouse'));
    const authored = search.items.filter((i: { post: { id: string } }) => [post.id, later.id].includes(i.post.id));
    expect(authored).toHaveLength(2);
    for (const hit of authored) expect(hit.post.author.name).toBe(thread.author.name);

    // Even the author's own view names the alias, so a screenshot does not give them away.
    expect((await looks(author, `/api/threads/${thread.id}`)).toLowerCase()).not.toContain('secretwriter');
  });

  it('stores exactly one alias for the author of an anonymous thread', async () => {
    const author = await newMember(t.app);
    const { thread } = await newThread(author, { anonymous: true });
    const aliases = await t.app.db.selectFrom('thread_aliases').select('alias').where('thread_id', '=', thread.id).execute();
    expect(aliases.map((a) => a.alias)).toEqual([thread.author.name]);
  });
});
