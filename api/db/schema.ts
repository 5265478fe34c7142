import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** bigint identity columns come back from pg as strings; we keep them as opaque strings. */
type RefId = ColumnType<string, string | number | bigint, string | number | bigint>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type Role = 'member' | 'moderator' | 'admin';
export type PostStatus = 'published' | 'pending' | 'hidden' | 'removed' | 'deleted';
export type ReactionKind = 'hug' | 'relate' | 'thanks' | 'strength';
export type FlagReason = 'crisis' | 'harassment' | 'spam' | 'harmful' | 'other';
export type ItemStatus = 'open' | 'escalated' | 'resolved';
export type DecisionAction = 'approve' | 'hide' | 'remove' | 'escalate';
export type LogAction = 'claim' | DecisionAction | 'suspend' | 'role' | 'appeal' | 'board';
export type NotificationKind = 'reply' | 'reaction' | 'moderation' | 'crisis';

export interface AccountsTable {
  id: Generated<string>;
  pseudonym: string;
  password_hash: string;
  recovery_hash: string;
  role: ColumnType<Role, Role | undefined, Role>;
  suspended_until: NullableTimestamp;
  suspension_reason: string | null;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  id: string;
  account_id: RefId;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface BoardsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  premoderated: ColumnType<boolean, boolean | undefined, boolean>;
  position: ColumnType<number, number | undefined, number>;
  thread_count: ColumnType<number, number | undefined, number>;
  last_activity_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface ThreadsTable {
  id: Generated<string>;
  board_id: RefId;
  account_id: ColumnType<string | null, string | number | bigint, string | number | bigint | null>;
  anonymous: ColumnType<boolean, boolean | undefined, boolean>;
  title: string;
  content_warning: string | null;
  status: ColumnType<PostStatus, PostStatus | undefined, PostStatus>;
  reply_count: ColumnType<number, number | undefined, number>;
  answered: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Generated<Date>;
  last_activity_at: Timestamp;
}

export interface ThreadAliasesTable {
  thread_id: RefId;
  account_id: RefId;
  alias: string;
}

export interface PostsTable {
  id: Generated<string>;
  thread_id: RefId;
  account_id: ColumnType<string | null, string | number | bigint, string | number | bigint | null>;
  as_alias: ColumnType<boolean, boolean | undefined, boolean>;
  is_opening: ColumnType<boolean, boolean | undefined, boolean>;
  body_md: string | null;
  body_html: ColumnType<string, string | undefined, string>;
  render_version: ColumnType<number, number | undefined, number>;
  content_warning: string | null;
  status: ColumnType<PostStatus, PostStatus | undefined, PostStatus>;
  status_reason: string | null;
  reaction_hug: ColumnType<number, never, never>;
  reaction_relate: ColumnType<number, never, never>;
  reaction_thanks: ColumnType<number, never, never>;
  reaction_strength: ColumnType<number, never, never>;
  created_at: Generated<Date>;
  edited_at: NullableTimestamp;
  search: ColumnType<string, never, never>;
}

export interface PostEditsTable {
  id: Generated<string>;
  post_id: RefId;
  body_md: string;
  content_warning: string | null;
  edited_at: Generated<Date>;
}

export interface ReactionsTable {
  post_id: RefId;
  account_id: RefId;
  kind: ReactionKind;
  created_at: Generated<Date>;
}

export interface ModerationItemsTable {
  id: Generated<string>;
  post_id: RefId;
  status: ColumnType<ItemStatus, ItemStatus | undefined, ItemStatus>;
  crisis: ColumnType<boolean, boolean | undefined, boolean>;
  weight: ColumnType<number, number | undefined, number>;
  automatic: ColumnType<string[], string[] | undefined, string[]>;
  version: ColumnType<number, number | undefined, number>;
  claimed_by: ColumnType<string | null, string | number | bigint | null | undefined, string | number | bigint | null>;
  claimed_until: NullableTimestamp;
  decision: DecisionAction | null;
  decision_reason: string | null;
  appeal_note: string | null;
  created_at: Generated<Date>;
  resolved_at: NullableTimestamp;
}

export interface FlagsTable {
  id: Generated<string>;
  post_id: RefId;
  account_id: ColumnType<string | null, string | number | bigint, string | number | bigint | null>;
  item_id: RefId;
  reason: FlagReason;
  note: string | null;
  created_at: Generated<Date>;
}

export interface ModerationLogTable {
  id: Generated<string>;
  actor_id: ColumnType<string | null, string | number | bigint | null, never>;
  actor_name: ColumnType<string, string, never>;
  action: ColumnType<LogAction, LogAction, never>;
  item_id: ColumnType<string | null, string | number | bigint | null | undefined, never>;
  post_id: ColumnType<string | null, string | number | bigint | null | undefined, never>;
  subject: ColumnType<string | null, string | null | undefined, never>;
  reason: ColumnType<string | null, string | null | undefined, never>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface NotificationsTable {
  id: Generated<string>;
  account_id: RefId;
  kind: NotificationKind;
  thread_id: ColumnType<string | null, string | number | bigint | null | undefined, string | null>;
  post_id: ColumnType<string | null, string | number | bigint | null | undefined, string | null>;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Generated<Date>;
  read_at: NullableTimestamp;
}

export interface IdempotencyKeysTable {
  account_id: RefId;
  key: string;
  request_hash: string;
  status_code: number;
  response: ColumnType<unknown, string, string>;
  created_at: Generated<Date>;
}

export interface EventsTable {
  id: Generated<string>;
  type: string;
  payload: ColumnType<Record<string, unknown>, string, never>;
  account_id: ColumnType<string | null, string | number | bigint | null | undefined, never>;
  created_at: Generated<Date>;
}

export interface Database {
  accounts: AccountsTable;
  sessions: SessionsTable;
  boards: BoardsTable;
  threads: ThreadsTable;
  thread_aliases: ThreadAliasesTable;
  posts: PostsTable;
  post_edits: PostEditsTable;
  reactions: ReactionsTable;
  moderation_items: ModerationItemsTable;
  flags: FlagsTable;
  moderation_log: ModerationLogTable;
  notifications: NotificationsTable;
  idempotency_keys: IdempotencyKeysTable;
  events: EventsTable;
}

export type Account = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;
export type AccountUpdate = Updateable<AccountsTable>;
export type Board = Selectable<BoardsTable>;
export type Thread = Selectable<ThreadsTable>;
export type Post = Selectable<PostsTable>;
export type ModerationItem = Selectable<ModerationItemsTable>;
