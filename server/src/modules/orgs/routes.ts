import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.js';
import { IdParams, errors } from '../../kernel/http/schemas.js';
import { ORG_KINDS } from './tables.js';
import * as service from './service.js';

const Name = Type.Object({ zh: Type.String(), mn: Type.Union([Type.String(), Type.Null()]) });
export const OrgSchema = Type.Object(
  {
    id: Type.String(),
    code: Type.String(),
    kind: Type.Union(ORG_KINDS.map((k) => Type.Literal(k))),
    parentId: Type.Union([Type.String(), Type.Null()]),
    name: Name,
  },
  { $id: 'Org' },
);

const Code = Type.String({ minLength: 1, maxLength: 32, pattern: '^[0-9A-Za-z_.-]+$' });
const NameZh = Type.String({ minLength: 1, maxLength: 200 });
const NameMn = Type.Union([Type.String({ maxLength: 400 }), Type.Null()]);

export const orgRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get('/api/orgs', {
      config: { policy: 'org.read' },
      schema: { tags: ['orgs'], summary: 'Orgs the caller may see', response: { 200: Type.Array(Type.Ref('Org')), ...errors(401) } },
      handler: (req) => service.listOrgs(ctx, req.access),
    });

    app.get('/api/orgs/:id', {
      config: { policy: 'org.read' },
      schema: { tags: ['orgs'], params: IdParams, response: { 200: Type.Ref('Org'), ...errors(401, 404) } },
      handler: async (req) => service.toOrgDto(await service.getOrg(ctx, req.access, req.params.id)),
    });

    app.post('/api/orgs', {
      config: { policy: 'org.create' },
      schema: {
        tags: ['orgs'],
        body: Type.Object(
          {
            code: Code,
            kind: Type.Union(ORG_KINDS.filter((k) => k !== 'region').map((k) => Type.Literal(k))),
            parentId: Type.String({ minLength: 1 }),
            name: Type.Object({ zh: NameZh, mn: Type.Optional(NameMn) }, { additionalProperties: false }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('Org'), ...errors(400, 401, 403, 404, 409) },
      },
      handler: async (req, reply) => reply.status(201).send(await service.createOrg(ctx, req.access, req.body, req.ip)),
    });

    app.patch('/api/orgs/:id', {
      config: { policy: 'org.update' },
      schema: {
        tags: ['orgs'],
        params: IdParams,
        body: Type.Object(
          {
            code: Type.Optional(Code),
            name: Type.Optional(Type.Object({ zh: Type.Optional(NameZh), mn: Type.Optional(NameMn) }, { additionalProperties: false })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Org'), ...errors(400, 401, 403, 404, 409) },
      },
      handler: (req) => service.updateOrg(ctx, req.access, req.params.id, req.body, req.ip),
    });
  };
