import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Events that reach browsers over /api/events. Publishers call `app.events.publish` after their
 * transaction commits (or inside it, passing `{ trx }`); the events plugin writes each one to the
 * `events` log and fans it out to every API process through PostgreSQL LISTEN/NOTIFY.
 * Payloads carry IDs and public data only: never an account behind an alias.
 */
export type HavenEvent =
  | { type: 'post.created'; threadId: string; postId: string }
  | { type: 'notification'; accountId: string; notificationId: string }
  | { type: 'queue.changed'; itemId: string | null };

export type HavenEventType = HavenEvent['type'];

/** An event as it sits in the log: `id` orders every event of every process. */
export interface StoredEvent {
  id: string;
  event: HavenEvent;
}

export interface PublishOptions {
  /**
   * Write the event inside the caller's transaction: it then exists exactly when the caller's
   * data does, and is delivered when that transaction commits. Publish as the transaction's
   * last statement: it holds the event-log lock until commit.
   */
  trx?: Transaction<Database>;
}

export interface EventPublisher {
  publish(event: HavenEvent, options?: PublishOptions): Promise<void>;
}
