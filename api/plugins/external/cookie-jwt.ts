import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import jwt from '@fastify/jwt';
import type { FastifyInstance } from 'fastify';

export const SESSION_COOKIE = 'haven_session';

async function cookieJwtPlugin(app: FastifyInstance, options: { secret: string }): Promise<void> {
  await app.register(cookie);
  await app.register(jwt, {
    secret: options.secret,
    cookie: { cookieName: SESSION_COOKIE, signed: false },
    sign: { algorithm: 'HS256' },
    // Pinned: fast-jwt has had algorithm-confusion advisories, so nothing but HS256 verifies.
    verify: { algorithms: ['HS256'] },
  });
}

export default fp(cookieJwtPlugin, { name: 'cookie-jwt' });
