import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireMemberOf } from '../../plugins/app/auth';
import { PseudonymParams, RoleBody, UserResponse } from '../../schemas/auth';
import { errorResponses } from '../../schemas/common';
import { toUserDto } from '../../services/accounts.service';
import { changeRole } from '../../services/roles.service';

const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/admin/users/:pseudonym/role',
    {
      preValidation: app.requireRole('admin'),
      schema: {
        tags: ['admin'],
        params: PseudonymParams,
        body: RoleBody,
        response: { 200: UserResponse, ...errorResponses },
      },
    },
    async (request) => {
      const admin = requireMemberOf(request);
      const user = await changeRole(app.db, request.params.pseudonym, request.body.role, {
        id: admin.id,
        name: admin.pseudonym,
      });
      return { user: toUserDto(user) };
    },
  );
};

export default adminRoutes;
