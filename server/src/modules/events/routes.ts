import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.js';
import { errors } from '../../kernel/http/schemas.js';
import { writerFor } from './writer.js';
import * as service from './service.js';
import { EVENT_KINDS } from './tables.js';
import { attachment, CSV_TYPE, sheetsToXlsx, tableToCsv, XLSX_TYPE } from '../../kernel/files/table-export.js';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Range = { from: Day, to: Day, orgId: Type.Optional(Type.String()) };
const Kind = Type.Union(EVENT_KINDS.map((k) => Type.Literal(k)));

export const eventRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const writer = writerFor(ctx);
    app.addHook('onClose', () => writer.idle());

    app.post('/api/events', {
      config: {
        public: true,
        rateLimit: { max: ctx.config.eventsRateLimit, timeWindow: 60_000 },
      },
      bodyLimit: 1024 * 1024,
      schema: {
        tags: ['dissemination'],
        summary: 'Report views, clicks, share-opens, reads and heartbeats; answered after the batch is committed',
        body: Type.Object(
          {
            events: Type.Array(
              Type.Object(
                {
                  id: Type.String({ maxLength: 64 }),
                  kind: Type.String({ maxLength: 16 }),
                  resourceId: Type.Optional(Type.String({ maxLength: 64 })),
                  stationCode: Type.Optional(Type.String({ maxLength: 32 })),
                  officerCode: Type.Optional(Type.String({ maxLength: 32 })),
                  channel: Type.Optional(Type.String({ maxLength: 32 })),
                  at: Type.String({ maxLength: 40 }),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 1000 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ accepted: Type.Integer(), duplicates: Type.Integer() }), ...errors(400, 429) },
      },
      handler: (req) => service.ingest(ctx, req.body.events),
    });

    const Totals = Type.Object({ views: Type.Integer(), clicks: Type.Integer(), shareOpens: Type.Integer(), reads: Type.Integer(), heartbeats: Type.Integer() });
    app.get('/api/dissemination/totals', {
      config: { policy: 'scope' },
      schema: { tags: ['dissemination'], querystring: Type.Object(Range), response: { 200: Totals, ...errors(400, 401, 404) } },
      handler: (req) => service.totals(ctx, req.access, req.query),
    });

    app.get('/api/dissemination/trend', {
      config: { policy: 'scope' },
      schema: {
        tags: ['dissemination'],
        querystring: Type.Object({ ...Range, kind: Kind }),
        response: { 200: Type.Array(Type.Object({ day: Type.String(), n: Type.Integer() })), ...errors(400, 401, 404) },
      },
      handler: (req) => service.trend(ctx, req.access, req.query),
    });

    app.get('/api/dissemination/top-resources', {
      config: { policy: 'scope' },
      schema: {
        tags: ['dissemination'],
        querystring: Type.Object({ ...Range, kind: Kind, limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }) }),
        response: {
          200: Type.Array(
            Type.Object({
              resourceId: Type.String(),
              n: Type.Integer(),
              title: Type.Object({ zh: Type.Union([Type.String(), Type.Null()]), mn: Type.Union([Type.String(), Type.Null()]) }, { description: 'Published titles, null where that language is not published' }),
            }),
          ),
          ...errors(400, 401, 404),
        },
      },
      handler: (req) => service.topResources(ctx, req.access, req.query),
    });

    app.get('/api/dissemination/export.xlsx', {
      config: { policy: 'scope' },
      schema: {
        tags: ['dissemination'],
        summary: 'The dashboard as Excel: totals, each day by kind, top resources and banners per kind (scoped)',
        querystring: Type.Object(Range),
        produces: [XLSX_TYPE],
        response: errors(400, 401, 404),
      },
      handler: async (req, reply) => {
        const { sheets } = await service.exportDashboard(ctx, req.access, req.query);
        return reply.type(XLSX_TYPE).header('content-disposition', attachment(`dissemination-${req.query.from}-${req.query.to}.xlsx`)).send(await sheetsToXlsx(sheets));
      },
    });

    app.get('/api/dissemination/export.csv', {
      config: { policy: 'scope' },
      schema: {
        tags: ['dissemination'],
        summary: 'Counts per day by kind as CSV (UTF-8 with BOM; scoped)',
        querystring: Type.Object(Range),
        produces: ['text/csv'],
        response: errors(400, 401, 404),
      },
      handler: async (req, reply) => {
        const { daily } = await service.exportDashboard(ctx, req.access, req.query);
        return reply.type(CSV_TYPE).header('content-disposition', attachment(`dissemination-${req.query.from}-${req.query.to}.csv`)).send(tableToCsv(daily));
      },
    });

    app.get('/api/dissemination/by-banner', {
      config: { policy: 'scope' },
      schema: {
        tags: ['dissemination'],
        querystring: Type.Object({ ...Range, kind: Kind }),
        response: {
          200: Type.Array(Type.Object({ orgId: Type.String(), name: Type.Object({ zh: Type.String(), mn: Type.Union([Type.String(), Type.Null()]) }), n: Type.Integer() })),
          ...errors(400, 401, 404),
        },
      },
      handler: (req) => service.byBanner(ctx, req.access, req.query),
    });
  };
