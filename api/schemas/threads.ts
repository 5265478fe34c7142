import { Type, type Static } from 'typebox';
import { DateTime, Page } from './common';

/**
 * The public shapes of threads and posts. These response schemas are the identity-leak guard:
 * an account id, the pseudonym behind an alias or a moderator's role behind one cannot be
 * serialised, because no field here carries them.
 */
export const ReactionKindSchema = Type.Union([
  Type.Literal('hug'),
  Type.Literal('relate'),
  Type.Literal('thanks'),
  Type.Literal('strength'),
]);

export const StatusSchema = Type.Union([
  Type.Literal('published'),
  Type.Literal('pending'),
  Type.Literal('hidden'),
  Type.Literal('removed'),
  Type.Literal('deleted'),
]);

export const AuthorSchema = Type.Object({
  name: Type.String(),
  kind: Type.Union([Type.Literal('member'), Type.Literal('alias'), Type.Literal('deleted')]),
  isOriginalPoster: Type.Boolean(),
  role: Type.Union([Type.Literal('member'), Type.Literal('moderator'), Type.Literal('admin')]),
});
export type AuthorDto = Static<typeof AuthorSchema>;

export const ReactionCounts = Type.Object({
  hug: Type.Integer(),
  relate: Type.Integer(),
  thanks: Type.Integer(),
  strength: Type.Integer(),
});

export const PostSchema = Type.Object({
  id: Type.String(),
  threadId: Type.String(),
  author: AuthorSchema,
  bodyHtml: Type.String(),
  contentWarning: Type.Union([Type.String(), Type.Null()]),
  status: StatusSchema,
  createdAt: DateTime,
  editedAt: Type.Union([DateTime, Type.Null()]),
  reactions: ReactionCounts,
  myReactions: Type.Array(ReactionKindSchema),
  mine: Type.Boolean(),
  /** The markdown, for its author only (to edit it). */
  body: Type.Optional(Type.String()),
  /** Why a moderator hid or removed it, for its author only. */
  statusReason: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
export type PostDto = Static<typeof PostSchema>;

export const ThreadSchema = Type.Object({
  id: Type.String(),
  board: Type.Object({ slug: Type.String(), name: Type.String() }),
  title: Type.String(),
  author: AuthorSchema,
  contentWarning: Type.Union([Type.String(), Type.Null()]),
  status: StatusSchema,
  createdAt: DateTime,
  lastActivityAt: DateTime,
  replyCount: Type.Integer(),
});
export type ThreadDto = Static<typeof ThreadSchema>;

export const CrisisSchema = Type.Union([
  Type.Null(),
  Type.Object({
    resources: Type.Array(Type.Object({ name: Type.String(), contact: Type.String(), url: Type.String() })),
  }),
]);
export type CrisisDto = Static<typeof CrisisSchema>;

export const ThreadPage = Page(ThreadSchema);
export const PostPage = Page(PostSchema);
export const ThreadWithPosts = Type.Object({
  thread: ThreadSchema,
  items: Type.Array(PostSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export const CreatedThread = Type.Object({ thread: ThreadSchema, post: PostSchema, crisis: CrisisSchema });
export const CreatedPost = Type.Object({ post: PostSchema, crisis: CrisisSchema });
export const ReactionsResponse = Type.Object({ reactions: ReactionCounts });

// Input limits here are generous on purpose: the exact limits (title 200, body 20,000, content
// warning 80) apply after cleaning, in the service, so that invisible characters do not count.
const Title = Type.String({ maxLength: 2_000 });
const Body = Type.String({ maxLength: 100_000 });
const ContentWarning = Type.Union([Type.String({ maxLength: 2_000 }), Type.Null()]);

export const CreateThreadBody = Type.Object(
  {
    title: Title,
    body: Body,
    contentWarning: Type.Optional(ContentWarning),
    anonymous: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateThreadBody = Static<typeof CreateThreadBody>;

export const CreatePostBody = Type.Object(
  { body: Body, contentWarning: Type.Optional(ContentWarning) },
  { additionalProperties: false },
);
export type CreatePostBody = Static<typeof CreatePostBody>;

export const UpdatePostBody = Type.Object(
  { body: Type.Optional(Body), contentWarning: Type.Optional(ContentWarning) },
  { additionalProperties: false },
);
export type UpdatePostBody = Static<typeof UpdatePostBody>;

export const ThreadListQuery = Type.Object({
  sort: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('new'), Type.Literal('unanswered')], { default: 'active' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
export type ThreadListQuery = Static<typeof ThreadListQuery>;

export const ReactionParams = Type.Object({ id: Type.String({ maxLength: 40 }), kind: Type.String({ maxLength: 40 }) });

export const SearchQuery = Type.Object({
  q: Type.String({ maxLength: 2_000 }),
  board: Type.Optional(Type.String({ maxLength: 60 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
export type SearchQuery = Static<typeof SearchQuery>;

export const SearchHit = Type.Object({ thread: ThreadSchema, post: PostSchema, snippetHtml: Type.String() });
export const SearchPage = Page(SearchHit);

export const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) });
