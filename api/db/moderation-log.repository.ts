import type { Kysely, Transaction } from 'kysely';
import type { Database, LogAction } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface NewLogEntry {
  /** null when the actor must stay unnamed (an author appealing) or is an operator. */
  actorId: string | null;
  /** A moderator's pseudonym, or "author" / "cli". */
  actorName: string;
  action: LogAction;
  itemId?: string | null;
  postId?: string | null;
  subject?: string | null;
  reason?: string | null;
}

/** The log is append-only: this is the only write there is, and the database refuses the others. */
export async function appendLog(db: Db, e: NewLogEntry): Promise<void> {
  await db
    .insertInto('moderation_log')
    .values({
      actor_id: e.actorId,
      actor_name: e.actorName,
      action: e.action,
      item_id: e.itemId ?? null,
      post_id: e.postId ?? null,
      subject: e.subject ?? null,
      reason: e.reason ?? null,
    })
    .execute();
}

/** Newest first, keyset on id. */
export async function listLog(db: Db, q: { beforeId: string | null; limit: number }) {
  return db
    .selectFrom('moderation_log')
    .select(['id', 'actor_name', 'action', 'item_id', 'post_id', 'subject', 'reason', 'created_at'])
    .$if(q.beforeId !== null, (qb) => qb.where('id', '<', q.beforeId!))
    .orderBy('id', 'desc')
    .limit(q.limit)
    .execute();
}
