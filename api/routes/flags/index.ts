import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { parseId } from '../../errors';
import { requireMemberOf } from '../../plugins/app/auth';
import { errorResponses, IdParams } from '../../schemas/common';
import { AppealBody, AppealResponse, FlagBody, FlagResponse } from '../../schemas/moderation';
import { appealPost, flagPost } from '../../services/moderation.service';
import { idempotencyKey } from '../../services/posting-guards';
import { IdempotencyHeaders } from '../../schemas/threads';

/** What members do toward moderation: flag a post, appeal a decision on their own. */
const flagRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/posts/:id/flags',
    {
      preHandler: app.requireActiveMember,
      schema: { tags: ['moderation'], params: IdParams, headers: IdempotencyHeaders, body: FlagBody, response: { 201: FlagResponse, ...errorResponses } },
    },
    async (request, reply) => {
      const key = idempotencyKey(request.headers['idempotency-key']);
      const outcome = await flagPost(app, requireMemberOf(request), parseId(request.params.id), request.body, key);
      for (const event of outcome.events) await app.events.publish(event);
      return reply.code(outcome.statusCode as 201).send(outcome.body);
    },
  );

  // Suspended members may still appeal: an appeal is exactly how a wrongly suspended author is heard.
  app.post(
    '/api/posts/:id/appeal',
    {
      preHandler: app.requireMember,
      schema: { tags: ['moderation'], params: IdParams, headers: IdempotencyHeaders, body: AppealBody, response: { 201: AppealResponse, ...errorResponses } },
    },
    async (request, reply) => {
      const key = idempotencyKey(request.headers['idempotency-key']);
      const outcome = await appealPost(app, requireMemberOf(request), parseId(request.params.id), request.body, key);
      for (const event of outcome.events) await app.events.publish(event);
      return reply.code(outcome.statusCode as 201).send(outcome.body);
    },
  );
};

export default flagRoutes;
