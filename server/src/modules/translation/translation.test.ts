import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { shapeKey, toMenksoft } from '@gerel/mongol';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';
import { multipartFile } from '../../test/multipart.js';

/**
 * The translation workbench's termbase and memory through the HTTP API, on SQLite and PostgreSQL.
 * region-translator works for the whole region; hohhot-editor and hohhot-reviewer for 呼和浩特市;
 * chifeng-admin is another league's admin; tumed-officer holds no translation role.
 */
let t: TestApp;
let translator: string;
let editor: string;
let reviewer: string;
let chifeng: string;
let officer: string;
let hohhot: string;

const ZH = '科学技术是第一生产力。我们要普及科学知识。农牧民需要实用技术。';
const MN_SENTENCES = [
  'ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠲᠧᠬᠨᠢᠭ ᠪᠣᠯ ᠨᠢᠭᠡᠳᠦᠭᠡᠷ ᠦᠢᠯᠡᠳᠪᠦᠷᠢ ᠶᠢᠨ ᠬᠦᠴᠦᠨ ᠮᠥᠨ᠃',
  'ᠪᠢᠳᠡ ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠤ ᠮᠡᠳᠡᠯᠭᠡ ᠶᠢ ᠳᠡᠯᠭᠡᠷᠡᠭᠦᠯᠬᠦ ᠬᠡᠷᠡᠭᠲᠡᠢ᠃',
  'ᠲᠠᠷᠢᠶᠠᠴᠢᠨ ᠮᠠᠯᠴᠢᠨ ᠳᠤ ᠬᠡᠷᠡᠭᠯᠡᠭᠡᠨ ᠦ ᠲᠧᠬᠨᠢᠭ ᠬᠡᠷᠡᠭᠲᠡᠢ᠃',
];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const get = (cookie: string, url: string) => t.request({ method: 'GET', url, cookie });
const post = (cookie: string, url: string, body: unknown, headers: Record<string, string> = {}) => t.request({ method: 'POST', url, cookie, body, headers });
const upload = (cookie: string, url: string, data: Buffer | string, name: string, type = 'application/octet-stream', lang = 'zh-CN') => {
  const { payload, headers } = multipartFile('file', name, Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8'), type);
  return t.app.inject({ method: 'POST', url, payload, headers: { ...headers, cookie, 'accept-language': lang } });
};
const termCount = async () => (await t.db.kysely.selectFrom('translation_terms').select('id').execute()).length;
const unitCount = async () => (await t.db.kysely.selectFrom('translation_units').select('id').execute()).length;

beforeAll(async () => {
  t = await createTestApp();
  [translator, editor, reviewer, chifeng, officer] = await Promise.all(['region-translator', 'hohhot-editor', 'hohhot-reviewer', 'chifeng-admin', 'tumed-officer'].map((u) => t.login(u)));
  hohhot = await orgIdByCode(t, '150100');
}, 60_000);
afterAll(() => t.close());

describe('engines', () => {
  it('lists the built-in engine as always usable and the HTTP engines as not configured when no URL is set', async () => {
    const res = await get(translator, '/api/translation/engines');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      engines: [
        { id: 'memory', configured: true },
        { id: 'libretranslate', configured: false },
        { id: 'openai', configured: false },
      ],
      machine: false,
    });
  });

  it('refuses users without a translation role and anonymous callers', async () => {
    expect((await get(officer, '/api/translation/engines')).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/translation/engines' })).statusCode).toBe(401);
  });

  it('answers an unconfigured engine with a clear error in Chinese and English', async () => {
    const zh = await post(translator, '/api/translation/translate', { text: '你好', sourceLang: 'zh-Hans', targetLang: 'mn-Mong', engine: 'openai' }, { 'accept-language': 'zh-CN' });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.message).toBe('翻译引擎 openai 未配置。');
    const en = await post(translator, '/api/translation/translate', { text: '你好', sourceLang: 'zh-Hans', targetLang: 'mn-Mong', engine: 'libretranslate' }, { 'accept-language': 'en' });
    expect(en.json().error.message).toBe('The translation engine libretranslate is not configured.');
  });
});

describe('script conversion', () => {
  it('converts traditional Mongolian to Cyrillic and back for translation users only', async () => {
    const res = await post(reviewer, '/api/translation/convert', { text: 'ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ', from: 'mn-Mong' });
    expect(res.json()).toEqual({ text: 'монгол хэл', to: 'mn-Cyrl' });
    const back = (await post(reviewer, '/api/translation/convert', { text: 'монгол', from: 'mn-Cyrl' })).json();
    expect(shapeKey(back.text)).toBe(shapeKey('ᠮᠣᠩᠭᠣᠯ'));
    expect((await post(officer, '/api/translation/convert', { text: 'монгол', from: 'mn-Cyrl' })).statusCode).toBe(403);
  });
});

describe('termbase', () => {
  let id: string;
  it('creates a term in the caller’s org (Menksoft converted to Unicode) and audits it', async () => {
    const res = await post(editor, '/api/translation/terms', { zh: ' 光合作用 ', mnMong: toMenksoft('ᠭᠡᠷᠡᠯ ᠦᠨ ᠨᠡᠶᠢᠯᠡᠯᠲᠡ'), mnCyrl: 'фотосинтез', en: 'photosynthesis', domain: '生物', notes: null });
    expect(res.statusCode, res.body).toBe(201);
    const term = res.json();
    expect(term).toMatchObject({ orgId: hohhot, zh: '光合作用', mnCyrl: 'фотосинтез', en: 'photosynthesis', domain: '生物' });
    expect(shapeKey(term.mnMong)).toBe(shapeKey('ᠭᠡᠷᠡᠯ ᠦᠨ ᠨᠡᠶᠢᠯᠡᠯᠲᠡ'));
    id = term.id;
    const a = await t.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
    expect(a.map((x) => x.action)).toEqual(['term.create']);
  });

  it('finds it by any language and keeps it from another league', async () => {
    const byEn = await get(translator, '/api/translation/terms?q=PHOTO');
    expect(byEn.json().items.map((x: { id: string }) => x.id)).toEqual([id]);
    const byCyrl = await get(reviewer, `/api/translation/terms?q=${encodeURIComponent('фотосинтез')}`);
    expect(byCyrl.json().total).toBe(1);
    expect((await get(chifeng, '/api/translation/terms')).json().items.map((x: { id: string }) => x.id)).not.toContain(id);
    const put = await t.request({ method: 'PUT', url: `/api/translation/terms/${id}`, cookie: chifeng, body: { zh: '篡改' } });
    expect(put.statusCode).toBe(404);
  });

  it('lets reviewers read but not change it; refuses an empty Chinese form without writing', async () => {
    expect((await post(reviewer, '/api/translation/terms', { zh: '遗传' })).statusCode).toBe(403);
    const before = await termCount();
    const bad = await post(editor, '/api/translation/terms', { zh: '   ' }, { 'accept-language': 'zh-CN' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('zh 不能为空。');
    expect(await termCount()).toBe(before);
  });

  it('imports CSV with a report first: errors by row and column in Chinese, nothing written until all rows pass', async () => {
    const csv = '\uFEFF中文,传统蒙古文,西里尔蒙古文,英文,领域,备注\r\n基因,ᠭ�youᠨ,ген,gene,生物,\r\n,ᠮᠣᠩᠭᠣᠯ,,,\r\n基因,,,gene,生物,重复\r\n光合作用,,,,生物,\r\n';
    const before = await termCount();
    const res = await upload(editor, '/api/translation/terms/import?dryRun=false', csv, 'terms.csv', 'text/csv');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.created).toBe(0);
    expect(r.errors.map((e: { row: number; column: string; problem: string }) => [e.row, e.column, e.problem])).toEqual([
      [3, '中文', 'required'],
      [4, '中文', 'duplicate_in_file'],
      [5, '中文', 'exists'],
    ]);
    expect(r.errors[1].message).toBe('术语 基因 在文件中重复出现（首次出现在第 2 行）。');
    expect(await termCount()).toBe(before);

    const ok = await upload(editor, '/api/translation/terms/import?dryRun=false', '中文;英文;领域\n基因;gene;生物\n"算法; 演算";algorithm;信息\n', 'terms.csv', 'text/csv');
    expect(ok.json()).toMatchObject({ rows: 2, valid: 2, errors: [], created: 2 });
    expect(await termCount()).toBe(before + 2);
    const algo = (await get(editor, '/api/translation/terms?q=algorithm')).json().items[0];
    expect(algo.zh).toBe('算法; 演算');
  });

  it('imports XLSX and TBX, and exports all three formats so that they read back', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('t');
    ws.addRow(['zh', 'mn-Mong', 'en', 'domain']);
    ws.addRow(['降水量', 'ᠬᠤᠷ᠎ᠠ ᠶᠢᠨ ᠬᠡᠮᠵᠢᠶ᠎ᠡ', 'precipitation', '气象']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const x = await upload(translator, `/api/translation/terms/import?dryRun=false&orgId=${hohhot}`, xlsx, 'terms.xlsx', XLSX);
    expect(x.json(), x.body).toMatchObject({ created: 1, errors: [] });

    const tbx = `<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="zh"><martifHeader/><text><body>
  <termEntry id="e1"><descrip type="subjectField">气象</descrip>
    <langSet xml:lang="zh"><tig><term>气温 &amp; 湿度</term></tig></langSet>
    <langSet xml:lang="mn"><tig><term>ᠠᠭᠠᠷ ᠤᠨ ᠳᠤᠯᠠᠭᠠᠴᠠ</term></tig></langSet>
    <langSet xml:lang="mn"><tig><term>агаарын температур</term></tig></langSet>
    <langSet xml:lang="en-US"><tig><term>air temperature</term></tig></langSet>
  </termEntry>
</body></text></martif>`;
    const b = await upload(editor, '/api/translation/terms/import?dryRun=false', tbx, 'terms.tbx', 'application/xml');
    expect(b.json(), b.body).toMatchObject({ created: 1, errors: [] });
    const temp = (await get(editor, `/api/translation/terms?q=${encodeURIComponent('湿度')}`)).json().items[0];
    expect(temp).toMatchObject({ zh: '气温 & 湿度', mnMong: 'ᠠᠭᠠᠷ ᠤᠨ ᠳᠤᠯᠠᠭᠠᠴᠠ', mnCyrl: 'агаарын температур', en: 'air temperature', domain: '气象' });

    const bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><martif><text><body/></text></martif>';
    const refused = await upload(editor, '/api/translation/terms/import', bomb, 'x.tbx');
    expect(refused.statusCode).toBe(400);

    const total = (await get(editor, '/api/translation/terms')).json().total;
    for (const [format, type] of [['tbx', 'application/xml'], ['csv', 'text/csv'], ['xlsx', XLSX]] as const) {
      const exp = await t.app.inject({ method: 'GET', url: `/api/translation/terms/export.${format}`, headers: { cookie: editor } });
      expect(exp.statusCode, exp.body).toBe(200);
      // Reading the export back: every row parses and is already there.
      const again = await upload(editor, '/api/translation/terms/import', exp.rawPayload, `again.${format}`, type);
      const rep = again.json();
      expect(rep.rows, format).toBe(total);
      expect(new Set(rep.errors.map((e: { problem: string }) => e.problem)), format).toEqual(new Set(['exists']));
      expect(rep.errors).toHaveLength(total);
    }
    expect((await t.db.kysely.selectFrom('audit_log').select('id').where('action', '=', 'term.export').execute()).length).toBe(3);
  });

  it('updates and deletes a term with audit', async () => {
    const put = await t.request({ method: 'PUT', url: `/api/translation/terms/${id}`, cookie: translator, body: { zh: '光合作用', en: 'photosynthesis (plants)', domain: '生物' } });
    expect(put.json()).toMatchObject({ en: 'photosynthesis (plants)', mnMong: null });
    const del = await t.request({ method: 'DELETE', url: `/api/translation/terms/${id}`, cookie: editor });
    expect(del.statusCode).toBe(204);
    const a = await t.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('at').execute();
    expect(a.map((x) => x.action)).toEqual(['term.create', 'term.update', 'term.delete']);
  });
});

describe('translation memory', () => {
  let resourceId: string;
  beforeAll(async () => {
    const res = await post(editor, '/api/resources', {
      orgId: hohhot,
      kind: 'article',
      versions: [
        { lang: 'zh-Hans', title: '科技', body: `<p>${ZH}</p>` },
        { lang: 'mn-Mong', title: 'ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ', body: `<p>${MN_SENTENCES.join(' ')}</p>` },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    resourceId = res.json().id;
  });

  it('proposes sentence pairs from the linked versions without writing, then stores the edited pairs', async () => {
    const before = await unitCount();
    const prop = await post(translator, '/api/translation/memory/align', { resourceId, sourceLang: 'zh-Hans', targetLang: 'mn-Mong' });
    expect(prop.statusCode, prop.body).toBe(200);
    expect(prop.json().pairs).toEqual([
      { source: '科学技术是第一生产力。', target: MN_SENTENCES[0] },
      { source: '我们要普及科学知识。', target: MN_SENTENCES[1] },
      { source: '农牧民需要实用技术。', target: MN_SENTENCES[2] },
    ]);
    expect(await unitCount()).toBe(before);
    // A reviewer may look at the proposal but not store it.
    expect((await post(reviewer, '/api/translation/memory/align', { resourceId, sourceLang: 'zh-Hans', targetLang: 'mn-Mong', save: true })).statusCode).toBe(403);
    const pairs = prop.json().pairs.slice(0, 2);
    const saved = await post(editor, '/api/translation/memory/align', { resourceId, sourceLang: 'zh-Hans', targetLang: 'mn-Mong', save: true, pairs });
    expect(saved.json().saved).toBe(2);
    // Aligning again replaces, it does not pile up.
    await post(editor, '/api/translation/memory/align', { resourceId, sourceLang: 'zh-Hans', targetLang: 'mn-Mong', save: true });
    const list = (await get(editor, `/api/translation/memory?source=zh-Hans&target=mn-Mong&resourceId=${resourceId}`)).json();
    expect(list.total).toBe(3);
    expect(await unitCount()).toBe(before + 3);
    expect((await get(chifeng, '/api/translation/memory?source=zh-Hans&target=mn-Mong')).json().total).toBe(0);
  });

  it('refuses a language the resource does not have', async () => {
    const res = await post(translator, '/api/translation/memory/align', { resourceId, sourceLang: 'zh-Hans', targetLang: 'en' }, { 'accept-language': 'zh-CN' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('该资源没有 en 版本。');
  });

  it('scores fuzzy matches: Chinese by characters, Mongolian by shape key', async () => {
    const zh = (await post(translator, '/api/translation/suggest', { text: '我们要普及科学技术知识。', sourceLang: 'zh-Hans', targetLang: 'mn-Mong' })).json();
    expect(zh.matches[0]).toMatchObject({ source: '我们要普及科学知识。', target: MN_SENTENCES[1], origin: 'aligned' });
    // 9 of 11 characters in place: 82.
    expect(zh.matches[0].score).toBe(82);
    const exact = (await post(translator, '/api/translation/suggest', { text: '科学技术是第一生产力', sourceLang: 'zh-Hans', targetLang: 'mn-Mong' })).json();
    expect(exact.matches[0].score).toBe(100);

    // The reverse direction, written with medial O typed as U and in Menksoft: same shapes, score 100.
    const unit = await post(editor, '/api/translation/memory', { sourceLang: 'mn-Mong', targetLang: 'zh-Hans', source: 'ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ', target: '蒙古语' });
    expect(unit.statusCode, unit.body).toBe(201);
    const variant = (await post(translator, '/api/translation/suggest', { text: toMenksoft('ᠮᠤᠩᠭᠤᠯ ᠬᠡᠯᠡ'), sourceLang: 'mn-Mong', targetLang: 'zh-Hans' })).json();
    expect(variant.matches[0]).toMatchObject({ target: '蒙古语', score: 100 });
    const other = (await post(translator, '/api/translation/suggest', { text: 'ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ', sourceLang: 'mn-Mong', targetLang: 'zh-Hans', minScore: 1 })).json();
    expect(other.matches[0].score).toBeGreaterThan(20);
    expect(other.matches[0].score).toBeLessThan(100);
  });

  it('brings the termbase entries found in the text with the suggestions', async () => {
    await post(editor, '/api/translation/terms', { zh: '生产力', mnMong: 'ᠦᠢᠯᠡᠳᠪᠦᠷᠢ ᠶᠢᠨ ᠬᠦᠴᠦᠨ', en: 'productive forces' });
    const s = (await post(translator, '/api/translation/suggest', { text: '科学技术是第一生产力。', sourceLang: 'zh-Hans', targetLang: 'mn-Mong' })).json();
    expect(s.terms.map((x: { zh: string }) => x.zh)).toContain('生产力');
  });

  it('translates with the built-in engine sentence by sentence, leaving unknown sentences marked', async () => {
    const res = await post(translator, '/api/translation/translate', { text: '科学技术是第一生产力。今天天气很好。', sourceLang: 'zh-Hans', targetLang: 'mn-Mong' });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.engine).toBe('memory');
    expect(r.segments).toEqual([
      { source: '科学技术是第一生产力。', target: MN_SENTENCES[0], score: 100 },
      { source: '今天天气很好。', target: null, score: 0 },
    ]);
    expect(r.terms.map((x: { zh: string }) => x.zh)).toContain('生产力');
  });

  it('edits a pair and deletes one, audited; others cannot', async () => {
    const list = (await get(editor, `/api/translation/memory?source=zh-Hans&target=mn-Mong&resourceId=${resourceId}`)).json();
    const u = list.items[2];
    expect((await t.request({ method: 'PATCH', url: `/api/translation/memory/${u.id}`, cookie: chifeng, body: { target: 'x' } })).statusCode).toBe(404);
    const patched = await t.request({ method: 'PATCH', url: `/api/translation/memory/${u.id}`, cookie: translator, body: { target: `${MN_SENTENCES[2]} ` } });
    expect(patched.json().target).toBe(MN_SENTENCES[2]);
    expect((await t.request({ method: 'DELETE', url: `/api/translation/memory/${u.id}`, cookie: reviewer })).statusCode).toBe(403);
    expect((await t.request({ method: 'DELETE', url: `/api/translation/memory/${u.id}`, cookie: editor })).statusCode).toBe(204);
    const a = await t.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', u.id).orderBy('at').execute();
    expect(a.map((x) => x.action)).toEqual(['tm.update', 'tm.delete']);
  });

  it('exports TMX and imports it back into another org, with a report and all or nothing', async () => {
    const exp = await get(editor, '/api/translation/memory/export.tmx?source=zh-Hans&target=mn-Mong');
    expect(exp.statusCode).toBe(200);
    expect(exp.body).toContain('<tuv xml:lang="mn-Mong">');
    const n = (await get(editor, '/api/translation/memory?source=zh-Hans&target=mn-Mong')).json().total;
    const before = await unitCount();
    const broken = exp.body.replace('</body>', '<tu><tuv xml:lang="zh-Hans"><seg>只有中文</seg></tuv></tu></body>');
    const bad = (await upload(chifeng, '/api/translation/memory/import?source=zh-Hans&target=mn-Mong&dryRun=false', broken, 'm.tmx')).json();
    expect(bad.errors.map((e: { row: number; problem: string }) => [e.row, e.problem])).toEqual([[n + 1, 'no_pair']]);
    expect(await unitCount()).toBe(before);
    const ok = (await upload(chifeng, '/api/translation/memory/import?source=zh-Hans&target=mn-Mong&dryRun=false', exp.rawPayload, 'm.tmx')).json();
    expect(ok).toMatchObject({ rows: n, created: n, errors: [] });
    const theirs = (await get(chifeng, '/api/translation/memory?source=zh-Hans&target=mn-Mong')).json();
    expect(theirs.total).toBe(n);
    expect(theirs.items.every((x: { origin: string }) => x.origin === 'tmx')).toBe(true);
  });
});

describe('translation tasks in the publishing workflow', () => {
  let resourceId: string;
  let taskId: string;
  let translatorId: string;
  const ZH_BODY = '<p>科学技术是第一生产力。今天天气很好。</p>';
  const MN_BODY = `<p>${MN_SENTENCES[0]} ᠥᠨᠥᠳᠥᠷ ᠴᠠᠭ ᠠᠭᠠᠷ ᠰᠠᠶᠢᠨ᠃</p>`;
  const version = async (lang: string) => (await get(editor, `/api/resources/${resourceId}`)).json().versions.find((v: { lang: string }) => v.lang === lang);

  beforeAll(async () => {
    const res = await post(editor, '/api/resources', { orgId: hohhot, kind: 'article', versions: [{ lang: 'zh-Hans', title: '天气与科技', body: ZH_BODY }] });
    resourceId = res.json().id;
    translatorId = (await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'region-translator').executeTakeFirstOrThrow()).id;
  });

  it('an editor requests the Mongolian version from a translator; the assignee must be able to write it', async () => {
    const reviewerId = (await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'hohhot-reviewer').executeTakeFirstOrThrow()).id;
    const bad = await post(editor, '/api/translation/tasks', { resourceId, sourceLang: 'zh-Hans', targetLang: 'mn-Mong', assigneeId: reviewerId }, { 'accept-language': 'zh-CN' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('translation.bad_assignee');
    expect((await post(reviewer, '/api/translation/tasks', { resourceId, sourceLang: 'zh-Hans', targetLang: 'mn-Mong', assigneeId: translatorId })).statusCode).toBe(403);
    const res = await post(editor, '/api/translation/tasks', { resourceId, sourceLang: 'zh-Hans', targetLang: 'mn-Mong', assigneeId: translatorId, note: '请在周五前完成' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'assigned', sourceTitle: '天气与科技', assignee: { id: translatorId, name: '蒙汉翻译' } });
    taskId = res.json().id;
    expect((await post(editor, '/api/translation/tasks', { resourceId, sourceLang: 'zh-Hans', targetLang: 'mn-Mong', assigneeId: translatorId })).statusCode).toBe(409);
    const mine = (await get(translator, '/api/translation/tasks?mine=true')).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(taskId);
    expect((await get(chifeng, `/api/translation/tasks/${taskId}`)).statusCode).toBe(404);
  });

  it('the translator drafts with the source beside, and submits: the version joins the resource in review', async () => {
    const open = (await get(translator, `/api/translation/tasks/${taskId}`)).json();
    expect(open.source.title).toBe('天气与科技');
    expect(open.target).toBeNull();
    expect((await post(translator, `/api/translation/tasks/${taskId}/submit`, undefined)).statusCode).toBe(400);
    expect((await t.request({ method: 'PUT', url: `/api/translation/tasks/${taskId}/draft`, cookie: editor, body: { title: 'x', body: '<p>x</p>' } })).statusCode).toBe(403);
    const d = await t.request({ method: 'PUT', url: `/api/translation/tasks/${taskId}/draft`, cookie: translator, body: { title: 'ᠴᠠᠭ ᠠᠭᠠᠷ', body: '<p>ᠨᠢᠭᠡ</p>' } });
    expect(d.json().draft).toEqual({ title: 'ᠴᠠᠭ ᠠᠭᠠᠷ', body: '<p>ᠨᠢᠭᠡ</p>' });
    const s = await post(translator, `/api/translation/tasks/${taskId}/submit`, undefined);
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json().status).toBe('in_review');
    expect(await version('mn-Mong')).toMatchObject({ status: 'in_review', authorId: translatorId, title: 'ᠴᠠᠭ ᠠᠭᠠᠷ' });
  });

  it('the reviewer returns it; the translator revises and submits again', async () => {
    const r = await post(reviewer, `/api/translation/tasks/${taskId}/review`, { approve: false, note: '第二句漏译' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'assigned', reviewNote: '第二句漏译' });
    expect((await version('mn-Mong')).status).toBe('draft');
    await t.request({ method: 'PUT', url: `/api/translation/tasks/${taskId}/draft`, cookie: translator, body: { title: 'ᠴᠠᠭ ᠠᠭᠠᠷ', body: MN_BODY } });
    expect((await post(translator, `/api/translation/tasks/${taskId}/submit`, undefined)).json().status).toBe('in_review');
    expect(await version('mn-Mong')).toMatchObject({ status: 'in_review', revision: 2 });
  });

  it('approval adds the sentence pairs to the memory; then both versions are published', async () => {
    expect((await post(translator, `/api/translation/tasks/${taskId}/review`, { approve: true })).statusCode).toBe(403);
    const a = await post(reviewer, `/api/translation/tasks/${taskId}/review`, { approve: true });
    expect(a.json().status).toBe('done');
    expect((await version('mn-Mong')).status).toBe('approved');
    const units = (await get(editor, `/api/translation/memory?source=zh-Hans&target=mn-Mong&resourceId=${resourceId}`)).json().items;
    expect(units.map((u: { source: string; origin: string }) => [u.source, u.origin])).toEqual([
      ['科学技术是第一生产力。', 'task'],
      ['今天天气很好。', 'task'],
    ]);
    expect((await post(reviewer, `/api/translation/tasks/${taskId}/review`, { approve: true })).statusCode).toBe(409);
    // The rest is the ordinary publishing workflow of the content module.
    const move = (cookie: string, lang: string, to: string) => post(cookie, `/api/resources/${resourceId}/versions/${lang}/transition`, { to });
    expect((await move(editor, 'zh-Hans', 'in_review')).statusCode).toBe(200);
    expect((await move(reviewer, 'zh-Hans', 'approved')).statusCode).toBe(200);
    expect((await move(reviewer, 'zh-Hans', 'published')).statusCode).toBe(200);
    expect((await move(reviewer, 'mn-Mong', 'published')).statusCode).toBe(200);
    expect([(await version('zh-Hans')).status, (await version('mn-Mong')).status]).toEqual(['published', 'published']);
  });
});
