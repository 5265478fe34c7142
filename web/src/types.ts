/** The shapes of the HTTP contract (shared/API.md) that the web app reads. */

export type Role = 'member' | 'moderator' | 'admin';

export interface User {
  pseudonym: string;
  role: Role;
  createdAt: string;
}

export interface Board {
  slug: string;
  name: string;
  description: string;
  premoderated?: boolean;
  threadCount: number;
  lastActivityAt: string | null;
}

export type Status = 'published' | 'pending' | 'hidden' | 'removed' | 'deleted';

export interface Author {
  name: string;
  kind: 'member' | 'alias' | 'deleted';
  isOriginalPoster: boolean;
  role: Role | null;
}

export interface Thread {
  id: string;
  board: { slug: string; name: string };
  title: string;
  author: Author;
  contentWarning: string | null;
  status: Status;
  createdAt: string;
  lastActivityAt: string;
  replyCount: number;
}

export const REACTIONS = ['hug', 'relate', 'thanks', 'strength'] as const;
export type ReactionKind = (typeof REACTIONS)[number];
export type Reactions = Record<ReactionKind, number>;

export interface Post {
  id: string;
  threadId: string;
  author: Author;
  bodyHtml: string;
  /** The markdown, returned to its author only. */
  body?: string | null;
  contentWarning: string | null;
  status: Status;
  /** Why a moderator hid or removed it: shown to its author and moderators. */
  statusReason?: string | null;
  createdAt: string;
  editedAt: string | null;
  reactions: Reactions;
  myReactions: ReactionKind[];
  mine: boolean;
}

/** One hit of GET /api/search: `snippetHtml` is escaped text with `<mark>` around the matches. */
export interface SearchHit {
  thread: Thread;
  post: Post;
  snippetHtml: string;
}

export interface Resource {
  name: string;
  contact: string;
  url: string;
}

export interface Crisis {
  resources: Resource[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const FLAG_REASONS = ['crisis', 'harassment', 'spam', 'harmful', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export type Decision = 'approve' | 'hide' | 'remove' | 'escalate';

export interface PostEdit {
  body: string;
  contentWarning: string | null;
  editedAt: string;
}

export interface QueueItem {
  id: string;
  version: number;
  post: Post;
  thread: Thread;
  reasons: { reason: FlagReason; count: number; notes: string[] }[];
  automatic: string[];
  status: 'open' | 'escalated' | 'resolved';
  crisis?: boolean;
  claimedBy: string | null;
  createdAt: string;
  decision?: Decision | null;
  decisionReason?: string | null;
  appealNote?: string | null;
  authorHistory: { accountAgeDays: number | null; removedPosts: number };
  /** Earlier versions of the post (markdown), oldest first. */
  editHistory?: PostEdit[];
}

export interface LogEntry {
  id: string;
  actor: string;
  action: string;
  itemId?: string | null;
  postId?: string | null;
  subject: string | null;
  reason: string | null;
  createdAt: string;
}

/** GET /api/notifications (api/schemas/notifications.ts). */
export interface Notification {
  id: string;
  kind: 'reply' | 'reaction' | 'moderation' | 'crisis';
  thread: { id: string; title: string } | null;
  postId: string | null;
  data: {
    count?: number;
    reaction?: string;
    action?: string;
    reason?: string;
    suspendedUntil?: string;
    resources?: Resource[];
  };
  /** Who replied, as the thread shows them (an alias in an anonymous thread). */
  actor: { name: string | null; kind: Author['kind'] } | null;
  createdAt: string;
  read: boolean;
}

export interface NotificationPage extends Page<Notification> {
  /** Unread notifications in all, not only on this page. */
  unread: number;
}
