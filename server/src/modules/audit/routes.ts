import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.js';
import { errors } from '../../kernel/http/schemas.js';
import { orgInSubtrees } from '../../kernel/scope/subtree.js';

const Entry = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entity: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  orgId: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

/** The audit trail, newest first, limited to the orgs the caller administers. */
export const auditRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get('/api/audit', {
      config: { policy: 'audit.read' },
      schema: {
        tags: ['audit'],
        querystring: Type.Object({
          entity: Type.Optional(Type.String({ maxLength: 64 })),
          entityId: Type.Optional(Type.String({ maxLength: 64 })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
        }),
        response: { 200: Type.Array(Entry), ...errors(401) },
      },
      handler: async (req) => {
        const prefixes = req.access.scope('admin');
        let q = ctx.db.kysely.selectFrom('audit_log').selectAll().where(orgInSubtrees('audit_log.org_id', prefixes));
        if (req.query.entity) q = q.where('entity', '=', req.query.entity);
        if (req.query.entityId) q = q.where('entity_id', '=', req.query.entityId);
        const rows = await q.orderBy('at', 'desc').limit(req.query.limit).execute();
        return rows.map((r) => ({
          id: r.id,
          at: r.at,
          actorId: r.actor_id,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          orgId: r.org_id,
          before: r.before_json ? JSON.parse(r.before_json) : null,
          after: r.after_json ? JSON.parse(r.after_json) : null,
        }));
      },
    });
  };
