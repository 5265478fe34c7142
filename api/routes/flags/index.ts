import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { parseId } from '../../errors';
import { requireMemberOf } from '../../plugins/app/auth';
import { errorResponses, IdParams } from '../../schemas/common';
import { AppealBody, AppealResponse, FlagBody, FlagResponse } from '../../schemas/moderation';
import { appealPost, flagPost } from '../../services/moderation.service';

/** What members do toward moderation: flag a post, appeal a decision on their own. */
const flagRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/posts/:id/flags',
    {
      preHandler: app.requireActiveMember,
      schema: { tags: ['moderation'], params: IdParams, body: FlagBody, response: { 201: FlagResponse, ...errorResponses } },
    },
    async (request, reply) => {
      const flag = await flagPost(app, requireMemberOf(request), parseId(request.params.id), request.body);
      return reply.code(201).send({ flag });
    },
  );

  // Suspended members may still appeal: an appeal is exactly how a wrongly suspended author is heard.
  app.post(
    '/api/posts/:id/appeal',
    {
      preHandler: app.requireMember,
      schema: { tags: ['moderation'], params: IdParams, body: AppealBody, response: { 201: AppealResponse, ...errorResponses } },
    },
    async (request, reply) => {
      const appeal = await appealPost(app, requireMemberOf(request), parseId(request.params.id), request.body.note);
      return reply.code(201).send({ appeal });
    },
  );
};

export default flagRoutes;
