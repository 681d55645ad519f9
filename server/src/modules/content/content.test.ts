import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toMenksoft } from '@gerel/mongol';
import JSZip from 'jszip';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';
import { publishDue } from './service.js';

let t: TestApp;
let editor: string;
let reviewer: string;
let hohhot: string;

const MN_TITLE = 'ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠤ ᠮᠡᠳᠡᠯᠭᠡ';
const MN_BODY = '<p>ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ ᠪᠢᠴᠢᠭ</p>';

beforeAll(async () => {
  t = await createTestApp();
  editor = await t.login('hohhot-editor');
  reviewer = await t.login('hohhot-reviewer');
  hohhot = await orgIdByCode(t, '150100');
});
afterAll(() => t.close());

async function create(body: Record<string, unknown> = {}) {
  const res = await t.request({
    method: 'POST',
    url: '/api/resources',
    cookie: editor,
    body: {
      orgId: hohhot,
      kind: 'article',
      category: '农牧业',
      tags: ['科普'],
      audience: ['farmers_herders'],
      versions: [
        { lang: 'zh-Hans', title: '牧区冬季防灾知识', body: '<p>做好饲草储备。</p>' },
        { lang: 'mn-Mong', title: MN_TITLE, body: MN_BODY },
      ],
      ...body,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

const move = (id: string, lang: string, to: string, cookie: string, extra: Record<string, unknown> = {}) =>
  t.request({ method: 'POST', url: `/api/resources/${id}/versions/${lang}/transition`, cookie, body: { to, ...extra } });

describe('resources with language versions', () => {
  it('creates a resource with Chinese and Mongolian versions, linked and shown together, as drafts', async () => {
    const id = await create();
    const res = await t.request({ method: 'GET', url: `/api/resources/${id}`, cookie: editor });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ orgId: hohhot, kind: 'article', category: '农牧业', tags: ['科普'], audience: ['farmers_herders'] });
    expect(r.versions.map((v: { lang: string }) => v.lang)).toEqual(['mn-Mong', 'zh-Hans']);
    expect(r.versions.every((v: { status: string; revision: number }) => v.status === 'draft' && v.revision === 1)).toBe(true);
    expect(r.permissions).toEqual({ edit: true, review: false, publish: false });
  });

  it('hides drafts from the public and from other leagues', async () => {
    const id = await create();
    expect((await t.request({ method: 'GET', url: `/api/resources/${id}` })).statusCode).toBe(404);
    const chifeng = await t.login('chifeng-admin');
    expect((await t.request({ method: 'GET', url: `/api/resources/${id}`, cookie: chifeng })).statusCode).toBe(404);
    const put = await t.request({ method: 'PUT', url: `/api/resources/${id}/versions/zh-Hans`, cookie: chifeng, body: { title: 'x', body: 'y', baseRevision: 1 } });
    expect(put.statusCode).toBe(404);
    const list = (await t.request({ method: 'GET', url: '/api/resources', cookie: chifeng })).json();
    expect(list.items.some((x: { id: string }) => x.id === id)).toBe(false);
  });

  it('converts Menksoft-encoded Mongolian to Unicode and strips active content from the body', async () => {
    const id = await create({
      versions: [{ lang: 'mn-Mong', title: toMenksoft(MN_TITLE), body: `<p onclick="x()">${toMenksoft('ᠮᠣᠩᠭᠣᠯ')}</p><script>alert(1)</script><img src="javascript:alert(1)">` }],
    });
    const v = (await t.request({ method: 'GET', url: `/api/resources/${id}`, cookie: editor })).json().versions[0];
    expect(v.title).toMatch(/^[\u1800-\u18AF\u202F ]+$/);
    expect(v.body).not.toMatch(/script|onclick|javascript/);
    expect(v.body).toMatch(/^<p>[\u1800-\u18AF]+<\/p>/);
  });

  it('refuses a request without versions or with an unknown language, writing nothing', async () => {
    const before = (await t.request({ method: 'GET', url: '/api/resources', cookie: editor })).json().total;
    for (const versions of [[], [{ lang: 'fr', title: 'x', body: 'y' }]]) {
      const res = await t.request({ method: 'POST', url: '/api/resources', cookie: editor, body: { orgId: hohhot, kind: 'article', versions } });
      expect(res.statusCode).toBe(400);
    }
    expect((await t.request({ method: 'GET', url: '/api/resources', cookie: editor })).json().total).toBe(before);
  });
});

describe('revisions', () => {
  it('makes every save a revision, refuses a stale save, compares and restores', async () => {
    const id = await create();
    const url = `/api/resources/${id}/versions/zh-Hans`;
    const s2 = await t.request({ method: 'PUT', url, cookie: editor, body: { title: '牧区冬季防灾知识', body: '<p>做好饲草和棚圈储备。</p>', baseRevision: 1 } });
    expect(s2.json().revision).toBe(2);
    const stale = await t.request({ method: 'PUT', url, cookie: editor, body: { title: '旧稿', body: '<p>旧</p>', baseRevision: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('content.stale');
    const revs = (await t.request({ method: 'GET', url: `${url}/revisions`, cookie: editor })).json();
    expect(revs.map((r: { n: number }) => r.n)).toEqual([2, 1]);
    const diff = (await t.request({ method: 'GET', url: `${url}/diff?from=1&to=2`, cookie: editor })).json();
    expect(diff.body.filter((c: { op: string }) => c.op === 'insert').map((c: { text: string }) => c.text).join('')).toContain('棚圈');
    expect(diff.body.filter((c: { op: string }) => c.op === 'delete')).toEqual([]);
    const restored = await t.request({ method: 'POST', url: `${url}/revisions/1/restore`, cookie: editor });
    expect(restored.json()).toMatchObject({ revision: 3, body: '<p>做好饲草储备。</p>' });
  });
});

describe('editorial workflow', () => {
  it('goes draft → in review → approved → published → withdrawn, each step by the right role, audited', async () => {
    const id = await create();
    expect((await move(id, 'mn-Mong', 'approved', reviewer)).statusCode).toBe(409); // not yet in review
    expect((await move(id, 'mn-Mong', 'in_review', editor)).json().status).toBe('in_review');
    const selfApprove = await move(id, 'mn-Mong', 'approved', editor);
    expect(selfApprove.statusCode).toBe(403);
    expect((await move(id, 'mn-Mong', 'approved', reviewer)).json().status).toBe('approved');

    const events: unknown[] = [];
    await t.ctx.bus.subscribe('content.published', (m) => events.push(m));
    const pub = await move(id, 'mn-Mong', 'published', reviewer);
    expect(pub.json()).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    await expect.poll(() => events).toEqual([{ resourceId: id, lang: 'mn-Mong', orgId: hohhot }]);

    // The public now sees the Mongolian version only; the Chinese one is still a draft.
    const pubView = (await t.request({ method: 'GET', url: `/api/resources/${id}` })).json();
    expect(pubView.versions.map((v: { lang: string }) => v.lang)).toEqual(['mn-Mong']);
    const outlets = (await t.request({ method: 'GET', url: `/api/resources/${id}/outlets`, cookie: editor })).json();
    expect(outlets.map((o: { channel: string }) => o.channel).sort()).toEqual(['app', 'estation', 'feeds', 'portal', 'share']);
    expect(outlets.find((o: { channel: string }) => o.channel === 'portal').detail).toBe(`/mn/r/${id}`);

    // Editing a published version is refused; withdrawing takes it off the public side.
    const edit = await t.request({ method: 'PUT', url: `/api/resources/${id}/versions/mn-Mong`, cookie: editor, body: { title: MN_TITLE, body: MN_BODY, baseRevision: 1 } });
    expect(edit.json().error.code).toBe('content.published_locked');
    expect((await move(id, 'mn-Mong', 'withdrawn', editor)).statusCode).toBe(403);
    expect((await move(id, 'mn-Mong', 'withdrawn', reviewer)).json().status).toBe('withdrawn');
    expect((await t.request({ method: 'GET', url: `/api/resources/${id}` })).statusCode).toBe(404);

    const trail = await t.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('at').execute();
    expect(trail.map((a) => a.action)).toEqual(['resource.create', 'version.in_review', 'version.approved', 'version.published', 'version.withdrawn']);
  });

  it('does not let a reviewer approve a version they revised themselves', async () => {
    const admin = await t.login('admin');
    const id = await create();
    const url = `/api/resources/${id}/versions/zh-Hans`;
    // The region admin (who may edit and review) revises the text, then tries to approve it.
    expect((await t.request({ method: 'PUT', url, cookie: admin, body: { title: '改后标题', body: '<p>改</p>', baseRevision: 1 } })).statusCode).toBe(200);
    expect((await move(id, 'zh-Hans', 'in_review', editor)).statusCode).toBe(200);
    const res = await move(id, 'zh-Hans', 'approved', admin);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('content.self_review');
    expect((await move(id, 'zh-Hans', 'approved', reviewer)).statusCode).toBe(200);
  });

  it('publishes a scheduled version once, when its time comes, even with two schedulers racing', async () => {
    const id = await create();
    await move(id, 'zh-Hans', 'in_review', editor);
    await move(id, 'zh-Hans', 'approved', reviewer);
    const at = new Date(Date.now() + 3600_000).toISOString();
    const scheduled = (await move(id, 'zh-Hans', 'published', reviewer, { publishAt: at })).json();
    expect(scheduled).toMatchObject({ status: 'approved', publishAt: at });
    expect(await publishDue(t.ctx)).toBe(0);
    const later = new Date(Date.now() + 2 * 3600_000);
    const counts = await Promise.all([publishDue(t.ctx, later), publishDue(t.ctx, later)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    const v = (await t.request({ method: 'GET', url: `/api/resources/${id}` })).json().versions[0];
    expect(v).toMatchObject({ lang: 'zh-Hans', status: 'published' });
  });

  it('keeps comments on a version', async () => {
    const id = await create();
    const url = `/api/resources/${id}/versions/mn-Mong/comments`;
    expect((await t.request({ method: 'POST', url, cookie: reviewer, body: { body: '第二段请补充数据来源。' } })).statusCode).toBe(201);
    const list = (await t.request({ method: 'GET', url, cookie: editor })).json();
    expect(list).toEqual([expect.objectContaining({ body: '第二段请补充数据来源。', authorName: '呼和浩特市审核员' })]);
  });

  it('gives radio and TV hosts the plain text of a published version', async () => {
    const id = await create();
    await move(id, 'zh-Hans', 'in_review', editor);
    await move(id, 'zh-Hans', 'approved', reviewer);
    await move(id, 'zh-Hans', 'published', reviewer);
    const res = await t.request({ method: 'GET', url: `/api/resources/${id}/versions/zh-Hans/broadcast.txt` });
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toBe('牧区冬季防灾知识\n\n做好饲草储备。\n');
    expect((await t.request({ method: 'GET', url: `/api/resources/${id}/versions/mn-Mong/broadcast.txt` })).statusCode).toBe(404);
  });
});

describe('listing', () => {
  it('filters by status and language within scope and reports the total', async () => {
    const a = await create();
    await move(a, 'zh-Hans', 'in_review', editor);
    const res = (await t.request({ method: 'GET', url: '/api/resources?status=in_review&lang=zh-Hans', cookie: reviewer })).json();
    expect(res.items.some((r: { id: string }) => r.id === a)).toBe(true);
    expect(res.items.every((r: { versions: { lang: string; status: string }[] }) => r.versions.some((v) => v.lang === 'zh-Hans' && v.status === 'in_review'))).toBe(true);
    expect(res.total).toBeGreaterThanOrEqual(res.items.length);
  });
});

describe('channels beyond the portal', () => {
  it('builds the upward report package: a DOCX per published version (Mongolian vertical) and report.json, recorded as an outlet', async () => {
    const id = await create();
    const early = await t.request({ method: 'POST', url: `/api/resources/${id}/report`, cookie: editor });
    expect(early.statusCode).toBe(409);
    for (const lang of ['zh-Hans', 'mn-Mong']) {
      for (const [to, who] of [['in_review', editor], ['approved', reviewer], ['published', reviewer]] as const) await move(id, lang, to, who);
    }
    const res = await t.request({ method: 'POST', url: `/api/resources/${id}/report`, cookie: editor });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const zip = await JSZip.loadAsync(res.rawPayload);
    expect(Object.keys(zip.files).sort()).toEqual(['mn-Mong.docx', 'report.json', 'zh-Hans.docx']);
    const manifest = JSON.parse(await zip.file('report.json')!.async('string'));
    expect(manifest).toMatchObject({ format: 'gerel-report/1', resourceId: id, org: { code: '150100' } });
    expect(manifest.versions.map((v: { title: string }) => v.title).sort()).toEqual([MN_TITLE, '牧区冬季防灾知识'].sort());
    const mnDoc = await JSZip.loadAsync(await zip.file('mn-Mong.docx')!.async('nodebuffer'));
    const xml = await mnDoc.file('word/document.xml')!.async('string');
    expect(xml).toContain('w:textDirection w:val="tbLrV"');
    expect(xml).toContain('ᠮᠣᠩᠭᠣᠯ');
    const outlets = (await t.request({ method: 'GET', url: `/api/resources/${id}/outlets`, cookie: editor })).json();
    expect(outlets.filter((o: { channel: string }) => o.channel === 'report')).toHaveLength(2);
    expect((await t.request({ method: 'POST', url: `/api/resources/${id}/report`, cookie: await t.login('chifeng-admin') })).statusCode).toBe(404);
  });

  it('gives e-station kiosks published versions with full bodies to keep offline', async () => {
    const id = await create();
    for (const [to, who] of [['in_review', editor], ['approved', reviewer], ['published', reviewer]] as const) await move(id, 'mn-Mong', to, who);
    const feed = (await t.request({ method: 'GET', url: '/api/public/estation/feed?lang=mn-Mong' })).json();
    const item = feed.items.find((i: { resourceId: string }) => i.resourceId === id);
    expect(item).toMatchObject({ lang: 'mn-Mong', title: MN_TITLE, bodyHtml: MN_BODY });
    expect(feed.items.every((i: { lang: string }) => i.lang === 'mn-Mong')).toBe(true);
  });
});
