import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { findAccountById } from '../../db/accounts.repository';
import { readAccountExport } from '../../db/export.repository';
import { unauthorized } from '../../errors';
import { requireMemberOf } from '../../plugins/app/auth';
import { Credentials, PasswordBody, RecoverBody, RegisterResponse, SessionResponse } from '../../schemas/auth';
import { NoContent, errorResponses } from '../../schemas/common';
import { ExportSchema } from '../../schemas/export';
import { createAccountsService, toUserDto } from '../../services/accounts.service';

const MINUTE = 60_000;

/**
 * Per client address, kept only in the rate limiter's memory. Generous for a person (a typo, a
 * shared connection in a library or shelter), slow for a script: with scrypt at 2^17 each guess
 * also costs the guesser the server's time. Off with HAVEN_RATE_LIMITS=off.
 */
export const AUTH_RATE_LIMITS = {
  register: { max: 5, timeWindow: 60 * MINUTE },
  login: { max: 10, timeWindow: 5 * MINUTE },
  recover: { max: 5, timeWindow: 15 * MINUTE },
  deleteAccount: { max: 5, timeWindow: 15 * MINUTE },
} as const;

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const accounts = createAccountsService(app.db, app.config);

  // Everything here is personal (CSRF tokens, recovery codes, the export): no cache may keep it.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post(
    '/api/auth/register',
    {
      config: { rateLimit: AUTH_RATE_LIMITS.register },
      schema: { tags: ['sessions'], body: Credentials, response: { 201: RegisterResponse, ...errorResponses } },
    },
    async (request, reply) => {
      const { account, recoveryCode } = await accounts.register(request.body.pseudonym, request.body.password);
      const { csrfToken } = await app.sessions.start(reply, account.id);
      return reply.code(201).send({ user: toUserDto(account), csrfToken, recoveryCode });
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: AUTH_RATE_LIMITS.login },
      schema: { tags: ['sessions'], body: Credentials, response: { 200: SessionResponse, ...errorResponses } },
    },
    async (request, reply) => {
      const account = await accounts.login(request.body.pseudonym, request.body.password);
      const { csrfToken } = await app.sessions.start(reply, account.id);
      return { user: toUserDto(account), csrfToken };
    },
  );

  app.post(
    '/api/auth/recover',
    {
      config: { rateLimit: AUTH_RATE_LIMITS.recover },
      schema: { tags: ['sessions'], body: RecoverBody, response: { 200: RegisterResponse, ...errorResponses } },
    },
    async (request, reply) => {
      const { pseudonym, recoveryCode: code, newPassword } = request.body;
      const { account, recoveryCode } = await accounts.recover(pseudonym, code, newPassword);
      const { csrfToken } = await app.sessions.start(reply, account.id);
      return { user: toUserDto(account), csrfToken, recoveryCode };
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['sessions'], response: { 204: NoContent, ...errorResponses } } }, async (request, reply) => {
    await app.sessions.end(request, reply);
    return reply.code(204).send(null);
  });

  app.post(
    '/api/auth/logout-everywhere',
    { preValidation: app.requireMember, schema: { tags: ['sessions'], response: { 204: NoContent, ...errorResponses } } },
    async (request, reply) => {
      await accounts.logoutEverywhere(requireMemberOf(request).id);
      await app.sessions.end(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.get('/api/me', { schema: { tags: ['sessions'], response: { 200: SessionResponse, ...errorResponses } } }, async (request) => {
    const member = requireMemberOf(request);
    const account = await findAccountById(app.db, member.id);
    if (!account) throw unauthorized();
    return { user: toUserDto(account), csrfToken: app.sessions.csrfTokenFor(member.sessionId) };
  });

  app.get(
    '/api/me/export',
    { preValidation: app.requireMember, schema: { tags: ['sessions'], response: { 200: ExportSchema, ...errorResponses } } },
    async (request, reply) => {
      const member = requireMemberOf(request);
      const [account, data] = await Promise.all([findAccountById(app.db, member.id), readAccountExport(app.db, member.id)]);
      if (!account || !data) throw unauthorized();
      return reply
        .header('content-disposition', 'attachment; filename="haven-export.json"')
        .send({ format: 'haven-export-1' as const, exportedAt: new Date().toISOString(), profile: toUserDto(account), ...data });
    },
  );

  app.delete(
    '/api/me',
    {
      config: { rateLimit: AUTH_RATE_LIMITS.deleteAccount },
      preValidation: app.requireMember,
      schema: { tags: ['sessions'], body: PasswordBody, response: { 204: NoContent, ...errorResponses } },
    },
    async (request, reply) => {
      await accounts.deleteAccount(requireMemberOf(request).id, request.body.password);
      // The session row went with the account; the cookie goes too.
      await app.sessions.end(request, reply);
      return reply.code(204).send(null);
    },
  );
};

export default authRoutes;
