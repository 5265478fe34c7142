import { sql, type Kysely } from 'kysely';
import type { Database, PostStatus } from '../../api/db/schema';

/**
 * Threads and posts straight into the database, for suites that need content in a given state
 * (held, under an alias, by a given author) without going through the posting routes and their
 * rules. Bodies are stored as already-rendered HTML paragraphs; board counts follow by trigger.
 */
export interface ContentOptions {
  authorPseudonym: string;
  /** Post under a generated alias in this thread (the thread's `anonymous`, or a reply's `as_alias`). */
  anonymous?: boolean;
  alias?: string;
  status?: PostStatus;
  body?: string;
  boardSlug?: string;
  title?: string;
}

async function accountId(db: Kysely<Database>, pseudonym: string): Promise<string> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where(sql<string>`lower(pseudonym)`, '=', pseudonym.toLowerCase())
    .executeTakeFirstOrThrow();
  return row.id;
}

function html(body: string): string {
  return `<p>${body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>\n`;
}

async function ensureAlias(db: Kysely<Database>, threadId: string, authorId: string, alias: string): Promise<void> {
  await db
    .insertInto('thread_aliases')
    .values({ thread_id: threadId, account_id: authorId, alias })
    .onConflict((oc) => oc.columns(['thread_id', 'account_id']).doNothing())
    .execute();
}

export async function newThreadWithPost(
  db: Kysely<Database>,
  o: ContentOptions,
): Promise<{ threadId: string; postId: string; boardSlug: string }> {
  const authorId = await accountId(db, o.authorPseudonym);
  const boardSlug = o.boardSlug ?? 'introductions';
  const board = await db.selectFrom('boards').select('id').where('slug', '=', boardSlug).executeTakeFirstOrThrow();
  const status = o.status ?? 'published';
  const body = o.body ?? 'Hello, this is my first post here.';
  const thread = await db
    .insertInto('threads')
    .values({ board_id: board.id, account_id: authorId, anonymous: o.anonymous ?? false, title: o.title ?? 'A thread', status })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (o.anonymous) await ensureAlias(db, thread.id, authorId, o.alias ?? 'Quiet Heron');
  const post = await db
    .insertInto('posts')
    .values({
      thread_id: thread.id,
      account_id: authorId,
      as_alias: o.anonymous ?? false,
      is_opening: true,
      body_md: body,
      body_html: html(body),
      status,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { threadId: thread.id, postId: post.id, boardSlug };
}

export async function newReply(
  db: Kysely<Database>,
  threadId: string,
  o: ContentOptions,
): Promise<{ postId: string }> {
  const authorId = await accountId(db, o.authorPseudonym);
  const status = o.status ?? 'published';
  const body = o.body ?? 'I hear you.';
  if (o.anonymous) await ensureAlias(db, threadId, authorId, o.alias ?? 'Gentle Otter');
  const post = await db
    .insertInto('posts')
    .values({ thread_id: threadId, account_id: authorId, as_alias: o.anonymous ?? false, body_md: body, body_html: html(body), status })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (status === 'published') {
    await sql`update threads set reply_count = reply_count + 1, last_activity_at = now() where id = ${threadId}`.execute(db);
  }
  return { postId: post.id };
}

/** Records an earlier version of a post, as editing does. */
export async function recordEdit(db: Kysely<Database>, postId: string, previousBody: string): Promise<void> {
  await db.insertInto('post_edits').values({ post_id: postId, body_md: previousBody }).execute();
}
