import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorBody } from '../../errors';

/**
 * Serves the built Lit app. Hashed assets are immutable and cached for a year; index.html is
 * never cached so a deploy is picked up at once. Unknown non-API paths get index.html, so
 * deep links work with the client-side router.
 */
async function webPlugin(app: FastifyInstance, options: { root: string }): Promise<void> {
  const index = join(options.root, 'index.html');
  if (!existsSync(index)) {
    app.log.warn(`no web build at ${options.root}; run npm run build`);
    return;
  }
  await app.register(fastifyStatic, {
    root: options.root,
    wildcard: false,
    index: false,
    setHeaders(res, path) {
      if (path.includes('/assets/')) res.header('cache-control', 'public, max-age=31536000, immutable');
      else res.header('cache-control', 'no-cache');
    },
  });
  const sendIndex = (_request: unknown, reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html');
  app.get('/', { schema: { hide: true } }, sendIndex);
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(path)) {
      return reply.code(404).send(errorBody('not_found', `No route for GET ${path}`));
    }
    return sendIndex(request, reply);
  });
}

export default fp(webPlugin, { name: 'web' });
