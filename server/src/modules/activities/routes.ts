import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../kernel/context.js';
import { IdParams, errors } from '../../kernel/http/schemas.js';
import { pdfRenderer } from '../../kernel/pdf/pdf.js';
import * as service from './service.js';
import * as hours from './hours.js';
import * as pairings from './pairings.js';
import { processScans } from './scans.js';
import { certificateHtml } from './certificate.js';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, AUDIENCES, DELIVERY_LANGUAGES, HOURS_SOURCES, HOURS_STATUSES, PAIRING_STATUSES, SCAN_DIRECTIONS, SCAN_RESULTS, SIGNUP_STATUSES } from './tables.js';

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Name = Type.Object({ zh: Type.String(), mn: Type.Union([Type.String(), Type.Null()]) });
const Id = Type.String({ minLength: 1, maxLength: 64 });
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export const ActivitySchema = Type.Object(
  {
    id: Type.String(),
    kind: lit(ACTIVITY_KINDS),
    title: Name,
    description: Type.Union([Type.String(), Type.Null()]),
    orgId: Type.String(),
    org: Type.Object({ code: Type.String(), name: Name }),
    place: Type.Union([Type.Object({ orgId: Type.String(), code: Type.String(), name: Name }), Type.Null()]),
    placeText: Type.Union([Type.String(), Type.Null()]),
    startsAt: Type.String(),
    endsAt: Type.String(),
    capacity: Type.Integer(),
    audience: lit(AUDIENCES),
    language: lit(DELIVERY_LANGUAGES),
    pairingId: Type.Union([Type.String(), Type.Null()]),
    teamId: Type.Union([Type.String(), Type.Null()]),
    status: lit(ACTIVITY_STATUSES),
    signups: Type.Object({ confirmed: Type.Integer(), waitlisted: Type.Integer() }),
    attendance: Type.Object({ checkedIn: Type.Integer(), checkedOut: Type.Integer() }),
    beneficiaries: Type.Object({ counted: Type.Integer({ description: 'audience check-ins at the venue' }), reported: Type.Union([Type.Integer(), Type.Null()], { description: 'as the organiser reports' }) }),
    canManage: Type.Boolean(),
  },
  { $id: 'Activity' },
);

const Signup = Type.Object({
  id: Type.String(),
  activityId: Type.String(),
  volunteer: Type.Object({ id: Type.String(), name: Type.String(), phone: Type.String({ description: 'masked' }), orgName: Name }),
  status: lit(SIGNUP_STATUSES),
  position: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String(),
  promotedAt: Type.Union([Type.String(), Type.Null()]),
  cancelledAt: Type.Union([Type.String(), Type.Null()]),
  checkedInAt: Type.Union([Type.String(), Type.Null()]),
  checkedOutAt: Type.Union([Type.String(), Type.Null()]),
});

const MySignup = Type.Object({
  id: Type.String(),
  status: lit(SIGNUP_STATUSES),
  position: Type.Union([Type.Integer(), Type.Null()]),
  activity: Type.Ref('Activity'),
  qrPayload: Type.Union([Type.String(), Type.Null()]),
  checkedInAt: Type.Union([Type.String(), Type.Null()]),
  checkedOutAt: Type.Union([Type.String(), Type.Null()]),
});

const Hours = Type.Object({
  id: Type.String(),
  volunteer: Type.Object({ id: Type.String(), name: Type.String() }),
  orgId: Type.String(),
  orgName: Name,
  activity: Type.Union([Type.Object({ id: Type.String(), title: Name, kind: Type.String() }), Type.Null()]),
  source: lit(HOURS_SOURCES),
  minutes: Type.Integer(),
  serviceDate: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  status: lit(HOURS_STATUSES),
  reason: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

const OrgRef = Type.Object({ id: Type.String(), code: Type.String(), name: Name });
const Pairing = Type.Object({
  id: Type.String(),
  society: OrgRef,
  banner: OrgRef,
  since: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  status: lit(PAIRING_STATUSES),
  produced: Type.Object({ activities: Type.Integer(), checkedIn: Type.Integer(), beneficiariesCounted: Type.Integer(), beneficiariesReported: Type.Integer() }),
  canManage: Type.Boolean(),
});

const ActivityFields = {
  kind: lit(ACTIVITY_KINDS),
  title: Type.Object({ zh: Type.String({ maxLength: 200 }), mn: Type.Optional(Nullable(Type.String({ maxLength: 400 }))) }, { additionalProperties: false }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  placeOrgId: Type.Optional(Nullable(Id)),
  placeText: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  capacity: Type.Integer({ minimum: 1, maximum: service.MAX_CAPACITY }),
  audience: lit(AUDIENCES),
  language: lit(DELIVERY_LANGUAGES),
  pairingId: Type.Optional(Nullable(Id)),
  teamId: Type.Optional(Nullable(Id)),
};

const Scan = Type.Object(
  {
    nonce: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' }),
    activityId: Id,
    payload: Type.String({ maxLength: 200 }),
    direction: lit(SCAN_DIRECTIONS),
    scannedAt: Type.String({ maxLength: 40 }),
  },
  { additionalProperties: false },
);

export const activityRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['activities'];

    app.get('/api/activities', {
      config: { policy: 'activity.read' },
      schema: {
        tags,
        summary: 'Activities organised or held in the caller’s scope',
        querystring: Type.Object({
          orgId: Type.Optional(Id),
          kind: Type.Optional(lit(ACTIVITY_KINDS)),
          status: Type.Optional(lit(ACTIVITY_STATUSES)),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          q: Type.Optional(Type.String({ maxLength: 64 })),
          pairingId: Type.Optional(Id),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Activity')), total: Type.Integer() }), ...errors(400, 401, 404) },
      },
      handler: (req) => service.list(ctx, req.access, req.query),
    });

    app.post('/api/activities', {
      config: { policy: 'activity.manage' },
      schema: { tags, body: Type.Object({ orgId: Id, ...ActivityFields }, { additionalProperties: false }), response: { 201: Type.Ref('Activity'), ...errors(400, 401, 403, 404) } },
      handler: async (req, reply) => reply.status(201).send(await service.create(ctx, req.access, req.body, req.ip)),
    });

    app.get('/api/activities/open', {
      config: { policy: 'self' },
      schema: {
        tags,
        summary: 'For the logged-in volunteer: open activities organised or held on the line of their org, with their own sign-up',
        response: {
          200: Type.Object({ volunteerStatus: Type.String(), items: Type.Array(Type.Intersect([Type.Ref('Activity'), Type.Object({ mySignup: Type.Union([lit(SIGNUP_STATUSES), Type.Null()]) })])) }),
          ...errors(401, 404),
        },
      },
      handler: (req) => service.openForMe(ctx, req.access),
    });

    app.get('/api/activities/me/signups', {
      config: { policy: 'self' },
      schema: { tags, summary: 'The volunteer’s own sign-ups, with the QR payload of each confirmed place', response: { 200: Type.Array(MySignup), ...errors(401, 404) } },
      handler: (req) => service.mySignups(ctx, req.access),
    });

    app.post('/api/activities/scans', {
      config: { policy: 'activity.scan' },
      schema: {
        tags,
        summary: 'Door scans (one, or an offline queue): idempotent by nonce, and a volunteer is checked in (or out) once per activity',
        body: Type.Object({ scans: Type.Array(Scan, { minItems: 1, maxItems: 500 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            results: Type.Array(
              Type.Object({
                nonce: Type.String(),
                activityId: Type.String(),
                direction: lit(SCAN_DIRECTIONS),
                result: lit(SCAN_RESULTS),
                reason: Type.Union([Type.String(), Type.Null()]),
                replayed: Type.Boolean(),
                volunteer: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
              }),
            ),
          }),
          ...errors(400, 401),
        },
      },
      handler: async (req) => ({ results: await processScans(ctx, req.access, req.body.scans, req.ip) }),
    });

    app.get('/api/activities/signups/:id/qr.svg', {
      config: { policy: 'self' },
      schema: { tags, summary: 'The sign-up’s QR code (the volunteer’s own, or for the activity’s organisers)', params: IdParams, produces: ['image/svg+xml'], response: errors(401, 404, 409) },
      handler: async (req, reply) => reply.type('image/svg+xml').header('cache-control', 'private, no-store').send(await service.signupQrSvg(ctx, req.access, req.params.id)),
    });

    app.post('/api/activities/signups/:id/cancel', {
      config: { policy: 'activity.manage' },
      schema: {
        tags,
        summary: 'Cancel a sign-up (the volunteer themself or the organiser); a freed place goes to the first waiting',
        params: IdParams,
        response: { 200: Type.Object({ cancelled: Type.String(), promoted: Type.Array(Type.String()) }), ...errors(401, 404, 409) },
      },
      handler: (req) => service.cancel(ctx, req.access, req.params.id, req.ip),
    });

    app.get('/api/activities/:id', {
      config: { policy: 'activity.read' },
      schema: { tags, params: IdParams, response: { 200: Type.Ref('Activity'), ...errors(401, 404) } },
      handler: (req) => service.get(ctx, req.access, req.params.id),
    });

    app.patch('/api/activities/:id', {
      config: { policy: 'activity.manage' },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object(
          {
            kind: Type.Optional(ActivityFields.kind),
            title: Type.Optional(Type.Object({ zh: Type.Optional(Type.String({ maxLength: 200 })), mn: Type.Optional(Nullable(Type.String({ maxLength: 400 }))) }, { additionalProperties: false })),
            description: ActivityFields.description,
            placeOrgId: ActivityFields.placeOrgId,
            placeText: ActivityFields.placeText,
            startsAt: Type.Optional(ActivityFields.startsAt),
            endsAt: Type.Optional(ActivityFields.endsAt),
            capacity: Type.Optional(ActivityFields.capacity),
            audience: Type.Optional(ActivityFields.audience),
            language: Type.Optional(ActivityFields.language),
            pairingId: ActivityFields.pairingId,
            teamId: ActivityFields.teamId,
            status: Type.Optional(lit(ACTIVITY_STATUSES)),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Activity'), ...errors(400, 401, 403, 404, 409) },
      },
      handler: (req) => service.update(ctx, req.access, req.params.id, req.body as service.UpdateInput, req.ip),
    });

    app.put('/api/activities/:id/beneficiaries', {
      config: { policy: 'activity.manage' },
      schema: {
        tags,
        summary: 'The organiser’s reported beneficiary count (kept apart from the counted check-ins)',
        params: IdParams,
        body: Type.Object({ reported: Type.Union([Type.Integer({ minimum: 0, maximum: 10_000_000 }), Type.Null()]) }, { additionalProperties: false }),
        response: { 200: Type.Ref('Activity'), ...errors(400, 401, 403, 404) },
      },
      handler: (req) => service.reportBeneficiaries(ctx, req.access, req.params.id, req.body.reported, req.ip),
    });

    app.get('/api/activities/:id/signups', {
      config: { policy: 'activity.read' },
      schema: { tags, summary: 'Sign-ups: confirmed, waiting (in order) and cancelled, with check-in times', params: IdParams, response: { 200: Type.Array(Signup), ...errors(401, 404) } },
      handler: (req) => service.signups(ctx, req.access, req.params.id),
    });

    app.post('/api/activities/:id/signups', {
      config: { policy: 'activity.manage' },
      schema: { tags, summary: 'The organiser signs up a volunteer they manage', params: IdParams, body: Type.Object({ volunteerId: Id }, { additionalProperties: false }), response: { 201: Type.Array(Signup), ...errors(401, 403, 404, 409) } },
      handler: async (req, reply) => reply.status(201).send(await service.signUpVolunteer(ctx, req.access, req.params.id, req.body.volunteerId, req.ip)),
    });

    app.post('/api/activities/:id/signup', {
      config: { policy: 'self' },
      schema: { tags, summary: 'The logged-in volunteer signs up (confirmed while places last, else waiting)', params: IdParams, response: { 201: MySignup, ...errors(401, 404, 409) } },
      handler: async (req, reply) => reply.status(201).send(await service.signUpSelf(ctx, req.access, req.params.id, req.ip)),
    });

    app.get('/api/activities/:id/venue-qr', {
      config: { policy: 'activity.manage' },
      schema: { tags, summary: 'The venue QR (link and SVG) the audience scans to be counted', params: IdParams, response: { 200: Type.Object({ url: Type.String(), svg: Type.String() }), ...errors(401, 403, 404) } },
      handler: (req) => service.venueLink(ctx, req.access, req.params.id, originOf(req)),
    });

    app.post('/api/public/activities/:id/attend', {
      config: { public: true, rateLimit: { max: 600, timeWindow: 60_000 } },
      schema: {
        tags: ['public'],
        summary: 'An audience member checks in through the venue QR (no login; counted once per device nonce)',
        params: IdParams,
        body: Type.Object({ k: Type.String({ maxLength: 64 }), nonce: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ counted: Type.Boolean(), title: Name, startsAt: Type.String() }), ...errors(400, 404, 409, 429) },
      },
      handler: (req) => service.attend(ctx, req.params.id, req.body.k, req.body.nonce),
    });

    // ——— service hours ———

    app.get('/api/service-hours', {
      config: { policy: 'hours.approve' },
      schema: {
        tags,
        summary: 'Service hours in the orgs the caller administers or organises (to approve)',
        querystring: Type.Object({ status: Type.Optional(lit(HOURS_STATUSES)), activityId: Type.Optional(Id), limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }), offset: Type.Integer({ minimum: 0, default: 0 }) }),
        response: { 200: Type.Object({ items: Type.Array(Hours), total: Type.Integer() }), ...errors(401) },
      },
      handler: (req) => hours.list(ctx, req.access, req.query),
    });

    app.post('/api/service-hours', {
      config: { policy: 'self' },
      schema: {
        tags,
        summary: 'The volunteer reports service time (for an activity they signed up for, or described); pending approval',
        body: Type.Object(
          { activityId: Type.Optional(Nullable(Id)), minutes: Type.Integer({ minimum: 1, maximum: hours.MAX_REPORT_MINUTES }), serviceDate: Type.Optional(Type.String({ maxLength: 10 })), description: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))) },
          { additionalProperties: false },
        ),
        response: { 201: Hours, ...errors(400, 401, 404, 409) },
      },
      handler: async (req, reply) => reply.status(201).send(await hours.report(ctx, req.access, req.body, req.ip)),
    });

    app.get('/api/service-hours/me', {
      config: { policy: 'self' },
      schema: { tags, summary: 'The volunteer’s own hours and totals', response: { 200: Type.Object({ volunteerId: Type.String(), approvedMinutes: Type.Integer(), pendingMinutes: Type.Integer(), items: Type.Array(Hours) }), ...errors(401, 404) } },
      handler: (req) => hours.mine(ctx, req.access),
    });

    const certificate = async (req: FastifyRequest, volunteerId: string | null) => {
      const data = await hours.certificateData(ctx, req.access, volunteerId);
      return pdfRenderer(ctx).render(certificateHtml(data), { margin: '0' });
    };

    app.get('/api/service-hours/me/certificate.pdf', {
      config: { policy: 'self' },
      schema: { tags, summary: 'A certificate (PDF) of the volunteer’s approved hours; 503 when the PDF printer (Chromium) is not available', produces: ['application/pdf'], response: errors(401, 404, 503) },
      handler: async (req, reply) => reply.type('application/pdf').header('content-disposition', 'attachment; filename="certificate.pdf"').header('cache-control', 'private, no-store').send(await certificate(req, null)),
    });

    app.get('/api/service-hours/volunteers/:id/certificate.pdf', {
      config: { policy: 'volunteer.read' },
      schema: { tags, summary: 'A volunteer’s certificate for their organisers', params: IdParams, produces: ['application/pdf'], response: errors(401, 404, 503) },
      handler: async (req, reply) => reply.type('application/pdf').header('content-disposition', 'attachment; filename="certificate.pdf"').header('cache-control', 'private, no-store').send(await certificate(req, req.params.id)),
    });

    for (const action of ['approve', 'reject'] as const) {
      app.post(`/api/service-hours/:id/${action}`, {
        config: { policy: 'hours.approve' },
        schema: {
          tags,
          params: IdParams,
          body: Type.Optional(Type.Object({ minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: hours.MAX_REPORT_MINUTES })), reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false })),
          response: { 200: Hours, ...errors(400, 401, 404, 409) },
        },
        handler: (req) => hours.decide(ctx, req.access, req.params.id, action, { minutes: req.body?.minutes, reason: req.body?.reason }, req.ip),
      });
    }

    // ——— pairings ———

    app.get('/api/pairings', {
      config: { policy: 'pairing.read' },
      schema: { tags, summary: 'Society ↔ banner pairings seen from either end, with what they produced', response: { 200: Type.Array(Pairing), ...errors(401) } },
      handler: (req) => pairings.list(ctx, req.access),
    });

    app.post('/api/pairings', {
      config: { policy: 'pairing.manage' },
      schema: {
        tags,
        body: Type.Object({ societyOrgId: Id, bannerOrgId: Id, since: Type.Optional(Type.String({ maxLength: 10 })), note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) }, { additionalProperties: false }),
        response: { 201: Pairing, ...errors(400, 401, 403, 404, 409) },
      },
      handler: async (req, reply) => reply.status(201).send(await pairings.create(ctx, req.access, req.body, req.ip)),
    });

    app.get('/api/pairings/:id', {
      config: { policy: 'pairing.read' },
      schema: { tags, params: IdParams, response: { 200: Type.Intersect([Pairing, Type.Object({ activities: Type.Array(Type.Ref('Activity')) })]), ...errors(401, 404) } },
      handler: (req) => pairings.get(ctx, req.access, req.params.id),
    });

    app.patch('/api/pairings/:id', {
      config: { policy: 'pairing.manage' },
      schema: { tags, params: IdParams, body: Type.Object({ status: Type.Optional(lit(PAIRING_STATUSES)), note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) }, { additionalProperties: false }), response: { 200: Pairing, ...errors(400, 401, 403, 404) } },
      handler: (req) => pairings.update(ctx, req.access, req.params.id, req.body, req.ip),
    });
  };
