import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.js';
import { ROLES } from '../../kernel/scope/roles.js';
import { IdParams, Page, errors } from '../../kernel/http/schemas.js';
import * as service from './service.js';

const RoleName = Type.Union(ROLES.map((r) => Type.Literal(r)));
const RoleRef = Type.Object({ orgId: Type.String(), role: RoleName });
export const UserSchema = Type.Object(
  { id: Type.String(), username: Type.String(), displayName: Type.String(), orgId: Type.String(), roles: Type.Array(RoleRef) },
  { $id: 'User' },
);

export const userRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get('/api/users', {
      config: { policy: 'user.read' },
      schema: { tags: ['users'], querystring: Page, response: { 200: Type.Array(Type.Ref('User')), ...errors(401) } },
      handler: (req) => service.listUsers(ctx, req.access, req.query),
    });

    app.post('/api/users', {
      config: { policy: 'user.create' },
      schema: {
        tags: ['users'],
        body: Type.Object(
          {
            username: Type.String({ minLength: 2, maxLength: 64 }),
            password: Type.String({ minLength: 1, maxLength: 256 }),
            displayName: Type.Optional(Type.String({ maxLength: 200 })),
            orgId: Type.Optional(Type.String({ minLength: 1 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('User'), ...errors(400, 401, 403, 404, 409) },
      },
      handler: async (req, reply) => reply.status(201).send(await service.createUser(ctx, req.access, req.body, req.ip)),
    });

    app.post('/api/users/:id/roles', {
      config: { policy: 'role.grant' },
      schema: {
        tags: ['users'],
        params: IdParams,
        body: Type.Object({ orgId: Type.String({ minLength: 1 }), role: RoleName }, { additionalProperties: false }),
        response: {
          201: Type.Object({ userId: Type.String(), orgId: Type.String(), role: RoleName }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
      handler: async (req, reply) => reply.status(201).send(await service.grantRole(ctx, req.access, req.params.id, req.body, req.ip)),
    });
  };
