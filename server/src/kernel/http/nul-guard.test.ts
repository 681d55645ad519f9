import { Readable } from 'node:stream';
import { Document, Packer, Paragraph } from 'docx';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';
import { multipartFile } from '../../test/multipart.js';
import { nulPath } from './nul-guard.js';

/**
 * PostgreSQL cannot store U+0000 in text, so a NUL anywhere in a request's query, path parameters or
 * JSON body is refused with a 400 before the route runs, on both databases alike; file uploads are
 * bytes and pass untouched.
 */
let t: TestApp;
let admin: string;
let orgId: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  orgId = await orgIdByCode(t, '150100');
}, 60_000);
afterAll(() => t.close());

interface ErrorBody { error: { code: string; message: string; messages: { zh: string; en: string }; details: unknown } }
const resourceCount = async () => (await t.db.kysely.selectFrom('resources').select('id').execute()).length;

describe('requests with a NUL character', () => {
  it('are refused in the querystring, in the caller language, with both languages beside', async () => {
    const res = await t.request({ method: 'GET', url: '/api/stations?q=ab%00c', cookie: admin, headers: { 'accept-language': 'en' } });
    expect(res.statusCode, res.body).toBe(400);
    const { error } = res.json() as ErrorBody;
    expect(error.code).toBe('input.nul_character');
    expect(error.message).toBe(error.messages.en);
    expect(error.messages.en).toContain('U+0000');
    expect(error.messages.zh).toContain('空字符');
    expect(error.details).toEqual({ where: 'query', path: '/q' });
    // The same search without the NUL works: the refusal is about the NUL alone.
    expect((await t.request({ method: 'GET', url: '/api/stations?q=abc', cookie: admin })).statusCode).toBe(200);
  });

  it('are refused in a repeated query parameter', async () => {
    const res = await t.request({ method: 'GET', url: '/api/search?q=a&q=%00', cookie: admin });
    expect(res.statusCode, res.body).toBe(400);
    expect((res.json() as ErrorBody).error.details).toEqual({ where: 'query', path: '/q/1' });
  });

  it('are refused in a path parameter', async () => {
    const res = await t.request({ method: 'GET', url: '/api/resources/x%00y', cookie: admin, headers: { 'accept-language': 'zh-CN' } });
    expect(res.statusCode, res.body).toBe(400);
    const { error } = res.json() as ErrorBody;
    expect(error.code).toBe('input.nul_character');
    expect(error.message).toBe(error.messages.zh);
    expect(error.details).toEqual({ where: 'params', path: '/id' });
  });

  it('are refused anywhere in a JSON body, values or keys, before the handler writes anything', async () => {
    const before = await resourceCount();
    const version = { lang: 'zh-Hans', title: '科普', body: '<p>正文</p>' };
    const cases: Array<[unknown, string]> = [
      [{ orgId, kind: 'article', versions: [{ ...version, title: '科\u0000普' }] }, '/versions/0/title'],
      [{ orgId, kind: 'article', versions: [version, { ...version, lang: 'mn-Mong', body: '<p>ᠮᠣᠩᠭᠣᠯ\u0000</p>' }] }, '/versions/1/body'],
      // An unknown key would be a 400 from the schema anyway; the NUL check comes first and names it.
      [{ orgId, kind: 'article', versions: [{ ...version, 'x\u0000/~': 1 }] }, '/versions/0/x\\u0000~1~0'],
    ];
    for (const [body, path] of cases) {
      const res = await t.request({ method: 'POST', url: '/api/resources', cookie: admin, body });
      expect(res.statusCode, res.body).toBe(400);
      const { error } = res.json() as ErrorBody;
      expect(error.code).toBe('input.nul_character');
      expect(error.details).toEqual({ where: 'body', path });
    }
    expect(await resourceCount()).toBe(before);
    // The same body without the NUL is stored: the check refuses nothing else.
    const ok = await t.request({ method: 'POST', url: '/api/resources', cookie: admin, body: { orgId, kind: 'article', versions: [version] } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await resourceCount()).toBe(before + 1);
  });

  it('come after the login check: an anonymous caller still gets 401, not a hint about the input', async () => {
    const res = await t.request({ method: 'GET', url: '/api/stations?q=%00' });
    expect(res.statusCode).toBe(401);
  });
});

describe('uploads with NUL bytes', () => {
  it('pass untouched: a Word file (a zip, full of NUL bytes) converts', async () => {
    const docx = Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('科普')] }] })));
    expect(docx.includes(0)).toBe(true);
    const { payload, headers } = multipartFile('file', 'a.docx', docx);
    const res = await t.app.inject({ method: 'POST', url: '/api/import/docx', payload, headers: { ...headers, cookie: admin } });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { text: string }).text).toBe('科普');
  });

  it('pass untouched: an image is stored', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).png().toBuffer();
    expect(png.includes(0)).toBe(true);
    const { payload, headers } = multipartFile('file', 'black.png', png, 'image/png');
    const res = await t.app.inject({ method: 'POST', url: `/api/media?orgId=${orgId}`, payload, headers: { ...headers, cookie: admin } });
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('nulPath', () => {
  it('points at the first NUL, escaping the pointer', () => {
    expect(nulPath('a\u0000')).toBe('');
    expect(nulPath({ a: ['x', { 'b/c': 'y\u0000' }] })).toBe('/a/1/b~1c');
    expect(nulPath({ a: 1, b: null, c: true, d: ['x'] })).toBeNull();
    expect(nulPath(undefined)).toBeNull();
  });

  it('skips binary data and streams, and survives deep nesting and cycles', () => {
    expect(nulPath(Buffer.from([0, 0]))).toBeNull();
    expect(nulPath({ file: new Uint8Array([0]) })).toBeNull();
    expect(nulPath({ file: Readable.from(['\u0000']) })).toBeNull();
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(nulPath(deep)).toBe('/0'.repeat(100_000));
    const cyclic: Record<string, unknown> = { a: 'x' };
    cyclic.self = cyclic;
    expect(nulPath(cyclic)).toBeNull();
  });
});
