import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellText } from '../../kernel/files/xlsx.js';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';
import { multipartFile } from '../../test/multipart.js';
import JSZip from 'jszip';
import { MAX_IMPORT_ROWS, MAX_INFLATED_BYTES } from './import.js';

/**
 * Imports, templates and exports of the registry, on SQLite and PostgreSQL: the report first (row,
 * column, problem in Chinese and English), nothing written while any row is wrong, one transaction,
 * XLSX and CSV alike, the caller's scope on the way in and out.
 */
let t: TestApp;
let admin: string;
let tumed: string;
let chifeng: string;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ['所属组织', '名称', '类型', '成立日期', '会员数', '负责人', '联系电话'];

beforeAll(async () => {
  t = await createTestApp();
  [admin, tumed, chifeng] = await Promise.all([t.login('admin'), t.login('tumed-admin'), t.login('chifeng-admin')]);
}, 60_000);
afterAll(() => t.close());

async function xlsx(rows: (string | number | Date | null)[][], headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('基层组织');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const csv = (rows: string[][], headers = HEADERS) => Buffer.from('\uFEFF' + [headers, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n'), 'utf8');

function upload(cookie: string, list: string, data: Buffer, opts: { dryRun?: boolean; lang?: string; name?: string; type?: string; job?: string } = {}) {
  const { payload, headers } = multipartFile('file', opts.name ?? 'rows.xlsx', data, opts.type ?? XLSX);
  const q = new URLSearchParams({ dryRun: String(opts.dryRun ?? true), ...(opts.job ? { job: opts.job } : {}) });
  return t.app.inject({ method: 'POST', url: `/api/registry/${list}/import?${q}`, payload, headers: { ...headers, cookie, 'accept-language': opts.lang ?? 'zh-CN' } });
}
const grassroots = async () => (await t.db.kysely.selectFrom('reg_grassroots').select(['name', 'org_id', 'phone']).execute()).length;

describe('importing a sheet', () => {
  it('reports every bad cell by row, column and problem, and writes nothing — not even the good rows', async () => {
    const before = await grassroots();
    const file = await xlsx([
      ['150121', '导入甲协会', '农村专业技术协会', '2025-03-01', 40, '甲', '13900000001'],
      ['150121', '导入乙协会', '火星协会', '2025-02-30', 'many', '乙', '12345'],
      ['150404', '导入丙协会', '企业科协', '2024-05-06', 10, '丙', null],
      ['150121', '', '企业科协', '2024-05-06', 10, '丁', null],
    ]);
    for (const dryRun of [true, false]) {
      const res = await upload(tumed, 'grassroots', file, { dryRun, lang: 'en' });
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json();
      expect(report).toMatchObject({ format: 'xlsx', rows: 4, valid: 1, created: 0 });
      expect(report.errors.map((e: { row: number; column: string; problem: string }) => [e.row, e.column, e.problem])).toEqual([
        [3, '类型', 'bad_enum'],
        [3, '成立日期', 'bad_date'],
        [3, '会员数', 'bad_integer'],
        [3, '联系电话', 'bad_phone'],
        [4, '所属组织', 'org_not_found'],
        [5, '名称', 'required'],
      ]);
      const bad = report.errors[0];
      expect(bad.messages.zh).toContain('“火星协会”不是可选值');
      expect(bad.messages.en).toContain('"火星协会" is not one of the allowed values');
      expect(bad.message).toBe(bad.messages.en);
      // 松山区 lies in another league: it answers like an org that does not exist.
      expect(report.errors[4].messages.zh).toContain('在您的管辖范围内没有组织“150404”');
    }
    expect(await grassroots()).toBe(before);
  });

  it('writes a good file in one go, each row with its history and audit entry', async () => {
    const before = await grassroots();
    const file = await xlsx([
      ['150121', '导入一号协会', '农村专业技术协会', new Date(Date.UTC(2025, 2, 1)), 40, '巴特尔', '139 0000 0002'],
      ['察素齐镇', '导入二号协会', 'township', '2025/4/5', '1,200', 'ᠪᠠᠲᠤ', null],
      ['土默特左旗', '导入三号协会', 'Enterprise association', '2025年6月7日', null, null, null],
    ]);
    const dry = (await upload(tumed, 'grassroots', file)).json();
    expect(dry).toMatchObject({ rows: 3, valid: 3, errors: [], created: 0 });
    expect(await grassroots()).toBe(before);
    const res = await upload(tumed, 'grassroots', file, { dryRun: false });
    expect(res.json()).toMatchObject({ rows: 3, valid: 3, errors: [], created: 3 });
    const rows = await t.db.kysely.selectFrom('reg_grassroots').selectAll().where('name', 'like', '导入%号协会').orderBy('name').execute();
    expect(rows.map((r) => [r.name, r.kind, r.founded_on, r.members, r.leader, r.phone])).toEqual([
      ['导入一号协会', 'rural_association', '2025-03-01', 40, '巴特尔', '13900000002'],
      ['导入三号协会', 'enterprise', '2025-06-07', null, null, null],
      ['导入二号协会', 'township', '2025-04-05', 1200, 'ᠪᠠᠲᠤ', null],
    ]);
    expect(rows[2]!.org_id).toBe(await orgIdByCode(t, '150121100'));
    const ids = rows.map((r) => String(r.id));
    const history = await t.db.kysely.selectFrom('registry_history').select('action').where('row_id', 'in', ids).execute();
    expect(history.map((h) => h.action)).toEqual(['import', 'import', 'import']);
    const audits = await t.db.kysely.selectFrom('audit_log').select('action').where('entity_id', 'in', ids).execute();
    expect(audits.map((a) => a.action)).toEqual(['registry.grassroots.import', 'registry.grassroots.import', 'registry.grassroots.import']);
    // The same file again: every row is now a duplicate, and nothing is written twice.
    const again = (await upload(tumed, 'grassroots', file, { dryRun: false })).json();
    expect(again.created).toBe(0);
    expect(again.errors.map((e: { problem: string }) => e.problem)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await grassroots()).toBe(before + 3);
  });

  it('reads CSV in UTF-8 and in GB18030 (as Chinese Excel saves it), and names duplicate rows inside the file', async () => {
    const before = await grassroots();
    const rows = [
      ['150121', 'CSV 甲协会', '企业科协', '2025-01-01', '5', '甲', '0471-1234567'],
      ['150121', 'CSV 乙协会', '园区科协', '2025-01-02', '6', '"引号"，逗号', ''],
    ];
    const utf8 = await upload(tumed, 'grassroots', csv(rows), { name: 'rows.csv', type: 'text/csv' });
    expect(utf8.json()).toMatchObject({ format: 'csv', rows: 2, valid: 2, errors: [] });
    // "所属组织,名称,类型,成立日期 / 150121,国标编码协会,企业科协,2025-01-03" saved by Excel as GB18030.
    const gbk = Buffer.from('cbf9caf4d7e9d6af2cc3fbb3c62cc0e0d0cd2cb3c9c1a2c8d5c6da0d0a3135303132312cb9fab1eab1e0c2ebd0adbbe12cc6f3d2b5bfc6d0ad2c323032352d30312d30330d0a', 'hex');
    const fromGbk = (await upload(tumed, 'grassroots', gbk, { dryRun: false, name: 'gbk.csv', type: 'text/csv' })).json();
    expect(fromGbk).toMatchObject({ format: 'csv', rows: 1, created: 1, errors: [] });
    expect(await t.db.kysely.selectFrom('reg_grassroots').select('kind').where('name', '=', '国标编码协会').executeTakeFirst()).toEqual({ kind: 'enterprise' });
    const dup = await upload(tumed, 'grassroots', csv([...rows, rows[0]!]), { name: 'rows.csv', type: 'text/csv' });
    expect(dup.json().errors).toEqual([expect.objectContaining({ row: 4, column: '名称', problem: 'duplicate_in_file' })]);
    expect(dup.json().errors[0].messages.zh).toContain('第 2 行');
    const done = await upload(tumed, 'grassroots', csv(rows), { dryRun: false, name: 'rows.csv', type: 'text/csv' });
    expect(done.json().created).toBe(2);
    const stored = await t.db.kysely.selectFrom('reg_grassroots').select(['leader', 'phone']).where('name', '=', 'CSV 乙协会').executeTakeFirstOrThrow();
    expect(stored).toEqual({ leader: '"引号"，逗号', phone: null });
    expect(await grassroots()).toBe(before + 3);
  });

  it('refuses what is not a sheet, a sheet without the required columns, and too many rows', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f10000000049454e44ae426082', 'hex');
    expect((await upload(tumed, 'grassroots', png, { name: 'rows.xlsx' })).statusCode).toBe(415);
    const broken = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]);
    expect([400, 415]).toContain((await upload(tumed, 'grassroots', broken)).statusCode);
    const missing = (await upload(tumed, 'grassroots', await xlsx([['150121', '甲']], ['所属组织', '名称']))).json();
    expect(missing.errors.map((e: { row: number; column: string; problem: string }) => [e.row, e.column, e.problem])).toEqual([
      [1, '类型', 'missing_column'],
      [1, '成立日期', 'missing_column'],
    ]);
    // A workbook carrying a part that inflates far beyond any sheet (a zip bomb) is refused unread.
    const zip = await JSZip.loadAsync(await xlsx([['150121', '炸弹', '企业科协', '2025-01-01', 1, null, null]]));
    zip.file('xl/media/padding.bin', Buffer.alloc(MAX_INFLATED_BYTES + 1024));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const refused = await upload(tumed, 'grassroots', bomb, { dryRun: false });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('registry.import_too_large');
    const many = csv(Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => ['150121', `多${i}`, '企业科协', '2025-01-01', '', '', '']));
    const res = await upload(tumed, 'grassroots', many, { name: 'many.csv', type: 'text/csv' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('registry.import_too_many');
  });

  it('is refused to readers, and reports its progress to the person who started it only', async () => {
    expect((await upload(await t.login('hohhot-editor'), 'grassroots', await xlsx([]))).statusCode).toBe(403);
    const job = randomUUID();
    const file = await xlsx([['150121', '进度协会', '企业科协', '2025-01-01', 1, null, null]]);
    const res = await upload(tumed, 'grassroots', file, { dryRun: false, job });
    expect(res.json().created).toBe(1);
    const p = await t.request({ method: 'GET', url: `/api/registry/imports/${job}`, cookie: tumed });
    expect(p.statusCode).toBe(200);
    expect(p.json()).toMatchObject({ id: job, list: 'grassroots', phase: 'done', rowsRead: 1, percent: 100, problems: 0, created: 1, bytesTotal: file.length });
    expect((await t.request({ method: 'GET', url: `/api/registry/imports/${job}`, cookie: chifeng })).statusCode).toBe(404);
    // A job id is used once.
    expect((await upload(tumed, 'grassroots', file, { job })).statusCode).toBe(409);
  });
});

describe('templates and exports', () => {
  async function readXlsx(body: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    return wb;
  }

  it('offers a template with the Chinese headers, drop-down lists and a help sheet, and a CSV header row', async () => {
    const res = await t.request({ method: 'GET', url: '/api/registry/competitions/template', cookie: tumed });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    const wb = await readXlsx(res.rawPayload);
    const head = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(head).toEqual(['报送组织', '赛事', '届次年度', '作品名称', '参赛者', '出生日期', '学校或单位', '监护人', '监护人同意', '同意日期', '评审状态', '评分', '获奖级别', '奖项等级']);
    expect(wb.worksheets[0]!.getCell(2, 2).dataValidation).toMatchObject({ type: 'list', formulae: ['"青少年机器人竞赛,青少年科技创新大赛,创新方法大赛"'] });
    expect(wb.worksheets[1]!.name).toBe('说明');
    const csvTemplate = await t.request({ method: 'GET', url: '/api/registry/competitions/template?format=csv', cookie: tumed });
    expect(csvTemplate.body).toBe('\uFEFF报送组织,赛事,届次年度,作品名称,参赛者,出生日期,学校或单位,监护人,监护人同意,同意日期,评审状态,评分,获奖级别,奖项等级\r\n');
    // The template itself imports (empty: nothing to write).
    expect((await upload(tumed, 'competitions', res.rawPayload)).json()).toMatchObject({ rows: 0, errors: [] });
    expect((await t.request({ method: 'GET', url: '/api/registry/competitions/template', cookie: await t.login('hohhot-editor') })).statusCode).toBe(403);
  });

  it('exports only the caller’s scope, personal values masked, in a form that imports again', async () => {
    const res = await t.request({ method: 'GET', url: '/api/registry/demands/export?format=xlsx', cookie: chifeng });
    expect(res.statusCode).toBe(200);
    const ws = (await readXlsx(res.rawPayload)).worksheets[0]!;
    const rows: string[][] = [];
    ws.eachRow((r) => rows.push((r.values as ExcelJS.CellValue[]).slice(1).map((v) => cellText(v))));
    const header = rows[0]!;
    const orgCol = header.indexOf('受理组织');
    const codes = rows.slice(1).map((r) => r[orgCol]);
    expect(codes.length).toBe((await t.db.kysely.selectFrom('reg_demands').innerJoin('orgs', 'orgs.id', 'reg_demands.org_id').select('orgs.code').where('orgs.code', 'like', '1504%').execute()).length);
    for (const c of codes) expect(c).toMatch(/^1504/);
    const phoneCol = header.indexOf('联系电话');
    expect(rows.slice(1).map((r) => r[phoneCol]).filter(Boolean).every((p) => p!.includes('****'))).toBe(true);
    expect(header).toContain('受理组织（名称）');
    const audit = await t.db.kysely.selectFrom('audit_log').select('after_json').where('action', '=', 'registry.demands.export').execute();
    expect(audit.length).toBeGreaterThan(0);

    // An export of rows without personal data goes back in as it came out (here: a copy under a new name).
    const exported = await t.request({ method: 'GET', url: `/api/registry/workstations/export?format=csv&q=${encodeURIComponent('院士')}`, cookie: admin });
    const lines = exported.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    const copy = [lines[0], ...lines.slice(1).map((l) => l.replace(/院士专家工作站/, '院士专家工作站（副本）'))].join('\r\n');
    const back = await upload(admin, 'workstations', Buffer.from(copy), { name: 'copy.csv', type: 'text/csv' });
    expect(back.json()).toMatchObject({ valid: lines.length - 1, errors: [] });
  });
});

describe('scope through import and export', () => {
  it('a banner admin cannot import into another banner, nor see its rows in an export', async () => {
    const before = await grassroots();
    const file = await xlsx([['150404', '越界协会', '企业科协', '2025-01-01', 1, null, null]]);
    const res = (await upload(tumed, 'grassroots', file, { dryRun: false })).json();
    expect(res.errors).toEqual([expect.objectContaining({ row: 2, column: '所属组织', problem: 'org_not_found' })]);
    expect(await grassroots()).toBe(before);
    const out = await t.request({ method: 'GET', url: '/api/registry/grassroots/export?format=csv', cookie: tumed });
    expect(out.body).toContain('土默特左旗');
    expect(out.body).not.toContain('松山区');
    expect(out.body).not.toContain('150404');
  });
});
