import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.js';
import { SESSION_COOKIE } from '../../kernel/http/guard.js';
import { errors } from '../../kernel/http/schemas.js';
import * as service from './service.js';

const Me = Type.Intersect([
  Type.Ref('User'),
  Type.Object({ permissions: Type.Object({ manageUsers: Type.Boolean(), manageOrgs: Type.Boolean() }) }),
]);

export const authRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post('/api/auth/login', {
      config: {
        public: true,
        // Per address and username: slows guessing without letting one office lock out its colleagues.
        rateLimit: {
          max: ctx.config.loginRateLimit,
          timeWindow: 60_000,
          keyGenerator: (req) => `${req.ip}|${String((req.body as { username?: unknown } | undefined)?.username ?? '')}`,
        },
      },
      schema: {
        tags: ['auth'],
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ user: Me }), ...errors(400, 401, 403, 423, 429) },
      },
      handler: async (req, reply) => {
        const { token, expiresAt, me } = await service.login(ctx, req.body.username, req.body.password, req.ip);
        reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'lax',
          path: '/',
          secure: ctx.config.production ? 'auto' : false,
          expires: new Date(expiresAt),
        });
        return { user: me };
      },
    });

    app.post('/api/auth/logout', {
      config: { public: true },
      schema: { tags: ['auth'], response: { 204: Type.Null() } },
      handler: async (req, reply) => {
        const token = req.cookies[SESSION_COOKIE];
        if (token) await service.logout(ctx, token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    });

    app.post('/api/auth/password', {
      config: {
        policy: 'self',
        // Per account: a stolen session cannot be used to guess the password faster than login could.
        rateLimit: {
          max: ctx.config.loginRateLimit,
          timeWindow: 60_000,
          keyGenerator: (req) => `password|${req.access.actor?.userId ?? req.ip}`,
        },
      },
      schema: {
        tags: ['auth'],
        // Lengths past the rules are refused by the service with a clear message; these only bound the body.
        body: Type.Object(
          { currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Type.String({ maxLength: 1024 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errors(400, 401, 423, 429) },
      },
      handler: async (req, reply) => {
        await service.changePassword(ctx, req.access, req.cookies[SESSION_COOKIE] ?? '', req.body, req.ip);
        return reply.status(204).send(null);
      },
    });

    app.get('/api/auth/me', {
      config: { policy: 'self' },
      schema: { tags: ['auth'], response: { 200: Me, ...errors(401) } },
      handler: async (req) => service.meOf(req.access.requireUser()),
    });
  };
