import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import { createTestApp, type TestApp } from '../test/harness.js';
import { registerGuard } from '../kernel/http/guard.js';
import { registerErrorHandler } from '../kernel/http/error-handler.js';
import { Policy } from '../kernel/scope/policy.js';
import '../kernel/http/types.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ scale: 'base' });
});
afterAll(() => t.close());

/** A concrete URL for a route pattern: path parameters get a well-formed id that exists nowhere. */
const concrete = (url: string) => url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');

describe('every registered route', () => {
  it('either names the policy it checks or is explicitly marked public', () => {
    const api = t.routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD');
    expect(api.length).toBeGreaterThanOrEqual(9);
    const unmarked = api.filter((r) => !r.public && !r.policy);
    expect(unmarked).toEqual([]);
    // The public API surface is small and deliberate.
    expect(api.filter((r) => r.public).map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /api/public/estation/feed',
      'GET /api/public/resources',
      'GET /api/public/stations/:code/playlist',
      // A needs survey's public link (or QR): respondents have no account; answers count once per device.
      'GET /api/public/surveys/:key',
      'GET /api/resources/:id',
      'GET /api/resources/:id/versions/:lang/broadcast.txt',
      'GET /api/search',
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'POST /api/events',
      'POST /api/officers/register',
      // The venue QR of an activity: audience members without accounts are counted once per phone.
      'POST /api/public/activities/:id/attend',
      'POST /api/public/surveys/:key/responses',
    ]);
    // Public routes that show data go through the policy layer for logged-in callers, except the
    // published-only API under /api/public/.
    const unscoped = api.filter((r) => r.public && r.method === 'GET' && !r.policy && !r.url.startsWith('/api/public/'));
    expect(unscoped).toEqual([]);
  });

  it('refuses every non-public route to a visitor who is not logged in, and writes nothing', async () => {
    const before = await t.db.kysely.selectFrom('audit_log').select('id').execute();
    const guarded = t.routes.filter((r) => !r.public && r.method !== 'HEAD');
    for (const r of guarded) {
      const res = await t.request({ method: r.method, url: concrete(r.url), body: r.method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.code).toBe('auth.required');
    }
    expect(await t.db.kysely.selectFrom('audit_log').select('id').execute()).toHaveLength(before.length);
  });

});

describe('the guard itself', () => {
  const actor = { userId: 'u1', username: 'u', displayName: 'u', orgId: 'o1', grants: [] };
  async function guarded() {
    const app = Fastify();
    await app.register(fastifyCookie);
    registerErrorHandler(app);
    const policy = new Policy();
    registerGuard(app, { policy, resolveActor: async (token) => (token === 'ok' ? actor : null), trustedOrigins: [] });
    return app;
  }

  it('refuses at registration a route that names no policy', async () => {
    const app = await guarded();
    expect(() => app.get('/api/forgotten', async () => ({ leaked: true }))).toThrow(/neither names a policy nor is marked public/);
  });

  it('turns an answer from a handler that never asked Access into a 500, and lets a checked one through', async () => {
    const app = await guarded();
    app.get('/api/unchecked', { config: { policy: 'x.read' } }, async () => ({ leaked: true }));
    app.get('/api/checked', { config: { policy: 'self' } }, async (req) => ({ me: req.access.requireUser().username }));
    const leaked = await app.inject({ method: 'GET', url: '/api/unchecked', cookies: { gerel_session: 'ok' } });
    expect(leaked.statusCode).toBe(500);
    expect(leaked.body).not.toContain('leaked');
    expect(leaked.json().error.code).toBe('policy.unchecked');
    const fine = await app.inject({ method: 'GET', url: '/api/checked', cookies: { gerel_session: 'ok' } });
    expect(fine.json()).toEqual({ me: 'u' });
  });

  it('denies an action that has no rule, even to a logged-in user', () => {
    const policy = new Policy();
    policy.allow('org.read', () => true);
    expect(policy.can(actor, 'org.read', {})).toBe(true);
    expect(policy.can(actor, 'org.delete', {})).toBe(false);
    expect(policy.can(null, 'org.read', {})).toBe(false);
  });
});
