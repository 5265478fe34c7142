import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ResourceList } from '../../schemas/boards';

const resourcesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/resources', { schema: { tags: ['boards'], response: { 200: ResourceList } } }, async () => ({
    items: [...app.crisisResources],
  }));
};

export default resourcesRoutes;
