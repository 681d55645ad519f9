import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.js';
import { errors } from '../../kernel/http/schemas.js';
import * as store from './store.js';
import { STATION_KINDS, STATION_STATUSES } from './tables.js';

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));

export const StationSchema = Type.Object(
  {
    id: Type.String(),
    code: Type.String(),
    name: Type.Object({ zh: Type.String(), mn: Type.Union([Type.String(), Type.Null()]) }),
    orgId: Type.String(),
    place: Type.Union([Type.String(), Type.Null()]),
    kind: lit(STATION_KINDS),
    status: lit(STATION_STATUSES),
    lastHeartbeatAt: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'Station' },
);

export const stationRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get('/api/stations', {
      config: { policy: 'station.read' },
      schema: {
        tags: ['stations'],
        querystring: Type.Object({
          status: Type.Optional(lit(STATION_STATUSES)),
          kind: Type.Optional(lit(STATION_KINDS)),
          q: Type.Optional(Type.String({ maxLength: 64 })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Station')), total: Type.Integer() }), ...errors(401) },
      },
      handler: async (req) => {
        const { rows, total } = await store.list(ctx.db.kysely, { prefixes: req.access.scope(), status: req.query.status, kind: req.query.kind, q: req.query.q }, req.query.limit, req.query.offset);
        return {
          total,
          items: rows.map((s) => ({
            id: s.id,
            code: s.code,
            name: { zh: s.name_zh, mn: s.name_mn },
            orgId: s.org_id,
            place: s.place,
            kind: s.kind,
            status: s.status,
            lastHeartbeatAt: s.last_heartbeat_at,
          })),
        };
      },
    });
  };
