import fp from 'fastify-plugin';
import sse from '@fastify/sse';
import type { FastifyInstance } from 'fastify';

/** Server-Sent Events with a comment-line heartbeat so proxies keep idle streams open. */
async function ssePlugin(app: FastifyInstance, options: { heartbeatMs: number }): Promise<void> {
  await app.register(sse, { heartbeatInterval: options.heartbeatMs });
}

export default fp(ssePlugin, { name: 'sse' });
