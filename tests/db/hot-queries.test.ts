import { describe, expect, it } from 'vitest';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import type { Database } from '../../api/db/schema';
import { threadPostsPage } from '../../api/db/posts.repository';
import { boardThreadsPage, threadWithFirstPage } from '../../api/db/threads.repository';
import { queueQuery } from '../../api/db/moderation-items.repository';

/** Compiles without a database, so a diff in tests/sql/ shows when a hot query changes shape. */
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const member = { id: '7', role: 'member' as const };
const key = ['2026-01-01T00:00:00.000Z', '42'] as const;

describe('hot query SQL', () => {
  it('reads a thread and its first page in one statement', async () => {
    await expect(threadWithFirstPage(db, '1', member, 20).compile().sql + '\n').toMatchFileSnapshot('../sql/thread-first-page.sql');
  });
  it('reads a later page of posts by keyset on (thread_id, id)', async () => {
    await expect(threadPostsPage(db, '1', member, '99', 20).compile().sql + '\n').toMatchFileSnapshot('../sql/thread-posts-page.sql');
  });
  it.each(['active', 'new', 'unanswered'] as const)('lists a board by %s on its index', async (sort) => {
    await expect(boardThreadsPage(db, '1', sort, key, 20).compile().sql + '\n').toMatchFileSnapshot(`../sql/board-threads-${sort}.sql`);
  });
  it('pages the moderation queue by keyset on (crisis, weight, created_at, id)', async () => {
    const statuses = ['open', 'escalated'] as const;
    const first = queueQuery(db, { statuses, after: null, limit: 21 }).compile().sql;
    const after = { crisis: true, weight: 40, createdAt: new Date(0), id: '7' };
    const later = queueQuery(db, { statuses, after, limit: 21 }).compile().sql;
    await expect(`-- first page\n${first};\n\n-- a later page\n${later};\n`).toMatchFileSnapshot('../sql/moderation-queue.sql');
  });
});
