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
