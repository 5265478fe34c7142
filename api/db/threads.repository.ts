import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database, PostStatus, Role } from './schema';
import { threadPostsPage, type PostRow, type Viewer } from './posts.repository';
import { randomAlias } from '../services/aliases';

type Db = Kysely<Database> | Transaction<Database>;

/** One thread as read for display; the author's pseudonym is never selected for an anonymous thread. */
export interface ThreadRow {
  id: string;
  account_id: string | null;
  anonymous: boolean;
  title: string;
  content_warning: string | null;
  status: PostStatus;
  created_at: Date;
  last_activity_at: Date;
  reply_count: number;
  board_slug: string;
  board_name: string;
  author_pseudonym: string | null;
  author_role: Role | null;
  author_alias: string | null;
}

type ThreadQuery = SelectQueryBuilder<Database, 'threads', ThreadRow>;

export function selectThreads(db: Db): ThreadQuery {
  const query = db
    .selectFrom('threads')
    .innerJoin('boards as tb', 'tb.id', 'threads.board_id')
    .leftJoin('accounts as ta', 'ta.id', 'threads.account_id')
    .leftJoin('thread_aliases as tal', (join) =>
      join.onRef('tal.thread_id', '=', 'threads.id').onRef('tal.account_id', '=', 'threads.account_id'),
    )
    .select([
      sql<string>`threads.id::text`.as('id'),
      sql<string | null>`threads.account_id::text`.as('account_id'),
      'threads.anonymous',
      'threads.title',
      'threads.content_warning',
      'threads.status',
      'threads.created_at',
      'threads.last_activity_at',
      'threads.reply_count',
      'tb.slug as board_slug',
      'tb.name as board_name',
      sql<string | null>`case when threads.anonymous then null else ta.pseudonym end`.as('author_pseudonym'),
      sql<Role | null>`case when threads.anonymous then null else ta.role end`.as('author_role'),
      sql<string | null>`case when threads.anonymous then tal.alias end`.as('author_alias'),
    ]);
  return query as unknown as ThreadQuery;
}

/** The thread and its first page of posts in one round trip. */
export function threadWithFirstPage(db: Db, threadId: string, viewer: Viewer | null, limit: number) {
  return selectThreads(db)
    .select(() => jsonArrayFrom(threadPostsPage(db, threadId, viewer, null, limit)).as('posts'))
    .where('threads.id', '=', threadId);
}

export async function findThreadWithFirstPage(
  db: Db,
  threadId: string,
  viewer: Viewer | null,
  limit: number,
): Promise<(ThreadRow & { posts: PostRow[] }) | undefined> {
  return (await threadWithFirstPage(db, threadId, viewer, limit).executeTakeFirst()) as (ThreadRow & { posts: PostRow[] }) | undefined;
}

export async function findThreadView(db: Db, threadId: string): Promise<ThreadRow | undefined> {
  return selectThreads(db).where('threads.id', '=', threadId).executeTakeFirst();
}

export async function findThreadViews(db: Db, threadIds: readonly string[]): Promise<ThreadRow[]> {
  if (threadIds.length === 0) return [];
  return selectThreads(db).where('threads.id', 'in', threadIds).execute();
}

export type ThreadSort = 'active' | 'new' | 'unanswered';

/** The sort key of a list row: its timestamp (ISO) and id. */
export type ThreadKey = readonly [string, string];

/**
 * A page of a board's published threads, keyset-paginated on the column pair its index holds
 * (threads_board_active, threads_board_new, threads_board_unanswered), so a deep page costs
 * the same as the first. Fetches limit + 1.
 */
/** A row of a board's list: `sort_time` is its sort time to the microsecond, for the next page's cursor. */
export type ThreadListRow = ThreadRow & { sort_time: string };

/**
 * The sort time as ISO 8601 with microseconds. A JavaScript Date keeps only milliseconds, so a cursor
 * made from one would land before the row it came from and repeat it (or skip its neighbours).
 */
function sortTime(column: 'created_at' | 'last_activity_at') {
  return sql<string>`to_char(${sql.ref(`threads.${column}`)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('sort_time');
}

export function boardThreadsPage(
  db: Db,
  boardId: string,
  sort: ThreadSort,
  after: ThreadKey | null,
  limit: number,
): SelectQueryBuilder<Database, 'threads', ThreadListRow> {
  const base = selectThreads(db)
    .select(sortTime(sort === 'active' ? 'last_activity_at' : 'created_at'))
    .where('threads.board_id', '=', boardId)
    .where('threads.status', '=', 'published');
  if (sort === 'active') {
    return base
      .$if(after !== null, (q) =>
        q.where(sql<boolean>`(threads.last_activity_at, threads.id) < (${after![0]}::timestamptz, ${after![1]}::bigint)`),
      )
      .orderBy('threads.last_activity_at', 'desc')
      .orderBy('threads.id', 'desc')
      .limit(limit + 1);
  }
  if (sort === 'new') {
    return base
      .$if(after !== null, (q) => q.where(sql<boolean>`(threads.created_at, threads.id) < (${after![0]}::timestamptz, ${after![1]}::bigint)`))
      .orderBy('threads.created_at', 'desc')
      .orderBy('threads.id', 'desc')
      .limit(limit + 1);
  }
  return base
    .where('threads.answered', '=', false)
    .$if(after !== null, (q) => q.where(sql<boolean>`(threads.created_at, threads.id) > (${after![0]}::timestamptz, ${after![1]}::bigint)`))
    .orderBy('threads.created_at')
    .orderBy('threads.id')
    .limit(limit + 1);
}

export function threadSortKey(row: ThreadListRow): ThreadKey {
  return [row.sort_time, row.id];
}

export interface NewThread {
  boardId: string;
  accountId: string;
  anonymous: boolean;
  title: string;
  contentWarning: string | null;
  status: PostStatus;
}

export async function insertThread(db: Db, t: NewThread): Promise<string> {
  const row = await db
    .insertInto('threads')
    .values({
      board_id: t.boardId,
      account_id: t.accountId,
      anonymous: t.anonymous,
      title: t.title,
      content_warning: t.contentWarning,
      status: t.status,
      last_activity_at: sql<Date>`now()`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Gives the member an alias in the thread. `on conflict do nothing` rather than catching a unique
 * violation, which would abort the surrounding transaction; a taken name is simply drawn again.
 */
export async function assignAlias(db: Db, threadId: string, accountId: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const alias = randomAlias();
    const row = await db
      .insertInto('thread_aliases')
      .values({ thread_id: threadId, account_id: accountId, alias })
      .onConflict((oc) => oc.doNothing())
      .returning('alias')
      .executeTakeFirst();
    if (row) return row.alias;
    const existing = await db
      .selectFrom('thread_aliases')
      .select('alias')
      .where('thread_id', '=', threadId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (existing) return existing.alias;
  }
  throw new Error('could not draw a free alias for this thread');
}

export interface ThreadForWrite {
  id: string;
  board_id: string;
  account_id: string | null;
  anonymous: boolean;
  status: PostStatus;
  title: string;
  board_premoderated: boolean;
}

export async function findThreadForWrite(db: Db, threadId: string): Promise<ThreadForWrite | undefined> {
  return db
    .selectFrom('threads')
    .innerJoin('boards', 'boards.id', 'threads.board_id')
    .select([
      'threads.id',
      'threads.board_id',
      'threads.account_id',
      'threads.anonymous',
      'threads.status',
      'threads.title',
      'boards.premoderated as board_premoderated',
    ])
    .where('threads.id', '=', threadId)
    .executeTakeFirst();
}

/**
 * A published reply: counts, the "answered" mark (a reply from anyone but the author) and the
 * last activity move in the caller's transaction; the board follows by trigger. Moderation calls
 * this too when it approves a pending reply.
 */
export async function recordPublishedReply(db: Db, threadId: string, replyAccountId: string | null): Promise<void> {
  await db
    .updateTable('threads')
    .set((eb) => ({
      reply_count: eb('reply_count', '+', 1),
      last_activity_at: sql<Date>`greatest(threads.last_activity_at, now())`,
      answered: sql<boolean>`threads.answered or threads.account_id is distinct from ${replyAccountId}::bigint`,
    }))
    .where('id', '=', threadId)
    .execute();
}

export async function setThreadStatus(db: Db, threadId: string, status: PostStatus): Promise<void> {
  await db.updateTable('threads').set({ status }).where('id', '=', threadId).execute();
}

export async function setThreadContentWarning(db: Db, threadId: string, contentWarning: string | null): Promise<void> {
  await db.updateTable('threads').set({ content_warning: contentWarning }).where('id', '=', threadId).execute();
}

/** The author deleted the opening post: the title is their text too, so it goes with it. */
export async function eraseThread(db: Db, threadId: string): Promise<void> {
  await db.updateTable('threads').set({ status: 'deleted', title: '', content_warning: null }).where('id', '=', threadId).execute();
}

/** The same member's identical new thread on the same board a moment ago: a double submit. */
export async function findRecentDuplicateThread(
  db: Db,
  t: { accountId: string; boardId: string; title: string; bodyMd: string; withinSeconds: number },
): Promise<{ threadId: string; postId: string } | undefined> {
  return db
    .selectFrom('threads')
    .innerJoin('posts', (join) => join.onRef('posts.thread_id', '=', 'threads.id').on('posts.is_opening', '=', true))
    .select(['threads.id as threadId', 'posts.id as postId'])
    .where('threads.account_id', '=', t.accountId)
    .where('threads.board_id', '=', t.boardId)
    .where('threads.title', '=', t.title)
    .where('posts.body_md', '=', t.bodyMd)
    .where('threads.created_at', '>', sql<Date>`now() - make_interval(secs => ${t.withinSeconds})`)
    .orderBy('threads.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
