import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, NotificationKind } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface NewNotification {
  accountId: string;
  kind: NotificationKind;
  threadId?: string | null;
  postId?: string | null;
  /** Public data to show (thread title, decision reason…); never who did it when that is private. */
  data?: Record<string, unknown>;
}

/** Inserts a notification and returns its id, for publishing after the transaction commits. */
export async function insertNotification(db: Db, n: NewNotification): Promise<string> {
  const row = await db
    .insertInto('notifications')
    .values({
      account_id: n.accountId,
      kind: n.kind,
      thread_id: n.threadId ?? null,
      post_id: n.postId ?? null,
      data: JSON.stringify(n.data ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Reactions gather into one unread notification per post (a count), not one per click:
 * the partial unique index on unread reaction notifications makes this an upsert.
 */
export async function gatherReactionNotification(
  db: Db,
  n: { accountId: string; threadId: string; postId: string; data?: Record<string, unknown> },
): Promise<string> {
  const result = await sql<{ id: string }>`
    insert into notifications (account_id, kind, thread_id, post_id, data)
    values (${n.accountId}, 'reaction', ${n.threadId}, ${n.postId}, ${JSON.stringify({ ...n.data, count: 1 })}::jsonb)
    on conflict (account_id, post_id) where kind = 'reaction' and read_at is null
    do update set
      data = notifications.data || jsonb_build_object('count', coalesce((notifications.data->>'count')::int, 1) + 1),
      created_at = now()
    returning id`.execute(db);
  return result.rows[0]!.id;
}

export interface NotificationListRow {
  id: string;
  kind: NotificationKind;
  threadId: string | null;
  /** Null when the member may not see the thread's title (taken down, and not theirs). */
  threadTitle: string | null;
  postId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
  /** Who replied, as the thread shows them: the alias when they posted as one, never the pseudonym behind it. */
  actorName: string | null;
  actorKind: 'member' | 'alias' | 'deleted' | null;
}

/** A member's notifications, newest first, before the id `before` (keyset). */
export async function listNotifications(
  db: Db,
  accountId: string,
  page: { limit: number; before: string | null },
): Promise<NotificationListRow[]> {
  return db
    .selectFrom('notifications as n')
    .leftJoin('threads as t', 't.id', 'n.thread_id')
    .leftJoin('posts as p', (join) => join.onRef('p.id', '=', 'n.post_id').on('n.kind', '=', 'reply'))
    .leftJoin('thread_aliases as ta', (join) =>
      join.onRef('ta.thread_id', '=', 'p.thread_id').onRef('ta.account_id', '=', 'p.account_id').on('p.as_alias', '=', true),
    )
    .leftJoin('accounts as pa', (join) => join.onRef('pa.id', '=', 'p.account_id').on('p.as_alias', '=', false))
    .select([
      'n.id',
      'n.kind',
      'n.thread_id as threadId',
      sql<string | null>`case when t.status = 'published' or t.account_id = ${accountId} then t.title end`.as('threadTitle'),
      'n.post_id as postId',
      'n.data',
      'n.created_at as createdAt',
      'n.read_at as readAt',
      sql<string | null>`case when p.status = 'published' then case when p.as_alias then ta.alias else pa.pseudonym end end`.as('actorName'),
      sql<'member' | 'alias' | 'deleted' | null>`case when p.status = 'published' then
        case when p.as_alias then 'alias' when pa.id is null then 'deleted' else 'member' end end`.as('actorKind'),
    ])
    .where('n.account_id', '=', accountId)
    .$if(page.before !== null, (qb) => qb.where('n.id', '<', page.before!))
    .orderBy('n.id', 'desc')
    .limit(page.limit)
    .execute();
}

export async function countUnreadNotifications(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.count;
}

/** Marks every unread notification of the member up to and including `upTo` as read. */
export async function markNotificationsRead(db: Db, accountId: string, upTo: string): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: sql`now()` })
    .where('account_id', '=', accountId)
    .where('id', '<=', upTo)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
