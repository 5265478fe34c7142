import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import { newMember } from '../helpers/members';
import { newThread, reply } from '../helpers/threads';

interface Hit {
  thread: { id: string };
  post: { id: string; bodyHtml: string };
  snippetHtml: string;
}

describe(`search on ${ENGINE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const search = async (query: string) => {
    const response = await t.app.inject({ url: `/api/search?${query}` });
    expect(response.statusCode, query).toBe(200);
    return response.json<{ items: Hit[]; nextCursor: string | null }>();
  };

  it('finds published posts, best first, with an escaped, highlighted snippet', async () => {
    const m = await newMember(t.app, { ageDays: 30 });
    const { thread, post } = await newThread(m, { board: 'grief-and-loss', body: 'My garden reminds me of her. The garden, the garden.' });
    const weak = await reply(m, thread.id, 'Somewhere a garden grows, and <script>alert(1)</script> & friends');
    const { items } = await search('q=garden');
    expect(items.map((i) => i.post.id)).toEqual([post.id, weak.id]);
    expect(items[0]!.snippetHtml).toContain('<mark>garden</mark>');
    expect(items[1]!.snippetHtml).toContain('&amp; friends');
    expect(items[1]!.snippetHtml.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    expect((await search('q=garden&board=recovery')).items).toEqual([]);
    expect((await search('q=garden&board=grief-and-loss')).items).toHaveLength(2);
  });

  it('leaves out pending, hidden, removed and deleted posts', async () => {
    const m = await newMember(t.app, { ageDays: 30 });
    const { thread } = await newThread(m, { body: 'visible marmalade' });
    const statuses = ['pending', 'hidden', 'removed'] as const;
    for (const status of statuses) {
      const p = await reply(m, thread.id, `${status} marmalade`);
      await t.app.db.updateTable('posts').set({ status }).where('id', '=', p.id).execute();
    }
    const gone = await reply(m, thread.id, 'deleted marmalade');
    await m.request({ method: 'DELETE', url: `/api/posts/${gone.id}` });
    const { items } = await search('q=marmalade');
    expect(items).toHaveLength(1);
    expect(items[0]!.snippetHtml).toContain('visible');
  });

  it('pages through results with a cursor that carries rank and id', async () => {
    const m = await newMember(t.app, { ageDays: 30 });
    const { thread } = await newThread(m, { body: 'zephyr one' });
    for (let i = 0; i < 6; i++) await reply(m, thread.id, `${'zephyr '.repeat(i % 3 + 1)} number ${i}`);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Hit[]; nextCursor: string | null } = await search(`q=zephyr&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...page.items.map((i) => i.post.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
    expect(ids).toEqual((await search('q=zephyr&limit=100')).items.map((i) => i.post.id));
  });

  it('refuses an empty or overlong query', async () => {
    for (const q of ['', '%20%20', 'a'.repeat(201)]) {
      const response = await t.app.inject({ url: `/api/search?q=${q}` });
      expect(response.statusCode).toBe(422);
    }
    expect((await t.app.inject({ url: '/api/search?q=the' })).statusCode).toBe(200);
  });
});
