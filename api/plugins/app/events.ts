import fp from 'fastify-plugin';
import { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import type { EventPublisher, HavenEvent } from '../../events/types';

declare module 'fastify' {
  interface FastifyInstance {
    events: EventPublisher & {
      /** Local subscribers in this process (the SSE route). */
      subscribe(listener: (event: HavenEvent) => void): () => void;
    };
  }
}

/** In-process fan-out; the live-updates work replaces the transport with LISTEN/NOTIFY. */
async function eventsPlugin(app: FastifyInstance): Promise<void> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  app.decorate('events', {
    async publish(event: HavenEvent) {
      emitter.emit('event', event);
    },
    subscribe(listener: (event: HavenEvent) => void) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
  });
}

export default fp(eventsPlugin, { name: 'events' });
