import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Board } from '../../db/schema';
import { findBoardBySlug, insertBoard, listBoards, updateBoard } from '../../db/boards.repository';
import { conflict, notFound, unprocessable } from '../../errors';
import { requireMemberOf } from '../../plugins/app/auth';
import { errorResponses } from '../../schemas/common';
import { IdempotencyHeaders } from '../../schemas/threads';
import { idempotencyKey, postingTransaction, requestHash } from '../../services/posting-guards';
import {
  BoardList,
  BoardSchema,
  CreateBoardBody,
  SlugParams,
  UpdateBoardBody,
  type BoardDto,
} from '../../schemas/boards';
import { cleanText } from '../../text';

export function toBoardDto(board: Board): BoardDto {
  return {
    slug: board.slug,
    name: board.name,
    description: board.description,
    premoderated: board.premoderated,
    threadCount: board.thread_count,
    lastActivityAt: board.last_activity_at?.toISOString() ?? null,
  };
}

const SLUG = /^[a-z0-9][a-z0-9-]{1,39}$/;

function boardName(raw: string): string {
  const name = cleanText(raw);
  if (name.length < 1 || name.length > 80) throw unprocessable('invalid_name', 'A board name is 1–80 characters.');
  return name;
}

function boardDescription(raw: string): string {
  const description = cleanText(raw);
  if (description.length > 500) throw unprocessable('invalid_description', 'A description is at most 500 characters.');
  return description;
}

const boardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/boards', { schema: { tags: ['boards'], response: { 200: BoardList } } }, async () => ({
    items: (await listBoards(app.db)).map(toBoardDto),
  }));

  app.post(
    '/api/boards',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['boards'],
        headers: IdempotencyHeaders,
        body: CreateBoardBody,
        response: { 201: BoardSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { slug, premoderated } = request.body;
      if (!SLUG.test(slug)) {
        throw unprocessable('invalid_slug', 'A slug is 2–40 of a-z, 0-9 and -, starting with a letter or digit.');
      }
      const board = {
        slug,
        name: boardName(request.body.name),
        description: boardDescription(request.body.description),
        premoderated: premoderated ?? false,
        position: 1000,
      };
      // A creating POST: the same Idempotency-Key replays the first board instead of a 409.
      const key = idempotencyKey(request.headers['idempotency-key']);
      const admin = requireMemberOf(request);
      const outcome = await postingTransaction(app.db, admin.id, { key, hash: requestHash('board', request.body) }, async (trx) => {
        const created = await insertBoard(trx, board);
        if (!created) throw conflict('slug_taken', 'A board with that slug exists.');
        return { statusCode: 201, body: toBoardDto(created), events: [] };
      });
      return reply.code(outcome.statusCode as 201).send(outcome.body);
    },
  );

  app.patch(
    '/api/boards/:slug',
    {
      preHandler: app.requireRole('admin'),
      schema: { tags: ['boards'], params: SlugParams, body: UpdateBoardBody, response: { 200: BoardSchema, ...errorResponses } },
    },
    async (request) => {
      const { name, description, premoderated } = request.body;
      if (!(await findBoardBySlug(app.db, request.params.slug))) throw notFound('No board by that name.');
      const updated = await updateBoard(app.db, request.params.slug, {
        ...(name !== undefined && { name: boardName(name) }),
        ...(description !== undefined && { description: boardDescription(description) }),
        ...(premoderated !== undefined && { premoderated }),
      });
      if (!updated) throw notFound('No board by that name.');
      return toBoardDto(updated);
    },
  );
};

export default boardRoutes;
