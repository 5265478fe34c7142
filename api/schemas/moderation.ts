import { Type, type Static } from 'typebox';
import { DateTime, NullableDateTime } from './common';
import { PostSchema, ThreadSchema } from './threads';

/**
 * Response schemas double as the identity-leak guard: nothing here can carry a flagger, an
 * account id, or the pseudonym behind an alias, because no such field is declared.
 */

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const FlagReasonSchema = Type.Union([
  Type.Literal('crisis'),
  Type.Literal('harassment'),
  Type.Literal('spam'),
  Type.Literal('harmful'),
  Type.Literal('other'),
]);

/**
 * The contract's post, plus the current reason, always. The markdown (`body`) stays the author's
 * alone, as the contract says; moderators judge the rendered text, which they see whatever the status.
 */
export const ModeratedPostSchema = Type.Object({
  ...PostSchema.properties,
  statusReason: Nullable(Type.String()),
});
export type ModeratedPostDto = Static<typeof ModeratedPostSchema>;

/** The contract's thread; moderators see its title even when others see a tombstone. */
export const ModeratedThreadSchema = ThreadSchema;
export type ModeratedThreadDto = Static<typeof ModeratedThreadSchema>;

export const ItemStatusSchema = Type.Union([Type.Literal('open'), Type.Literal('escalated'), Type.Literal('resolved')]);

export const QueueItemSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  post: ModeratedPostSchema,
  thread: ModeratedThreadSchema,
  reasons: Type.Array(Type.Object({ reason: FlagReasonSchema, count: Type.Integer(), notes: Type.Array(Type.String()) })),
  automatic: Type.Array(Type.String()),
  status: ItemStatusSchema,
  crisis: Type.Boolean(),
  weight: Type.Integer(),
  /** The pseudonym of the moderator holding a fresh claim, or null. */
  claimedBy: Nullable(Type.String()),
  claimedUntil: NullableDateTime,
  createdAt: DateTime,
  decision: Type.Union([
    Type.Literal('approve'),
    Type.Literal('hide'),
    Type.Literal('remove'),
    Type.Literal('escalate'),
    Type.Null(),
  ]),
  decisionReason: Nullable(Type.String()),
  resolvedAt: NullableDateTime,
  appealNote: Nullable(Type.String()),
  authorHistory: Type.Object({
    /** null when the author has deleted their account. */
    accountAgeDays: Type.Union([Type.Integer(), Type.Null()]),
    /** Other posts of theirs that moderators hid or removed. */
    removedPosts: Type.Integer(),
  }),
  editHistory: Type.Array(Type.Object({ body: Type.String(), contentWarning: Nullable(Type.String()), editedAt: DateTime })),
});
export type QueueItemDto = Static<typeof QueueItemSchema>;

export const QueueQuery = Type.Object({
  status: Type.Optional(
    Type.Union([Type.Literal('open'), Type.Literal('escalated'), Type.Literal('resolved')], { default: 'open' }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 400 })),
});

export const QueuePage = Type.Object({ items: Type.Array(QueueItemSchema), nextCursor: Nullable(Type.String()) });

export const FlagBody = Type.Object(
  { reason: FlagReasonSchema, note: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])) },
  { additionalProperties: false },
);

export const FlagResponse = Type.Object({
  flag: Type.Object({ id: Type.String(), reason: FlagReasonSchema, note: Nullable(Type.String()), createdAt: DateTime }),
});

export const DecisionBody = Type.Object(
  {
    action: Type.Union([Type.Literal('approve'), Type.Literal('hide'), Type.Literal('remove'), Type.Literal('escalate')]),
    reason: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
    version: Type.Integer({ minimum: 0, maximum: 2_147_483_647 }),
  },
  { additionalProperties: false },
);

export const SuspendBody = Type.Object(
  { days: Type.Integer(), reason: Type.String({ maxLength: 5000 }) },
  { additionalProperties: false },
);

export const SuspendResponse = Type.Object({ suspendedUntil: DateTime });

export const AppealBody = Type.Object({ note: Type.String({ maxLength: 10000 }) }, { additionalProperties: false });

export const AppealResponse = Type.Object({
  appeal: Type.Object({ postId: Type.String(), note: Type.String(), createdAt: DateTime }),
});

export const LogEntrySchema = Type.Object({
  id: Type.String(),
  /** The moderator's pseudonym, or "author" (an appeal) or "cli" (an operator). */
  actor: Type.String(),
  action: Type.String(),
  itemId: Nullable(Type.String()),
  postId: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  createdAt: DateTime,
});
export type LogEntryDto = Static<typeof LogEntrySchema>;

export const LogPage = Type.Object({ items: Type.Array(LogEntrySchema), nextCursor: Nullable(Type.String()) });
