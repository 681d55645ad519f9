import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness.js';
import { createHash } from 'node:crypto';
import { CONTENT_SECURITY_POLICY, headStyleHashes } from './security-headers.js';

let t: TestApp;
beforeAll(async () => {
  // Production mode, behind a proxy on loopback (production's default GEREL_TRUST_PROXY) that says whether the reader used TLS.
  t = await createTestApp({ config: { production: true, trustProxy: ['127.0.0.1', '::1'] } });
});
afterAll(() => t.close());

describe('security headers', () => {
  it('are on pages, API answers and errors: no inline script or style, framing only by us, no sniffing', async () => {
    for (const url of ['/', '/api/orgs', '/api/no-such-route', '/healthz']) {
      const res = await t.request({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      // The portal page (/) adds the hashes of its own <style> block; everything else gets the plain policy.
      expect(csp.replace(/ 'sha256-[A-Za-z0-9+/=]+'/g, ''), url).toBe(CONTENT_SECURITY_POLICY);
      expect(csp, url).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      // Closed to other origins: nothing invites a cross-origin read.
      expect(res.headers['access-control-allow-origin'], url).toBeUndefined();
      // No component or version is named.
      expect(res.headers['x-powered-by'], url).toBeUndefined();
      expect(res.headers.server, url).toBeUndefined();
    }
    const csp = CONTENT_SECURITY_POLICY.split('; ');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe/);
  });

  it("allows a server-rendered page's own <style> by its hash, and nothing else inline", async () => {
    const res = await t.request({ method: 'GET', url: '/' });
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const style = /<head>[\s\S]*?<style>([\s\S]*?)<\/style>/.exec(res.body)?.[1];
    expect(style).toBeDefined();
    const hash = createHash('sha256').update(style!, 'utf8').digest('base64');
    expect(res.headers['content-security-policy']).toContain(`style-src 'self' 'sha256-${hash}'`);
    // A <style> in the body (where user content goes) is never allowed.
    const page = '<html><head><style>a{}</style></head><body><style>b{}</style></body></html>';
    expect(headStyleHashes(page)).toEqual([`'sha256-${createHash('sha256').update('a{}').digest('base64')}'`]);
    expect(headStyleHashes('<p><style>b{}</style></p>')).toEqual([]);
  });

  it('keeps API answers out of browser and proxy caches, unless a route chose its own caching', async () => {
    const cookie = await t.login('admin');
    for (const url of ['/api/orgs', '/api/auth/me', '/api/no-such-route']) {
      expect((await t.request({ method: 'GET', url, cookie })).headers['cache-control'], url).toBe('no-store');
    }
    // The portal's pages are public and say so themselves.
    expect((await t.request({ method: 'GET', url: '/' })).headers['cache-control']).toBe('public, max-age=60');
  });

  it('asks for HTTPS only where the request came over TLS', async () => {
    const plain = await t.request({ method: 'GET', url: '/healthz' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const tls = await t.request({ method: 'GET', url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('sets the session cookie HttpOnly and SameSite=Lax, and Secure where the reader came over TLS', async () => {
    const login = (headers: Record<string, string>) =>
      t.request({ method: 'POST', url: '/api/auth/login', body: { username: 'admin', password: TEST_PASSWORD }, headers });
    const tls = await login({ 'x-forwarded-proto': 'https' });
    expect(tls.statusCode).toBe(200);
    const secure = String(tls.headers['set-cookie']);
    expect(secure).toMatch(/^gerel_session=[^;]+;/);
    expect(secure).toMatch(/; HttpOnly/);
    expect(secure).toMatch(/; SameSite=Lax/);
    expect(secure).toMatch(/; Secure/);
    expect(secure).toMatch(/; Path=\//);
    // Plain HTTP (a local install without TLS): the browser would drop a Secure cookie, so none is asked for.
    const plain = String((await login({})).headers['set-cookie']);
    expect(plain).toMatch(/; HttpOnly/);
    expect(plain).not.toMatch(/; Secure/);
    // Logging out clears it.
    const cookie = secure.split(';')[0]!;
    const out = await t.request({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-forwarded-proto': 'https' } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^gerel_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('answers a cross-origin preflight without allowing anything', async () => {
    const res = await t.app.inject({ method: 'OPTIONS', url: '/api/orgs', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
