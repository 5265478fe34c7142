import { sql, type Kysely } from 'kysely';
import type { Database } from '../../api/db/schema';

/**
 * Threads and posts written straight into the tables, for suites that need content without
 * depending on the posting routes (account export and deletion).
 */
export async function accountIdOf(db: Kysely<Database>, pseudonym: string): Promise<string> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where(sql<string>`lower(pseudonym)`, '=', pseudonym.toLowerCase())
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertThreadRow(
  db: Kysely<Database>,
  accountId: string,
  options: { title?: string; body?: string; anonymous?: boolean; alias?: string; boardSlug?: string } = {},
): Promise<{ threadId: string; postId: string }> {
  const board = await db
    .selectFrom('boards')
    .select('id')
    .where('slug', '=', options.boardSlug ?? 'grief-and-loss')
    .executeTakeFirstOrThrow();
  const thread = await db
    .insertInto('threads')
    .values({
      board_id: board.id,
      account_id: accountId,
      anonymous: options.anonymous ?? false,
      title: options.title ?? 'A thread',
      last_activity_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (options.anonymous) {
    await db
      .insertInto('thread_aliases')
      .values({ thread_id: thread.id, account_id: accountId, alias: options.alias ?? 'Quiet Heron' })
      .execute();
  }
  const postId = await insertPostRow(db, thread.id, accountId, {
    body: options.body ?? 'The opening post.',
    opening: true,
    asAlias: options.anonymous ?? false,
  });
  return { threadId: thread.id, postId };
}

export async function insertPostRow(
  db: Kysely<Database>,
  threadId: string,
  accountId: string,
  options: { body?: string; opening?: boolean; asAlias?: boolean; contentWarning?: string } = {},
): Promise<string> {
  const body = options.body ?? 'A reply.';
  const post = await db
    .insertInto('posts')
    .values({
      thread_id: threadId,
      account_id: accountId,
      is_opening: options.opening ?? false,
      as_alias: options.asAlias ?? false,
      body_md: body,
      body_html: `<p>${body}</p>`,
      content_warning: options.contentWarning ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return post.id;
}

export async function countAccounts(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}
