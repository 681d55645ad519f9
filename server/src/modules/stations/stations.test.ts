import { localDay } from '../../kernel/db/time.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { shapeKey, toMenksoft } from '@gerel/mongol';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';
import { multipartFile } from '../../test/multipart.js';
import { cleanText } from '../../kernel/text/clean.js';
import { maskPhone, normalizePhone } from './service.js';
import { safeCell } from './sheet.js';
import { cellText } from '../../kernel/files/xlsx.js';

/**
 * The e-station registry through its HTTP API, on SQLite and on PostgreSQL. Seed orgs: 土默特左旗
 * 150121 (banner) › 察素齐镇 150121100 (township) › 150121100001 (village); 呼和浩特市 150100 (league);
 * 松山区 150404 under 赤峰市 150400 (another league). tumed-admin manages 土默特左旗; hohhot-editor
 * reads all of 呼和浩特市 but manages no station; chifeng-admin is another league's admin.
 */
let t: TestApp;
let admin: string; // tumed-admin
let editor: string; // hohhot-editor
let chifeng: string; // chifeng-admin
let org: { banner: string; township: string; village: string; league: string; songshan: string };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MN = 'ᠬᠥᠬᠡᠬᠣᠲᠠ ᠬᠣᠲᠠ';

beforeAll(async () => {
  t = await createTestApp();
  [admin, editor, chifeng] = await Promise.all([t.login('tumed-admin'), t.login('hohhot-editor'), t.login('chifeng-admin')]);
  org = {
    banner: await orgIdByCode(t, '150121'),
    township: await orgIdByCode(t, '150121100'),
    village: await orgIdByCode(t, '150121100001'),
    league: await orgIdByCode(t, '150100'),
    songshan: await orgIdByCode(t, '150404'),
  };
}, 60_000);
afterAll(() => t.close());

const stationCount = async () => (await t.db.kysely.selectFrom('stations').select('id').execute()).length;
const auditCount = async (action: string) => (await t.db.kysely.selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;
const create = (cookie: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.request({ method: 'POST', url: '/api/stations', cookie, body, headers });
const get = (cookie: string, url: string) => t.request({ method: 'GET', url, cookie });

async function sheet(rows: (string | number | null)[][], headers = ['编码', '名称', '蒙古文名称', '组织代码', '地点', '类型', '联系人', '联系电话', '状态']) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('s');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = (cookie: string, data: Buffer, dryRun: boolean, lang = 'zh-CN', name = 'stations.xlsx') => {
  const { payload, headers } = multipartFile('file', name, data, XLSX);
  return t.app.inject({ method: 'POST', url: `/api/stations/import?dryRun=${dryRun}`, payload, headers: { ...headers, cookie, 'accept-language': lang } });
};

describe('registering a station', () => {
  it('creates one in a village of the caller’s banner: Menksoft name converted, phone normalised, audited', async () => {
    const res = await create(admin, {
      code: 'ES-T-001',
      name: { zh: ' 村科普e站 ', mn: toMenksoft(MN) },
      orgId: org.village,
      place: '村委会',
      kind: 'kiosk',
      owner: { name: '巴特尔', phone: '139 1234 5678' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({ code: 'ES-T-001', name: { zh: '村科普e站' }, orgId: org.village, org: { code: '150121100001' }, kind: 'kiosk', status: 'active', lastHeartbeatAt: null });
    expect(s.name.mn).toMatch(/^[\u1800-\u18AF\u202F ]+$/);
    expect(shapeKey(s.name.mn)).toBe(shapeKey(MN));
    expect(s.owner).toEqual({ name: '巴特尔', phone: '13912345678', phoneMasked: false });
    const a = await t.db.kysely.selectFrom('audit_log').selectAll().where('entity_id', '=', s.id).execute();
    expect(a.map((x) => x.action)).toEqual(['station.create']);
    // The audit log keeps the phone masked.
    expect(a[0]!.after_json).toContain('139****5678');
  });

  it('refuses bad input with a clear error in Chinese or English and writes nothing', async () => {
    const before = [await stationCount(), await auditCount('station.create')];
    const base = { code: 'ES-T-BAD', name: { zh: '坏站' }, orgId: org.township, kind: 'screen' };
    const phone = await create(admin, { ...base, owner: { phone: '12345' } }, { 'accept-language': 'zh-CN' });
    expect(phone.statusCode).toBe(400);
    expect(phone.json().error.code).toBe('station.bad_phone');
    expect(phone.json().error.message).toContain('不是有效的电话号码');
    expect(phone.json().error.messages.en).toContain('is not a valid phone number');
    const league = await create(admin, { ...base, orgId: org.league }, { 'accept-language': 'en' });
    // The league is above tumed-admin's banner: not visible, so it answers like a missing org.
    expect(league.statusCode).toBe(404);
    const leagueByLeagueAdmin = await create(await t.login('hohhot-admin'), { ...base, orgId: org.league }, { 'accept-language': 'en' });
    expect(leagueByLeagueAdmin.statusCode).toBe(400);
    expect(leagueByLeagueAdmin.json().error).toMatchObject({ code: 'station.org_kind' });
    expect(leagueByLeagueAdmin.json().error.message).toContain('banner, township or village');
    const kind = await create(admin, { ...base, kind: 'hologram' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.code).toBe('validation.failed');
    const code = await create(admin, { ...base, code: 'has space' });
    expect(code.statusCode).toBe(400);
    const empty = await create(admin, { ...base, name: { zh: '\u0007' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('station.required');
    const taken = await create(admin, { ...base, code: 'ES-T-001' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('station.code_taken');
    expect([await stationCount(), await auditCount('station.create')]).toEqual(before);
  });

  it('lets only those who manage the org register there', async () => {
    const base = { code: 'ES-T-NO', name: { zh: '越权' }, kind: 'screen' };
    expect((await create(editor, { ...base, orgId: org.township })).statusCode).toBe(403);
    expect((await create(chifeng, { ...base, orgId: org.township })).statusCode).toBe(404);
    expect((await create(admin, { ...base, orgId: org.songshan })).statusCode).toBe(404);
    expect((await create(await t.login('tumed-officer'), { ...base, orgId: org.township })).statusCode).toBe(403);
    expect(await t.db.kysely.selectFrom('stations').select('id').where('code', '=', 'ES-T-NO').execute()).toEqual([]);
  });
});

describe('the list', () => {
  let silentId: string;
  beforeAll(async () => {
    const mk = async (code: string, orgId: string, kind: string, extra: Record<string, unknown> = {}, cookie = admin) => {
      const r = await create(cookie, { code, name: { zh: `${code}站` }, orgId, kind, ...extra });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    await mk('ES-T-002', org.township, 'screen', { place: '镇文化站', owner: { phone: '0471-1234567' } });
    silentId = await mk('ES-T-003', org.banner, 'reading_room', { status: 'inactive' });
    await mk('ES-C-001', org.songshan, 'kiosk', { owner: { phone: '13800000000' } }, chifeng);
    const hour = 3_600_000;
    await t.db.kysely.updateTable('stations').set({ last_heartbeat_at: new Date(Date.now() - 10 * hour).toISOString() }).where('code', '=', 'ES-T-001').execute();
    await t.db.kysely.updateTable('stations').set({ last_heartbeat_at: new Date(Date.now() - hour / 2).toISOString() }).where('code', '=', 'ES-T-002').execute();
  });

  const codes = async (cookie: string, query = '') => {
    const res = await get(cookie, `/api/stations${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { code: string }[]).map((s) => s.code);
  };

  it('shows only the caller’s scope and filters by org subtree, status, kind, text and silence', async () => {
    expect(await codes(admin)).toEqual(['ES-T-001', 'ES-T-002', 'ES-T-003']);
    expect(await codes(chifeng)).toEqual(['ES-C-001']);
    expect(await codes(admin, `?orgId=${org.township}`)).toEqual(['ES-T-001', 'ES-T-002']);
    expect(await codes(admin, `?orgId=${org.village}`)).toEqual(['ES-T-001']);
    expect(await codes(admin, '?status=inactive')).toEqual(['ES-T-003']);
    expect(await codes(admin, '?kind=screen')).toEqual(['ES-T-002']);
    expect(await codes(admin, `?q=${encodeURIComponent('文化站')}`)).toEqual(['ES-T-002']);
    expect(await codes(admin, '?q=es-t-00')).toEqual(['ES-T-001', 'ES-T-002', 'ES-T-003']);
    expect(await codes(admin, `?q=${encodeURIComponent('%')}`)).toEqual([]);
    // Mongolian typed in Menksoft finds the Unicode name.
    expect(await codes(admin, `?q=${encodeURIComponent(toMenksoft('ᠬᠣᠲᠠ'))}`)).toEqual(['ES-T-001']);
    // Silent for more than 2 hours: the one heard 10 hours ago and the one never heard.
    expect(await codes(admin, '?silentHours=2')).toEqual(['ES-T-001', 'ES-T-003']);
    expect(await codes(admin, '?silentHours=12')).toEqual(['ES-T-003']);
    const page = await get(admin, '/api/stations?limit=1&offset=1');
    expect(page.json()).toMatchObject({ total: 3, items: [{ code: 'ES-T-002' }] });
  });

  it('refuses an org filter outside the caller’s scope', async () => {
    expect((await get(admin, `/api/stations?orgId=${org.songshan}`)).statusCode).toBe(404);
    expect((await get(admin, '/api/stations?silentHours=0')).statusCode).toBe(400);
  });

  it('masks owner phones for those who do not manage stations; the full number is a separate audited request', async () => {
    const mine = (await get(admin, '/api/stations?q=ES-T-00')).json().items;
    expect(mine.find((s: { code: string }) => s.code === 'ES-T-001').owner).toEqual({ name: '巴特尔', phone: '13912345678', phoneMasked: false });
    const read = (await get(editor, '/api/stations?q=ES-T-00')).json().items;
    expect(read.map((s: { code: string }) => s.code)).toEqual(['ES-T-001', 'ES-T-002', 'ES-T-003']);
    const s1 = read.find((s: { code: string }) => s.code === 'ES-T-001');
    expect(s1.owner).toEqual({ name: '巴特尔', phone: '139****5678', phoneMasked: true });
    expect(JSON.stringify(read)).not.toContain('13912345678');
    expect((await get(editor, `/api/stations/${s1.id}`)).json().owner.phone).toBe('139****5678');
    expect((await get(editor, `/api/stations/${s1.id}/contact`)).statusCode).toBe(403);
    const before = await auditCount('station.contact.view');
    const full = await get(admin, `/api/stations/${s1.id}/contact`);
    expect(full.statusCode).toBe(200);
    expect(full.json()).toEqual({ name: '巴特尔', phone: '13912345678' });
    expect(await auditCount('station.contact.view')).toBe(before + 1);
  });

  it('hides another banner’s station entirely', async () => {
    const other = (await get(chifeng, '/api/stations')).json().items[0].id;
    for (const url of [`/api/stations/${other}`, `/api/stations/${other}/contact`, `/api/stations/${other}/uptime`]) {
      expect((await get(admin, url)).statusCode, url).toBe(404);
    }
    const patched = await t.request({ method: 'PATCH', url: `/api/stations/${other}`, cookie: admin, body: { status: 'retired' } });
    expect(patched.statusCode).toBe(404);
    expect((await get(chifeng, `/api/stations/${other}`)).json().status).toBe('active');
  });

  it('edits, moves within scope and retires, audited with before and after; never the code', async () => {
    const patch = (cookie: string, body: unknown) => t.request({ method: 'PATCH', url: `/api/stations/${silentId}`, cookie, body });
    expect((await patch(editor, { status: 'active' })).statusCode).toBe(403);
    expect((await patch(admin, { code: 'NEW' })).statusCode).toBe(400);
    expect((await patch(admin, { orgId: org.songshan })).statusCode).toBe(404);
    expect((await patch(admin, { owner: { phone: 'call me' } })).json().error.code).toBe('station.bad_phone');
    const res = await patch(admin, { orgId: org.village, name: { mn: MN }, owner: { name: '乌云', phone: '+86 13700001111' }, status: 'active' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ orgId: org.village, name: { zh: 'ES-T-003站', mn: MN }, owner: { name: '乌云', phone: '13700001111' }, status: 'active' });
    const a = await t.db.kysely.selectFrom('audit_log').selectAll().where('entity_id', '=', silentId).where('action', '=', 'station.update').execute();
    expect(a).toHaveLength(1);
    expect(JSON.parse(a[0]!.before_json!)).toMatchObject({ orgId: org.banner, status: 'inactive' });
    expect(JSON.parse(a[0]!.after_json!)).toMatchObject({ orgId: org.village, status: 'active', owner: { phone: '137****1111' } });
  });
});

describe('bulk import', () => {
  const good = (n: number, prefix = 'IMP') =>
    Array.from({ length: n }, (_, i) => [`${prefix}-${String(i + 1).padStart(3, '0')}`, `导入站${i + 1}`, i === 0 ? toMenksoft(MN) : null, '150121100', '广场', i % 2 ? '一体机' : '屏', '联系人', 13900000000 + i, i === 2 ? '停用' : null]);

  it('reports every problem by row and column, in the caller’s language, and writes nothing', async () => {
    const before = [await stationCount(), await auditCount('station.import')];
    const data = await sheet([
      ['BAD-001', '好的一行', null, '150121100001', null, '阅览室', null, null, null],
      ['BAD-002', '文件内重复', null, '150121100', null, '屏', null, null, null],
      ['BAD-002', '文件内重复', null, '150121100', null, '屏', null, null, null],
      ['ES-T-001', '库中已有', null, '150121100', null, '屏', null, null, null],
      ['BAD-004', '未知组织', null, '999999', null, '屏', null, null, null],
      ['BAD-005', '别的盟市', null, '150404', null, '屏', null, null, null],
      ['BAD-006', '盟市级', null, '150100', null, '屏', null, null, null],
      ['BAD-007', '坏类型', null, '150121100', null, '投影仪', null, null, null],
      ['BAD-008', '坏电话', null, '150121100', null, '屏', null, '12345', null],
      ['BAD 009', null, null, '150121100', null, '屏', null, null, '坏了'],
    ]);
    for (const dryRun of [true, false]) {
      const res = await upload(admin, data, dryRun);
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json();
      // The first BAD-002 is fine; the second one is reported, pointing at the first.
      expect(r).toMatchObject({ rows: 10, valid: 2, created: 0 });
      expect(r.errors.map((e: { row: number; column: string; problem: string }) => `${e.row} ${e.column} ${e.problem}`)).toEqual([
        '4 编码 duplicate_in_file',
        '5 编码 code_taken',
        '6 组织代码 org_not_found',
        '7 组织代码 org_not_found',
        // The league is above tumed-admin's banner: out of scope, told apart from nothing else.
        '8 组织代码 org_not_found',
        '9 类型 bad_kind',
        '10 联系电话 bad_phone',
        '11 名称 required',
        '11 编码 bad_code',
        '11 状态 bad_status',
      ]);
      expect(r.errors[0].message).toBe('编码 BAD-002 在文件中重复出现（首次出现在第 3 行）。');
      expect(r.errors[0].messages.en).toBe('The code BAD-002 appears more than once in the file (first in row 3).');
      expect([await stationCount(), await auditCount('station.import')]).toEqual(before);
    }
    const en = (await upload(admin, data, true, 'en')).json();
    expect(en.errors[5].message).toBe('Unknown kind 投影仪: use 屏 (screen), 一体机 (kiosk) or 阅览室 (reading_room).');
  });

  it('a league admin may place rows in its leagues’ orgs but still not in the league itself', async () => {
    const data = await sheet([['LG-001', '盟市级', null, '150100', null, '屏', null, null, null]]);
    const r = (await upload(await t.login('hohhot-admin'), data, true)).json();
    expect(r.errors.map((e: { problem: string }) => e.problem)).toEqual(['org_kind']);
  });

  it('checks a clean file without writing on a dry run, then creates every row in one go, audited', async () => {
    const data = await sheet(good(25));
    const before = await stationCount();
    const dry = await upload(admin, data, true);
    expect(dry.json()).toEqual({ rows: 25, valid: 25, errors: [], created: 0 });
    expect(await stationCount()).toBe(before);
    const real = await upload(admin, data, false);
    expect(real.json()).toEqual({ rows: 25, valid: 25, errors: [], created: 25 });
    expect(await stationCount()).toBe(before + 25);
    expect(await auditCount('station.import')).toBe(25);
    const first = await t.db.kysely.selectFrom('stations').selectAll().where('code', '=', 'IMP-001').executeTakeFirstOrThrow();
    expect(first).toMatchObject({ name_zh: '导入站1', name_mn: cleanText(toMenksoft(MN)), org_id: org.township, kind: 'screen', owner_phone: '13900000000', status: 'active' });
    const third = await t.db.kysely.selectFrom('stations').selectAll().where('code', '=', 'IMP-003').executeTakeFirstOrThrow();
    expect(third.status).toBe('inactive');
    // The same file again: every code is now taken, nothing more is written.
    const again = await upload(admin, data, false);
    expect(again.json()).toMatchObject({ rows: 25, valid: 0, created: 0 });
    expect(again.json().errors).toHaveLength(25);
    expect(await stationCount()).toBe(before + 25);
  });

  it('accepts English headers and reports missing columns', async () => {
    const en = await sheet([['EN-001', 'English header', '150121', 'kiosk']], ['code', 'name_zh', 'org_code', 'kind']);
    expect((await upload(admin, en, true)).json()).toEqual({ rows: 1, valid: 1, errors: [], created: 0 });
    const missing = await sheet([['X-1', 'x']], ['编码', '名称']);
    const r = (await upload(admin, missing, false)).json();
    expect(r.errors.map((e: { row: number; column: string; problem: string }) => `${e.row} ${e.column} ${e.problem}`)).toEqual(['1 组织代码 missing_column', '1 类型 missing_column']);
    expect(r.created).toBe(0);
  });

  it('checks the file by its content and the caller’s role', async () => {
    const text = await upload(admin, Buffer.from('编码,名称\nA,B\n'), true, 'en', 'stations.xlsx');
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('upload.bad_type');
    const data = await sheet(good(1, 'ED'));
    expect((await upload(editor, data, false)).statusCode).toBe(403);
    expect(await t.db.kysely.selectFrom('stations').select('id').where('code', '=', 'ED-001').execute()).toEqual([]);
    const none = await t.app.inject({ method: 'POST', url: '/api/stations/import', cookie: admin, headers: { cookie: admin, 'content-type': 'application/json' }, payload: '{}' });
    expect(none.statusCode).toBe(400);
  });

  it('gives a template that imports once filled in', async () => {
    const res = await get(admin, '/api/stations/import-template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    expect((await get(editor, '/api/stations/import-template.xlsx')).statusCode).toBe(403);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['编码', '名称', '蒙古文名称', '组织代码', '地点', '类型', '联系人', '联系电话', '状态']);
    ws.addRow(['TPL-001', '模板站', null, '150121100001', null, '阅览室', null, '13911112222', '启用']);
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await upload(admin, filled, true)).json()).toEqual({ rows: 1, valid: 1, errors: [], created: 0 });
  });
});

describe('export', () => {
  it('gives the filtered, scoped list as CSV and Excel, phones masked as in the list, audited', async () => {
    const before = await auditCount('station.export');
    const csv = await get(editor, `/api/stations/export.csv?orgId=${org.township}&kind=kiosk`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF编码,名称,蒙古文名称,组织代码,地点,类型,联系人,联系电话,状态,组织名称,最后心跳\r\n')).toBe(true);
    const lines = csv.body.trim().split('\r\n').slice(1);
    expect(lines.every((l) => l.includes('一体机'))).toBe(true);
    expect(lines.some((l) => l.startsWith('ES-T-001,村科普e站,'))).toBe(true);
    expect(csv.body).toContain('139****5678');
    expect(csv.body).not.toContain('13912345678');
    expect(csv.body).not.toContain('ES-C-001');
    const xlsx = await get(admin, '/api/stations/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const col = (r: number, c: number) => cellText(ws.getRow(r).getCell(c).value);
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => col(i + 2, 1));
    expect(rows).toContain('ES-T-001');
    expect(rows).not.toContain('ES-C-001');
    expect(col(rows.indexOf('ES-T-001') + 2, 8)).toBe('13912345678');
    expect(await auditCount('station.export')).toBe(before + 2);
    // An export is importable as it is: every row is reported as already registered.
    const back = (await upload(admin, Buffer.from(xlsx.rawPayload), true)).json();
    expect(back.errors.every((e: { problem: string }) => e.problem === 'code_taken')).toBe(true);
    expect(back.errors).toHaveLength(rows.length);
  });

  it('keeps spreadsheet formulas out of cells', () => {
    expect(safeCell('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(safeCell('广场')).toBe('广场');
  });
});

describe('uptime', () => {
  it('counts heartbeats per day from the rollups, one a minute taken as one minute up', async () => {
    const id = (await get(admin, '/api/stations?q=ES-T-002')).json().items[0].id;
    const now = Date.now();
    // Days are local days in Inner Mongolia (UTC+8).
    const today = localDay(new Date(now));
    const yesterday = localDay(new Date(now - 86_400_000));
    const beat = (at: string) => ({ id: `hb-${randomUUID()}`, kind: 'heartbeat', stationCode: 'ES-T-002', at });
    const events = [
      ...Array.from({ length: 5 }, (_, i) => beat(new Date(`${yesterday}T10:0${i}:00.000+08:00`).toISOString())),
      ...Array.from({ length: 3 }, (_, i) => beat(new Date(now - (i + 1) * 60_000).toISOString())),
    ];
    // Another station's heartbeats count for that station only.
    const other = (await get(admin, '/api/stations?q=ES-T-001')).json().items[0];
    events.push({ id: `hb-${randomUUID()}`, kind: 'heartbeat', stationCode: other.code, at: new Date(now - 60_000).toISOString() });
    const posted = await t.request({ method: 'POST', url: '/api/events', body: { events } });
    expect(posted.statusCode, posted.body).toBe(200);
    const twoDaysAgo = localDay(new Date(now - 2 * 86_400_000));
    const res = await get(editor, `/api/stations/${id}/uptime?from=${twoDaysAgo}&to=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual([
      { day: twoDaysAgo, heartbeats: 0, minutes: 0 },
      { day: yesterday, heartbeats: 5, minutes: 5 },
      // Three minutes ago may fall on yesterday just after local midnight; the total is what matters.
      ...(res.json()[2].heartbeats === 3 ? [{ day: today, heartbeats: 3, minutes: 3 }] : [res.json()[2]]),
    ]);
    const total = (res.json() as { heartbeats: number }[]).reduce((n, d) => n + d.heartbeats, 0);
    expect(total).toBe(8);
    const last30 = await get(admin, `/api/stations/${id}/uptime`);
    expect(last30.json()).toHaveLength(30);
    expect(last30.json()[29].day).toBe(today);
  });

  it('refuses a bad or too long range', async () => {
    const id = (await get(admin, '/api/stations?q=ES-T-002')).json().items[0].id;
    for (const q of ['from=2026-02-30&to=2026-03-01', 'from=2026-03-02&to=2026-03-01', 'from=2024-01-01&to=2026-01-01', 'from=yesterday']) {
      const res = await t.request({ method: 'GET', url: `/api/stations/${id}/uptime?${q}`, cookie: admin, headers: { 'accept-language': 'zh' } });
      expect(res.statusCode, q).toBe(400);
    }
    const long = await t.request({ method: 'GET', url: `/api/stations/${id}/uptime?from=2024-01-01&to=2026-01-01`, cookie: admin, headers: { 'accept-language': 'zh' } });
    expect(long.json().error).toMatchObject({ code: 'station.bad_range' });
    expect(long.json().error.message).toContain('最长 366 天');
  });
});

describe('kiosk playlist', () => {
  it('gives a station its name and the published e-station channel, without login; 404 for unknown or retired', async () => {
    const hohhotEditor = editor;
    const reviewer = await t.login('hohhot-reviewer');
    const made = await t.request({ method: 'POST', url: '/api/resources', cookie: hohhotEditor, body: { orgId: org.league, kind: 'article', versions: [{ lang: 'zh-Hans', title: '冬季防火', body: '<p>防火知识</p>' }] } });
    expect(made.statusCode, made.body).toBe(201);
    const rid = made.json().id;
    for (const [to, who] of [['in_review', hohhotEditor], ['approved', reviewer], ['published', reviewer]] as const) {
      const r = await t.request({ method: 'POST', url: `/api/resources/${rid}/versions/zh-Hans/transition`, cookie: who, body: { to } });
      expect(r.statusCode, r.body).toBe(200);
    }
    const res = await t.request({ method: 'GET', url: '/api/public/stations/ES-T-001/playlist?lang=zh-Hans' });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.station).toMatchObject({ code: 'ES-T-001', name: { zh: '村科普e站' }, kind: 'kiosk' });
    expect(p.station.name.mn).toMatch(/^[\u1800-\u18AF\u202F ]+$/);
    expect(p.station).not.toHaveProperty('owner');
    expect(JSON.stringify(p)).not.toContain('13912345678');
    expect(p.items.find((i: { resourceId: string }) => i.resourceId === rid)).toMatchObject({ title: '冬季防火', lang: 'zh-Hans', bodyHtml: '<p>防火知识</p>' });
    expect((await t.request({ method: 'GET', url: '/api/public/stations/ES-T-001/playlist?lang=mn-Mong' })).json().items).toEqual([]);
    expect((await t.request({ method: 'GET', url: '/api/public/stations/NOPE/playlist' })).statusCode).toBe(404);
    const id = (await get(admin, '/api/stations?q=ES-T-002')).json().items[0].id;
    expect((await t.request({ method: 'PATCH', url: `/api/stations/${id}`, cookie: admin, body: { status: 'retired' } })).statusCode).toBe(200);
    const retired = await t.request({ method: 'GET', url: '/api/public/stations/ES-T-002/playlist' });
    expect(retired.statusCode).toBe(404);
    expect(retired.json().error.code).toBe('not_found');
  });
});

describe('helpers', () => {
  it('normalises and masks phone numbers', () => {
    expect(normalizePhone('139-1234-5678')).toBe('13912345678');
    expect(normalizePhone('+8613912345678')).toBe('13912345678');
    expect(normalizePhone('(0471) 1234567')).toBe('04711234567');
    expect(normalizePhone('12912345678')).toBeNull();
    expect(normalizePhone('1391234567')).toBeNull();
    expect(maskPhone('13912345678')).toBe('139****5678');
  });
});
