import fs from 'node:fs';
import { Type, type TProperties, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.js';
import { AppError, langFromHeader } from '../../kernel/http/errors.js';
import { errors } from '../../kernel/http/schemas.js';
import { spoolUpload } from '../../kernel/files/upload.js';
import { attachment, CSV_TYPE, XLSX_TYPE as XLSX } from '../../kernel/files/table-export.js';
import { FIELD_TYPES } from './fields.js';
import { importFile, MAX_IMPORT_BYTES, progress } from './import.js';
import * as service from './service.js';
import { exportCsv, exportWorkbook, templateCsv, templateWorkbook } from './sheet.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Value = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);
const Values = Type.Record(Type.String(), Value);
const Label = Type.Object({ zh: Type.String(), en: Type.String() });

const ListParams = Type.Object({ list: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z_]+$' }) });
const RowParams = Type.Object({ list: ListParams.properties.list, id: Type.String({ minLength: 1, maxLength: 64 }) });

/** Filters are named by the list's fields: `field=value` (enum, yes/no), `field_from` / `field_to` (dates, numbers). */
const Filter = {
  orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'only this org and its subtree' })),
  q: Type.Optional(Type.String({ maxLength: 64, description: 'in the text fields (not personal ones) and the org’s name and code' })),
};
const FilterQuery = (extra: TProperties = {}) =>
  Type.Object({ ...Filter, ...extra }, { additionalProperties: Type.String({ maxLength: 64 }), maxProperties: 40 });

export const RegistryRowSchema = Type.Object(
  {
    id: Type.String(),
    orgId: Type.String(),
    values: Values,
    masked: Type.Array(Type.String(), { description: 'personal fields shown masked; the full values via /personal' }),
    canWrite: Type.Boolean(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    updatedBy: Nullable(Type.String()),
  },
  { $id: 'RegistryRow' },
);
const OrgNames = Type.Record(Type.String(), Type.Object({ code: Type.String(), kind: Type.String(), name: Type.Object({ zh: Type.String(), mn: Nullable(Type.String()) }) }));

const Problem = Type.Object({ row: Type.Integer(), column: Type.String(), field: Type.String(), problem: Type.String(), message: Type.String(), messages: Label });
const Report = Type.Object({ format: Type.String(), rows: Type.Integer(), valid: Type.Integer(), errors: Type.Array(Problem), created: Type.Integer() });

const ListDefinition = Type.Object({
  key: Type.String(),
  label: Label,
  title: Type.String(),
  headline: Nullable(Type.Object({ field: Type.String(), value: Type.String() })),
  transitions: Nullable(Type.Object({ field: Type.String(), allowed: Type.Record(Type.String(), Type.Array(Type.String())) })),
  fields: Type.Array(
    Type.Object({
      key: Type.String(),
      type: Type.Union(FIELD_TYPES.map((t) => Type.Literal(t))),
      label: Label,
      required: Type.Boolean(),
      personal: Type.Boolean(),
      filter: Type.Boolean(),
      column: Type.Boolean(),
      values: Type.Optional(Type.Array(Type.String())),
      kinds: Type.Optional(Type.Array(Type.String())),
      min: Type.Optional(Type.Number()),
      max: Type.Optional(Type.Number()),
    }),
  ),
  count: Type.Integer(),
  canWrite: Type.Boolean(),
});

// Values are checked by the list's definition, not here: a union schema would let Ajv's type
// coercion turn `false` into "false" and "123" into 123 before the engine sees them.
const Body = Type.Object({ values: Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 64, description: 'field key → string | number | boolean | null' }) }, { additionalProperties: false });

const lang = (h: string | undefined) => langFromHeader(h);

export const registryRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['registry'];

    app.get('/api/registry', {
      config: { policy: 'registry.read' },
      schema: { tags, summary: 'Every list with its definition and how many rows the caller sees', response: { 200: Type.Array(ListDefinition), ...errors(401) } },
      handler: (req) => service.index(ctx, req.access),
    });

    app.get('/api/registry/imports/:job', {
      config: { policy: 'registry.write' },
      schema: {
        tags,
        summary: 'Progress of an import started with ?job= (only for the person who started it)',
        params: Type.Object({ job: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Object({
            id: Type.String(),
            list: Type.String(),
            phase: Type.String(),
            bytesTotal: Type.Integer(),
            bytesRead: Type.Integer(),
            rowsRead: Type.Integer(),
            percent: Type.Integer(),
            problems: Type.Integer(),
            created: Type.Integer(),
          }),
          ...errors(400, 401, 404),
        },
      },
      handler: (req) => progress(ctx, req.access, req.params.job),
    });

    app.get('/api/registry/:list', {
      config: { policy: 'registry.read' },
      schema: {
        tags,
        summary: 'Rows of a list in the caller’s scope, filtered; personal values masked',
        params: ListParams,
        querystring: FilterQuery({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }), offset: Type.Integer({ minimum: 0, default: 0 }) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('RegistryRow')), total: Type.Integer(), orgs: OrgNames }), ...errors(400, 401, 404) },
      },
      handler: (req) => service.list(ctx, req.access, req.params.list, req.query as service.ListQuery & { limit: number; offset: number }, lang(req.headers['accept-language'])),
    });

    app.get('/api/registry/:list/summary', {
      config: { policy: 'registry.read' },
      schema: {
        tags,
        summary: 'Totals in scope (same filters as the list): rows per enum value, sums, and the headline share (e.g. reform tasks done of all = %)',
        params: ListParams,
        querystring: FilterQuery(),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            byEnum: Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer())),
            sums: Type.Record(Type.String(), Type.Number()),
            headline: Nullable(Type.Object({ field: Type.String(), value: Type.String(), count: Type.Integer(), total: Type.Integer(), percent: Type.Integer() })),
          }),
          ...errors(400, 401, 404),
        },
      },
      handler: (req) => service.summary(ctx, req.access, req.params.list, req.query as service.ListQuery, lang(req.headers['accept-language'])),
    });

    app.get('/api/registry/:list/template', {
      config: { policy: 'registry.write' },
      schema: {
        tags,
        summary: 'The empty import template (.xlsx with drop-downs and a help sheet, or a CSV header row)',
        params: ListParams,
        querystring: Type.Object({ format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], { default: 'xlsx' }) }),
        produces: [XLSX, 'text/csv'],
        response: errors(400, 401, 403, 404),
      },
      handler: async (req, reply) => {
        const def = service.listDef(req.params.list);
        service.writeScope(req.access, def);
        if (req.query.format === 'csv') return reply.type(CSV_TYPE).header('content-disposition', attachment(`${def.key}-template.csv`)).send(templateCsv(def));
        return reply.type(XLSX).header('content-disposition', attachment(`${def.key}-template.xlsx`)).send(await templateWorkbook(def));
      },
    });

    app.get('/api/registry/:list/export', {
      config: { policy: 'registry.read' },
      schema: {
        tags,
        summary: 'The filtered list as .xlsx or CSV: the caller’s scope only, personal values masked; audited',
        params: ListParams,
        querystring: FilterQuery({ format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], { default: 'xlsx' }) }),
        produces: [XLSX, 'text/csv'],
        response: errors(400, 401, 404),
      },
      handler: async (req, reply) => {
        const { format, ...filter } = req.query as service.ListQuery & { format: 'xlsx' | 'csv' };
        const { def, rows } = await service.exportRows(ctx, req.access, req.params.list, filter, format, req.ip, lang(req.headers['accept-language']));
        if (format === 'csv') return reply.type(CSV_TYPE).header('content-disposition', attachment(`${def.key}.csv`)).send(exportCsv(def, rows));
        return reply.type(XLSX).header('content-disposition', attachment(`${def.key}.xlsx`)).send(await exportWorkbook(def, rows));
      },
    });

    app.post('/api/registry/:list/import', {
      config: { policy: 'registry.write' },
      schema: {
        tags,
        summary: 'Bulk import from .xlsx or CSV (multipart field "file"): a report of every problem (row, column, problem in Chinese and English); with any problem nothing is written; dryRun (default) only checks',
        consumes: ['multipart/form-data'],
        params: ListParams,
        querystring: Type.Object({
          dryRun: Type.Boolean({ default: true }),
          job: Type.Optional(Type.String({ format: 'uuid', description: 'a new UUID: progress readable at /api/registry/imports/:job' })),
        }),
        response: { 200: Report, ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
      handler: async (req) => {
        const def = service.listDef(req.params.list);
        service.writeScope(req.access, def);
        const file = req.isMultipart() ? await req.file() : undefined;
        if (!file || file.fieldname !== 'file') throw new AppError(400, 'validation.failed', { detail: 'multipart field "file" is missing' });
        const spooled = await spoolUpload(file.file, MAX_IMPORT_BYTES);
        try {
          return await importFile(ctx, req.access, def.key, spooled, { dryRun: req.query.dryRun, lang: lang(req.headers['accept-language']), ip: req.ip, ...(req.query.job ? { jobId: req.query.job } : {}) });
        } finally {
          fs.rmSync(spooled.path, { force: true });
        }
      },
    });

    app.post('/api/registry/:list', {
      config: { policy: 'registry.write' },
      schema: {
        tags,
        summary: 'Add a row (values by field key; enums by key, orgs by id, dates YYYY-MM-DD)',
        params: ListParams,
        body: Body,
        response: { 201: Type.Object({ ...RegistryRowSchema.properties, orgs: OrgNames }), ...errors(400, 401, 403, 404, 409) },
      },
      handler: async (req, reply) => reply.status(201).send(await service.create(ctx, req.access, req.params.list, req.body.values, { lang: lang(req.headers['accept-language']), ip: req.ip })),
    });

    app.get('/api/registry/:list/:id', {
      config: { policy: 'registry.read' },
      schema: { tags, params: RowParams, response: { 200: Type.Object({ ...RegistryRowSchema.properties, orgs: OrgNames }), ...errors(401, 404) } },
      handler: (req) => service.get(ctx, req.access, req.params.list, req.params.id),
    });

    app.patch('/api/registry/:list/:id', {
      config: { policy: 'registry.write' },
      schema: {
        tags,
        summary: 'Change some fields; the whole row is checked again. A personal value sent back masked stays as it is.',
        params: RowParams,
        body: Type.Object({ ...Body.properties, expectedUpdatedAt: Type.Optional(Type.String({ maxLength: 30 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ ...RegistryRowSchema.properties, orgs: OrgNames }), ...errors(400, 401, 403, 404, 409) },
      },
      handler: (req) =>
        service.update(ctx, req.access, req.params.list, req.params.id, req.body.values, {
          lang: lang(req.headers['accept-language']),
          ip: req.ip,
          ...(req.body.expectedUpdatedAt ? { expectedUpdatedAt: req.body.expectedUpdatedAt } : {}),
        }),
    });

    app.delete('/api/registry/:list/:id', {
      config: { policy: 'registry.write' },
      schema: { tags, params: RowParams, response: { 204: Type.Null(), ...errors(401, 403, 404) } },
      handler: async (req, reply) => {
        await service.remove(ctx, req.access, req.params.list, req.params.id, req.ip);
        return reply.status(204).send(null);
      },
    });

    app.get('/api/registry/:list/:id/history', {
      config: { policy: 'registry.read' },
      schema: {
        tags,
        summary: 'Every change of a row, newest first: who, when, the values before and after (personal values masked)',
        params: RowParams,
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.String(),
              action: Type.String(),
              at: Type.String(),
              actor: Nullable(Type.Object({ id: Type.String(), name: Nullable(Type.String()) })),
              before: Nullable(Values),
              after: Nullable(Values),
              changed: Type.Array(Type.String()),
            }),
          ),
          ...errors(401, 404),
        },
      },
      handler: (req) => service.history(ctx, req.access, req.params.list, req.params.id),
    });

    app.get('/api/registry/:list/:id/personal', {
      config: { policy: 'registry.personal' },
      schema: {
        tags,
        summary: 'The row’s personal values in full (those who write the row only; written to the audit log)',
        params: RowParams,
        response: { 200: Type.Object({ values: Values }), ...errors(401, 403, 404) },
      },
      handler: (req) => service.personal(ctx, req.access, req.params.list, req.params.id, req.ip),
    });
  };
