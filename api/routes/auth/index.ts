import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { findAccountById } from '../../db/accounts.repository';
import { unauthorized } from '../../errors';
import { requireMemberOf } from '../../plugins/app/auth';
import { Credentials, RegisterResponse, SessionResponse } from '../../schemas/auth';
import { NoContent, errorResponses } from '../../schemas/common';
import { createAccountsService, toUserDto } from '../../services/accounts.service';

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const accounts = createAccountsService(app.db, app.config);

  app.post(
    '/api/auth/register',
    { schema: { tags: ['sessions'], body: Credentials, response: { 201: RegisterResponse, ...errorResponses } } },
    async (request, reply) => {
      const { account, recoveryCode } = await accounts.register(request.body.pseudonym, request.body.password);
      const { csrfToken } = await app.sessions.start(reply, account.id);
      return reply.code(201).send({ user: toUserDto(account), csrfToken, recoveryCode });
    },
  );

  app.post(
    '/api/auth/login',
    { schema: { tags: ['sessions'], body: Credentials, response: { 200: SessionResponse, ...errorResponses } } },
    async (request, reply) => {
      const account = await accounts.login(request.body.pseudonym, request.body.password);
      const { csrfToken } = await app.sessions.start(reply, account.id);
      return { user: toUserDto(account), csrfToken };
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['sessions'], response: { 204: NoContent, ...errorResponses } } }, async (request, reply) => {
    await app.sessions.end(request, reply);
    return reply.code(204).send(null);
  });

  app.get('/api/me', { schema: { tags: ['sessions'], response: { 200: SessionResponse, ...errorResponses } } }, async (request) => {
    const member = requireMemberOf(request);
    const account = await findAccountById(app.db, member.id);
    if (!account) throw unauthorized();
    return { user: toUserDto(account), csrfToken: app.sessions.csrfTokenFor(member.sessionId) };
  });
};

export default authRoutes;
