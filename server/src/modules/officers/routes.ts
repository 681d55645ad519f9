import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../kernel/context.js';
import { AppError, langFromHeader } from '../../kernel/http/errors.js';
import { IdParams, errors } from '../../kernel/http/schemas.js';
import { spoolUpload } from '../../kernel/files/upload.js';
import { sniffedMime } from '../../kernel/files/sniff.js';
import * as store from './store.js';
import * as service from './service.js';
import { OFFICER_CONFIG } from './config.js';
import { OFFICER_CODE_PATTERN } from './codes.js';
import { OFFICER_STATUSES } from './tables.js';

export { maskPhone } from './service.js';

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Uuid = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' });
const Name = Type.Object({ zh: Type.String(), mn: Nullable(Type.String()) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const cfg = OFFICER_CONFIG;

const Officer = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  phone: Type.String(),
  orgId: Type.String(),
  orgName: Name,
  status: lit(OFFICER_STATUSES),
  approvedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  hasAccount: Type.Boolean(),
  canContact: Type.Boolean(),
});
const Points = { points: Type.Integer(), shareOpens: Type.Integer(), reads: Type.Integer(), reshareOpens: Type.Integer() };
const Pick = Type.Object({ id: Type.String(), resourceId: Type.String(), orgId: Type.String(), day: Type.String(), createdAt: Type.String() });

const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const DEVICE_ID = /^[A-Za-z0-9_-]{22,64}$/;

/**
 * The device-id cookie: random, httpOnly, a year long. Identifies repeat opens of a link on one
 * phone without knowing who holds it; only its hash is stored.
 */
function device(req: FastifyRequest, reply: FastifyReply, ctx: AppContext): { deviceHash: string; devicePresented: boolean } {
  const raw = req.cookies[cfg.deviceCookie];
  if (raw && DEVICE_ID.test(raw)) return { deviceHash: sha256(raw), devicePresented: true };
  const id = randomBytes(16).toString('base64url');
  reply.setCookie(cfg.deviceCookie, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.production,
    maxAge: cfg.deviceCookieDays * 86_400,
  });
  return { deviceHash: sha256(id), devicePresented: false };
}

function visitor(req: FastifyRequest, reply: FastifyReply, ctx: AppContext): service.Visitor {
  const ua = req.headers['user-agent'];
  return { actor: req.access.actor, userAgent: ua, ...device(req, reply, ctx), clientHash: sha256(`${req.ip}|${ua ?? ''}`) };
}

// A transparent 1×1 GIF: the read beacon works as a plain <img>, no JavaScript needed.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export const officerRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['officers'];

    app.get('/api/officers', {
      config: { policy: 'officer.read' },
      schema: {
        tags,
        querystring: Type.Object({
          status: Type.Optional(lit(OFFICER_STATUSES)),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                code: Type.String(),
                name: Type.String(),
                phone: Type.String(),
                orgId: Type.String(),
                orgName: Name,
                status: lit(OFFICER_STATUSES),
              }),
            ),
          }),
          ...errors(401),
        },
      },
      handler: async (req) => {
        const { rows, total } = await store.list(ctx.db.kysely, { prefixes: req.access.scope('admin', 'organizer', 'editor', 'reviewer'), status: req.query.status }, req.query.limit, req.query.offset);
        return {
          total,
          items: rows.map((o) => ({
            id: o.id,
            code: o.code,
            name: o.name,
            // Lists never show full numbers; the unmasked view is a separate, audited request.
            phone: service.maskPhone(o.phone),
            orgId: o.org_id,
            orgName: { zh: o.org_name_zh, mn: o.org_name_mn },
            status: o.status,
          })),
        };
      },
    });

    app.post('/api/officers/register', {
      config: { public: true, rateLimit: { max: cfg.registerRateLimit.max, timeWindow: cfg.registerRateLimit.timeWindowMs } },
      schema: {
        tags,
        summary: 'Sign up as a science information officer (pending until the banner association approves)',
        body: Type.Object(
          {
            name: Type.String({ maxLength: 200 }),
            phone: Type.String({ maxLength: 40 }),
            orgCode: Type.String({ maxLength: 40 }),
            password: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String(), status: lit(OFFICER_STATUSES) }), ...errors(400, 409, 429) },
      },
      handler: async (req, reply) => reply.status(201).send(await service.register(ctx, req.body, langFromHeader(req.headers['accept-language']), req.ip)),
    });

    app.post('/api/officers/import', {
      config: { policy: 'officer.manage' },
      schema: {
        tags,
        summary: 'Import officers from .xlsx (姓名, 手机, 组织代码); all rows checked first, nothing written on any problem',
        consumes: ['multipart/form-data'],
        // A dry run unless asked otherwise, as for stations: the report comes before anything is written.
        querystring: Type.Object({ dryRun: Type.Boolean({ default: true }) }),
        response: {
          200: Type.Object({
            rows: Type.Integer(),
            valid: Type.Integer(),
            errors: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), problem: Type.String() })),
            created: Type.Integer(),
          }),
          ...errors(400, 401, 403, 409, 413, 415),
        },
      },
      handler: async (req) => {
        req.access.requireUser();
        const file = req.isMultipart() ? await req.file() : undefined;
        if (!file) throw new AppError(400, 'validation.failed', { detail: 'multipart field "file" is missing' });
        const spooled = await spoolUpload(file.file, cfg.importMaxBytes);
        try {
          const mime = await sniffedMime(spooled.path);
          if (mime !== XLSX) throw new AppError(415, 'upload.bad_type', { type: mime });
          return await service.importOfficers(ctx, req.access, fs.readFileSync(spooled.path), { dryRun: req.query.dryRun, lang: langFromHeader(req.headers['accept-language']) }, req.ip);
        } finally {
          fs.rmSync(spooled.path, { force: true });
        }
      },
    });

    for (const action of ['approve', 'reject', 'suspend'] as const) {
      app.post(`/api/officers/:id/${action}`, {
        config: { policy: 'officer.manage' },
        schema: {
          tags,
          params: IdParams,
          body: Type.Optional(Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false })),
          response: { 200: Type.Intersect([Officer, Type.Object({ username: Nullable(Type.String()) })]), ...errors(401, 403, 404, 409) },
        },
        handler: (req) => service.decide(ctx, req.access, req.params.id, action, req.body?.reason?.trim() || null, req.ip),
      });
    }

    // ——— the officer's own view ———

    app.get('/api/officers/me', {
      config: { policy: 'self' },
      schema: {
        tags,
        response: { 200: Type.Intersect([Officer, Type.Object({ today: Type.Object({ day: Type.String(), ...Points }) })]), ...errors(401, 404) },
      },
      handler: async (req, reply) => {
        req.access.requireUser();
        return service.me(ctx, req.access, device(req, reply, ctx).deviceHash);
      },
    });

    app.get('/api/officers/me/points', {
      config: { policy: 'self' },
      schema: {
        tags,
        querystring: Type.Object({ from: Day, to: Day }),
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            dailyCap: Type.Integer(),
            pointsPerAction: Type.Record(Type.String(), Type.Integer()),
            ...Points,
            days: Type.Array(Type.Object({ day: Type.String(), ...Points })),
          }),
          ...errors(400, 401, 404),
        },
      },
      handler: (req) => service.myPoints(ctx, req.access, req.query),
    });

    app.get('/api/officers/me/picks', {
      config: { policy: 'self' },
      schema: {
        tags,
        summary: "Today's picks for the officer: published versions, the personal share link and the poster",
        querystring: Type.Object({ day: Type.Optional(Day) }),
        response: {
          200: Type.Object({
            day: Type.String(),
            officerCode: Type.String(),
            items: Type.Array(
              Type.Object({
                resourceId: Type.String(),
                day: Type.String(),
                kind: Type.String(),
                coverUrl: Nullable(Type.String()),
                versions: Type.Array(Type.Object({ lang: Type.String(), title: Type.String(), summary: Nullable(Type.String()), publishedAt: Nullable(Type.String()) })),
                shareUrl: Type.String(),
                posterUrl: Type.String(),
              }),
            ),
          }),
          ...errors(401, 403, 404),
        },
      },
      handler: async (req, reply) => {
        req.access.requireUser();
        return service.myPicks(ctx, req.access, req.query.day, originOf(req), device(req, reply, ctx).deviceHash);
      },
    });

    app.get('/api/officers/me/picks/:resourceId/poster.png', {
      config: { policy: 'self' },
      schema: { tags, summary: 'Share poster (PNG): cover, Mongolian and Chinese title, QR code of the personal link', params: Type.Object({ resourceId: Uuid }), produces: ['image/png'], response: errors(401, 403, 404) },
      handler: async (req, reply) => {
        req.access.requireUser();
        const png = await service.poster(ctx, req.access, req.params.resourceId, originOf(req), device(req, reply, ctx).deviceHash);
        return reply.type('image/png').header('cache-control', 'private, max-age=300').send(png);
      },
    });

    // ——— points and leaderboards ———

    app.get('/api/officers/leaderboard', {
      config: { policy: 'officer.leaderboard' },
      schema: {
        tags,
        querystring: Type.Object({ orgId: Type.String({ maxLength: 64 }), from: Day, to: Day, limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }),
        response: {
          200: Type.Object({
            orgId: Type.String(),
            enabled: Type.Boolean(),
            from: Type.String(),
            to: Type.String(),
            items: Type.Array(Type.Object({ rank: Type.Integer(), officerId: Type.String(), name: Type.String(), orgId: Type.String(), orgName: Name, ...Points })),
          }),
          ...errors(400, 401, 404),
        },
      },
      handler: (req) => service.leaderboard(ctx, req.access, req.query),
    });

    app.patch('/api/officers/leaderboard-settings', {
      config: { policy: 'officer.manage' },
      schema: {
        tags,
        summary: 'Switch the officer leaderboard of a banner (or league, or the region) on or off',
        body: Type.Object({ orgId: Type.String({ maxLength: 64 }), enabled: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Type.Object({ orgId: Type.String(), enabled: Type.Boolean() }), ...errors(400, 401, 403, 404) },
      },
      handler: (req) => service.setLeaderboard(ctx, req.access, req.body, req.ip),
    });

    // ——— today's picks (admins) ———

    app.post('/api/officers/picks', {
      config: { policy: 'officer.pick' },
      schema: {
        tags,
        summary: "Push a published resource to the officers of an org's subtree for a day",
        body: Type.Object({ resourceId: Uuid, orgId: Type.String({ maxLength: 64 }), day: Day }, { additionalProperties: false }),
        response: { 201: Pick, ...errors(400, 401, 403, 404, 409) },
      },
      handler: async (req, reply) => reply.status(201).send(await service.addPick(ctx, req.access, req.body, req.ip)),
    });

    app.get('/api/officers/picks', {
      config: { policy: 'officer.pick' },
      schema: { tags, querystring: Type.Object({ day: Day }), response: { 200: Type.Array(Pick), ...errors(400, 401) } },
      handler: (req) => service.listPicks(ctx, req.access, req.query.day),
    });

    app.delete('/api/officers/picks/:id', {
      config: { policy: 'officer.pick' },
      schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errors(401, 403, 404) } },
      handler: async (req, reply) => {
        await service.deletePick(ctx, req.access, req.params.id, req.ip);
        return reply.status(204).send(null);
      },
    });

    // ——— one officer (staff) ———

    app.get('/api/officers/:id', {
      config: { policy: 'officer.read' },
      schema: { tags, params: IdParams, response: { 200: Officer, ...errors(401, 404) } },
      handler: (req) => service.getOfficer(ctx, req.access, req.params.id),
    });

    app.get('/api/officers/:id/contact', {
      config: { policy: 'officer.contact' },
      schema: { tags, summary: 'The full phone number; every request is written to the audit log', params: IdParams, response: { 200: Type.Object({ id: Type.String(), name: Type.String(), phone: Type.String() }), ...errors(401, 403, 404) } },
      handler: (req) => service.contact(ctx, req.access, req.params.id, req.ip),
    });

    // ——— public share links (no JavaScript needed) ———

    const LinkParams = Type.Object({ code: Type.String({ pattern: OFFICER_CODE_PATTERN }), resourceId: Uuid });

    app.get('/s/:code/:resourceId', {
      config: { public: true },
      schema: {
        hide: true,
        params: LinkParams,
        querystring: Type.Object({
          via: Type.Optional(Type.String({ maxLength: 32 })),
          from: Type.Optional(Type.String({ maxLength: 32 })),
          l: Type.Optional(lit(['mn', 'zh'] as const)),
        }),
      },
      handler: async (req, reply) => {
        const v = visitor(req, reply, ctx);
        const res = await service.openLink(
          ctx,
          { code: req.params.code, resourceId: req.params.resourceId, via: req.query.via, from: req.query.from, lang: req.query.l, acceptLanguage: req.headers['accept-language'] },
          v,
        );
        reply.header('cache-control', 'no-store');
        if (!res) return reply.status(404).type('text/plain; charset=utf-8').send('404 未找到 / Not found');
        return reply.redirect(res.location, 302);
      },
    });

    app.get('/s/:code/:resourceId/read', {
      config: { public: true },
      schema: { hide: true, params: LinkParams },
      handler: async (req, reply) => {
        await service.recordRead(ctx, { code: req.params.code, resourceId: req.params.resourceId }, visitor(req, reply, ctx));
        return reply.header('cache-control', 'no-store').type('image/gif').send(PIXEL);
      },
    });
  };
