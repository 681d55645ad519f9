import fs from 'node:fs';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.js';
import { AppError, langFromHeader } from '../../kernel/http/errors.js';
import { IdParams, errors } from '../../kernel/http/schemas.js';
import { spoolUpload } from '../../kernel/files/upload.js';
import { sniffedMime } from '../../kernel/files/sniff.js';
import * as service from './service.js';
import * as teams from './teams.js';
import { exportRows, importSheet, MAX_IMPORT_BYTES } from './import.js';
import { exportCsv, exportWorkbook, templateWorkbook } from './sheet.js';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, GENDERS, TEAM_ROLES, VOLUNTEER_LANGUAGES, VOLUNTEER_SOURCES, VOLUNTEER_STATUSES } from './tables.js';
import { VOLUNTEER_MANAGERS } from './policy.js';

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Name = Type.Object({ zh: Type.String(), mn: Type.Union([Type.String(), Type.Null()]) });
const attachment = (name: string) => `attachment; filename="${name}"`;

export const VolunteerSchema = Type.Object(
  {
    id: Type.String(),
    orgId: Type.String(),
    org: Type.Object({ code: Type.String(), name: Name }),
    hasAccount: Type.Boolean(),
    name: Type.String(),
    gender: Type.Union([lit(GENDERS), Type.Null()]),
    phone: Type.String({ description: 'masked (138****5678) except in the volunteer’s own view' }),
    idNumber: Type.Union([Type.String({ description: 'masked (152104********1234) except in the volunteer’s own view' }), Type.Null()]),
    healthNote: Type.Union([Type.String(), Type.Null()]),
    hasHealthNote: Type.Boolean(),
    under14: Type.Boolean(),
    skills: Type.Array(Type.String()),
    fields: Type.Array(Type.String()),
    languages: Type.Array(lit(VOLUNTEER_LANGUAGES)),
    status: lit(VOLUNTEER_STATUSES),
    source: lit(VOLUNTEER_SOURCES),
    reason: Type.Union([Type.String(), Type.Null()]),
    decidedAt: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    masked: Type.Boolean(),
    canSeePersonal: Type.Boolean(),
  },
  { $id: 'Volunteer' },
);

const Consent = Type.Object({
  id: Type.String(),
  purpose: lit(CONSENT_PURPOSES),
  textVersion: Type.String(),
  givenBy: Type.String(),
  channel: lit(CONSENT_CHANNELS),
  givenAt: Type.String(),
  withdrawnAt: Type.Union([Type.String(), Type.Null()]),
  withdrawChannel: Type.Union([lit(CONSENT_CHANNELS), Type.Null()]),
  withdrawNote: Type.Union([Type.String(), Type.Null()]),
});
const ConsentInput = Type.Object(
  { purpose: lit(CONSENT_PURPOSES), textVersion: Type.String({ maxLength: 32 }), givenBy: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);
const Words = Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 });

const Registration = {
  orgId: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  gender: Type.Optional(Type.Union([lit(GENDERS), Type.Null()])),
  phone: Type.String({ minLength: 1, maxLength: 40 }),
  skills: Type.Optional(Words),
  fields: Type.Optional(Words),
  languages: Type.Array(lit(VOLUNTEER_LANGUAGES), { minItems: 1, maxItems: 2 }),
  idNumber: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  healthNote: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  under14: Type.Optional(Type.Boolean()),
  consents: Type.Optional(Type.Array(ConsentInput, { maxItems: 3 })),
};

const Filter = {
  orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  status: Type.Optional(lit(VOLUNTEER_STATUSES)),
  language: Type.Optional(lit(VOLUNTEER_LANGUAGES)),
  q: Type.Optional(Type.String({ maxLength: 64, description: 'in name, skills, fields; or a full phone number' })),
  teamId: Type.Optional(Type.String({ maxLength: 64 })),
};

const ImportError = Type.Object({ row: Type.Integer(), column: Type.String(), problem: Type.String(), message: Type.String(), messages: Type.Object({ zh: Type.String(), en: Type.String() }) });

const Team = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  org: Type.Object({ code: Type.String(), name: Name }),
  name: Name,
  field: Type.Union([Type.String(), Type.Null()]),
  members: Type.Integer(),
  leaders: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const TeamDetail = Type.Intersect([Team, Type.Object({ memberList: Type.Array(Type.Intersect([Type.Ref('Volunteer'), Type.Object({ teamRole: lit(TEAM_ROLES) })])) })]);
const TeamParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), volunteerId: Type.String({ minLength: 1, maxLength: 64 }) });

/** An upload is an .xlsx workbook (by its bytes) or a UTF-8 CSV (text without NUL bytes, named .csv). */
async function sheetFormat(file: string, filename: string): Promise<'xlsx' | 'csv'> {
  const mime = await sniffedMime(file);
  if (mime === XLSX) return 'xlsx';
  if (mime === 'unknown' && /\.csv$/i.test(filename) && !fs.readFileSync(file).includes(0)) return 'csv';
  throw new AppError(415, 'upload.bad_type', { type: mime });
}

export const volunteerRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['volunteers'];

    app.get('/api/volunteers', {
      config: { policy: 'volunteer.read' },
      schema: {
        tags,
        summary: 'Volunteers in the caller’s scope (ID numbers and phones masked)',
        querystring: Type.Object({ ...Filter, limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }), offset: Type.Integer({ minimum: 0, default: 0 }) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Volunteer')), total: Type.Integer() }), ...errors(400, 401, 404) },
      },
      handler: (req) => service.list(ctx, req.access, req.query),
    });

    app.post('/api/volunteers', {
      config: { policy: 'volunteer.manage' },
      schema: {
        tags,
        summary: 'An organiser adds a volunteer (approved at once); sensitive fields only with their consents',
        body: Type.Object(Registration, { additionalProperties: false }),
        response: { 201: Type.Ref('Volunteer'), ...errors(400, 401, 403, 404, 409) },
      },
      handler: async (req, reply) => reply.status(201).send(await service.create(ctx, req.access, req.body, req.ip)),
    });

    app.post('/api/volunteers/register', {
      config: { policy: 'volunteer.join' },
      schema: {
        tags,
        summary: 'The logged-in user registers as a volunteer of an org on their line (pending approval)',
        body: Type.Object(Registration, { additionalProperties: false }),
        response: { 201: Type.Ref('Volunteer'), ...errors(400, 401, 404, 409) },
      },
      handler: async (req, reply) => reply.status(201).send(await service.register(ctx, req.access, req.body, req.ip)),
    });

    app.get('/api/volunteers/me', {
      config: { policy: 'self' },
      schema: { tags, summary: 'The caller’s own volunteer record, unmasked', response: { 200: Type.Ref('Volunteer'), ...errors(401, 404) } },
      handler: (req) => service.me(ctx, req.access),
    });

    app.get('/api/volunteers/consent-texts', {
      config: { policy: 'self' },
      schema: {
        tags,
        summary: 'The current consent texts (a consent names the version it was given to)',
        response: { 200: Type.Array(Type.Object({ purpose: lit(CONSENT_PURPOSES), version: Type.String(), zh: Type.String(), en: Type.String() })), ...errors(401) },
      },
      handler: async (req) => {
        req.access.requireUser();
        return service.consentTexts();
      },
    });

    app.get('/api/volunteers/joinable-orgs', {
      config: { policy: 'volunteer.join' },
      schema: {
        tags,
        summary: 'Orgs the caller may register with: the line of their home org (ancestors, itself and below)',
        response: { 200: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), kind: Type.String(), parentId: Type.Union([Type.String(), Type.Null()]), name: Name })), ...errors(401) },
      },
      handler: (req) => service.joinableOrgs(ctx, req.access),
    });

    app.get('/api/volunteers/import-template.xlsx', {
      config: { policy: 'volunteer.manage' },
      schema: { tags, summary: 'The empty import template', produces: [XLSX], response: errors(401, 403) },
      handler: async (req, reply) => {
        if (req.access.scope(...VOLUNTEER_MANAGERS).length === 0) throw new AppError(403, 'forbidden');
        return reply.type(XLSX).header('content-disposition', attachment('volunteers-template.xlsx')).send(await templateWorkbook());
      },
    });

    app.get('/api/volunteers/export.xlsx', {
      config: { policy: 'volunteer.read' },
      schema: { tags, summary: 'The filtered list as Excel (scoped, masked as in the list; audited)', querystring: Type.Object(Filter), produces: [XLSX], response: errors(400, 401, 404) },
      handler: async (req, reply) => {
        const rows = await exportRows(ctx, req.access, req.query, 'xlsx', req.ip);
        return reply.type(XLSX).header('content-disposition', attachment('volunteers.xlsx')).send(await exportWorkbook(rows));
      },
    });

    app.get('/api/volunteers/export.csv', {
      config: { policy: 'volunteer.read' },
      schema: { tags, summary: 'The filtered list as CSV (UTF-8 with BOM; scoped, masked; audited)', querystring: Type.Object(Filter), produces: ['text/csv'], response: errors(400, 401, 404) },
      handler: async (req, reply) => {
        const rows = await exportRows(ctx, req.access, req.query, 'csv', req.ip);
        return reply.type('text/csv; charset=utf-8').header('content-disposition', attachment('volunteers.csv')).send(exportCsv(rows));
      },
    });

    app.post('/api/volunteers/import', {
      config: { policy: 'volunteer.manage' },
      schema: {
        tags,
        summary: 'Import from .xlsx or .csv (multipart field "file"): a validation report first (dryRun defaults to true); with any error nothing is written',
        consumes: ['multipart/form-data'],
        querystring: Type.Object({ dryRun: Type.Boolean({ default: true }) }),
        response: { 200: Type.Object({ rows: Type.Integer(), valid: Type.Integer(), errors: Type.Array(ImportError), created: Type.Integer() }), ...errors(400, 401, 403, 413, 415) },
      },
      handler: async (req) => {
        if (req.access.scope(...VOLUNTEER_MANAGERS).length === 0) throw new AppError(403, 'forbidden');
        const file = req.isMultipart() ? await req.file() : undefined;
        if (!file || file.fieldname !== 'file') throw new AppError(400, 'validation.failed', { detail: 'multipart field "file" is missing' });
        const spooled = await spoolUpload(file.file, MAX_IMPORT_BYTES);
        try {
          const format = await sheetFormat(spooled.path, file.filename);
          return await importSheet(ctx, req.access, spooled.path, { format, dryRun: req.query.dryRun, lang: langFromHeader(req.headers['accept-language']), ip: req.ip });
        } finally {
          fs.rmSync(spooled.path, { force: true });
        }
      },
    });

    app.get('/api/volunteers/:id', {
      config: { policy: 'volunteer.read' },
      schema: { tags, params: IdParams, response: { 200: Type.Ref('Volunteer'), ...errors(401, 404) } },
      handler: (req) => service.get(ctx, req.access, req.params.id),
    });

    app.get('/api/volunteers/:id/personal', {
      config: { policy: 'volunteer.personal' },
      schema: {
        tags,
        summary: 'Full phone, ID number and health note (admins of the org’s subtree; every request written to the audit log)',
        params: IdParams,
        response: {
          200: Type.Object({ id: Type.String(), name: Type.String(), phone: Type.String(), idNumber: Type.Union([Type.String(), Type.Null()]), healthNote: Type.Union([Type.String(), Type.Null()]) }),
          ...errors(401, 403, 404),
        },
      },
      handler: (req) => service.personal(ctx, req.access, req.params.id, req.ip),
    });

    app.patch('/api/volunteers/:id', {
      config: { policy: 'volunteer.manage' },
      schema: {
        tags,
        summary: 'Edit what is not sensitive (ID number and health note change through consents)',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Registration.name),
            gender: Registration.gender,
            phone: Type.Optional(Registration.phone),
            skills: Type.Optional(Words),
            fields: Type.Optional(Words),
            languages: Type.Optional(Registration.languages),
            orgId: Type.Optional(Registration.orgId),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Volunteer'), ...errors(400, 401, 403, 404, 409) },
      },
      handler: (req) => service.update(ctx, req.access, req.params.id, req.body, req.ip),
    });

    for (const action of ['approve', 'reject'] as const) {
      app.post(`/api/volunteers/:id/${action}`, {
        config: { policy: 'volunteer.manage' },
        schema: {
          tags,
          summary: action === 'approve' ? 'Approve a volunteer’s registration' : 'Reject a registration (with a reason)',
          params: IdParams,
          body: Type.Optional(Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false })),
          response: { 200: Type.Ref('Volunteer'), ...errors(401, 403, 404, 409) },
        },
        handler: (req) => service.decide(ctx, req.access, req.params.id, action, req.body?.reason?.trim() || null, req.ip),
      });
    }

    app.get('/api/volunteers/:id/consents', {
      config: { policy: 'volunteer.read' },
      schema: { tags, summary: 'Consent records of a volunteer (also for the volunteer themself)', params: IdParams, response: { 200: Type.Array(Consent), ...errors(401, 404) } },
      handler: (req) => service.consents(ctx, req.access, req.params.id),
    });

    app.post('/api/volunteers/:id/consents', {
      config: { policy: 'volunteer.manage' },
      schema: {
        tags,
        summary: 'Record a separate consent and store the field it covers (the volunteer themself, or an organiser from a signed form)',
        params: IdParams,
        body: Type.Object({ purpose: lit(CONSENT_PURPOSES), textVersion: Type.String({ maxLength: 32 }), givenBy: Type.Optional(Type.String({ maxLength: 100 })), value: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false }),
        response: { 201: Type.Array(Consent), ...errors(400, 401, 404, 409) },
      },
      handler: async (req, reply) => reply.status(201).send(await service.giveConsent(ctx, req.access, req.params.id, req.body, req.ip)),
    });

    app.post('/api/volunteers/:id/consents/:consentId/withdraw', {
      config: { policy: 'volunteer.manage' },
      schema: {
        tags,
        summary: 'Withdraw a consent: what it covered is erased at once (a guardian’s withdrawal deactivates the child’s registration)',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), consentId: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: Type.Optional(Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false })),
        response: { 200: Type.Array(Consent), ...errors(401, 404, 409) },
      },
      handler: (req) => service.withdrawConsent(ctx, req.access, req.params.id, req.params.consentId, req.body?.note?.trim() || null, req.ip),
    });

    // ——— expert teams ———

    app.get('/api/volunteer-teams', {
      config: { policy: 'volunteer.read' },
      schema: { tags, summary: 'Expert teams in scope with member and leader counts', querystring: Type.Object({ orgId: Type.Optional(Type.String({ maxLength: 64 })) }), response: { 200: Type.Array(Team), ...errors(401, 404) } },
      handler: (req) => teams.listTeams(ctx, req.access, req.query),
    });

    app.post('/api/volunteer-teams', {
      config: { policy: 'volunteer.manage' },
      schema: {
        tags,
        body: Type.Object(
          { orgId: Type.String({ minLength: 1, maxLength: 64 }), name: Type.Object({ zh: Type.String({ maxLength: 200 }), mn: Type.Optional(Nullable(Type.String({ maxLength: 400 }))) }, { additionalProperties: false }), field: Type.Optional(Nullable(Type.String({ maxLength: 200 }))) },
          { additionalProperties: false },
        ),
        response: { 201: TeamDetail, ...errors(400, 401, 403, 404) },
      },
      handler: async (req, reply) => reply.status(201).send(await teams.createTeam(ctx, req.access, req.body, req.ip)),
    });

    app.get('/api/volunteer-teams/:id', {
      config: { policy: 'volunteer.read' },
      schema: { tags, params: IdParams, response: { 200: TeamDetail, ...errors(401, 404) } },
      handler: (req) => teams.getTeam(ctx, req.access, req.params.id),
    });

    app.patch('/api/volunteer-teams/:id', {
      config: { policy: 'volunteer.manage' },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object(
          { name: Type.Optional(Type.Object({ zh: Type.Optional(Type.String({ maxLength: 200 })), mn: Type.Optional(Nullable(Type.String({ maxLength: 400 }))) }, { additionalProperties: false })), field: Type.Optional(Nullable(Type.String({ maxLength: 200 }))) },
          { additionalProperties: false },
        ),
        response: { 200: TeamDetail, ...errors(400, 401, 403, 404) },
      },
      handler: (req) => teams.updateTeam(ctx, req.access, req.params.id, req.body, req.ip),
    });

    app.put('/api/volunteer-teams/:id/members/:volunteerId', {
      config: { policy: 'volunteer.manage' },
      schema: { tags, summary: 'Add a member or change their role (leader or member)', params: TeamParams, body: Type.Object({ role: lit(TEAM_ROLES) }, { additionalProperties: false }), response: { 200: TeamDetail, ...errors(400, 401, 403, 404, 409) } },
      handler: (req) => teams.setMember(ctx, req.access, req.params.id, req.params.volunteerId, req.body.role, req.ip),
    });

    app.delete('/api/volunteer-teams/:id/members/:volunteerId', {
      config: { policy: 'volunteer.manage' },
      schema: { tags, params: TeamParams, response: { 200: TeamDetail, ...errors(401, 403, 404) } },
      handler: (req) => teams.removeMember(ctx, req.access, req.params.id, req.params.volunteerId, req.ip),
    });
  };
