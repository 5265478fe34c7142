import type { HavenEvent } from './types';

/** Who is at the other end of one /api/events stream, as checked when it connected. */
export interface Viewer {
  accountId: string | null;
  /** Moderators and admins see the moderation queue change. */
  moderator: boolean;
  /** Threads on screen, for post.created. */
  threads: ReadonlySet<string>;
}

export function canSee(viewer: Viewer, event: HavenEvent): boolean {
  switch (event.type) {
    case 'post.created':
      return viewer.threads.has(event.threadId);
    case 'notification':
      return viewer.accountId !== null && viewer.accountId === event.accountId;
    case 'queue.changed':
      return viewer.moderator;
  }
}

/**
 * What a browser is sent: public IDs only (it refetches the details through the API, which
 * applies its own visibility rules). The account id of a notification is ours, not the client's.
 */
export function clientData(event: HavenEvent): Record<string, string | null> {
  switch (event.type) {
    case 'post.created':
      return { threadId: event.threadId, postId: event.postId };
    case 'notification':
      return { notificationId: event.notificationId };
    case 'queue.changed':
      return { itemId: event.itemId };
  }
}

/** The one account a private event is for; stored beside it so a replay can filter in SQL. */
export function eventAccount(event: HavenEvent): string | null {
  return event.type === 'notification' ? event.accountId : null;
}
