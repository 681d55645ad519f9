import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ scale: 'base' });
});
afterAll(() => t.close());

describe('operations endpoints', () => {
  it('answers /healthz and /readyz (with the database dialect)', async () => {
    expect((await t.request({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.request({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: t.db.dialect });
  });

  it('exposes Prometheus metrics with per-route request counts', async () => {
    await t.request({ method: 'GET', url: '/api/orgs' });
    const res = await t.request({ method: 'GET', url: '/metrics' });
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/gerel_http_requests_total\{method="GET",route="\/api\/orgs",status="401"\} 1/);
    expect(res.body).toContain('process_resident_memory_bytes');
  });

  it('publishes an OpenAPI document that lists every API route with its schema', async () => {
    const doc = (await t.request({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/auth/login', '/api/orgs', '/api/orgs/{id}', '/api/users', '/api/users/{id}/roles']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/orgs'].post.requestBody).toBeDefined();
  });

  it('answers an unknown API route with the one error shape', async () => {
    const res = await t.request({ method: 'GET', url: '/api/nope', headers: { 'accept-language': 'zh-Hans' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: {
        code: 'route.not_found',
        message: '不存在该接口：GET /api/nope。',
        messages: { zh: '不存在该接口：GET /api/nope。', en: 'No such API route: GET /api/nope.' },
      },
    });
  });

  it('answers a malformed JSON body with a 400 in the error shape, not a crash', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation.failed');
  });
});

describe('request bodies', () => {
  it('treats an empty JSON body as no body, so body-less actions work from any client', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(res.statusCode).toBe(204);
  });

  it('still refuses prototype-poisoning JSON', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":"a","password":"b","__proto__":{"x":1}}' });
    expect(res.statusCode).toBe(400);
  });
});
