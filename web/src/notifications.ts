import type { Notification } from './types';

/** The contract does not fix how a notification says it was read; accept either shape. */
export function isUnread(n: Notification): boolean {
  if (typeof n.read === 'boolean') return !n.read;
  if (n.readAt !== undefined) return n.readAt === null;
  return false;
}
