import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.js';
import { IdParams, errors } from '../../kernel/http/schemas.js';
import * as service from './service.js';
import * as surveys from './surveys.js';
import * as files from './files.js';
import { AppError } from '../../kernel/http/errors.js';
import { ATTACHMENT_PURPOSES, AVAILABILITIES, INSTRUCTION_LEVELS, INVITATION_STATUSES, QUESTION_KINDS, SUGGESTION_CATEGORIES, SUGGESTION_STAGES, SURVEY_STATUSES } from './tables.js';

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const OrgId = Type.String({ minLength: 1, maxLength: 64 });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
const Opt = (max: number) => Type.Optional(Nullable(Type.String({ maxLength: max })));
const Page = { limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }), offset: Type.Integer({ minimum: 0, default: 0 }) };

const Expert = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  name: Type.String(),
  title: Nullable(Type.String()),
  workplace: Nullable(Type.String()),
  fields: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  availability: lit(AVAILABILITIES),
  bio: Nullable(Type.String()),
  updatedAt: Type.String(),
});
const ExpertBody = {
  name: Text(100),
  title: Opt(200),
  workplace: Opt(200),
  fields: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 }),
  languages: Type.Array(lit(['mn', 'zh'] as const), { minItems: 1, maxItems: 2 }),
  availability: lit(AVAILABILITIES),
  bio: Opt(4000),
};
const Symposium = Type.Object({ id: Type.String(), orgId: Type.String(), title: Type.String(), topic: Nullable(Type.String()), heldOn: Type.String(), place: Nullable(Type.String()) });
const Suggestion = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  author: Type.String(),
  lang: lit(['zh', 'mn'] as const),
  title: Type.String(),
  body: Type.String(),
  category: lit(SUGGESTION_CATEGORIES),
  symposiumId: Nullable(Type.String()),
  stage: lit(SUGGESTION_STAGES),
  forwardedTo: Nullable(Type.String()),
  adoptingBody: Nullable(Type.String()),
  adoptedOn: Nullable(Type.String()),
  instructionLevel: Type.Union([lit(INSTRUCTION_LEVELS), Type.Null()]),
  evidence: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const SuggestionFile = Type.Object({ id: Type.String(), purpose: lit(ATTACHMENT_PURPOSES), name: Type.String(), mime: Type.String(), size: Type.Integer(), at: Type.String() });
const Stage = Type.Object({ stage: lit(SUGGESTION_STAGES), note: Nullable(Type.String()), at: Type.String() });
const Question = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' }), kind: lit(QUESTION_KINDS), label: Text(500), options: Type.Optional(Type.Array(Text(200), { maxItems: 30 })), required: Type.Boolean() },
  { additionalProperties: false },
);
const Survey = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  questions: Type.Array(Question),
  status: lit(SURVEY_STATUSES),
  publicPath: Type.String(),
  responses: Type.Optional(Type.Integer()),
  createdAt: Type.String(),
});
const KeyParams = Type.Object({ key: Type.String({ minLength: 8, maxLength: 64 }) });

export const thinktankRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['thinktank'];

    // Expert pool ------------------------------------------------------------------------------
    app.get('/api/thinktank/experts', {
      config: { policy: 'thinktank.read' },
      schema: {
        tags,
        summary: 'Search the expert pool in the caller’s scope (words, field, availability, org subtree)',
        querystring: Type.Object({ orgId: Type.Optional(OrgId), q: Type.Optional(Type.String({ maxLength: 64 })), field: Type.Optional(Type.String({ maxLength: 50 })), availability: Type.Optional(lit(AVAILABILITIES)), ...Page }),
        response: { 200: Type.Object({ items: Type.Array(Expert), total: Type.Integer() }), ...errors(400, 401, 404) },
      },
      handler: (req) => service.listExperts(ctx, req.access, req.query),
    });
    app.post('/api/thinktank/experts', {
      config: { policy: 'thinktank.manage' },
      schema: { tags, summary: 'Add an expert to an org’s pool', body: Type.Object({ orgId: OrgId, ...ExpertBody }, { additionalProperties: false }), response: { 201: Expert, ...errors(400, 401, 403, 404) } },
      handler: async (req, reply) => reply.code(201).send(await service.createExpert(ctx, req.access, req.body, req.ip)),
    });
    app.patch('/api/thinktank/experts/:id', {
      config: { policy: 'thinktank.manage' },
      schema: { tags, summary: 'Edit an expert (availability, fields…)', params: IdParams, body: Type.Partial(Type.Object(ExpertBody), { additionalProperties: false }), response: { 200: Expert, ...errors(400, 401, 403, 404) } },
      handler: (req) => service.updateExpert(ctx, req.access, req.params.id, req.body, req.ip),
    });

    // Symposiums -------------------------------------------------------------------------------
    app.get('/api/thinktank/symposiums', {
      config: { policy: 'thinktank.read' },
      schema: { tags, summary: 'Symposiums of the orgs in the caller’s scope', response: { 200: Type.Array(Symposium), ...errors(401) } },
      handler: (req) => service.listSymposiums(ctx, req.access),
    });
    app.post('/api/thinktank/symposiums', {
      config: { policy: 'thinktank.manage' },
      schema: { tags, summary: 'Plan a symposium', body: Type.Object({ orgId: OrgId, title: Text(300), topic: Opt(4000), heldOn: Day, place: Opt(300) }, { additionalProperties: false }), response: { 201: Symposium, ...errors(400, 401, 403, 404) } },
      handler: async (req, reply) => reply.code(201).send(await service.createSymposium(ctx, req.access, req.body, req.ip)),
    });
    app.get('/api/thinktank/symposiums/:id', {
      config: { policy: 'thinktank.read' },
      schema: {
        tags,
        summary: 'A symposium with its invitations and the suggestions it gathered',
        params: IdParams,
        response: {
          200: Type.Intersect([Symposium, Type.Object({ invitations: Type.Array(Type.Object({ expertId: Type.String(), name: Type.String(), title: Nullable(Type.String()), status: lit(INVITATION_STATUSES), invitedAt: Type.String() })), suggestions: Type.Array(Suggestion) })]),
          ...errors(401, 404),
        },
      },
      handler: (req) => service.getSymposium(ctx, req.access, req.params.id),
    });
    app.post('/api/thinktank/symposiums/:id/invitations', {
      config: { policy: 'thinktank.manage' },
      schema: { tags, summary: 'Invite experts of the pool (again: no change)', params: IdParams, body: Type.Object({ expertIds: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 200 }) }, { additionalProperties: false }), response: { 200: Type.Object({ invited: Type.Integer(), already: Type.Integer() }), ...errors(400, 401, 404) } },
      handler: (req) => service.invite(ctx, req.access, req.params.id, req.body.expertIds, req.ip),
    });

    // Suggestions ------------------------------------------------------------------------------
    app.post('/api/thinktank/suggestions', {
      config: { policy: 'suggestion.submit' },
      schema: {
        tags,
        summary: 'Submit a suggestion (Chinese or Mongolian) to one’s org or one above it',
        body: Type.Object({ orgId: OrgId, lang: lit(['zh', 'mn'] as const), title: Text(300), body: Text(20_000), category: lit(SUGGESTION_CATEGORIES), symposiumId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))) }, { additionalProperties: false }),
        response: { 201: Suggestion, ...errors(400, 401, 403, 404) },
      },
      handler: async (req, reply) => reply.code(201).send(await service.submit(ctx, req.access, req.body, req.ip)),
    });
    app.get('/api/thinktank/suggestions', {
      config: { policy: 'thinktank.read' },
      schema: { tags, summary: 'Suggestions submitted to orgs in the caller’s scope', querystring: Type.Object({ stage: Type.Optional(lit(SUGGESTION_STAGES)), category: Type.Optional(lit(SUGGESTION_CATEGORIES)), ...Page }), response: { 200: Type.Object({ items: Type.Array(Suggestion), total: Type.Integer() }), ...errors(400, 401) } },
      handler: (req) => service.listSuggestions(ctx, req.access, req.query),
    });
    app.get('/api/thinktank/suggestions/mine', {
      config: { policy: 'self' },
      schema: { tags, summary: 'The caller’s own suggestions and the stage each has reached', response: { 200: Type.Array(Suggestion), ...errors(401) } },
      handler: (req) => service.mySuggestions(ctx, req.access),
    });
    app.get('/api/thinktank/suggestions/:id', {
      config: { policy: 'thinktank.read' },
      schema: { tags, summary: 'One suggestion with its stages (its author, or staff of its org)', params: IdParams, response: { 200: Type.Intersect([Suggestion, Type.Object({ stages: Type.Array(Stage), files: Type.Array(SuggestionFile) })]), ...errors(401, 404) } },
      handler: (req) => service.getSuggestion(ctx, req.access, req.params.id),
    });
    app.post('/api/thinktank/suggestions/:id/stage', {
      config: { policy: 'thinktank.manage' },
      schema: {
        tags,
        summary: 'Move a suggestion on: under review, forwarded (to whom), adopted / partly adopted (body, date, level, evidence) or not adopted',
        params: IdParams,
        body: Type.Object(
          { to: lit(SUGGESTION_STAGES), note: Opt(2000), forwardedTo: Opt(200), adoptingBody: Opt(200), adoptedOn: Type.Optional(Type.Union([Day, Type.Null()])), instructionLevel: Type.Optional(Type.Union([lit(INSTRUCTION_LEVELS), Type.Null()])), evidence: Opt(2000) },
          { additionalProperties: false },
        ),
        response: { 200: Suggestion, ...errors(400, 401, 404, 409) },
      },
      handler: (req) => service.moveStage(ctx, req.access, req.params.id, req.body, req.ip),
    });

    app.post('/api/thinktank/suggestions/:id/files', {
      config: { policy: 'thinktank.manage' },
      schema: {
        tags,
        summary: 'Attach a file (multipart "file": PDF, DOCX or image): the author until forwarded, or the handlers; `purpose=evidence` (adoption evidence) only the handlers',
        params: IdParams,
        querystring: Type.Object({ purpose: lit(ATTACHMENT_PURPOSES) }),
        consumes: ['multipart/form-data'],
        response: { 201: SuggestionFile, ...errors(400, 401, 403, 404, 413, 415) },
      },
      handler: async (req, reply) => {
        const file = await req.file();
        if (!file) throw new AppError(400, 'validation.failed', { detail: 'multipart field "file" is missing' });
        return reply.code(201).send(await files.upload(ctx, req.access, req.params.id, { purpose: req.query.purpose, filename: file.filename, stream: file.file }, req.ip));
      },
    });
    app.get('/api/thinktank/suggestions/:id/files/:fileId', {
      config: { policy: 'thinktank.read' },
      schema: { tags, summary: 'Download a file of a suggestion (its author, or staff who read it)', params: Type.Object({ id: Type.String({ maxLength: 64 }), fileId: Type.String({ maxLength: 64 }) }), response: errors(401, 404) },
      handler: async (req, reply) => {
        const f = await files.open(ctx, req.access, req.params.id, req.params.fileId);
        return reply
          .type(f.mime)
          .header('content-length', f.size)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(f.stream);
      },
    });

    // Needs surveys ----------------------------------------------------------------------------
    app.get('/api/thinktank/surveys', {
      config: { policy: 'thinktank.read' },
      schema: { tags, summary: 'Surveys of the orgs in the caller’s scope, with response counts', response: { 200: Type.Array(Survey), ...errors(401) } },
      handler: (req) => surveys.listSurveys(ctx, req.access),
    });
    app.post('/api/thinktank/surveys', {
      config: { policy: 'thinktank.manage' },
      schema: {
        tags,
        summary: 'Build a survey: single / multiple choice, text and number questions',
        body: Type.Object({ orgId: OrgId, title: Text(300), description: Opt(4000), questions: Type.Array(Question, { minItems: 1, maxItems: 50 }) }, { additionalProperties: false }),
        response: { 201: Survey, ...errors(400, 401, 403, 404) },
      },
      handler: async (req, reply) => reply.code(201).send(await surveys.createSurvey(ctx, req.access, req.body, req.ip)),
    });
    app.post('/api/thinktank/surveys/:id/status', {
      config: { policy: 'thinktank.manage' },
      schema: { tags, summary: 'Open or close a survey', params: IdParams, body: Type.Object({ status: lit(SURVEY_STATUSES) }, { additionalProperties: false }), response: { 200: Survey, ...errors(400, 401, 404) } },
      handler: (req) => surveys.setStatus(ctx, req.access, req.params.id, req.body.status, req.ip),
    });
    app.get('/api/thinktank/surveys/:id/results', {
      config: { policy: 'thinktank.read' },
      schema: { tags, summary: 'Results per question (counts per option; count, mean, min, max; latest texts)', params: IdParams, response: errors(401, 404) },
      handler: (req) => surveys.results(ctx, req.access, req.params.id),
    });
    app.get('/api/thinktank/surveys/:id/qr.svg', {
      config: { policy: 'thinktank.read' },
      schema: { tags, summary: 'QR code of the survey’s public link', params: IdParams, produces: ['image/svg+xml'], response: errors(401, 404) },
      handler: async (req, reply) => reply.type('image/svg+xml').header('cache-control', 'private, no-store').send(await surveys.surveyQrSvg(ctx, req.access, req.params.id, `${req.protocol}://${req.host}`)),
    });

    // The public link: anyone with it answers, once per device.
    app.get('/api/public/surveys/:key', {
      config: { public: true },
      schema: { tags, summary: 'An open survey’s form, for its public link', params: KeyParams, response: { 200: Type.Object({ title: Type.String(), description: Nullable(Type.String()), questions: Type.Array(Question) }), ...errors(404) } },
      handler: (req) => surveys.publicSurvey(ctx, req.params.key),
    });
    app.post('/api/public/surveys/:key/responses', {
      config: { public: true, rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Answer a survey; a resubmission with the same nonce counts once',
        params: KeyParams,
        body: Type.Object({ nonce: Type.String({ minLength: 8, maxLength: 64 }), answers: Type.Record(Type.String({ maxLength: 32 }), Type.Unknown()) }, { additionalProperties: false }),
        response: { 200: Type.Object({ counted: Type.Boolean() }), ...errors(400, 404, 429) },
      },
      handler: (req) => surveys.respond(ctx, req.params.key, req.body),
    });
  };
