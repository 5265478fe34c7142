import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { tooManyRequests } from '../../errors';

/**
 * Registered only when limits are on. Nothing is global: each route opts in with
 * `config: { rateLimit: … }`. Client addresses live only in this in-memory store.
 */
async function rateLimitPlugin(app: FastifyInstance, options: { enabled: boolean }): Promise<void> {
  app.decorate('rateLimitsEnabled', options.enabled);
  if (!options.enabled) return;
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => tooManyRequests(context.ttl / 1000),
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    rateLimitsEnabled: boolean;
  }
}

export default fp(rateLimitPlugin, { name: 'rate-limit' });
