import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { CONTENT_SECURITY_POLICY } from './security-headers.js';

let t: TestApp;
beforeAll(async () => {
  // Production mode: behind a proxy that says whether the reader used TLS.
  t = await createTestApp({ config: { production: true } });
});
afterAll(() => t.close());

describe('security headers', () => {
  it('are on pages, API answers and errors: no inline script, framing only by us, no sniffing', async () => {
    for (const url of ['/', '/api/orgs', '/api/no-such-route', '/healthz']) {
      const res = await t.request({ method: 'GET', url });
      expect(res.headers['content-security-policy'], url).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      // Closed to other origins: nothing invites a cross-origin read.
      expect(res.headers['access-control-allow-origin'], url).toBeUndefined();
    }
    const csp = CONTENT_SECURITY_POLICY.split('; ');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('asks for HTTPS only where the request came over TLS', async () => {
    const plain = await t.request({ method: 'GET', url: '/healthz' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const tls = await t.request({ method: 'GET', url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('answers a cross-origin preflight without allowing anything', async () => {
    const res = await t.app.inject({ method: 'OPTIONS', url: '/api/orgs', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
