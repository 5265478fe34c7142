import { describe, expect, it } from 'vitest';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import type { Database } from '../../api/db/schema';
import { queueQuery } from '../../api/db/moderation-items.repository';

/** Compiles without a database, so a diff of tests/sql shows whenever a hot query changes shape. */
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

describe('moderation SQL', () => {
  it('keeps the shape of the queue page query', async () => {
    const first = queueQuery(db, { statuses: ['open', 'escalated'], after: null, limit: 21 }).compile().sql;
    const later = queueQuery(db, {
      statuses: ['open', 'escalated'],
      after: { crisis: true, weight: 40, createdAt: new Date(0), id: '7' },
      limit: 21,
    }).compile().sql;
    await expect(`-- first page\n${first};\n\n-- a later page\n${later};\n`).toMatchFileSnapshot('../sql/moderation-queue.sql');
  });
});
