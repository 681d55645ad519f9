import fs from 'node:fs';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.js';
import { AppError, langFromHeader } from '../../kernel/http/errors.js';
import { IdParams, errors } from '../../kernel/http/schemas.js';
import { spoolUpload } from '../../kernel/files/upload.js';
import { sniffedMime } from '../../kernel/files/sniff.js';
import { LANGS } from '../content/tables.js';
import * as service from './service.js';
import { exportCsv, exportWorkbook, templateWorkbook } from './sheet.js';
import { STATION_KINDS, STATION_STATUSES } from './tables.js';

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const Name = Type.Object({ zh: Type.String(), mn: Type.Union([Type.String(), Type.Null()]) });
export const StationSchema = Type.Object(
  {
    id: Type.String(),
    code: Type.String(),
    name: Name,
    orgId: Type.String(),
    org: Type.Object({ code: Type.String(), name: Name }),
    place: Type.Union([Type.String(), Type.Null()]),
    kind: lit(STATION_KINDS),
    owner: Type.Object({
      name: Type.Union([Type.String(), Type.Null()]),
      /** Masked (139****5678) unless the caller manages the station; the full number via /contact. */
      phone: Type.Union([Type.String(), Type.Null()]),
      phoneMasked: Type.Boolean(),
    }),
    status: lit(STATION_STATUSES),
    lastHeartbeatAt: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'Station' },
);

const Filter = {
  orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'only this org and its subtree' })),
  status: Type.Optional(lit(STATION_STATUSES)),
  kind: Type.Optional(lit(STATION_KINDS)),
  q: Type.Optional(Type.String({ maxLength: 64, description: 'in code, names, place, contact name' })),
  silentHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 366, description: 'no heartbeat for more than this many hours (or never)' })),
};

const NameZh = Type.String({ minLength: 1, maxLength: 200 });
const NameMn = Nullable(Type.String({ maxLength: 400 }));
const Place = Nullable(Type.String({ maxLength: 300 }));
const Owner = Type.Object(
  { name: Type.Optional(Nullable(Type.String({ maxLength: 100 }))), phone: Type.Optional(Nullable(Type.String({ maxLength: 32 }))) },
  { additionalProperties: false },
);

const ImportError = Type.Object({
  row: Type.Integer(),
  column: Type.String(),
  problem: Type.String(),
  message: Type.String(),
  messages: Type.Object({ zh: Type.String(), en: Type.String() }),
});

const attachment = (name: string) => `attachment; filename="${name}"`;

export const stationRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['stations'];

    app.get('/api/stations', {
      config: { policy: 'station.read' },
      schema: {
        tags,
        summary: 'Stations in the caller’s scope, filtered',
        querystring: Type.Object({ ...Filter, limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }), offset: Type.Integer({ minimum: 0, default: 0 }) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Station')), total: Type.Integer() }), ...errors(400, 401, 404) },
      },
      handler: (req) => service.list(ctx, req.access, req.query),
    });

    app.get('/api/stations/import-template.xlsx', {
      config: { policy: 'station.manage' },
      schema: { tags, summary: 'The empty import template', produces: [XLSX], response: errors(401, 403) },
      handler: async (req, reply) => {
        if (req.access.scope('admin', 'organizer').length === 0) throw new AppError(403, 'forbidden');
        return reply.type(XLSX).header('content-disposition', attachment('stations-template.xlsx')).send(await templateWorkbook());
      },
    });

    app.get('/api/stations/export.xlsx', {
      config: { policy: 'station.read' },
      schema: { tags, summary: 'The filtered list as Excel (scoped, phones masked as in the list; audited)', querystring: Type.Object(Filter), produces: [XLSX], response: errors(400, 401, 404) },
      handler: async (req, reply) => {
        const rows = await service.exportRows(ctx, req.access, req.query, 'xlsx', req.ip);
        return reply.type(XLSX).header('content-disposition', attachment('stations.xlsx')).send(await exportWorkbook(rows));
      },
    });

    app.get('/api/stations/export.csv', {
      config: { policy: 'station.read' },
      schema: { tags, summary: 'The filtered list as CSV (UTF-8 with BOM; scoped, phones masked as in the list; audited)', querystring: Type.Object(Filter), produces: ['text/csv'], response: errors(400, 401, 404) },
      handler: async (req, reply) => {
        const rows = await service.exportRows(ctx, req.access, req.query, 'csv', req.ip);
        return reply.type('text/csv; charset=utf-8').header('content-disposition', attachment('stations.csv')).send(exportCsv(rows));
      },
    });

    app.post('/api/stations/import', {
      config: { policy: 'station.manage' },
      schema: {
        tags,
        summary: 'Bulk import from .xlsx (multipart field "file"): a validation report; with any error nothing is written',
        consumes: ['multipart/form-data'],
        querystring: Type.Object({ dryRun: Type.Boolean({ default: true }) }),
        response: {
          200: Type.Object({ rows: Type.Integer(), valid: Type.Integer(), errors: Type.Array(ImportError), created: Type.Integer() }),
          ...errors(400, 401, 403, 413, 415),
        },
      },
      handler: async (req) => {
        if (req.access.scope('admin', 'organizer').length === 0) throw new AppError(403, 'forbidden');
        const file = req.isMultipart() ? await req.file() : undefined;
        if (!file || file.fieldname !== 'file') throw new AppError(400, 'validation.failed', { detail: 'multipart field "file" is missing' });
        const spooled = await spoolUpload(file.file, service.MAX_IMPORT_BYTES);
        try {
          const mime = await sniffedMime(spooled.path);
          if (mime !== XLSX) throw new AppError(415, 'upload.bad_type', { type: mime });
          return await service.importSheet(ctx, req.access, spooled.path, { dryRun: req.query.dryRun, lang: langFromHeader(req.headers['accept-language']), ip: req.ip });
        } finally {
          fs.rmSync(spooled.path, { force: true });
        }
      },
    });

    app.get('/api/stations/:id', {
      config: { policy: 'station.read' },
      schema: { tags, params: IdParams, response: { 200: Type.Ref('Station'), ...errors(401, 404) } },
      handler: (req) => service.get(ctx, req.access, req.params.id),
    });

    app.get('/api/stations/:id/contact', {
      config: { policy: 'station.contact' },
      schema: {
        tags,
        summary: 'The owner’s full phone number (station managers only; written to the audit log)',
        params: IdParams,
        response: { 200: Type.Object({ name: Type.Union([Type.String(), Type.Null()]), phone: Type.Union([Type.String(), Type.Null()]) }), ...errors(401, 403, 404) },
      },
      handler: (req) => service.contact(ctx, req.access, req.params.id, req.ip),
    });

    app.get('/api/stations/:id/uptime', {
      config: { policy: 'station.read' },
      schema: {
        tags,
        summary: 'Heartbeats and minutes up per local day (UTC+8), from the event rollups; one heartbeat a minute assumed',
        params: IdParams,
        querystring: Type.Object({ from: Type.Optional(Type.String({ format: 'date' })), to: Type.Optional(Type.String({ format: 'date' })) }),
        response: { 200: Type.Array(Type.Object({ day: Type.String(), heartbeats: Type.Integer(), minutes: Type.Integer() })), ...errors(400, 401, 404) },
      },
      handler: (req) => service.uptime(ctx, req.access, req.params.id, req.query),
    });

    app.post('/api/stations', {
      config: { policy: 'station.manage' },
      schema: {
        tags,
        body: Type.Object(
          {
            code: Type.String({ minLength: 1, maxLength: 32, pattern: '^[0-9A-Za-z_-]+$' }),
            name: Type.Object({ zh: NameZh, mn: Type.Optional(NameMn) }, { additionalProperties: false }),
            orgId: Type.String({ minLength: 1, maxLength: 64 }),
            place: Type.Optional(Place),
            kind: lit(STATION_KINDS),
            owner: Type.Optional(Owner),
            status: Type.Optional(lit(STATION_STATUSES)),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('Station'), ...errors(400, 401, 403, 404, 409) },
      },
      handler: async (req, reply) => reply.status(201).send(await service.create(ctx, req.access, req.body, req.ip)),
    });

    app.patch('/api/stations/:id', {
      config: { policy: 'station.manage' },
      schema: {
        tags,
        summary: 'Edit a station (the code cannot change: kiosks report it and uptime is kept under it)',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.Object({ zh: Type.Optional(NameZh), mn: Type.Optional(NameMn) }, { additionalProperties: false })),
            orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            place: Type.Optional(Place),
            kind: Type.Optional(lit(STATION_KINDS)),
            owner: Type.Optional(Owner),
            status: Type.Optional(lit(STATION_STATUSES)),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Station'), ...errors(400, 401, 403, 404) },
      },
      handler: (req) => service.update(ctx, req.access, req.params.id, req.body, req.ip),
    });

    app.get('/api/public/stations/:code/playlist', {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: 'What a kiosk plays: its name and the e-station channel of published resources (404 for an unknown or retired station)',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 32 }) }),
        querystring: Type.Object({ lang: Type.Optional(lit(LANGS)), limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }),
        response: {
          200: Type.Object({
            station: Type.Object({ code: Type.String(), name: Type.Object({ zh: Type.String(), mn: Type.Union([Type.String(), Type.Null()]) }), kind: lit(STATION_KINDS), status: lit(STATION_STATUSES) }),
            generatedAt: Type.String(),
            items: Type.Array(
              Type.Object({
                resourceId: Type.String(),
                lang: lit(LANGS),
                title: Type.String(),
                summary: Type.Union([Type.String(), Type.Null()]),
                excerpt: Type.String(),
                bodyHtml: Type.String(),
                publishedAt: Type.String(),
                kind: Type.String(),
                category: Type.Union([Type.String(), Type.Null()]),
                coverUrl: Type.Union([Type.String(), Type.Null()]),
                orgId: Type.String(),
              }),
            ),
          }),
          ...errors(404),
        },
      },
      handler: async (req) => {
        const list = await service.playlist(ctx, req.params.code, req.query);
        if (!list) throw new AppError(404, 'not_found');
        return list;
      },
    });
  };
