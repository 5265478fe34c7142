import { Type, type Static } from 'typebox';
import { DateTime, PageQuery } from './common';

/**
 * What a notification's `data` may show. Only these keys are ever serialised, whatever a writer
 * stored: the response schema is the guard that keeps who reacted, who flagged, or the account
 * behind an alias out of a notification. Add a key here (with care) to show more.
 */
export const NotificationData = Type.Object(
  {
    /** reaction: how many reactions this unread notification gathers. */
    count: Type.Optional(Type.Integer()),
    /** reaction: the latest kind (hug, relate, thanks, strength). */
    reaction: Type.Optional(Type.String()),
    /** moderation: approve | hide | remove | escalate | suspend, and the reason the author is shown. */
    action: Type.Optional(Type.String()),
    reason: Type.Optional(Type.String()),
    /** moderation (suspension): until when. */
    suspendedUntil: Type.Optional(Type.String()),
    /** crisis: support resources to show at once. */
    resources: Type.Optional(
      Type.Array(Type.Object({ name: Type.String(), contact: Type.String(), url: Type.String() })),
    ),
  },
  { additionalProperties: false },
);

export const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('reply'), Type.Literal('reaction'), Type.Literal('moderation'), Type.Literal('crisis')]),
  thread: Type.Union([Type.Object({ id: Type.String(), title: Type.String() }), Type.Null()]),
  postId: Type.Union([Type.String(), Type.Null()]),
  data: NotificationData,
  /** reply: who replied, as the thread shows them (an alias in an anonymous thread). */
  actor: Type.Union([
    Type.Object({ name: Type.Union([Type.String(), Type.Null()]), kind: Type.Union([Type.Literal('member'), Type.Literal('alias'), Type.Literal('deleted')]) }),
    Type.Null(),
  ]),
  createdAt: DateTime,
  read: Type.Boolean(),
});
export type NotificationDto = Static<typeof NotificationSchema>;

export const NotificationQuery = PageQuery;

export const NotificationList = Type.Object({
  items: Type.Array(NotificationSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  /** Unread notifications in all (not only this page). */
  unread: Type.Integer(),
});

export const UnreadCount = Type.Object({ count: Type.Integer() });

export const MarkReadBody = Type.Object(
  { upTo: Type.String({ maxLength: 40, description: 'Mark every notification with an id up to this one read.' }) },
  { additionalProperties: false },
);
export type MarkReadBody = Static<typeof MarkReadBody>;
