import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';
import type { HavenEvent, StoredEvent } from '../events/types';
import { eventAccount, type Viewer } from '../events/audience';

type Db = Kysely<Database> | Transaction<Database>;

export const EVENTS_CHANNEL = 'haven_events';

/**
 * Taken by every writer of the log until it commits. Without it, two transactions could take
 * ids 10 and 11 and commit 11 first: a reader (or a client resuming from 11) would skip 10
 * for ever. With it, ids become visible in order, so "everything after id N" never misses one.
 */
const EVENT_LOG_LOCK = 7_262_001;

/** Appends one event and signals every listening process; call inside a transaction. */
export async function appendEvent(trx: Transaction<Database>, event: HavenEvent): Promise<string> {
  await sql`select pg_advisory_xact_lock(${EVENT_LOG_LOCK})`.execute(trx);
  const { type, ...payload } = event;
  const row = await trx
    .insertInto('events')
    .values({ type, payload: JSON.stringify(payload), account_id: eventAccount(event) })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The id is only a wake-up call: listeners read the log from their own cursor.
  await sql`select pg_notify(${EVENTS_CHANNEL}, ${row.id})`.execute(trx);
  return row.id;
}

interface EventRow {
  id: string;
  type: string;
  payload: Record<string, unknown>;
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Rows are ours, but a row a newer version wrote (an unknown type) is skipped, not sent. */
export function toStoredEvent(row: EventRow): StoredEvent | null {
  const p = row.payload;
  let event: HavenEvent | null = null;
  if (row.type === 'post.created' && str(p.threadId) && str(p.postId)) {
    event = { type: 'post.created', threadId: str(p.threadId)!, postId: str(p.postId)! };
  } else if (row.type === 'notification' && str(p.accountId) && str(p.notificationId)) {
    event = { type: 'notification', accountId: str(p.accountId)!, notificationId: str(p.notificationId)! };
  } else if (row.type === 'queue.changed') {
    event = { type: 'queue.changed', itemId: str(p.itemId) };
  }
  return event ? { id: row.id, event } : null;
}

/** The next events after `afterId`, in order: what a process has not yet fanned out. */
export async function eventsAfter(db: Db, afterId: string, limit: number): Promise<{ rows: StoredEvent[]; lastId: string | null; scanned: number }> {
  const rows = await db
    .selectFrom('events')
    .select(['id', 'type', 'payload'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return {
    rows: rows.map(toStoredEvent).filter((e): e is StoredEvent => e !== null),
    lastId: rows.at(-1)?.id ?? null,
    scanned: rows.length,
  };
}

/** What one client missed after `afterId` and may see, for a Last-Event-ID resume. */
export async function visibleEventsAfter(db: Db, afterId: string, viewer: Viewer, limit: number): Promise<StoredEvent[]> {
  const threads = [...viewer.threads];
  const rows = await db
    .selectFrom('events')
    .select(['id', 'type', 'payload'])
    .where('id', '>', afterId)
    .where((eb) => {
      const visible = [];
      if (threads.length > 0) {
        visible.push(eb.and([eb('type', '=', 'post.created'), eb(sql<string>`payload->>'threadId'`, 'in', threads)]));
      }
      if (viewer.accountId !== null) {
        visible.push(eb.and([eb('type', '=', 'notification'), eb('account_id', '=', viewer.accountId)]));
      }
      if (viewer.moderator) visible.push(eb('type', '=', 'queue.changed'));
      return visible.length > 0 ? eb.or(visible) : eb.val(false);
    })
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toStoredEvent).filter((e): e is StoredEvent => e !== null);
}

export async function eventIdBounds(db: Db): Promise<{ min: string | null; max: string | null }> {
  const row = await db
    .selectFrom('events')
    .select([sql<string | null>`min(id)::text`.as('min'), sql<string | null>`max(id)::text`.as('max')])
    .executeTakeFirstOrThrow();
  return { min: row.min, max: row.max };
}

export async function latestEventId(db: Db): Promise<string> {
  return (await eventIdBounds(db)).max ?? '0';
}

/** Events are for catching up after a short disconnect; older ones are no use to anyone. */
export async function pruneEvents(db: Db, olderThanMinutes: number): Promise<number> {
  const result = await db
    .deleteFrom('events')
    .where('created_at', '<', sql<Date>`now() - make_interval(mins => ${olderThanMinutes})`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
