import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config';
import type { DatabaseHandle } from '../../db/connect';
import type { Listening } from '../../db/listen';
import { appendEvent, EVENTS_CHANNEL, eventsAfter, latestEventId, pruneEvents } from '../../db/events.repository';
import { EventDispatcher, type EventListener } from '../../events/dispatcher';
import type { EventPublisher, HavenEvent, PublishOptions } from '../../events/types';

declare module 'fastify' {
  interface FastifyInstance {
    events: EventPublisher & {
      /**
       * This process's subscribers (the SSE streams): every event from every process, once,
       * in id order, with its id. Returns the unsubscribe function.
       */
      subscribe(listener: EventListener): () => void;
      /** Local subscribers right now (open streams), for operators and the benchmark. */
      readonly subscriberCount: number;
      /** The id of the last event handed to subscribers. */
      readonly lastDeliveredId: string;
      /** Reads the log now; resolves once everything committed so far is delivered (tests). */
      catchUp(): Promise<void>;
    };
  }
}

export interface EventsPluginOptions {
  handle: DatabaseHandle;
  config: Pick<Config, 'eventRetentionMinutes' | 'liveSweepMs'>;
}

const PRUNE_EVERY_MS = 5 * 60_000;

/**
 * Publishing writes the event to the `events` log and NOTIFYs `haven_events`; every process
 * LISTENs on a connection of its own and, when woken, reads the log after its cursor and hands
 * the events to its local SSE streams. On PGlite (one process) the same path runs through
 * PGlite's own listen(). The log gives every event its id for Last-Event-ID resumes.
 */
async function eventsPlugin(app: FastifyInstance, options: EventsPluginOptions): Promise<void> {
  const { handle, config } = options;
  const db = handle.db;
  const dispatcher = new EventDispatcher(await latestEventId(db), {
    read: (afterId, limit) => eventsAfter(db, afterId, limit),
    onError: (error) => app.log.error({ err: error }, 'could not read the event log'),
  });

  const listening: Listening = await handle.listen(EVENTS_CHANNEL, {
    onWake: () => void dispatcher.wake(),
    onTrouble: (message, error) => app.log.warn({ err: error }, message),
  });

  // A safety net under NOTIFY: a half-open listener connection can go quiet without an error.
  const sweep = setInterval(() => void dispatcher.wake(), config.liveSweepMs);
  sweep.unref();
  const prune = setInterval(() => {
    pruneEvents(db, config.eventRetentionMinutes).catch((error: unknown) =>
      app.log.warn({ err: error }, 'could not prune the event log'),
    );
  }, PRUNE_EVERY_MS);
  prune.unref();

  app.decorate('events', {
    async publish(event: HavenEvent, publishOptions: PublishOptions = {}) {
      if (publishOptions.trx) {
        // Delivered by the NOTIFY when the caller's transaction commits.
        await appendEvent(publishOptions.trx, event);
        return;
      }
      await db.transaction().execute((trx) => appendEvent(trx, event));
      // Local streams need not wait for the round trip through LISTEN.
      void dispatcher.wake();
    },
    subscribe: (listener: EventListener) => dispatcher.subscribe(listener),
    get subscriberCount() {
      return dispatcher.subscriberCount;
    },
    get lastDeliveredId() {
      return dispatcher.cursor;
    },
    catchUp: () => dispatcher.wake(),
  });

  app.addHook('onClose', async () => {
    clearInterval(sweep);
    clearInterval(prune);
    await listening.close();
    await dispatcher.stop();
  });
}

export default fp(eventsPlugin, { name: 'events', dependencies: ['db'] });
