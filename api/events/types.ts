/**
 * Events that reach browsers over /api/events. Publishers call `app.events.publish` after their
 * transaction commits; the live-updates plugin fans them out (across processes via
 * PostgreSQL LISTEN/NOTIFY). Payloads carry IDs and public data only: never an account behind an alias.
 */
export type HavenEvent =
  | { type: 'post.created'; threadId: string; postId: string }
  | { type: 'notification'; accountId: string; notificationId: string }
  | { type: 'queue.changed'; itemId: string | null };

export interface EventPublisher {
  publish(event: HavenEvent): Promise<void>;
}
