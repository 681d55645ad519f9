import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.js';
import { IdParams, errors } from '../../kernel/http/schemas.js';
import { AUDIENCES, KINDS, LANGS, STATUSES } from './tables.js';
import * as service from './service.js';

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const Lang = lit(LANGS);
const Status = lit(STATUSES);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const VersionSchema = Type.Object(
  {
    lang: Lang,
    title: Type.String(),
    summary: Nullable(Type.String()),
    body: Type.String(),
    status: Status,
    revision: Type.Integer(),
    publishAt: Nullable(Type.String()),
    publishedAt: Nullable(Type.String()),
    authorId: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'Version' },
);

export const ResourceSchema = Type.Object(
  {
    id: Type.String(),
    orgId: Type.String(),
    kind: lit(KINDS),
    category: Nullable(Type.String()),
    tags: Type.Array(Type.String()),
    audience: Type.Array(lit(AUDIENCES)),
    source: Nullable(Type.String()),
    licence: Nullable(Type.String()),
    link: Nullable(Type.String()),
    coverUrl: Nullable(Type.String()),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    versions: Type.Array(Type.Ref('Version')),
    permissions: Type.Object({ edit: Type.Boolean(), review: Type.Boolean(), publish: Type.Boolean() }),
  },
  { $id: 'Resource' },
);

const Title = Type.String({ minLength: 1, maxLength: 500 });
const Body = Type.String({ maxLength: 2_000_000 });
const Summary = Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]));
const VersionInput = Type.Object({ lang: Lang, title: Title, body: Body, summary: Summary }, { additionalProperties: false });
const Meta = {
  category: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
  tags: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 30 })),
  audience: Type.Optional(Type.Array(lit(AUDIENCES), { maxItems: AUDIENCES.length })),
  source: Type.Optional(Type.Union([Type.String({ maxLength: 400 }), Type.Null()])),
  licence: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  link: Type.Optional(Type.Union([Type.String({ maxLength: 2000, pattern: '^https?://' }), Type.Null()])),
};
// A cover is one of our own uploads (never a third-party URL that would track readers).
const CoverUrl = Type.Optional(Type.Union([Type.String({ pattern: '^/media/[0-9a-f-]{36}/(original|w\\d+)$' }), Type.Null()]));
const VersionParams = Type.Object({ id: IdParams.properties.id, lang: Lang });
const RevisionParams = Type.Object({ id: IdParams.properties.id, lang: Lang, n: Type.Integer({ minimum: 1 }) });
const Change = Type.Object({ op: lit(['equal', 'insert', 'delete'] as const), text: Type.String() });
const Comment = Type.Object({ id: Type.String(), authorId: Type.String(), authorName: Type.String(), body: Type.String(), createdAt: Type.String() });

export const contentRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['content'];

    app.post('/api/resources', {
      config: { policy: 'resource.create' },
      schema: {
        tags,
        body: Type.Object(
          { orgId: Type.String({ minLength: 1 }), kind: lit(KINDS), ...Meta, versions: Type.Array(VersionInput, { minItems: 1, maxItems: LANGS.length }) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }), ...errors(400, 401, 403, 404) },
      },
      handler: async (req, reply) => reply.status(201).send(await service.createResource(ctx, req.access, req.body, req.ip)),
    });

    const ListQuery = Type.Object({
      orgId: Type.Optional(Type.String()),
      status: Type.Optional(Status),
      lang: Type.Optional(Lang),
      kind: Type.Optional(lit(KINDS)),
      limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
      offset: Type.Integer({ minimum: 0, default: 0 }),
    });
    app.get('/api/resources', {
      config: { policy: 'resource.read' },
      schema: { tags, querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(Type.Ref('Resource')), total: Type.Integer() }), ...errors(401, 404) } },
      handler: (req) => service.listResources(ctx, req.access, req.query as Static<typeof ListQuery>),
    });

    // Public: anonymous callers get the published versions only (the service decides per caller).
    app.get('/api/resources/:id', {
      config: { public: true, policy: 'resource.read' },
      schema: { tags, params: IdParams, response: { 200: Type.Ref('Resource'), ...errors(404) } },
      handler: (req) => service.getResource(ctx, req.access, req.params.id),
    });

    app.patch('/api/resources/:id', {
      config: { policy: 'resource.edit' },
      schema: { tags, params: IdParams, body: Type.Object({ ...Meta, coverUrl: CoverUrl }, { additionalProperties: false }), response: { 200: Type.Ref('Resource'), ...errors(400, 401, 403, 404) } },
      handler: (req) => service.patchResource(ctx, req.access, req.params.id, req.body, req.ip),
    });

    app.post('/api/resources/:id/versions', {
      config: { policy: 'resource.edit' },
      schema: { tags, params: IdParams, body: VersionInput, response: { 201: Type.Ref('Version'), ...errors(400, 401, 403, 404, 409) } },
      handler: async (req, reply) => reply.status(201).send(await service.addVersion(ctx, req.access, req.params.id, req.body, req.ip)),
    });

    app.put('/api/resources/:id/versions/:lang', {
      config: { policy: 'resource.edit' },
      schema: {
        tags,
        params: VersionParams,
        body: Type.Object({ title: Title, body: Body, summary: Summary, baseRevision: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        response: { 200: Type.Ref('Version'), ...errors(400, 401, 403, 404, 409) },
      },
      handler: (req) => service.saveVersion(ctx, req.access, req.params.id, req.params.lang, req.body, req.ip),
    });

    app.get('/api/resources/:id/versions/:lang/revisions', {
      config: { policy: 'resource.read' },
      schema: {
        tags,
        params: VersionParams,
        response: { 200: Type.Array(Type.Object({ n: Type.Integer(), title: Type.String(), authorId: Type.String(), createdAt: Type.String() })), ...errors(401, 404) },
      },
      handler: (req) => service.listRevisions(ctx, req.access, req.params.id, req.params.lang),
    });

    app.get('/api/resources/:id/versions/:lang/revisions/:n', {
      config: { policy: 'resource.read' },
      schema: {
        tags,
        params: RevisionParams,
        response: {
          200: Type.Object({ n: Type.Integer(), title: Type.String(), summary: Nullable(Type.String()), body: Type.String(), authorId: Type.String(), createdAt: Type.String() }),
          ...errors(401, 404),
        },
      },
      handler: (req) => service.getRevision(ctx, req.access, req.params.id, req.params.lang, req.params.n),
    });

    app.get('/api/resources/:id/versions/:lang/diff', {
      config: { policy: 'resource.read' },
      schema: {
        tags,
        params: VersionParams,
        querystring: Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }),
        response: { 200: Type.Object({ from: Type.Integer(), to: Type.Integer(), title: Type.Array(Change), body: Type.Array(Change) }), ...errors(401, 404) },
      },
      handler: (req) => service.diffRevisions(ctx, req.access, req.params.id, req.params.lang, req.query.from, req.query.to),
    });

    app.post('/api/resources/:id/versions/:lang/revisions/:n/restore', {
      config: { policy: 'resource.edit' },
      schema: { tags, params: RevisionParams, response: { 200: Type.Ref('Version'), ...errors(401, 403, 404, 409) } },
      handler: (req) => service.restoreRevision(ctx, req.access, req.params.id, req.params.lang, req.params.n, req.ip),
    });

    app.post('/api/resources/:id/versions/:lang/transition', {
      config: { policy: 'resource.review' },
      schema: {
        tags,
        params: VersionParams,
        body: Type.Object(
          { to: Status, publishAt: Type.Optional(Type.String({ format: 'date-time' })), note: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Version'), ...errors(400, 401, 403, 404, 409) },
      },
      handler: (req) => service.transition(ctx, req.access, req.params.id, req.params.lang, req.body, req.ip),
    });

    app.get('/api/resources/:id/versions/:lang/comments', {
      config: { policy: 'resource.comment' },
      schema: { tags, params: VersionParams, response: { 200: Type.Array(Comment), ...errors(401, 404) } },
      handler: (req) => service.listComments(ctx, req.access, req.params.id, req.params.lang),
    });

    app.post('/api/resources/:id/versions/:lang/comments', {
      config: { policy: 'resource.comment' },
      schema: {
        tags,
        params: VersionParams,
        body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false }),
        response: { 201: Comment, ...errors(400, 401, 404) },
      },
      handler: async (req, reply) => reply.status(201).send(await service.addComment(ctx, req.access, req.params.id, req.params.lang, req.body.body, req.ip)),
    });

    app.get('/api/resources/:id/outlets', {
      config: { policy: 'resource.read' },
      schema: {
        tags,
        params: IdParams,
        response: { 200: Type.Array(Type.Object({ channel: Type.String(), lang: Lang, at: Type.String(), detail: Nullable(Type.String()) })), ...errors(401, 404) },
      },
      handler: (req) => service.listOutlets(ctx, req.access, req.params.id),
    });

    const Hit = Type.Object({ resourceId: Type.String(), lang: Type.String(), title: Type.String(), snippet: Type.String(), score: Type.Number() });
    const Counts = Type.Record(Type.String(), Type.Integer());
    app.get('/api/search', {
      config: { public: true, policy: 'resource.read' },
      schema: {
        tags: ['search'],
        summary: 'One query over all resources and languages (Chinese, Mongolian in any encoding or Latin)',
        querystring: Type.Object({
          q: Type.String({ maxLength: 200 }),
          lang: Type.Optional(Lang),
          orgId: Type.Optional(Type.String()),
          kind: Type.Optional(lit(KINDS)),
          category: Type.Optional(Type.String({ maxLength: 64 })),
          year: Type.Optional(Type.String({ pattern: '^\\d{4}$' })),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          offset: Type.Integer({ minimum: 0, maximum: 10_000, default: 0 }),
        }),
        response: {
          200: Type.Object({
            hits: Type.Array(Hit),
            total: Type.Integer(),
            facets: Type.Object({ org: Counts, kind: Counts, lang: Counts, category: Counts, year: Counts }),
          }),
          ...errors(400, 404),
        },
      },
      handler: (req) => service.searchResources(ctx, req.access, req.query),
    });

    app.post('/api/resources/:id/report', {
      config: { policy: 'resource.report' },
      schema: { tags, summary: 'Upward report package (zip of DOCX per published version + report.json)', params: IdParams, produces: ['application/zip'], response: errors(401, 403, 404, 409) },
      handler: async (req, reply) => {
        const zip = await service.reportPackage(ctx, req.access, req.params.id, req.ip);
        return reply
          .type('application/zip')
          .header('content-disposition', `attachment; filename="gerel-report-${req.params.id}.zip"`)
          .send(zip);
      },
    });

    app.get('/api/public/estation/feed', {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: 'Published resources with full bodies, for e-station kiosks to play offline',
        querystring: Type.Object({ lang: Type.Optional(Lang), limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }),
      },
      handler: async (req) => ({ generatedAt: new Date().toISOString(), items: await service.estationFeed(ctx, req.query) }),
    });

    app.get('/api/resources/:id/versions/:lang/broadcast.txt', {
      config: { public: true, policy: 'resource.read' },
      schema: { tags, params: VersionParams, produces: ['text/plain'] },
      handler: async (req, reply) => {
        const text = await service.broadcastScript(ctx, req.access, req.params.id, req.params.lang);
        return reply.type('text/plain; charset=utf-8').send(text);
      },
    });
  };
