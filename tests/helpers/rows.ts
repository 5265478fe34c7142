import { sql, type Kysely } from 'kysely';
import type { Database, PostStatus } from '../../api/db/schema';

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

/** Gives the account its alias in the thread, unless it has one there already. */
export async function ensureAlias(db: Kysely<Database>, threadId: string, accountId: string, alias: string): Promise<void> {
  await db
    .insertInto('thread_aliases')
    .values({ thread_id: threadId, account_id: accountId, alias })
    .onConflict((oc) => oc.columns(['thread_id', 'account_id']).doNothing())
    .execute();
}

/**
 * One thread row on the board with this slug, plus the author's alias in it when anonymous.
 * Columns left undefined take the table's defaults.
 */
export async function insertThread(
  db: Kysely<Database>,
  row: { accountId: string; boardSlug: string; title: string; anonymous: boolean; alias: string; status?: PostStatus; lastActivityAt?: Date },
): Promise<string> {
  const board = await db.selectFrom('boards').select('id').where('slug', '=', row.boardSlug).executeTakeFirstOrThrow();
  const thread = await db
    .insertInto('threads')
    .values({
      board_id: board.id,
      account_id: row.accountId,
      anonymous: row.anonymous,
      title: row.title,
      status: row.status,
      last_activity_at: row.lastActivityAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (row.anonymous) await ensureAlias(db, thread.id, row.accountId, row.alias);
  return thread.id;
}

/** One post row with the body and its HTML as given. Columns left undefined take the table's defaults. */
export async function insertPost(
  db: Kysely<Database>,
  row: {
    threadId: string;
    accountId: string;
    body: string;
    bodyHtml: string;
    asAlias: boolean;
    opening?: boolean;
    status?: PostStatus;
    contentWarning?: string | null;
  },
): Promise<string> {
  const post = await db
    .insertInto('posts')
    .values({
      thread_id: row.threadId,
      account_id: row.accountId,
      is_opening: row.opening,
      as_alias: row.asAlias,
      body_md: row.body,
      body_html: row.bodyHtml,
      status: row.status,
      content_warning: row.contentWarning,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return post.id;
}

export async function insertThreadRow(
  db: Kysely<Database>,
  accountId: string,
  options: { title?: string; body?: string; anonymous?: boolean; alias?: string; boardSlug?: string } = {},
): Promise<{ threadId: string; postId: string }> {
  const threadId = await insertThread(db, {
    accountId,
    boardSlug: options.boardSlug ?? 'grief-and-loss',
    title: options.title ?? 'A thread',
    anonymous: options.anonymous ?? false,
    alias: options.alias ?? 'Quiet Heron',
    lastActivityAt: new Date(),
  });
  const postId = await insertPostRow(db, threadId, accountId, {
    body: options.body ?? 'The opening post.',
    opening: true,
    asAlias: options.anonymous ?? false,
  });
  return { threadId, postId };
}

export async function insertPostRow(
  db: Kysely<Database>,
  threadId: string,
  accountId: string,
  options: { body?: string; opening?: boolean; asAlias?: boolean; contentWarning?: string } = {},
): Promise<string> {
  const body = options.body ?? 'A reply.';
  return insertPost(db, {
    threadId,
    accountId,
    body,
    bodyHtml: `<p>${body}</p>`,
    opening: options.opening ?? false,
    asAlias: options.asAlias ?? false,
    contentWarning: options.contentWarning ?? null,
  });
}

export async function countAccounts(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}
