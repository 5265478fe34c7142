import type { Kysely, Transaction } from 'kysely';
import type { Database, LogAction } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface LogEntry {
  /** The acting account, when there is one (the CLI has none); the log keeps no foreign key to it. */
  actorId: string | null;
  /** Kept by name so that deleting an account never edits the append-only log. */
  actorName: string;
  action: LogAction;
  itemId?: string | null;
  postId?: string | null;
  subject?: string | null;
  reason?: string | null;
}

export async function appendModerationLog(db: Db, entry: LogEntry): Promise<void> {
  await db
    .insertInto('moderation_log')
    .values({
      actor_id: entry.actorId,
      actor_name: entry.actorName,
      action: entry.action,
      item_id: entry.itemId ?? null,
      post_id: entry.postId ?? null,
      subject: entry.subject ?? null,
      reason: entry.reason ?? null,
    })
    .execute();
}

/** The log as moderators read it: newest first, keyset on id. Nothing else reads or writes it. */
export async function listModerationLog(db: Db, q: { beforeId: string | null; limit: number }) {
  return db
    .selectFrom('moderation_log')
    .select(['id', 'actor_name', 'action', 'item_id', 'post_id', 'subject', 'reason', 'created_at'])
    .$if(q.beforeId !== null, (qb) => qb.where('id', '<', q.beforeId!))
    .orderBy('id', 'desc')
    .limit(q.limit)
    .execute();
}
