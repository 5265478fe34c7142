import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, PostStatus, Role } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * A post as moderation needs it: with its thread, board and author. The author's display name is
 * chosen in SQL (the alias for an alias post), so the pseudonym behind an alias never reaches
 * application code and cannot slip into a response by mistake.
 */
export interface ModeratedPostRow {
  id: string;
  thread_id: string;
  account_id: string | null;
  is_opening: boolean;
  as_alias: boolean;
  body_md: string | null;
  body_html: string;
  content_warning: string | null;
  status: PostStatus;
  status_reason: string | null;
  created_at: Date;
  edited_at: Date | null;
  reaction_hug: number;
  reaction_relate: number;
  reaction_thanks: number;
  reaction_strength: number;
  author_name: string | null;
  author_role: Role | null;
  author_age_days: number | null;
  author_removed_posts: number;
  thread_account_id: string | null;
  thread_status: PostStatus;
  thread_title: string;
  thread_anonymous: boolean;
  thread_content_warning: string | null;
  thread_created_at: Date;
  thread_last_activity_at: Date;
  thread_reply_count: number;
  thread_author_name: string | null;
  thread_author_role: Role | null;
  board_slug: string;
  board_name: string;
}

function moderatedPosts(db: Db) {
  return db
    .selectFrom('posts as p')
    .innerJoin('threads as t', 't.id', 'p.thread_id')
    .innerJoin('boards as b', 'b.id', 't.board_id')
    .leftJoin('accounts as pa', 'pa.id', 'p.account_id')
    .leftJoin('accounts as ta', 'ta.id', 't.account_id')
    .leftJoin('thread_aliases as pal', (j) => j.onRef('pal.thread_id', '=', 'p.thread_id').onRef('pal.account_id', '=', 'p.account_id'))
    .leftJoin('thread_aliases as tal', (j) => j.onRef('tal.thread_id', '=', 't.id').onRef('tal.account_id', '=', 't.account_id'))
    .select([
      'p.id',
      'p.thread_id',
      'p.account_id',
      'p.is_opening',
      'p.as_alias',
      'p.body_md',
      'p.body_html',
      'p.content_warning',
      'p.status',
      'p.status_reason',
      'p.created_at',
      'p.edited_at',
      'p.reaction_hug',
      'p.reaction_relate',
      'p.reaction_thanks',
      'p.reaction_strength',
      sql<string | null>`case when pa.id is null then null when p.as_alias then pal.alias else pa.pseudonym end`.as('author_name'),
      sql<Role | null>`case when pa.id is null then null when p.as_alias then 'member' else pa.role end`.as('author_role'),
      sql<number | null>`floor(extract(epoch from (now() - pa.created_at)) / 86400)::int`.as('author_age_days'),
      sql<number>`(select count(*)::int from posts o
                   where o.account_id = p.account_id and o.id <> p.id and o.status in ('hidden', 'removed'))`.as(
        'author_removed_posts',
      ),
      't.account_id as thread_account_id',
      't.status as thread_status',
      't.title as thread_title',
      't.anonymous as thread_anonymous',
      't.content_warning as thread_content_warning',
      't.created_at as thread_created_at',
      't.last_activity_at as thread_last_activity_at',
      't.reply_count as thread_reply_count',
      sql<string | null>`case when ta.id is null then null when t.anonymous then tal.alias else ta.pseudonym end`.as(
        'thread_author_name',
      ),
      sql<Role | null>`case when ta.id is null then null when t.anonymous then 'member' else ta.role end`.as('thread_author_role'),
      'b.slug as board_slug',
      'b.name as board_name',
    ]);
}

export async function findModeratedPost(db: Db, postId: string): Promise<ModeratedPostRow | undefined> {
  return moderatedPosts(db).where('p.id', '=', postId).executeTakeFirst();
}

export async function findModeratedPosts(db: Db, postIds: readonly string[]): Promise<ModeratedPostRow[]> {
  if (postIds.length === 0) return [];
  return moderatedPosts(db).where('p.id', 'in', postIds).execute();
}

/** The facts the flag, appeal and decision rules need, without any names. */
export async function findPostFacts(db: Db, postId: string) {
  return db
    .selectFrom('posts as p')
    .innerJoin('threads as t', 't.id', 'p.thread_id')
    .select(['p.id', 'p.thread_id', 'p.account_id', 'p.is_opening', 'p.status', 't.status as thread_status'])
    .where('p.id', '=', postId)
    .executeTakeFirst();
}
export type PostFacts = NonNullable<Awaited<ReturnType<typeof findPostFacts>>>;

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

/**
 * Sets a post's status after a decision. An opening post carries its thread with it (a thread
 * whose opening post is taken down is taken down too), and the counters lists rely on are
 * recomputed from the rows rather than nudged, so no sequence of decisions can make them drift:
 * replyCount counts visible replies, threadCount visible threads.
 */
export async function setPostStatusByModerator(
  db: Db,
  post: { id: string; thread_id: string; is_opening: boolean },
  status: PostStatus,
  reason: string | null,
): Promise<void> {
  const before = await db
    .selectFrom('posts')
    .select('status')
    .where('id', '=', post.id)
    .executeTakeFirstOrThrow();
  await db.updateTable('posts').set({ status, status_reason: reason }).where('id', '=', post.id).execute();
  const goesLive = before.status !== 'published' && status === 'published';
  if (post.is_opening) {
    await db
      .updateTable('threads')
      .set({ status, ...(goesLive && { last_activity_at: sql<Date>`now()` }) })
      .where('id', '=', post.thread_id)
      .execute();
  } else {
    await sql`
      update threads t set
        reply_count = (select count(*) from posts r where r.thread_id = t.id and not r.is_opening and r.status = 'published'),
        answered = exists (select 1 from posts r where r.thread_id = t.id and not r.is_opening and r.status = 'published'
                           and r.account_id is distinct from t.account_id),
        last_activity_at = case when ${goesLive} then now() else t.last_activity_at end
      where t.id = ${post.thread_id}`.execute(db);
  }
  await sql`
    update boards b set
      thread_count = (select count(*) from threads t where t.board_id = b.id and t.status = 'published'),
      last_activity_at = case when ${goesLive} then now() else b.last_activity_at end
    where b.id = (select board_id from threads where id = ${post.thread_id})`.execute(db);
}
