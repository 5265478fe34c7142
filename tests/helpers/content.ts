import { sql, type Kysely } from 'kysely';
import type { Database, PostStatus } from '../../api/db/schema';
import { accountIdOf, ensureAlias, insertPost, insertThread } from './rows';

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

function html(body: string): string {
  return `<p>${body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>\n`;
}

export async function newThreadWithPost(
  db: Kysely<Database>,
  o: ContentOptions,
): Promise<{ threadId: string; postId: string; boardSlug: string }> {
  const authorId = await accountIdOf(db, o.authorPseudonym);
  const boardSlug = o.boardSlug ?? 'introductions';
  const status = o.status ?? 'published';
  const body = o.body ?? 'Hello, this is my first post here.';
  const threadId = await insertThread(db, {
    accountId: authorId,
    boardSlug,
    title: o.title ?? 'A thread',
    anonymous: o.anonymous ?? false,
    alias: o.alias ?? 'Quiet Heron',
    status,
  });
  const postId = await insertPost(db, {
    threadId,
    accountId: authorId,
    asAlias: o.anonymous ?? false,
    opening: true,
    body,
    bodyHtml: html(body),
    status,
  });
  return { threadId, postId, boardSlug };
}

export async function newReply(
  db: Kysely<Database>,
  threadId: string,
  o: ContentOptions,
): Promise<{ postId: string }> {
  const authorId = await accountIdOf(db, o.authorPseudonym);
  const status = o.status ?? 'published';
  const body = o.body ?? 'I hear you.';
  if (o.anonymous) await ensureAlias(db, threadId, authorId, o.alias ?? 'Gentle Otter');
  const postId = await insertPost(db, { threadId, accountId: authorId, asAlias: o.anonymous ?? false, body, bodyHtml: html(body), status });
  if (status === 'published') {
    await sql`update threads set reply_count = reply_count + 1, last_activity_at = now() where id = ${threadId}`.execute(db);
  }
  return { postId };
}

/** Records an earlier version of a post, as editing does. */
export async function recordEdit(db: Kysely<Database>, postId: string, previousBody: string): Promise<void> {
  await db.insertInto('post_edits').values({ post_id: postId, body_md: previousBody }).execute();
}
