import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { Database, PostStatus, ReactionKind, Role } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/** Who is reading: drives which posts are visible and which fields are theirs alone. */
export interface Viewer {
  id: string;
  role: Role;
}

export const isStaff = (viewer: Viewer | null): boolean => viewer !== null && viewer.role !== 'member';

/**
 * One post as read for display. The pseudonym is never selected for a post written under an
 * alias, so no mapping mistake can put it in a response. Times are Date from a plain query and
 * ISO strings when the row comes through `jsonArrayFrom`.
 */
export interface PostRow {
  id: string;
  thread_id: string;
  account_id: string | null;
  thread_account_id: string | null;
  as_alias: boolean;
  is_opening: boolean;
  body_md: string | null;
  body_html: string;
  content_warning: string | null;
  status: PostStatus;
  status_reason: string | null;
  reaction_hug: number;
  reaction_relate: number;
  reaction_thanks: number;
  reaction_strength: number;
  created_at: Date | string;
  edited_at: Date | string | null;
  author_pseudonym: string | null;
  author_role: Role | null;
  author_alias: string | null;
  my_reactions: ReactionKind[];
}

type PostQuery = SelectQueryBuilder<Database, 'posts', PostRow>;

/** The display query for posts; callers add the filter, order and limit. Aliases avoid clashing with an outer thread query. */
export function selectPosts(db: Db, viewer: Viewer | null): PostQuery {
  const query = db
    .selectFrom('posts')
    .innerJoin('threads as pt', 'pt.id', 'posts.thread_id')
    .leftJoin('accounts as pa', 'pa.id', 'posts.account_id')
    .leftJoin('thread_aliases as pal', (join) =>
      join.onRef('pal.thread_id', '=', 'posts.thread_id').onRef('pal.account_id', '=', 'posts.account_id'),
    )
    .select([
      sql<string>`posts.id::text`.as('id'),
      sql<string>`posts.thread_id::text`.as('thread_id'),
      sql<string | null>`posts.account_id::text`.as('account_id'),
      sql<string | null>`pt.account_id::text`.as('thread_account_id'),
      'posts.as_alias',
      'posts.is_opening',
      'posts.body_md',
      'posts.body_html',
      'posts.content_warning',
      'posts.status',
      'posts.status_reason',
      'posts.reaction_hug',
      'posts.reaction_relate',
      'posts.reaction_thanks',
      'posts.reaction_strength',
      'posts.created_at',
      'posts.edited_at',
      sql<string | null>`case when posts.as_alias then null else pa.pseudonym end`.as('author_pseudonym'),
      sql<Role | null>`case when posts.as_alias then null else pa.role end`.as('author_role'),
      sql<string | null>`case when posts.as_alias then pal.alias end`.as('author_alias'),
      viewer === null
        ? sql<ReactionKind[]>`'{}'::text[]`.as('my_reactions')
        : sql<ReactionKind[]>`array(select r.kind from reactions r where r.post_id = posts.id and r.account_id = ${viewer.id} order by r.kind)`.as(
            'my_reactions',
          ),
    ]);
  return query as unknown as PostQuery;
}

/** Pending posts are seen only by their author and by moderators. */
export function visiblePosts(query: PostQuery, viewer: Viewer | null): PostQuery {
  if (isStaff(viewer)) return query;
  if (viewer === null) return query.where('posts.status', '<>', 'pending');
  return query.where((eb) => eb.or([eb('posts.status', '<>', 'pending'), eb('posts.account_id', '=', viewer.id)]));
}

/** A page of a thread's posts, oldest first, after `afterId`; fetches limit + 1 to know whether more follow. */
export function threadPostsPage(db: Db, threadId: string, viewer: Viewer | null, afterId: string | null, limit: number): PostQuery {
  return visiblePosts(selectPosts(db, viewer), viewer)
    .where('posts.thread_id', '=', threadId)
    .$if(afterId !== null, (q) => q.where('posts.id', '>', afterId!))
    // Ordering by the whole (thread_id, id) key makes posts_thread the obvious plan; ordering by id
    // alone lets the planner walk the primary key and filter, which is slow for a sparse thread.
    .orderBy('posts.thread_id')
    .orderBy('posts.id')
    .limit(limit + 1);
}

export async function findPostView(db: Db, postId: string, viewer: Viewer | null): Promise<PostRow | undefined> {
  return selectPosts(db, viewer).where('posts.id', '=', postId).executeTakeFirst();
}

export async function findPostViews(db: Db, postIds: readonly string[], viewer: Viewer | null): Promise<PostRow[]> {
  if (postIds.length === 0) return [];
  return selectPosts(db, viewer).where('posts.id', 'in', postIds).execute();
}

export interface NewPost {
  threadId: string;
  accountId: string;
  asAlias: boolean;
  isOpening: boolean;
  bodyMd: string;
  bodyHtml: string;
  renderVersion: number;
  contentWarning: string | null;
  status: PostStatus;
}

export async function insertPost(db: Db, p: NewPost): Promise<string> {
  const row = await db
    .insertInto('posts')
    .values({
      thread_id: p.threadId,
      account_id: p.accountId,
      as_alias: p.asAlias,
      is_opening: p.isOpening,
      body_md: p.bodyMd,
      body_html: p.bodyHtml,
      render_version: p.renderVersion,
      content_warning: p.contentWarning,
      status: p.status,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** What a write needs to know about a post and its thread. */
export interface PostForWrite {
  id: string;
  thread_id: string;
  account_id: string | null;
  is_opening: boolean;
  body_md: string | null;
  content_warning: string | null;
  status: PostStatus;
  thread_status: PostStatus;
  thread_account_id: string | null;
  thread_title: string;
}

/** The post and its thread; with `lock`, the post row stays locked for the rest of the transaction. */
export async function findPostForWrite(db: Db, postId: string, options: { lock: boolean }): Promise<PostForWrite | undefined> {
  return db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .select([
      'posts.id',
      'posts.thread_id',
      'posts.account_id',
      'posts.is_opening',
      'posts.body_md',
      'posts.content_warning',
      'posts.status',
      'threads.status as thread_status',
      'threads.account_id as thread_account_id',
      'threads.title as thread_title',
    ])
    .where('posts.id', '=', postId)
    .$if(options.lock, (q) => q.forUpdate('posts'))
    .executeTakeFirst();
}

/** The same member's identical post in the same thread a moment ago: a double submit. */
export async function findRecentDuplicate(
  db: Db,
  p: { accountId: string; threadId: string; bodyMd: string; withinSeconds: number },
): Promise<string | undefined> {
  const row = await db
    .selectFrom('posts')
    .select('id')
    .where('account_id', '=', p.accountId)
    .where('thread_id', '=', p.threadId)
    .where('body_md', '=', p.bodyMd)
    .where('created_at', '>', sql<Date>`now() - make_interval(secs => ${p.withinSeconds})`)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** The author's own recent posts, newest first, for the spam rule. */
export async function recentPostsOf(
  db: Db,
  accountId: string,
  withinMinutes: number,
  limit: number,
): Promise<{ threadId: string; body: string; createdAt: Date }[]> {
  const rows = await db
    .selectFrom('posts')
    .select(['thread_id', 'body_md', 'created_at'])
    .where('account_id', '=', accountId)
    .where('body_md', 'is not', null)
    .where('created_at', '>', sql<Date>`now() - make_interval(mins => ${withinMinutes})`)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ threadId: r.thread_id, body: r.body_md ?? '', createdAt: r.created_at }));
}

/** Times of the author's posts inside the window, newest first (at most `limit`), for the posting limit. */
export async function postTimesWithin(db: Db, accountId: string, windowSeconds: number, limit: number): Promise<Date[]> {
  const rows = await db
    .selectFrom('posts')
    .select('created_at')
    .where('account_id', '=', accountId)
    .where('created_at', '>', sql<Date>`now() - make_interval(secs => ${windowSeconds})`)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.created_at);
}

export async function editPost(
  db: Db,
  postId: string,
  previous: { bodyMd: string; contentWarning: string | null },
  next: { bodyMd: string; bodyHtml: string; renderVersion: number; contentWarning: string | null },
): Promise<void> {
  await db
    .insertInto('post_edits')
    .values({ post_id: postId, body_md: previous.bodyMd, content_warning: previous.contentWarning })
    .execute();
  await db
    .updateTable('posts')
    .set({
      body_md: next.bodyMd,
      body_html: next.bodyHtml,
      render_version: next.renderVersion,
      content_warning: next.contentWarning,
      edited_at: sql<Date>`now()`,
    })
    .where('id', '=', postId)
    .execute();
}

/** Author deletion: the text and its history leave the database; the row stays as a tombstone. */
export async function erasePost(db: Db, postId: string): Promise<void> {
  await db.deleteFrom('post_edits').where('post_id', '=', postId).execute();
  await db
    .updateTable('posts')
    .set({ status: 'deleted', body_md: null, body_html: '', content_warning: null, status_reason: null })
    .where('id', '=', postId)
    .execute();
}
