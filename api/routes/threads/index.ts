import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { findBoardBySlug } from '../../db/boards.repository';
import { threadPostsPage, type PostRow, type Viewer } from '../../db/posts.repository';
import { boardThreadsPage, findThreadView, findThreadWithFirstPage, threadSortKey, type ThreadSort } from '../../db/threads.repository';
import { notFound, parseId } from '../../errors';
import { requireMemberOf } from '../../plugins/app/auth';
import { errorResponses, IdParams, PageQuery } from '../../schemas/common';
import { SlugParams } from '../../schemas/boards';
import {
  CreatedPost,
  CreatedThread,
  CreatePostBody,
  CreateThreadBody,
  IdempotencyHeaders,
  PostPage,
  ThreadListQuery,
  ThreadPage,
  ThreadWithPosts,
} from '../../schemas/threads';
import { decodeCursor, encodeCursor } from '../../services/cursor';
import { canSeeThread, toPostDto, toThreadDto, viewerFrom } from '../../services/post-view';
import { createReply, createThread } from '../../services/posting.service';
import { idempotencyKey } from '../../services/posting-guards';

/** Rows fetched with limit + 1 into a page: the extra row only says that more follow. */
function pageOf(rows: PostRow[], viewer: Viewer | null, limit: number) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((post) => toPostDto(post, viewer)),
    nextCursor: rows.length > limit && last ? encodeCursor('p', [last.id]) : null,
  };
}

const threadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const postsPage = async (threadId: string, viewer: Viewer | null, after: string | null, limit: number) =>
    pageOf(await threadPostsPage(app.db, threadId, viewer, after, limit).execute(), viewer, limit);

  app.get(
    '/api/boards/:slug/threads',
    { schema: { tags: ['threads'], params: SlugParams, querystring: ThreadListQuery, response: { 200: ThreadPage, ...errorResponses } } },
    async (request) => {
      const sort: ThreadSort = request.query.sort ?? 'active';
      const limit = request.query.limit ?? 20;
      const board = await findBoardBySlug(app.db, request.params.slug);
      if (!board) throw notFound('No board by that name.');
      const after = request.query.cursor === undefined ? null : decodeCursor(request.query.cursor, `t${sort}`, ['time', 'id']);
      const rows = await boardThreadsPage(app.db, board.id, sort, after && [String(after[0]), String(after[1])], limit).execute();
      const page = rows.slice(0, limit);
      const viewer = viewerFrom(request.member);
      const last = page[page.length - 1];
      return {
        items: page.map((row) => toThreadDto(row, viewer)),
        nextCursor: rows.length > limit && last ? encodeCursor(`t${sort}`, threadSortKey(last)) : null,
      };
    },
  );

  app.post(
    '/api/boards/:slug/threads',
    {
      preHandler: app.requireActiveMember,
      schema: {
        tags: ['threads'],
        params: SlugParams,
        headers: IdempotencyHeaders,
        body: CreateThreadBody,
        response: { 201: CreatedThread, ...errorResponses },
      },
    },
    async (request, reply) => {
      const member = requireMemberOf(request);
      const outcome = await createThread(app, member, request.params.slug, request.body, idempotencyKey(request.headers['idempotency-key']));
      for (const event of outcome.events) await app.events.publish(event);
      return reply.code(outcome.statusCode as 201).send(outcome.body);
    },
  );

  app.get(
    '/api/threads/:id',
    { schema: { tags: ['threads'], params: IdParams, querystring: PageQuery, response: { 200: ThreadWithPosts, ...errorResponses } } },
    async (request) => {
      const id = parseId(request.params.id);
      const limit = request.query.limit ?? 20;
      const viewer = viewerFrom(request.member);
      if (request.query.cursor !== undefined) {
        // A later page of the same thread: the thread row and the page, as /posts serves it.
        const after = String(decodeCursor(request.query.cursor, 'p', ['id'])[0]);
        const thread = await findThreadView(app.db, id);
        if (!thread || !canSeeThread(thread, viewer)) throw notFound('No thread by that id.');
        return { thread: toThreadDto(thread, viewer), ...(await postsPage(id, viewer, after, limit)) };
      }
      const row = await findThreadWithFirstPage(app.db, id, viewer, limit);
      if (!row || !canSeeThread(row, viewer)) throw notFound('No thread by that id.');
      return { thread: toThreadDto(row, viewer), ...pageOf(row.posts, viewer, limit) };
    },
  );

  app.get(
    '/api/threads/:id/posts',
    { schema: { tags: ['threads'], params: IdParams, querystring: PageQuery, response: { 200: PostPage, ...errorResponses } } },
    async (request) => {
      const id = parseId(request.params.id);
      const after = request.query.cursor === undefined ? null : String(decodeCursor(request.query.cursor, 'p', ['id'])[0]);
      const viewer = viewerFrom(request.member);
      const thread = await findThreadView(app.db, id);
      if (!thread || !canSeeThread(thread, viewer)) throw notFound('No thread by that id.');
      return postsPage(id, viewer, after, request.query.limit ?? 20);
    },
  );

  app.post(
    '/api/threads/:id/posts',
    {
      preHandler: app.requireActiveMember,
      schema: {
        tags: ['threads'],
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CreatePostBody,
        response: { 201: CreatedPost, ...errorResponses },
      },
    },
    async (request, reply) => {
      const member = requireMemberOf(request);
      const id = parseId(request.params.id);
      const outcome = await createReply(app, member, id, request.body, idempotencyKey(request.headers['idempotency-key']));
      for (const event of outcome.events) await app.events.publish(event);
      return reply.code(outcome.statusCode as 201).send(outcome.body);
    },
  );
};

export default threadRoutes;
