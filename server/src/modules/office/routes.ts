import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.js';
import { IdParams, errors } from '../../kernel/http/schemas.js';
import { attachment } from '../../kernel/files/table-export.js';
import { pdfRenderer } from '../../kernel/pdf/pdf.js';
import * as service from './service.js';
import { documentDocx, documentHtml } from './layout.js';
import { TEMPLATES } from './templates.js';
import { DOC_KINDS, DOC_LAYOUTS, DOC_STATUSES } from './tables.js';
import { OFFICE_READERS } from './policy.js';
import { AppError } from '../../kernel/http/errors.js';

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const NStr = Type.Union([Type.String(), Type.Null()]);
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const OfficeDocSchema = Type.Object(
  {
    id: Type.String(),
    orgId: Type.String(),
    kind: lit(DOC_KINDS),
    layout: lit(DOC_LAYOUTS),
    issuer: Type.Object({ zh: Type.String(), mn: NStr }),
    numberPrefix: Type.String(),
    number: NStr,
    year: Type.Union([Type.Integer(), Type.Null()]),
    seq: Type.Union([Type.Integer(), Type.Null()]),
    title: Type.Object({ zh: Type.String(), mn: NStr }),
    body: Type.Object({ zh: Type.String(), mn: NStr }),
    recipients: NStr,
    attachments: Type.Array(Type.String()),
    approvals: Type.Array(Type.Object({ step: lit(['review', 'sign'] as const), by: Type.String(), byName: Type.String(), approve: Type.Boolean(), note: NStr, at: Type.String() })),
    status: lit(DOC_STATUSES),
    createdBy: Type.String(),
    issuedAt: NStr,
    updatedAt: Type.String(),
  },
  { $id: 'OfficeDocument' },
);

const Body = Type.Object(
  {
    orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    kind: lit(DOC_KINDS),
    layout: lit(DOC_LAYOUTS),
    numberPrefix: Type.Optional(Type.String({ maxLength: 32 })),
    title: Type.Optional(Type.Object({ zh: Type.Optional(Type.String({ maxLength: 400 })), mn: Type.Optional(Type.Union([Type.String({ maxLength: 800 }), Type.Null()])) }, { additionalProperties: false })),
    body: Type.Optional(Type.Object({ zh: Type.Optional(Type.String({ maxLength: 100_000 })), mn: Type.Optional(Type.Union([Type.String({ maxLength: 200_000 }), Type.Null()])) }, { additionalProperties: false })),
    recipients: Type.Optional(Type.Union([Type.String({ maxLength: 400 }), Type.Null()])),
    attachments: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
const Doc = Type.Ref('OfficeDocument');

export const officeRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['office'];

    app.get('/api/office/templates', {
      config: { policy: 'office.read' },
      schema: {
        tags,
        summary: 'Templates for notices and letters',
        response: { 200: Type.Record(Type.String(), Type.Object({ titleZh: Type.String(), titleMn: Type.String(), bodyZh: Type.String(), bodyMn: Type.String(), prefix: Type.String() })), ...errors(401, 403) },
      },
      handler: async (req) => {
        if (req.access.scope(...OFFICE_READERS).length === 0) throw new AppError(403, 'forbidden');
        return TEMPLATES;
      },
    });

    app.get('/api/office/documents', {
      config: { policy: 'office.read' },
      schema: {
        tags,
        summary: 'Documents in scope; with status=issued and year, the register of an org',
        querystring: Type.Object({
          status: Type.Optional(lit(DOC_STATUSES)),
          year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
          orgId: Type.Optional(Type.String({ maxLength: 64 })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(Doc), total: Type.Integer() }), ...errors(400, 401) },
      },
      handler: (req) => service.list(ctx, req.access, req.query),
    });

    app.post('/api/office/documents', {
      config: { policy: 'office.draft' },
      schema: { tags, summary: 'A new draft from the kind’s template (fields given replace the template’s)', body: Body, response: { 201: Doc, ...errors(400, 401, 403, 404) } },
      handler: async (req, reply) => reply.code(201).send(await service.create(ctx, req.access, req.body, req.ip)),
    });

    app.get('/api/office/documents/:id', {
      config: { policy: 'office.read' },
      schema: { tags, params: IdParams, response: { 200: Doc, ...errors(401, 404) } },
      handler: (req) => service.get(ctx, req.access, req.params.id),
    });

    app.put('/api/office/documents/:id', {
      config: { policy: 'office.draft' },
      schema: { tags, params: IdParams, body: Body, response: { 200: Doc, ...errors(400, 401, 403, 404, 409) } },
      handler: (req) => service.update(ctx, req.access, req.params.id, req.body, req.ip),
    });

    app.post('/api/office/documents/:id/submit', {
      config: { policy: 'office.draft' },
      schema: { tags, summary: 'Send the draft into the approval chain (审核 → 签发)', params: IdParams, response: { 200: Doc, ...errors(401, 403, 404, 409) } },
      handler: (req) => service.submit(ctx, req.access, req.params.id, req.ip),
    });

    app.post('/api/office/documents/:id/decide', {
      config: { policy: 'office.review' },
      schema: {
        tags,
        summary: 'Approve or return at the current step of the chain',
        params: IdParams,
        body: Type.Object({ approve: Type.Boolean(), note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])) }, { additionalProperties: false }),
        response: { 200: Doc, ...errors(401, 403, 404, 409) },
      },
      handler: (req) => service.decide(ctx, req.access, req.params.id, req.body, req.ip),
    });

    app.post('/api/office/documents/:id/issue', {
      config: { policy: 'office.sign' },
      schema: { tags, summary: 'Issue: takes the next number of the org’s register for the agency code and year', params: IdParams, response: { 200: Doc, ...errors(401, 403, 404, 409) } },
      handler: (req) => service.issue(ctx, req.access, req.params.id, req.ip),
    });

    app.get('/api/office/documents/:id/document.pdf', {
      config: { policy: 'office.read' },
      schema: { tags, summary: 'GB/T 9704 layout; bilingual documents add a vertical Mongolian page (headless Chromium)', params: IdParams, produces: ['application/pdf'], response: errors(401, 404, 503) },
      handler: async (req, reply) => {
        const d = await service.printable(ctx, req.access, req.params.id, 'pdf', req.ip);
        const pdf = await pdfRenderer(ctx).render(documentHtml(d), { margin: '0' });
        return reply.type('application/pdf').header('content-disposition', attachment('document.pdf')).send(pdf);
      },
    });

    app.get('/api/office/documents/:id/document.docx', {
      config: { policy: 'office.read' },
      schema: { tags, summary: 'The same document as DOCX (Mongolian as Unicode text)', params: IdParams, produces: [DOCX], response: errors(401, 404) },
      handler: async (req, reply) => {
        const d = await service.printable(ctx, req.access, req.params.id, 'docx', req.ip);
        return reply.type(DOCX).header('content-disposition', attachment('document.docx')).send(await documentDocx(d));
      },
    });
  };
