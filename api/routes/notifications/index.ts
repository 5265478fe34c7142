import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  countUnreadNotifications,
  listNotifications,
  markNotificationsRead,
  type NotificationListRow,
} from '../../db/notifications.repository';
import { requireMemberOf } from '../../plugins/app/auth';
import { badRequest } from '../../errors';
import { errorResponses, NoContent } from '../../schemas/common';
import {
  MarkReadBody,
  NotificationList,
  NotificationQuery,
  UnreadCount,
  type NotificationDto,
} from '../../schemas/notifications';

const ID = /^[1-9]\d{0,17}$/;

function toNotificationDto(row: NotificationListRow): NotificationDto {
  return {
    id: row.id,
    kind: row.kind,
    thread: row.threadId !== null && row.threadTitle !== null ? { id: row.threadId, title: row.threadTitle } : null,
    postId: row.postId,
    data: row.data,
    actor: row.actorKind === null ? null : { name: row.actorName, kind: row.actorKind },
    createdAt: row.createdAt.toISOString(),
    read: row.readAt !== null,
  };
}

const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/notifications',
    {
      preHandler: app.requireMember,
      schema: {
        tags: ['notifications'],
        description: 'Your notifications, newest first: replies in your threads, reactions to your posts (gathered), moderation decisions on your posts.',
        querystring: NotificationQuery,
        response: { 200: NotificationList, ...errorResponses },
      },
    },
    async (request) => {
      const member = requireMemberOf(request);
      const { limit = 20, cursor } = request.query;
      if (cursor !== undefined && !ID.test(cursor)) throw badRequest('invalid_cursor', 'That cursor is not one we gave out.');
      const rows = await listNotifications(app.db, member.id, { limit: limit + 1, before: cursor ?? null });
      const items = rows.slice(0, limit).map(toNotificationDto);
      return {
        items,
        nextCursor: rows.length > limit ? items.at(-1)!.id : null,
        unread: await countUnreadNotifications(app.db, member.id),
      };
    },
  );

  app.get(
    '/api/notifications/unread-count',
    {
      preHandler: app.requireMember,
      schema: { tags: ['notifications'], response: { 200: UnreadCount, ...errorResponses } },
    },
    async (request) => ({ count: await countUnreadNotifications(app.db, requireMemberOf(request).id) }),
  );

  app.post(
    '/api/notifications/read',
    {
      preHandler: app.requireMember,
      schema: {
        tags: ['notifications'],
        description: 'Marks every one of your notifications with an id up to `upTo` read.',
        body: MarkReadBody,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const member = requireMemberOf(request);
      if (!ID.test(request.body.upTo)) throw badRequest('invalid_request', 'upTo must be a notification id.');
      await markNotificationsRead(app.db, member.id, request.body.upTo);
      return reply.code(204).send(null);
    },
  );
};

export default notificationRoutes;
