import { Type, type Static } from 'typebox';
import { DateTime, NullableDateTime } from './common';
import { UserSchema } from './auth';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const Status = Type.Union([
  Type.Literal('published'),
  Type.Literal('pending'),
  Type.Literal('hidden'),
  Type.Literal('removed'),
  Type.Literal('deleted'),
]);

/**
 * Everything Haven keeps about one account, as its owner may see it. Declared field by field
 * because the response schema is the leak guard: nothing undeclared (another member's account,
 * who else flagged, session ids) is ever serialised.
 */
export const ExportSchema = Type.Object({
  format: Type.Literal('haven-export-1'),
  exportedAt: DateTime,
  profile: UserSchema,
  sessions: Type.Array(Type.Object({ createdAt: DateTime, lastSeenAt: DateTime, expiresAt: DateTime })),
  threads: Type.Array(
    Type.Object({
      id: Type.String(),
      board: Type.Object({ slug: Type.String(), name: Type.String() }),
      title: Type.String(),
      contentWarning: Nullable(Type.String()),
      anonymous: Type.Boolean(),
      status: Status,
      createdAt: DateTime,
      lastActivityAt: DateTime,
      replyCount: Type.Integer(),
    }),
  ),
  aliases: Type.Array(Type.Object({ threadId: Type.String(), alias: Type.String() })),
  posts: Type.Array(
    Type.Object({
      id: Type.String(),
      threadId: Type.String(),
      isOpeningPost: Type.Boolean(),
      asAlias: Type.Boolean(),
      body: Nullable(Type.String()),
      bodyHtml: Type.String(),
      contentWarning: Nullable(Type.String()),
      status: Status,
      statusReason: Nullable(Type.String()),
      createdAt: DateTime,
      editedAt: NullableDateTime,
      reactions: Type.Object({
        hug: Type.Integer(),
        relate: Type.Integer(),
        thanks: Type.Integer(),
        strength: Type.Integer(),
      }),
      edits: Type.Array(
        Type.Object({ body: Type.String(), contentWarning: Nullable(Type.String()), editedAt: DateTime }),
      ),
    }),
  ),
  reactions: Type.Array(Type.Object({ postId: Type.String(), kind: Type.String(), createdAt: DateTime })),
  flags: Type.Array(
    Type.Object({
      postId: Type.String(),
      reason: Type.String(),
      note: Nullable(Type.String()),
      createdAt: DateTime,
    }),
  ),
  appeals: Type.Array(Type.Object({ postId: Type.String(), note: Type.String() })),
  notifications: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      threadId: Nullable(Type.String()),
      postId: Nullable(Type.String()),
      data: Type.Record(Type.String(), Type.Unknown()),
      createdAt: DateTime,
      readAt: NullableDateTime,
    }),
  ),
  moderationActions: Type.Array(
    Type.Object({
      action: Type.String(),
      itemId: Nullable(Type.String()),
      postId: Nullable(Type.String()),
      reason: Nullable(Type.String()),
      createdAt: DateTime,
    }),
  ),
});
export type ExportDocument = Static<typeof ExportSchema>;
