import fp from 'fastify-plugin';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Config } from '../../config';
import type { Role } from '../../db/schema';
import { csrfFailed, forbidden, unauthorized } from '../../errors';
import {
  deleteSession,
  findLiveSession,
  insertSession,
  touchSession,
  type SessionMember,
} from '../../db/sessions.repository';
import { SESSION_COOKIE } from '../external/cookie-jwt';

export type Member = SessionMember;

interface SessionToken {
  sid: string;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: SessionToken;
    user: SessionToken;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in member, checked against the database on this very request; null when signed out. */
    member: Member | null;
  }
  interface FastifyInstance {
    /** preHandler: 401 unless signed in. */
    requireMember: preHandlerAsyncHookHandler;
    /** preHandler: 401 unless signed in, 403 while suspended (reading stays open to them). */
    requireActiveMember: preHandlerAsyncHookHandler;
    /** preHandler: 401/403 unless the member's role (from the database) is at least `role`. */
    requireRole(role: Role): preHandlerAsyncHookHandler;
    sessions: {
      /** Starts a session: a database row, the signed cookie, and the CSRF token bound to it. */
      start(reply: FastifyReply, accountId: string): Promise<{ csrfToken: string }>;
      end(request: FastifyRequest, reply: FastifyReply): Promise<void>;
      csrfTokenFor(sessionId: string): string;
    };
  }
}

const RANK: Record<Role, number> = { member: 0, moderator: 1, admin: 2 };
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes that start a session rather than use one: a cookie they carry is not what authenticates them. */
const SIGN_IN_ROUTES = new Set(['/api/auth/register', '/api/auth/login', '/api/auth/recover']);
/** Writing last_seen_at on every request would turn each read into a write; once a minute is plenty. */
const TOUCH_EVERY_MS = 60_000;

export function requireMemberOf(request: FastifyRequest): Member {
  if (request.member === null) throw unauthorized();
  return request.member;
}

export function isSuspended(member: Member, now = new Date()): boolean {
  return member.suspendedUntil !== null && member.suspendedUntil > now;
}

export function suspendedError(member: Member) {
  const until = member.suspendedUntil?.toISOString() ?? '';
  const why = member.suspensionReason ? ` Reason: ${member.suspensionReason}` : '';
  return forbidden('suspended', `Your account is suspended until ${until}. You can still read.${why}`);
}

async function authPlugin(app: FastifyInstance, options: { config: Config }): Promise<void> {
  const { config } = options;
  const csrfKey = createHmac('sha256', config.sessionSecret).update('haven csrf v1').digest();

  const csrfTokenFor = (sessionId: string): string =>
    createHmac('sha256', csrfKey).update(sessionId).digest('base64url');

  const secureCookie = (request: FastifyRequest): boolean => request.protocol === 'https';

  app.decorateRequest('member', null);

  app.addHook('onRequest', async (request, reply) => {
    // Static files never need the member, and a database round trip per asset would be waste.
    if (!request.url.startsWith('/api/')) return;
    // Signing in is not authenticated by the cookie, so an old session's cookie neither applies nor asks for CSRF.
    if (SIGN_IN_ROUTES.has(request.routeOptions.url ?? '')) return;
    const raw = request.cookies[SESSION_COOKIE];
    if (raw === undefined || raw === '') return;
    let token: SessionToken;
    try {
      token = app.jwt.verify<SessionToken>(raw);
    } catch {
      return;
    }
    if (typeof token.sid !== 'string' || !/^[A-Za-z0-9_-]{32,64}$/.test(token.sid)) return;
    const member = await findLiveSession(app.db, token.sid, config.sessionIdleMinutes);
    if (member === null) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      const expected = Buffer.from(csrfTokenFor(member.sessionId));
      const given = Buffer.from(typeof sent === 'string' ? sent : '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw csrfFailed();
    }
    if (Date.now() - member.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(app.db, member.sessionId);
    request.member = member;
  });

  app.decorate('requireMember', async (request: FastifyRequest) => {
    requireMemberOf(request);
  });
  app.decorate('requireActiveMember', async (request: FastifyRequest) => {
    const member = requireMemberOf(request);
    if (isSuspended(member)) throw suspendedError(member);
  });
  app.decorate('requireRole', (role: Role) => async (request: FastifyRequest) => {
    const member = requireMemberOf(request);
    if (RANK[member.role] < RANK[role]) throw forbidden('forbidden', `This needs the ${role} role.`);
  });

  app.decorate('sessions', {
    async start(reply: FastifyReply, accountId: string) {
      const sid = randomBytes(32).toString('base64url');
      const maxAgeSeconds = config.sessionAbsoluteDays * 24 * 3600;
      await insertSession(app.db, sid, accountId, new Date(Date.now() + maxAgeSeconds * 1000));
      const token = app.jwt.sign({ sid }, { expiresIn: maxAgeSeconds });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookie(reply.request),
        maxAge: maxAgeSeconds,
      });
      return { csrfToken: csrfTokenFor(sid) };
    },
    async end(request: FastifyRequest, reply: FastifyReply) {
      if (request.member) await deleteSession(app.db, request.member.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: secureCookie(request) });
    },
    csrfTokenFor,
  });
}

export default fp(authPlugin, { name: 'auth', dependencies: ['db', 'cookie-jwt'] });
