import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { eventIdBounds, visibleEventsAfter } from '../../db/events.repository';
import type { Role } from '../../db/schema';
import { liveSessionRoles } from '../../db/sessions.repository';
import { badRequest } from '../../errors';
import { canSee, clientData, type Viewer } from '../../events/audience';
import { ConnectionRegistry } from '../../events/connections';
import type { HavenEvent, StoredEvent } from '../../events/types';
import { errorResponses } from '../../schemas/common';
import { EVENTS_DESCRIPTION, EventsQuery, MAX_LIVE_THREADS } from '../../schemas/events';

/** A resume that would need more than this is told to refetch instead (`resync`). */
const REPLAY_LIMIT = 1000;
/** A client this far behind is cut off; it reconnects with Last-Event-ID and catches up from the log. */
const MAX_UNSENT_BYTES = 256 * 1024;
const ID = /^[1-9]\d{0,17}$/;
const isModerator = (role: Role | undefined) => role === 'moderator' || role === 'admin';

interface SignedInStream {
  sessionId: string;
  moderator: boolean;
  close(): void;
}

function parseThreads(raw: string | undefined): Set<string> {
  const ids = (raw ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (ids.some((id) => !ID.test(id))) throw badRequest('invalid_request', 'threads must be a comma-separated list of thread ids.');
  const threads = new Set(ids);
  if (threads.size > MAX_LIVE_THREADS) throw badRequest('invalid_request', `Follow at most ${MAX_LIVE_THREADS} threads at once.`);
  return threads;
}

/** Last-Event-ID comes back from the browser as we sent it; anything else is ignored (and resynced). */
function parseResumePoint(header: string | string[] | undefined, query: string | undefined): { after: bigint | null; garbled: boolean } {
  const raw = (typeof header === 'string' ? header : undefined) ?? query;
  if (raw === undefined || raw.trim() === '') return { after: null, garbled: false };
  if (raw.trim() === '0') return { after: 0n, garbled: false };
  return ID.test(raw.trim()) ? { after: BigInt(raw.trim()), garbled: false } : { after: null, garbled: true };
}

/**
 * One client's stream. Events are written in strictly increasing id order, and an id at or
 * below the last one written is dropped: that is what lets the replay and the live feed overlap
 * without a duplicate. Until `goLive`, live events wait in a buffer behind the replay.
 */
class LiveStream {
  #lastSent: bigint;
  #buffer: StoredEvent[] | null = [];

  constructor(
    private readonly reply: FastifyReply,
    private readonly viewer: Viewer,
    lastSent: bigint,
  ) {
    this.#lastSent = lastSent;
  }

  set lastSent(value: bigint) {
    this.#lastSent = value;
  }

  readonly onEvent = (event: HavenEvent, id: string): void => {
    if (!canSee(this.viewer, event)) return;
    if (this.#buffer) this.#buffer.push({ id, event });
    else this.write({ id, event });
  };

  write({ id, event }: StoredEvent): void {
    const n = BigInt(id);
    if (n <= this.#lastSent || !this.reply.sse.isConnected) return;
    this.#lastSent = n;
    if (this.reply.raw.writableLength > MAX_UNSENT_BYTES) {
      this.reply.sse.close();
      return;
    }
    this.reply.sse.send({ id, event: event.type, data: clientData(event) }).catch(() => undefined);
  }

  goLive(): void {
    const buffered = this.#buffer ?? [];
    this.#buffer = null;
    for (const e of buffered) this.write(e);
  }
}

const eventsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config } = app;
  const registry = new ConnectionRegistry({
    perAccount: config.liveMaxPerAccount,
    perAddress: config.liveMaxPerAddress,
    total: config.liveMaxConnections,
  });
  // Open streams would keep the server from closing: end them first.
  app.addHook('preClose', async () => registry.closeAll());

  // A stream's rights were checked when it opened. Recheck them now and then, in one query, so a
  // signed-out session or a changed role does not keep a stream going; the browser reconnects
  // (with Last-Event-ID) and gets the rights it has now.
  const signedIn = new Set<SignedInStream>();
  const recheck = setInterval(() => {
    if (signedIn.size === 0) return;
    const streams = [...signedIn];
    liveSessionRoles(app.db, [...new Set(streams.map((s) => s.sessionId))], config.sessionIdleMinutes)
      .then((roles) => {
        for (const s of streams) {
          const role = roles.get(s.sessionId);
          if (role === undefined || isModerator(role) !== s.moderator) s.close();
        }
      })
      .catch((error: unknown) => app.log.warn({ err: error }, 'could not recheck live streams'));
  }, config.liveRecheckMs);
  recheck.unref();
  app.addHook('onClose', async () => clearInterval(recheck));

  app.get(
    '/api/events',
    {
      sse: { kind: 'manual' },
      schema: {
        tags: ['live'],
        summary: 'Live updates (Server-Sent Events)',
        description: EVENTS_DESCRIPTION,
        querystring: EventsQuery,
        response: {
          200: {
            description: 'An event stream (text/event-stream) that stays open.',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const threads = parseThreads(request.query.threads);
      const member = request.member;
      const viewer: Viewer = {
        accountId: member?.id ?? null,
        moderator: isModerator(member?.role),
        threads,
      };
      const resume = parseResumePoint(request.headers['last-event-id'], request.query.lastEventId);
      const lease = registry.acquire(member ? { account: member.id } : { address: request.ip }, () => reply.sse.close());

      // Subscribe before reading what was missed, so nothing falls between the two.
      const stream = new LiveStream(reply, viewer, 0n);
      const unsubscribe = app.events.subscribe(stream.onEvent);
      const watched: SignedInStream | null = member
        ? { sessionId: member.sessionId, moderator: viewer.moderator, close: () => reply.sse.close() }
        : null;
      if (watched) signedIn.add(watched);
      const release = () => {
        unsubscribe();
        lease.release();
        if (watched) signedIn.delete(watched);
      };
      reply.sse.onClose(release);

      let resync = resume.garbled;
      let replay: StoredEvent[] = [];
      try {
        if (resume.after !== null) {
          const { min, max } = await eventIdBounds(app.db);
          if (max === null || resume.after > BigInt(max)) {
            // Not an id of this log (or the log is empty): start afresh.
            resync = true;
          } else {
            stream.lastSent = resume.after;
            if (min !== null && BigInt(min) > resume.after + 1n) resync = true;
            const missed = await visibleEventsAfter(app.db, resume.after.toString(), viewer, REPLAY_LIMIT + 1);
            if (missed.length > REPLAY_LIMIT) resync = true;
            else replay = missed;
          }
        }
      } catch (error) {
        release();
        throw error;
      }
      if (!reply.sse.isConnected) return;

      reply.sse.keepAlive();
      await reply.sse.send({ event: 'ready', data: { resync }, retry: config.liveRetryMs });
      for (const e of replay) stream.write(e);
      stream.goLive();
    },
  );
};

export default eventsRoutes;
