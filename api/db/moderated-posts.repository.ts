import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, PostStatus } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * What moderators are told about a post's author: how old the account is and how many of their
 * other posts were hidden or removed. Never a name: the post may be under an alias.
 */
export async function authorHistories(
  db: Db,
  postIds: readonly string[],
): Promise<Map<string, { accountAgeDays: number | null; removedPosts: number }>> {
  if (postIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('posts as p')
    .leftJoin('accounts as a', 'a.id', 'p.account_id')
    .select([
      'p.id',
      sql<number | null>`floor(extract(epoch from (now() - a.created_at)) / 86400)::int`.as('age_days'),
      sql<number>`case when p.account_id is null then 0 else
        (select count(*)::int from posts o where o.account_id = p.account_id and o.id <> p.id and o.status in ('hidden', 'removed'))
        end`.as('removed'),
    ])
    .where('p.id', 'in', postIds)
    .execute();
  return new Map(rows.map((r) => [r.id, { accountAgeDays: r.age_days, removedPosts: r.removed }]));
}

export async function editHistoryFor(db: Db, postIds: readonly string[]) {
  if (postIds.length === 0) return [];
  return db
    .selectFrom('post_edits')
    .select(['post_id', 'body_md', 'content_warning', 'edited_at'])
    .where('post_id', 'in', postIds)
    .orderBy('post_id')
    .orderBy('id')
    .execute();
}

/** The author behind a post, for suspension: role and current suspension, never the name. */
export async function findPostAuthor(db: Db, postId: string) {
  return db
    .selectFrom('posts as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .select(['a.id', 'a.role', 'a.suspended_until'])
    .where('p.id', '=', postId)
    .executeTakeFirst();
}

/** A moderator's verdict on a post: its status and the reason its author is shown. */
export async function setPostStatus(db: Db, postId: string, status: PostStatus, reason: string | null): Promise<void> {
  await db.updateTable('posts').set({ status, status_reason: reason }).where('id', '=', postId).execute();
}

/** A thread whose held opening post goes live is new activity on its board (the board follows by trigger). */
export async function publishThread(db: Db, threadId: string): Promise<void> {
  await db
    .updateTable('threads')
    .set({ status: 'published', last_activity_at: sql<Date>`greatest(threads.last_activity_at, now())` })
    .where('id', '=', threadId)
    .execute();
}

/**
 * Every moderation write takes the post before its item, as an author's edit and a decision do.
 * A flag would otherwise lock the item and then wait on the post (its foreign key check takes a
 * KEY SHARE lock) while an edit or decision holds the post and waits on the item: a deadlock.
 * KEY SHARE is the lock that check takes anyway, so concurrent flaggers do not wait on each other here.
 */
export async function lockPostBeforeItem(db: Db, postId: string): Promise<boolean> {
  const row = await db.selectFrom('posts').select('id').where('id', '=', postId).forKeyShare().executeTakeFirst();
  return row !== undefined;
}
