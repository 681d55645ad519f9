import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Policy } from '../scope/policy.js';
import type { Actor } from '../scope/actor.js';
import { Access } from '../scope/access.js';
import { AppError } from './errors.js';

export const SESSION_COOKIE = 'gerel_session';

/** Routes that plugins register for themselves (API docs), public by nature. */
const PUBLIC_PREFIXES = ['/api/docs'];

export interface RouteRecord {
  method: string;
  url: string;
  public: boolean;
  policy: string | null;
}

export interface GuardOptions {
  policy: Policy;
  resolveActor: (token: string) => Promise<Actor | null>;
  trustedOrigins: string[];
}

/**
 * Deny by default, in three layers:
 * 1. at registration, every /api route must be marked `public` or name the `policy` it checks;
 * 2. per request, a non-public route without a logged-in actor answers 401;
 * 3. a non-public route that answers 2xx without having asked Access is turned into a 500,
 *    so a forgotten check fails loudly in tests instead of leaking data.
 */
export function registerGuard(app: FastifyInstance, opts: GuardOptions): RouteRecord[] {
  const routes: RouteRecord[] = [];
  app.decorateRequest('access', null as unknown as Access);

  app.addHook('onRoute', (route: RouteOptions) => {
    const url = route.url ?? '';
    const config = (route.config ?? {}) as { public?: boolean; policy?: string };
    if (PUBLIC_PREFIXES.some((p) => url.startsWith(p)) || !url.startsWith('/api/')) {
      route.config = { ...config, public: config.public ?? true };
    } else if (!config.public && !config.policy) {
      throw new Error(`route ${String(route.method)} ${url} neither names a policy nor is marked public`);
    }
    const isPub = (route.config as { public?: boolean }).public === true;
    for (const method of [route.method].flat()) routes.push({ method, url, public: isPub, policy: config.policy ?? null });
  });

  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    const actor = token ? await opts.resolveActor(token) : null;
    req.access = new Access(actor, opts.policy);
    checkOrigin(req.method, req.headers, opts.trustedOrigins);
    if (!isPublic(req) && !actor) throw new AppError(401, 'auth.required');
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (isPublic(req) || reply.statusCode >= 400 || req.access?.checked) return payload;
    req.log.error({ url: req.url }, 'route answered without an authorisation check');
    throw new AppError(500, 'policy.unchecked');
  });
  return routes;
}

/** The not-found handler serves the web app's index page to anyone; it reads no data. */
function isPublic(req: FastifyRequest): boolean {
  return req.is404 || req.routeOptions.config.public === true;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection for cookie-authenticated writes by Fetch Metadata and Origin (as Go's
 * CrossOriginProtection and OWASP's "verifying origin with standard headers"): browsers send
 * Sec-Fetch-Site and Origin on every cross-site request and no page can forge them. Clients that are
 * not browsers send neither and are not exposed to CSRF. See docs/adr/0002-csrf-by-origin.md.
 */
export function checkOrigin(method: string, headers: Record<string, string | string[] | undefined>, trusted: string[]): void {
  if (SAFE.has(method)) return;
  const origin = typeof headers.origin === 'string' ? headers.origin : undefined;
  if (origin && trusted.includes(origin)) return;
  const site = headers['sec-fetch-site'];
  if (site === 'same-origin' || site === 'none') return;
  if (typeof site === 'string') throw new AppError(403, 'csrf.rejected');
  if (!origin || origin === 'null') {
    if (origin === 'null') throw new AppError(403, 'csrf.rejected');
    return;
  }
  const host = headers['x-forwarded-host'] ?? headers.host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError(403, 'csrf.rejected');
  }
  if (originHost !== host) throw new AppError(403, 'csrf.rejected');
}
