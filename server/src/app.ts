import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.js';
import type { Db } from './kernel/db/database.js';
import type { AppContext } from './kernel/context.js';
import './kernel/http/types.js';
import { Policy } from './kernel/scope/policy.js';
import { registerGuard, type RouteRecord } from './kernel/http/guard.js';
import { registerSecurityHeaders } from './kernel/http/security-headers.js';
import { registerNulGuard } from './kernel/http/nul-guard.js';
import { registerErrorHandler } from './kernel/http/error-handler.js';
import { ErrorSchema } from './kernel/http/schemas.js';
import { registerSpa } from './kernel/http/spa.js';
import { registerHealth } from './kernel/observability/health.js';
import { registerMetrics } from './kernel/observability/metrics.js';
import { orgPolicy } from './modules/orgs/policy.js';
import { OrgSchema, orgRoutes } from './modules/orgs/routes.js';
import { userPolicy } from './modules/users/policy.js';
import { UserSchema, userRoutes } from './modules/users/routes.js';
import { authRoutes } from './modules/users/auth-routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { contentPolicy } from './modules/content/policy.js';
import { ResourceSchema, VersionSchema, contentRoutes } from './modules/content/routes.js';
import { startScheduler } from './modules/content/scheduler.js';
import { portalRoutes } from './modules/portal/routes.js';
import { importRoutes } from './modules/content/import-routes.js';
import { mediaPolicy } from './modules/media/policy.js';
import { mediaRoutes } from './modules/media/routes.js';
import { eventRoutes } from './modules/events/routes.js';
import { stationPolicy } from './modules/stations/policy.js';
import { StationSchema, stationRoutes } from './modules/stations/routes.js';
import { officerPolicy } from './modules/officers/policy.js';
import { officerRoutes } from './modules/officers/routes.js';
import { volunteerPolicy } from './modules/volunteers/policy.js';
import { VolunteerSchema, volunteerRoutes } from './modules/volunteers/routes.js';
import { activityPolicy } from './modules/activities/policy.js';
import { ActivitySchema, activityRoutes } from './modules/activities/routes.js';
import { closePdfRenderer } from './kernel/pdf/pdf.js';
import { indicatorPolicy } from './modules/indicators/policy.js';
import { indicatorRoutes } from './modules/indicators/routes.js';
import { reportRoutes } from './modules/reports/routes.js';
import { thinktankPolicy } from './modules/thinktank/policy.js';
import { thinktankRoutes } from './modules/thinktank/routes.js';
import { registryPolicy } from './modules/registry/policy.js';
import { RegistryRowSchema, registryRoutes } from './modules/registry/routes.js';
import { communityPolicy } from './modules/community/policy.js';
import { CommunityPostSchema, communityRoutes } from './modules/community/routes.js';
import fastifyWebsocket from '@fastify/websocket';
import { messagingPolicy } from './modules/messaging/policy.js';
import { translationPolicy } from './modules/translation/policy.js';
import { TermSchema, UnitSchema, translationRoutes } from './modules/translation/routes.js';
import { officePolicy } from './modules/office/policy.js';
import { OfficeDocSchema, officeRoutes } from './modules/office/routes.js';
import { ChatMessageSchema, ConversationSchema, messagingRoutes } from './modules/messaging/routes.js';
import { MAX_UPLOAD } from './modules/media/service.js';
import { createStorage } from './kernel/files/storage.js';
import fastifyMultipart from '@fastify/multipart';
import { actorForToken } from './modules/users/service.js';
import { createBus } from './kernel/bus/bus.js';
import { Redis } from 'ioredis';

export interface BuiltApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** Every route with its public flag or policy, for the route-walking test and the docs. */
  routes: RouteRecord[];
}

/** Builds the Fastify instance from the kernel and the modules; does not listen. */
export async function buildApp(config: Config, db: Db): Promise<BuiltApp> {
  const app = Fastify({
    logger: { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const policy = new Policy();
  orgPolicy(policy);
  userPolicy(policy);
  contentPolicy(policy);
  mediaPolicy(policy);
  stationPolicy(policy);
  officerPolicy(policy);
  volunteerPolicy(policy);
  activityPolicy(policy);
  registryPolicy(policy);
  indicatorPolicy(policy);
  thinktankPolicy(policy);
  communityPolicy(policy);
  messagingPolicy(policy);
  translationPolicy(policy);
  officePolicy(policy);
  policy.allow('self', () => true);
  // Routes that read through access.scope(): any role, filtered to the caller's own subtrees.
  policy.allow('scope', () => true);
  const bus = createBus(config.redisUrl);
  const files = createStorage(config);
  const ctx: AppContext = { config, db, policy, bus, files, log: app.log };
  // Rate-limit counters live in Redis when several processes share the load.
  const limiterRedis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 3 }) : null;
  app.addHook('onClose', async () => {
    await bus.close();
    await limiterRedis?.quit();
    await closePdfRenderer(ctx);
  });

  registerErrorHandler(app);
  registerSecurityHeaders(app);
  registerNulGuard(app);
  // A POST with Content-Type: application/json and no body (an action like "restore") means no
  // body, not a syntax error; everything else goes through Fastify's own safe JSON parser.
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (body === '') return done(null, undefined);
    json(req, body as string, done);
  });
  await app.register(fastifyCookie);
  // Before any route, so that its onRoute hook sees every route, plugins' included; after the cookie parser, which it reads.
  const routes = registerGuard(app, { policy, resolveActor: (token) => actorForToken(ctx, token), trustedOrigins: config.trustedOrigins });
  // preHandler: the login limit keys on the username, so it must run after the body is parsed.
  await app.register(fastifyRateLimit, { global: false, hook: 'preHandler', ...(limiterRedis ? { redis: limiterRedis } : {}) });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Gerel API', version: '0.1.0', description: 'ᠭᠡᠷᠡᠯ Gerel — bilingual platform of the association for science and technology' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gerel_session' } } },
      security: [{ session: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.addSchema(ErrorSchema);
  app.addSchema(OrgSchema);
  app.addSchema(UserSchema);
  app.addSchema(VersionSchema);
  app.addSchema(ResourceSchema);
  app.addSchema(StationSchema);
  app.addSchema(TermSchema);
  app.addSchema(UnitSchema);
  app.addSchema(OfficeDocSchema);
  app.addSchema(VolunteerSchema);
  app.addSchema(ActivitySchema);
  app.addSchema(RegistryRowSchema);

  app.addSchema(CommunityPostSchema);
  app.addSchema(ChatMessageSchema);
  app.addSchema(ConversationSchema);
  registerHealth(app, db);
  registerMetrics(app);
  await app.register(authRoutes(ctx));
  await app.register(orgRoutes(ctx));
  await app.register(userRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD, files: 1, fields: 10, parts: 12 } });
  await app.register(contentRoutes(ctx));
  await app.register(importRoutes(ctx));
  await app.register(mediaRoutes(ctx));
  await app.register(eventRoutes(ctx));
  await app.register(stationRoutes(ctx));
  await app.register(officerRoutes(ctx));
  await app.register(volunteerRoutes(ctx));
  await app.register(activityRoutes(ctx));
  await app.register(registryRoutes(ctx));
  await app.register(indicatorRoutes(ctx));
  await app.register(reportRoutes(ctx));
  await app.register(thinktankRoutes(ctx));
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(communityRoutes(ctx));
  await app.register(messagingRoutes(ctx));
  await app.register(translationRoutes(ctx));
  await app.register(officeRoutes(ctx));
  await app.register(portalRoutes(ctx));
  if (config.schedulerIntervalMs > 0) startScheduler(app, ctx, config.schedulerIntervalMs);
  await registerSpa(app, config.webDist);
  return { app, ctx, routes };
}
