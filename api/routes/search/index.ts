import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../schemas/common';
import { SearchPage, SearchQuery } from '../../schemas/threads';
import { viewerFrom } from '../../services/post-view';
import { search } from '../../services/search.service';

const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/search',
    { schema: { tags: ['search'], querystring: SearchQuery, response: { 200: SearchPage, ...errorResponses } } },
    async (request) => search(app.db, viewerFrom(request.member), request.query),
  );
};

export default searchRoutes;
