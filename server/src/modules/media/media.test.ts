import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';
import { multipartFile } from '../../test/multipart.js';

let t: TestApp;
let editor: string;
let reviewer: string;
let hohhot: string;

beforeAll(async () => {
  t = await createTestApp();
  editor = await t.login('hohhot-editor');
  reviewer = await t.login('hohhot-reviewer');
  hohhot = await orgIdByCode(t, '150100');
});
afterAll(() => t.close());

async function upload(data: Buffer, filename: string, cookie = editor, type = 'image/jpeg') {
  const { payload, headers } = multipartFile('file', filename, data, type);
  return t.app.inject({ method: 'POST', url: `/api/media?orgId=${hohhot}`, payload, headers: { ...headers, cookie } });
}

const photo = () =>
  sharp({ create: { width: 2000, height: 1000, channels: 3, background: { r: 30, g: 120, b: 60 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Camera', Model: 'Secret' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '40/1 49/1 0/1' } })
    .toBuffer();

const mediaCount = async () => (await t.db.kysely.selectFrom('media').select('id').execute()).length;

describe('media uploads', () => {
  it('stores an image with WebP renditions and without its camera and GPS metadata', async () => {
    const original = await photo();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const res = await upload(original, 'herd.jpg');
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({ kind: 'image', mime: 'image/jpeg', width: 2000, height: 1000, name: 'herd.jpg' });
    expect(m.variants.map((v: { width: number }) => v.width)).toEqual([320, 640, 1280]);
    const w640 = await t.request({ method: 'GET', url: m.variants[1].url, cookie: editor });
    expect(w640.headers['content-type']).toBe('image/webp');
    expect((await sharp(w640.rawPayload).metadata()).width).toBe(640);
    const back = await t.request({ method: 'GET', url: m.url, cookie: editor });
    expect(back.headers['x-content-type-options']).toBe('nosniff');
    expect(back.headers['content-disposition']).toMatch(/^inline/);
    expect((await sharp(back.rawPayload).metadata()).exif).toBeUndefined();
  });

  it('judges a file by its content, not its name: HTML or SVG named .jpg is refused and nothing is stored', async () => {
    const before = await mediaCount();
    const html = await upload(Buffer.from('<!doctype html><script>alert(1)</script>'), 'cute.jpg');
    expect(html.statusCode).toBe(415);
    expect(html.json().error.code).toBe('upload.bad_type');
    const svg = await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'logo.png', editor, 'image/png');
    expect(svg.statusCode).toBe(415);
    expect(await mediaCount()).toBe(before);
  });

  it('refuses an image over the size limit with 413 and stores nothing', async () => {
    const before = await mediaCount();
    // A real PNG with 21 MB of trailing bytes: recognised as an image, too large for one.
    const small = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer();
    const big = Buffer.concat([small, Buffer.alloc(21 * 1024 * 1024, 1)]);
    const res = await upload(big, 'huge.png', editor, 'image/png');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('upload.too_large');
    expect(await mediaCount()).toBe(before);
  });

  it('lets only staff in scope fetch unpublished media, and everyone once a published resource uses it', async () => {
    const m = (await upload(await photo(), 'cover.jpg')).json();
    expect((await t.request({ method: 'GET', url: m.url })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: m.url, cookie: await t.login('chifeng-admin') })).statusCode).toBe(404);
    expect((await upload(await photo(), 'x.jpg', await t.login('chifeng-admin'))).statusCode).toBe(404);

    const created = await t.request({
      method: 'POST',
      url: '/api/resources',
      cookie: editor,
      body: { orgId: hohhot, kind: 'article', versions: [{ lang: 'zh-Hans', title: '配图文章', body: `<p>正文</p><img src="${m.variants[1].url}" alt="">` }] },
    });
    const id = created.json().id;
    const patched = await t.request({ method: 'PATCH', url: `/api/resources/${id}`, cookie: editor, body: { coverUrl: m.variants[0].url } });
    expect(patched.json().coverUrl).toBe(m.variants[0].url);
    expect((await t.request({ method: 'PATCH', url: `/api/resources/${id}`, cookie: editor, body: { coverUrl: 'https://tracker.example/p.gif' } })).statusCode).toBe(400);
    for (const [to, who] of [['in_review', editor], ['approved', reviewer], ['published', reviewer]] as const) {
      await t.request({ method: 'POST', url: `/api/resources/${id}/versions/zh-Hans/transition`, cookie: who, body: { to } });
    }
    const pub = await t.request({ method: 'GET', url: m.variants[1].url });
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['cache-control']).toBe('public, max-age=86400');
    const page = await t.request({ method: 'GET', url: `/r/${id}` });
    expect(page.body).toMatch(new RegExp(`<meta property="og:image" content="http://localhost(:80)?${m.variants[0].url}">`));
  });
});
