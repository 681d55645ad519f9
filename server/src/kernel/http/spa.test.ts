import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let dist: string;
beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'gerel-web-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html><head><title>Gerel</title></head><body></body></html>');
  fs.writeFileSync(path.join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
  t = await createTestApp({ scale: 'base', config: { webDist: dist } });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it('serves index.html for the workspace routes, never cached (the portal owns /)', async () => {
    expect((await t.request({ method: 'GET', url: '/' })).body).toContain('<html lang="zh-Hans">');
    for (const url of ['/login', '/orgs', '/users?x=1']) {
      const res = await t.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<title>Gerel</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('gives every page response its own CSP nonce, in the header and in the page, with no unsafe-inline', async () => {
    const nonces = new Set<string>();
    for (const url of ['/orgs', '/orgs', '/index.html', '/kiosk/S1']) {
      const res = await t.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      const csp = String(res.headers['content-security-policy']);
      const nonce = /style-src 'self' 'nonce-([A-Za-z0-9+/]{22}==)'/.exec(csp)?.[1];
      expect(nonce, csp).toBeDefined();
      expect(csp).not.toContain('unsafe-inline');
      expect(res.body).toContain(`<head>\n    <meta name="csp-nonce" content="${nonce}" />`);
      nonces.add(nonce!);
    }
    expect(nonces.size).toBe(4);
  });

  it('serves hashed assets with a year-long immutable cache, including files built after start', async () => {
    const res = await t.request({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    fs.writeFileSync(path.join(dist, 'assets', 'later-def456.js'), 'console.log(2)');
    expect((await t.request({ method: 'GET', url: '/assets/later-def456.js' })).body).toBe('console.log(2)');
  });

  it('answers a missing asset or API route with a JSON 404, not the page', async () => {
    for (const url of ['/assets/missing.js', '/api/missing']) {
      const res = await t.request({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('route.not_found');
    }
  });
});
