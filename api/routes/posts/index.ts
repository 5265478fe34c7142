import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { parseId } from '../../errors';
import { requireMemberOf } from '../../plugins/app/auth';
import { errorResponses, IdParams, NoContent } from '../../schemas/common';
import { PostSchema, ReactionParams, ReactionsResponse, UpdatePostBody } from '../../schemas/threads';
import { deletePost, editPost, reactionKind, setReaction } from '../../services/post-changes.service';

const postRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.patch(
    '/api/posts/:id',
    {
      preHandler: app.requireActiveMember,
      schema: { tags: ['posts'], params: IdParams, body: UpdatePostBody, response: { 200: PostSchema, ...errorResponses } },
    },
    async (request) => {
      const outcome = await editPost(app, requireMemberOf(request), parseId(request.params.id), request.body);
      for (const event of outcome.events) await app.events.publish(event);
      return outcome.body;
    },
  );

  // Deleting stays open to a suspended member: taking one's own words back is never refused.
  app.delete(
    '/api/posts/:id',
    {
      preHandler: app.requireMember,
      schema: { tags: ['posts'], params: IdParams, response: { 204: NoContent, ...errorResponses } },
    },
    async (request, reply) => {
      await deletePost(app, requireMemberOf(request), parseId(request.params.id));
      return reply.code(204).send(null);
    },
  );

  for (const method of ['PUT', 'DELETE'] as const) {
    app.route({
      method,
      url: '/api/posts/:id/reactions/:kind',
      preHandler: method === 'PUT' ? app.requireActiveMember : app.requireMember,
      schema: { tags: ['posts'], params: ReactionParams, response: { 200: ReactionsResponse, ...errorResponses } },
      handler: async (request) => {
        const id = parseId(request.params.id);
        const kind = reactionKind(request.params.kind);
        const outcome = await setReaction(app, requireMemberOf(request), id, kind, method === 'PUT');
        for (const event of outcome.events) await app.events.publish(event);
        return outcome.body;
      },
    });
  }
};

export default postRoutes;
