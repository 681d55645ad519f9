import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.js';
import { errors } from '../../kernel/http/schemas.js';
import * as store from './store.js';
import { OFFICER_STATUSES } from './tables.js';

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));

/** 13912345678 → 139****5678: enough to recognise, not enough to call. */
export const maskPhone = (p: string): string => (p.length >= 7 ? `${p.slice(0, 3)}${'*'.repeat(p.length - 7)}${p.slice(-4)}` : '*'.repeat(p.length));

export const officerRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get('/api/officers', {
      config: { policy: 'officer.read' },
      schema: {
        tags: ['officers'],
        querystring: Type.Object({
          status: Type.Optional(lit(OFFICER_STATUSES)),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                code: Type.String(),
                name: Type.String(),
                phone: Type.String(),
                orgId: Type.String(),
                orgName: Type.Object({ zh: Type.String(), mn: Type.Union([Type.String(), Type.Null()]) }),
                status: lit(OFFICER_STATUSES),
              }),
            ),
          }),
          ...errors(401),
        },
      },
      handler: async (req) => {
        const { rows, total } = await store.list(ctx.db.kysely, { prefixes: req.access.scope('admin', 'organizer', 'editor', 'reviewer'), status: req.query.status }, req.query.limit, req.query.offset);
        return {
          total,
          items: rows.map((o) => ({
            id: o.id,
            code: o.code,
            name: o.name,
            // Lists never show full numbers; the unmasked view is a separate, audited request.
            phone: maskPhone(o.phone),
            orgId: o.org_id,
            orgName: { zh: o.org_name_zh, mn: o.org_name_mn },
            status: o.status,
          })),
        };
      },
    });
  };
