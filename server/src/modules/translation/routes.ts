import fs from 'node:fs';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../kernel/context.js';
import { AppError, langFromHeader } from '../../kernel/http/errors.js';
import { IdParams, errors } from '../../kernel/http/schemas.js';
import { spoolUpload } from '../../kernel/files/upload.js';
import { sniffedMime } from '../../kernel/files/sniff.js';
import { CSV_TYPE, XLSX_TYPE, attachment } from '../../kernel/files/table-export.js';
import { LANGS } from '../content/tables.js';
import * as service from './service.js';
import { ENGINE_IDS } from './engines.js';
import { TermFileError, readTermCsv, readTermTbx, readTermXlsx, termsToCsv, termsToTbx, termsToXlsx, type TermFile } from './termfiles.js';
import { readTmx, writeTmx } from './tmx.js';
import { cyrillicToTraditional, traditionalToCyrillic } from './cyrillic.js';
import { TASK_STATUSES, UNIT_ORIGINS } from './tables.js';
import * as tasks from './tasks.js';

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const Lang = lit(LANGS);
const NStr = Type.Union([Type.String(), Type.Null()]);
const MAX_FILE = 10 * 1024 * 1024;

export const TermSchema = Type.Object(
  { id: Type.String(), orgId: Type.String(), zh: Type.String(), mnMong: NStr, mnCyrl: NStr, en: NStr, domain: NStr, notes: NStr, updatedAt: Type.String() },
  { $id: 'TranslationTerm' },
);
export const UnitSchema = Type.Object(
  {
    id: Type.String(),
    orgId: Type.String(),
    sourceLang: Lang,
    targetLang: Lang,
    source: Type.String(),
    target: Type.String(),
    resourceId: NStr,
    origin: lit(UNIT_ORIGINS),
    updatedAt: Type.String(),
  },
  { $id: 'TranslationUnit' },
);

const TermBody = Type.Object(
  {
    orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    zh: Type.String({ maxLength: 200 }),
    mnMong: Type.Optional(Type.Union([Type.String({ maxLength: 400 }), Type.Null()])),
    mnCyrl: Type.Optional(Type.Union([Type.String({ maxLength: 400 }), Type.Null()])),
    en: Type.Optional(Type.Union([Type.String({ maxLength: 400 }), Type.Null()])),
    domain: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    notes: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false },
);
const TermFilter = { q: Type.Optional(Type.String({ maxLength: 100 })), domain: Type.Optional(Type.String({ maxLength: 100 })) };
const PairQuery = { source: Lang, target: Lang };
const Seg = Type.String({ maxLength: 4000 });
const Pair = Type.Object({ source: Seg, target: Seg }, { additionalProperties: false });
const ImportError = Type.Object({ row: Type.Integer(), column: Type.String(), problem: Type.String(), message: Type.String(), messages: Type.Object({ zh: Type.String(), en: Type.String() }) });
const ImportReport = Type.Object({ rows: Type.Integer(), valid: Type.Integer(), errors: Type.Array(ImportError), created: Type.Integer() });
const Term = Type.Ref('TranslationTerm');

/** The uploaded file (multipart field "file") as bytes, with its sniffed type. */
async function uploaded(req: FastifyRequest): Promise<{ data: Buffer; mime: string }> {
  const file = req.isMultipart() ? await req.file() : undefined;
  if (!file || file.fieldname !== 'file') throw new AppError(400, 'validation.failed', { detail: 'multipart field "file" is missing' });
  const spooled = await spoolUpload(file.file, MAX_FILE);
  try {
    return { data: fs.readFileSync(spooled.path), mime: await sniffedMime(spooled.path) };
  } finally {
    fs.rmSync(spooled.path, { force: true });
  }
}

function utf8(data: Buffer, format: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new AppError(400, 'translation.bad_file', { format, detail: 'not UTF-8 text' });
  }
}

/** An .xlsx by its bytes; otherwise text: XML (TBX) when it starts with "<", else CSV. */
async function readTermFile(data: Buffer, mime: string): Promise<TermFile> {
  const format = mime === XLSX_TYPE ? 'XLSX' : mime === 'application/zip' ? 'XLSX' : data.toString('utf8', 0, 200).replace(/^\uFEFF/, '').trimStart().startsWith('<') ? 'TBX' : 'CSV';
  try {
    if (format === 'XLSX') return await readTermXlsx(data);
    const text = utf8(data, format);
    return format === 'TBX' ? readTermTbx(text) : readTermCsv(text);
  } catch (e) {
    if (e instanceof TermFileError) throw new AppError(400, 'translation.bad_file', { format, detail: e.message });
    throw e;
  }
}

export const translationRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['translation'];

    app.get('/api/translation/engines', {
      config: { policy: 'translation.read' },
      schema: {
        tags,
        summary: 'Which engines are usable (the built-in memory engine always; HTTP engines when configured): show or hide translate buttons',
        response: { 200: Type.Object({ engines: Type.Array(Type.Object({ id: lit(ENGINE_IDS), configured: Type.Boolean() })), machine: Type.Boolean() }), ...errors(401, 403) },
      },
      handler: async (req) => service.engines(ctx, req.access),
    });

    app.post('/api/translation/translate', {
      config: { policy: 'translation.read' },
      schema: {
        tags,
        summary: 'Translate a text with one engine (default: the built-in memory engine); termbase entries found in the text come along',
        body: Type.Object({ text: Type.String({ maxLength: 16000 }), sourceLang: Lang, targetLang: Lang, engine: Type.Optional(lit(ENGINE_IDS)) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            engine: lit(ENGINE_IDS),
            text: Type.String(),
            segments: Type.Array(Type.Object({ source: Type.String(), target: NStr, score: Type.Integer() })),
            terms: Type.Array(Term),
          }),
          ...errors(400, 401, 403, 502),
        },
      },
      handler: (req) => service.translate(ctx, req.access, req.body),
    });

    app.post('/api/translation/suggest', {
      config: { policy: 'translation.read' },
      schema: {
        tags,
        summary: 'Memory matches with a score (Mongolian by shape key, Chinese by characters) and termbase entries for one sentence',
        body: Type.Object(
          { text: Type.String({ maxLength: 16000 }), sourceLang: Lang, targetLang: Lang, minScore: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            matches: Type.Array(Type.Object({ id: Type.String(), source: Type.String(), target: Type.String(), score: Type.Integer(), origin: lit(UNIT_ORIGINS) })),
            terms: Type.Array(Term),
          }),
          ...errors(400, 401, 403),
        },
      },
      handler: (req) => service.suggest(ctx, req.access, req.body),
    });

    app.post('/api/translation/convert', {
      config: { policy: 'translation.read' },
      schema: {
        tags,
        summary: 'Script conversion traditional Mongolian ↔ Cyrillic (rules + exception dictionary; word accuracy reported in cyrillic.test.ts)',
        body: Type.Object({ text: Type.String({ maxLength: 16000 }), from: lit(['mn-Mong', 'mn-Cyrl'] as const) }, { additionalProperties: false }),
        response: { 200: Type.Object({ text: Type.String(), to: lit(['mn-Mong', 'mn-Cyrl'] as const) }), ...errors(400, 401, 403) },
      },
      handler: async (req) => {
        if (req.access.scope(...service.USERS).length === 0) throw new AppError(403, 'forbidden');
        const { text, from } = req.body;
        return from === 'mn-Mong' ? { text: traditionalToCyrillic(text), to: 'mn-Cyrl' as const } : { text: cyrillicToTraditional(text), to: 'mn-Mong' as const };
      },
    });

    // ------------------------------------------------------------ termbase

    app.get('/api/translation/terms', {
      config: { policy: 'translation.read' },
      schema: {
        tags,
        querystring: Type.Object({ ...TermFilter, limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }), offset: Type.Integer({ minimum: 0, default: 0 }) }),
        response: { 200: Type.Object({ items: Type.Array(Term), total: Type.Integer() }), ...errors(400, 401, 403) },
      },
      handler: (req) => service.listTerms(ctx, req.access, req.query),
    });

    app.post('/api/translation/terms', {
      config: { policy: 'translation.manage' },
      schema: { tags, body: TermBody, response: { 201: Term, ...errors(400, 401, 403, 404) } },
      handler: async (req, reply) => reply.code(201).send(await service.createTerm(ctx, req.access, req.body, req.ip)),
    });

    app.put('/api/translation/terms/:id', {
      config: { policy: 'translation.manage' },
      schema: { tags, params: IdParams, body: TermBody, response: { 200: Term, ...errors(400, 401, 403, 404) } },
      handler: (req) => service.updateTerm(ctx, req.access, req.params.id, req.body, req.ip),
    });

    app.delete('/api/translation/terms/:id', {
      config: { policy: 'translation.manage' },
      schema: { tags, params: IdParams, response: errors(401, 403, 404) },
      handler: async (req, reply) => {
        await service.deleteTerm(ctx, req.access, req.params.id, req.ip);
        return reply.code(204).send();
      },
    });

    app.get('/api/translation/terms/export.:format', {
      config: { policy: 'translation.read' },
      schema: {
        tags,
        summary: 'The termbase in scope as CSV (UTF-8 with BOM), XLSX or TBX-Basic (audited)',
        params: Type.Object({ format: lit(['csv', 'xlsx', 'tbx'] as const) }),
        querystring: Type.Object(TermFilter),
        produces: ['text/csv', XLSX_TYPE, 'application/x-tbx+xml'],
        response: errors(400, 401, 403),
      },
      handler: async (req, reply) => {
        const { format } = req.params;
        const rows = await service.exportTerms(ctx, req.access, req.query, format, req.ip);
        reply.header('content-disposition', attachment(`termbase.${format}`));
        if (format === 'csv') return reply.type(CSV_TYPE).send(termsToCsv(rows));
        if (format === 'xlsx') return reply.type(XLSX_TYPE).send(await termsToXlsx(rows));
        return reply.type('application/x-tbx+xml; charset=utf-8').send(termsToTbx(rows));
      },
    });

    app.post('/api/translation/terms/import', {
      config: { policy: 'translation.manage' },
      schema: {
        tags,
        summary: 'Terms from CSV, XLSX or TBX (multipart field "file"): a validation report; with any error nothing is written',
        consumes: ['multipart/form-data'],
        querystring: Type.Object({ dryRun: Type.Boolean({ default: true }), orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }),
        response: { 200: ImportReport, ...errors(400, 401, 403, 404, 413) },
      },
      handler: async (req) => {
        // Scope first: an outsider learns nothing from how the file is read.
        if (req.access.scope(...service.MANAGERS).length === 0) throw new AppError(403, 'forbidden');
        const { data, mime } = await uploaded(req);
        const file = await readTermFile(data, mime);
        return service.importTerms(ctx, req.access, file, { orgId: req.query.orgId, dryRun: req.query.dryRun, lang: langFromHeader(req.headers['accept-language']), ip: req.ip });
      },
    });

    // ------------------------------------------------------------ memory

    app.get('/api/translation/memory', {
      config: { policy: 'translation.read' },
      schema: {
        tags,
        querystring: Type.Object({
          ...PairQuery,
          q: Type.Optional(Type.String({ maxLength: 100 })),
          resourceId: Type.Optional(Type.String({ maxLength: 64 })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('TranslationUnit')), total: Type.Integer() }), ...errors(400, 401, 403) },
      },
      handler: (req) => service.listUnits(ctx, req.access, { ...req.query, source: req.query.source, target: req.query.target }),
    });

    app.post('/api/translation/memory', {
      config: { policy: 'translation.manage' },
      schema: {
        tags,
        body: Type.Object({ orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })), sourceLang: Lang, targetLang: Lang, source: Seg, target: Seg }, { additionalProperties: false }),
        response: { 201: Type.Ref('TranslationUnit'), ...errors(400, 401, 403, 404) },
      },
      handler: async (req, reply) => reply.code(201).send(await service.createUnit(ctx, req.access, req.body, req.ip)),
    });

    app.patch('/api/translation/memory/:id', {
      config: { policy: 'translation.manage' },
      schema: { tags, params: IdParams, body: Type.Object({ source: Type.Optional(Seg), target: Type.Optional(Seg) }, { additionalProperties: false }), response: { 200: Type.Ref('TranslationUnit'), ...errors(400, 401, 403, 404) } },
      handler: (req) => service.updateUnit(ctx, req.access, req.params.id, req.body, req.ip),
    });

    app.delete('/api/translation/memory/:id', {
      config: { policy: 'translation.manage' },
      schema: { tags, params: IdParams, response: errors(401, 403, 404) },
      handler: async (req, reply) => {
        await service.deleteUnit(ctx, req.access, req.params.id, req.ip);
        return reply.code(204).send();
      },
    });

    app.post('/api/translation/memory/align', {
      config: { policy: 'translation.read' },
      schema: {
        tags,
        summary: 'Sentence pairs from a resource’s two linked versions: a proposal (save=false), or stored (save=true, optionally the edited pairs), replacing the earlier alignment',
        body: Type.Object(
          { resourceId: Type.String({ minLength: 1, maxLength: 64 }), sourceLang: Lang, targetLang: Lang, save: Type.Boolean({ default: false }), pairs: Type.Optional(Type.Array(Pair, { maxItems: 5000 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ pairs: Type.Array(Pair), saved: Type.Integer() }), ...errors(400, 401, 403, 404) },
      },
      handler: (req) => service.alignResource(ctx, req.access, req.body, req.ip),
    });

    app.get('/api/translation/memory/export.tmx', {
      config: { policy: 'translation.read' },
      schema: { tags, summary: 'The memory of one language pair as TMX 1.4 (audited)', querystring: Type.Object(PairQuery), produces: ['application/x-tmx+xml'], response: errors(400, 401, 403) },
      handler: async (req, reply) => {
        const pairs = await service.exportTmx(ctx, req.access, req.query, req.ip);
        return reply.type('application/x-tmx+xml; charset=utf-8').header('content-disposition', attachment('memory.tmx')).send(writeTmx(pairs, req.query.source));
      },
    });

    app.post('/api/translation/memory/import', {
      config: { policy: 'translation.manage' },
      schema: {
        tags,
        summary: 'Units of one language pair from a TMX file (multipart field "file"): a report; with any error nothing is written',
        consumes: ['multipart/form-data'],
        querystring: Type.Object({ ...PairQuery, dryRun: Type.Boolean({ default: true }), orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }),
        response: { 200: ImportReport, ...errors(400, 401, 403, 404, 413) },
      },
      handler: async (req) => {
        if (req.access.scope(...service.MANAGERS).length === 0) throw new AppError(403, 'forbidden');
        const { data } = await uploaded(req);
        let units;
        try {
          units = readTmx(utf8(data, 'TMX'));
        } catch (e) {
          if (e instanceof TermFileError) throw new AppError(400, 'translation.bad_file', { format: 'TMX', detail: e.message });
          throw e;
        }
        const q = req.query;
        return service.importTmx(ctx, req.access, units, { orgId: q.orgId, sourceLang: q.source, targetLang: q.target, dryRun: q.dryRun, lang: langFromHeader(req.headers['accept-language']), ip: req.ip });
      },
    });

    // ------------------------------------------------------------ tasks

    const Task = Type.Object({
      id: Type.String(),
      orgId: Type.String(),
      resourceId: Type.String(),
      sourceLang: Lang,
      targetLang: Lang,
      sourceTitle: Type.String(),
      assignee: Type.Object({ id: Type.String(), name: Type.String() }),
      requestedBy: Type.String(),
      status: lit(TASK_STATUSES),
      note: NStr,
      draft: Type.Object({ title: NStr, body: NStr }),
      reviewNote: NStr,
      createdAt: Type.String(),
      updatedAt: Type.String(),
    });
    const TaskId = IdParams;

    app.get('/api/translation/tasks', {
      config: { policy: 'translation.read' },
      schema: {
        tags,
        querystring: Type.Object({ status: Type.Optional(lit(TASK_STATUSES)), mine: Type.Boolean({ default: false }), limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }), offset: Type.Integer({ minimum: 0, default: 0 }) }),
        response: { 200: Type.Object({ items: Type.Array(Task), total: Type.Integer() }), ...errors(400, 401, 403) },
      },
      handler: (req) => tasks.listTasks(ctx, req.access, req.query),
    });

    app.post('/api/translation/tasks', {
      config: { policy: 'translation.manage' },
      schema: {
        tags,
        summary: 'Request a version of a resource in another language from a translator',
        body: Type.Object(
          { resourceId: Type.String({ minLength: 1, maxLength: 64 }), sourceLang: Lang, targetLang: Lang, assigneeId: Type.String({ minLength: 1, maxLength: 64 }), note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])) },
          { additionalProperties: false },
        ),
        response: { 201: Task, ...errors(400, 401, 403, 404, 409) },
      },
      handler: async (req, reply) => reply.code(201).send(await tasks.createTask(ctx, req.access, req.body, req.ip)),
    });

    app.get('/api/translation/tasks/:id', {
      config: { policy: 'translation.read' },
      schema: {
        tags,
        summary: 'The task with the source version to translate and the target version if it exists',
        params: TaskId,
        response: {
          200: Type.Object({ task: Task, source: Type.Union([Type.Object({ title: Type.String(), body: Type.String() }), Type.Null()]), target: Type.Union([Type.Ref('Version'), Type.Null()]) }),
          ...errors(401, 404),
        },
      },
      handler: (req) => tasks.getTask(ctx, req.access, req.params.id),
    });

    app.put('/api/translation/tasks/:id/draft', {
      config: { policy: 'translation.manage' },
      schema: { tags, params: TaskId, body: Type.Object({ title: Type.String({ maxLength: 400 }), body: Type.String({ maxLength: 1_000_000 }) }, { additionalProperties: false }), response: { 200: Task, ...errors(400, 401, 403, 404, 409) } },
      handler: (req) => tasks.saveDraft(ctx, req.access, req.params.id, req.body, req.ip),
    });

    app.post('/api/translation/tasks/:id/submit', {
      config: { policy: 'translation.manage' },
      schema: { tags, summary: 'The draft becomes the resource’s version in the target language and goes to review', params: TaskId, response: { 200: Task, ...errors(400, 401, 403, 404, 409) } },
      handler: (req) => tasks.submit(ctx, req.access, req.params.id, req.ip),
    });

    app.post('/api/translation/tasks/:id/review', {
      config: { policy: 'resource.review' },
      schema: {
        tags,
        summary: 'Approve (the version is approved, its sentence pairs join the memory) or return to the translator',
        params: TaskId,
        body: Type.Object({ approve: Type.Boolean(), note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])) }, { additionalProperties: false }),
        response: { 200: Task, ...errors(400, 401, 403, 404, 409) },
      },
      handler: (req) => tasks.review(ctx, req.access, req.params.id, req.body, req.ip),
    });
  };
