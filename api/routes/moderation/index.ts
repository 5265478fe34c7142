import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { decodeQueueCursor, encodeQueueCursor } from '../../../moderation/index';
import { findItem, listQueue } from '../../db/moderation-items.repository';
import { listModerationLog } from '../../db/moderation-log.repository';
import type { Viewer } from '../../db/posts.repository';
import type { ItemStatus } from '../../db/schema';
import { badRequest, notFound, parseId } from '../../errors';
import { requireMemberOf } from '../../plugins/app/auth';
import { errorResponses, IdParams, PageQuery } from '../../schemas/common';
import {
  DecisionBody,
  LogPage,
  QueueItemSchema,
  QueuePage,
  QueueQuery,
  SuspendBody,
  SuspendResponse,
  type QueueItemDto,
} from '../../schemas/moderation';
import { claim, decideItem, suspendAuthor } from '../../services/moderation.service';
import { toQueueItems } from '../../services/moderation-view';

/** `open` is everything still undecided: escalated items stay in it, marked, so nothing drops out of sight. */
const STATUSES: Record<'open' | 'escalated' | 'resolved', ItemStatus[]> = {
  open: ['open', 'escalated'],
  escalated: ['escalated'],
  resolved: ['resolved'],
};

const LOG_CURSOR = /^l1\.([1-9]\d{0,17})$/;

function decodeLogCursor(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const match = LOG_CURSOR.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(raw) || match === null) throw badRequest('invalid_cursor', 'That cursor is not one of ours.');
  return match[1]!;
}

const moderationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = app.requireRole('moderator');
  const writes = [staff, app.requireActiveMember];

  async function itemDto(itemId: string, viewer: Viewer): Promise<QueueItemDto> {
    const row = await findItem(app.db, itemId);
    if (row === undefined) throw notFound('No queue item by that id.');
    const [dto] = await toQueueItems(app.db, [row], viewer);
    return dto!;
  }

  app.get(
    '/api/moderation/queue',
    { preHandler: staff, schema: { tags: ['moderation'], querystring: QueueQuery, response: { 200: QueuePage, ...errorResponses } } },
    async (request) => {
      const member = requireMemberOf(request);
      const { status = 'open', limit = 20, cursor } = request.query;
      const after = cursor === undefined ? null : decodeQueueCursor(cursor);
      if (cursor !== undefined && after === null) throw badRequest('invalid_cursor', 'That cursor is not one of ours.');
      const rows = await listQueue(app.db, { statuses: STATUSES[status], after, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > limit && last !== undefined
          ? encodeQueueCursor({ crisis: last.crisis, weight: last.weight, createdAt: last.created_ms, id: last.id })
          : null;
      return { items: await toQueueItems(app.db, page, member), nextCursor };
    },
  );

  app.post(
    '/api/moderation/items/:id/claim',
    { preHandler: writes, schema: { tags: ['moderation'], params: IdParams, response: { 200: QueueItemSchema, ...errorResponses } } },
    async (request) => {
      const member = requireMemberOf(request);
      const id = parseId(request.params.id);
      await claim(app, member, id);
      return itemDto(id, member);
    },
  );

  app.post(
    '/api/moderation/items/:id/decision',
    {
      preHandler: writes,
      schema: { tags: ['moderation'], params: IdParams, body: DecisionBody, response: { 200: QueueItemSchema, ...errorResponses } },
    },
    async (request) => {
      const member = requireMemberOf(request);
      const id = parseId(request.params.id);
      await decideItem(app, member, id, request.body);
      return itemDto(id, member);
    },
  );

  app.post(
    '/api/moderation/items/:id/suspend',
    {
      preHandler: writes,
      schema: { tags: ['moderation'], params: IdParams, body: SuspendBody, response: { 200: SuspendResponse, ...errorResponses } },
    },
    async (request) => suspendAuthor(app, requireMemberOf(request), parseId(request.params.id), request.body),
  );

  app.get(
    '/api/moderation/log',
    { preHandler: staff, schema: { tags: ['moderation'], querystring: PageQuery, response: { 200: LogPage, ...errorResponses } } },
    async (request) => {
      const { limit = 20, cursor } = request.query;
      const rows = await listModerationLog(app.db, { beforeId: decodeLogCursor(cursor), limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          id: r.id,
          actor: r.actor_name,
          action: r.action,
          itemId: r.item_id,
          postId: r.post_id,
          subject: r.subject,
          reason: r.reason,
          createdAt: r.created_at.toISOString(),
        })),
        nextCursor: rows.length > limit && last !== undefined ? Buffer.from(`l1.${last.id}`).toString('base64url') : null,
      };
    },
  );
};

export default moderationRoutes;
