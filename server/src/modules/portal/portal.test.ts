import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';

let t: TestApp;
let id: string;
let draftId: string;
const MN_TITLE = 'ᠮᠠᠯ ᠤᠨ ᠡᠮᠨᠡᠯᠭᠡ';

beforeAll(async () => {
  t = await createTestApp();
  const editor = await t.login('hohhot-editor');
  const reviewer = await t.login('hohhot-reviewer');
  const orgId = await orgIdByCode(t, '150100');
  const create = async (title: string) =>
    (
      await t.request({
        method: 'POST',
        url: '/api/resources',
        cookie: editor,
        body: {
          orgId,
          kind: 'article',
          category: '畜牧',
          versions: [
            { lang: 'zh-Hans', title, body: '<p>春季接羔要注意保暖。</p><p>Version 2.0 & more</p>' },
            { lang: 'mn-Mong', title: MN_TITLE, body: '<p>ᠬᠠᠪᠤᠷ ᠤᠨ ᠴᠠᠭ ᠲᠤ ᠬᠣᠨᠢ ᠲᠥᠯᠥᠭᠯᠡᠨ᠎ᠡ 2024</p>' },
          ],
        },
      })
    ).json<{ id: string }>().id;
  id = await create('春季接羔保育技术');
  draftId = await create('尚未发布的草稿');
  for (const lang of ['zh-Hans', 'mn-Mong']) {
    for (const [to, who] of [['in_review', editor], ['approved', reviewer], ['published', reviewer]] as const) {
      const res = await t.request({ method: 'POST', url: `/api/resources/${id}/versions/${lang}/transition`, cookie: who, body: { to } });
      expect(res.statusCode, res.body).toBe(200);
    }
  }
});
afterAll(() => t.close());

describe('public portal', () => {
  it('renders a published Chinese article without JavaScript, with share (Open Graph) tags', async () => {
    const res = await t.request({ method: 'GET', url: `/r/${id}`, headers: { host: 'gerel.example' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="zh-Hans">');
    expect(res.body).toContain('<h1>春季接羔保育技术</h1>');
    expect(res.body).toContain('<meta property="og:title" content="春季接羔保育技术">');
    expect(res.body).toContain(`<meta property="og:url" content="http://gerel.example/r/${id}">`);
    expect(res.body).toContain('呼和浩特市');
    expect(res.body).toContain(`href="/mn/r/${id}"`);
    expect(res.body).not.toMatch(/<script/);
  });

  it('renders the Mongolian page vertically with the app font, the org named in Mongolian', async () => {
    const res = await t.request({ method: 'GET', url: `/mn/r/${id}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="mn-Mong">');
    expect(res.body).toContain('<main class="mn" lang="mn-Mong">');
    expect(res.body).toMatch(/main\.mn\{writing-mode:vertical-lr/);
    expect(res.body).toContain(`<h1>${MN_TITLE}</h1>`);
    expect(res.body).toContain('ᠬᠥᠬᠡᠬᠣᠲᠠ ᠬᠣᠲᠠ');
    expect(res.body).toMatch(/@font-face\{font-family:"Noto Sans Mongolian".*url\(\/fonts\/noto-sans-mongolian-mongolian-400-normal\.woff2\)/);
  });

  it('serves the font subsets itself with a year-long cache, and nothing else from that path', async () => {
    const font = await t.request({ method: 'GET', url: '/fonts/noto-sans-mongolian-mongolian-400-normal.woff2' });
    expect(font.statusCode).toBe(200);
    expect(font.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(font.rawPayload.subarray(0, 4).toString('latin1')).toBe('wOF2');
    expect((await t.request({ method: 'GET', url: '/fonts/..%2Fpackage.json' })).statusCode).toBe(404);
  });

  it('keeps drafts off every public page', async () => {
    expect((await t.request({ method: 'GET', url: `/r/${draftId}` })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/mn/r/${draftId}` })).statusCode).toBe(404);
    const home = (await t.request({ method: 'GET', url: '/' })).body;
    expect(home).toContain('春季接羔保育技术');
    expect(home).not.toContain('尚未发布的草稿');
  });

  it('lists by category and on the Mongolian home page', async () => {
    expect((await t.request({ method: 'GET', url: `/c/${encodeURIComponent('畜牧')}` })).body).toContain('春季接羔保育技术');
    expect((await t.request({ method: 'GET', url: '/mn/' })).body).toContain(MN_TITLE);
  });

  it('keeps an article page far under the 60 KB compressed budget (fonts aside)', async () => {
    const body = (await t.request({ method: 'GET', url: `/mn/r/${id}` })).rawPayload;
    expect(gzipSync(body).length).toBeLessThan(60 * 1024);
  });
});

describe('feeds and the app API', () => {
  it('publishes RSS, Atom and JSON Feed per language with the published items only', async () => {
    const rss = await t.request({ method: 'GET', url: '/feeds/rss.xml' });
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    expect(rss.body).toContain('<title><![CDATA[春季接羔保育技术]]></title>');
    expect(rss.body).not.toContain('尚未发布的草稿');
    const atom = await t.request({ method: 'GET', url: '/feeds/atom.xml?lang=mn-Mong' });
    expect(atom.body).toContain(MN_TITLE);
    const json = (await t.request({ method: 'GET', url: '/feeds/feed.json?lang=mn-Mong' })).json();
    expect(json.items.map((i: { title: string }) => i.title)).toEqual([MN_TITLE]);
    expect(json.items[0].url).toMatch(new RegExp(`/mn/r/${id}$`));
  });

  it('gives the mobile app published resources as JSON', async () => {
    const res = (await t.request({ method: 'GET', url: '/api/public/resources?lang=zh-Hans' })).json();
    expect(res.items).toEqual([expect.objectContaining({ resourceId: id, lang: 'zh-Hans', title: '春季接羔保育技术', category: '畜牧' })]);
  });
});

describe('readers who come through an officer link', () => {
  it('adds a read beacon at the end of the article and an onward link that keeps the attribution', async () => {
    const res = await t.request({ method: 'GET', url: `/r/${id}?o=ABC2345&via=r-9x` });
    expect(res.body).toContain(`<img src="/s/ABC2345/${id}/read" alt="" width="1" height="1" loading="lazy">`);
    expect(res.body).toContain(`href="/s/ABC2345/${id}?via=r-9x"`);
    const plain = await t.request({ method: 'GET', url: `/r/${id}?o=${encodeURIComponent('<script>')}` });
    expect(plain.body).not.toContain('/read"');
  });
});
