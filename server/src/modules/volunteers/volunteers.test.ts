import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';
import { multipartFile } from '../../test/multipart.js';
import { checkChar } from './idcard.js';
import { CONSENT_TEXTS } from './consent.js';

/**
 * Volunteers through the HTTP API, on SQLite and PostgreSQL. Orgs: 土默特左旗 150121 › 察素齐镇
 * 150121100 › village 150121100001; 松山区 150404 (赤峰市 150400), another banner. tumed-org and
 * songshan-org are organisers of the two banners; tumed-admin administers 土默特左旗.
 */
let t: TestApp;
let org: { banner: string; township: string; village: string; songshan: string; songshanTownship: string };
let cookie: { admin: string; tumedAdmin: string; tumedOrg: string; songshanOrg: string; volA: string; volB: string };
let users: Record<string, string>;

const PASSWORD = 'volunteer-pass-1';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A valid ID number for a 1990 birth date with the given sequence digits. */
const idOf = (seq: string, birth = '19900101', region = '152104') => {
  const first = `${region}${birth}${seq}`;
  return first + checkChar(first);
};
const consent = (purpose: 'id_number' | 'health' | 'minor', givenBy?: string) => ({ purpose, textVersion: CONSENT_TEXTS[purpose].version, ...(givenBy ? { givenBy } : {}) });

async function makeUser(username: string, orgId: string, role?: string): Promise<string> {
  const res = await t.request({ method: 'POST', url: '/api/users', cookie: cookie.admin, body: { username, password: PASSWORD, orgId } });
  expect(res.statusCode, res.body).toBe(201);
  if (role) expect((await t.request({ method: 'POST', url: `/api/users/${res.json().id}/roles`, cookie: cookie.admin, body: { orgId, role } })).statusCode).toBe(201);
  users[username] = res.json().id;
  return t.login(username, PASSWORD);
}

beforeAll(async () => {
  t = await createTestApp();
  users = {};
  org = {
    banner: await orgIdByCode(t, '150121'),
    township: await orgIdByCode(t, '150121100'),
    village: await orgIdByCode(t, '150121100001'),
    songshan: await orgIdByCode(t, '150404'),
    songshanTownship: await orgIdByCode(t, '150404001'),
  };
  cookie = { admin: await t.login('admin') } as typeof cookie;
  cookie.tumedAdmin = await t.login('tumed-admin');
  cookie.tumedOrg = await makeUser('tumed-org', org.banner, 'organizer');
  cookie.songshanOrg = await makeUser('songshan-org', org.songshan, 'organizer');
  cookie.volA = await makeUser('vol-a', org.village);
  cookie.volB = await makeUser('vol-b', org.songshanTownship);
}, 60_000);
afterAll(() => t.close());

// Actions are POSTed with an empty JSON object, as the web client does.
const req = (c: string, method: string, url: string, body?: unknown) => t.request({ method, url, cookie: c, body: body ?? (method === 'POST' ? {} : undefined) });
const volunteerRows = () => t.db.kysely.selectFrom('volunteers').selectAll().execute();
const auditRows = (action: string) => t.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

let volA: string; // vol-a's own record (土默特左旗)
let volB: string; // vol-b's (松山区)
const ID_A = idOf('123');

describe('registering', () => {
  it('refuses an ID number without its separate consent, and stores nothing', async () => {
    const before = (await volunteerRows()).length;
    const res = await req(cookie.volA, 'POST', '/api/volunteers/register', { orgId: org.banner, name: '巴特尔', phone: '13847100123', languages: ['mn', 'zh'], idNumber: ID_A });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('volunteer.consent_required.id_number');
    expect(res.json().error.messages.zh).toContain('单独同意');
    expect((await volunteerRows()).length).toBe(before);
  });

  it('refuses a wrong ID number with the reason in Chinese and English', async () => {
    const bad = ID_A.slice(0, 17) + (ID_A[17] === '0' ? '1' : '0');
    const res = await req(cookie.volA, 'POST', '/api/volunteers/register', { orgId: org.banner, name: '巴特尔', phone: '13847100123', languages: ['mn'], idNumber: bad, consents: [consent('id_number')] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'volunteer.id.checksum', messages: { zh: expect.stringContaining('校验位'), en: expect.stringContaining('check character') } });
  });

  it('registers a logged-in user with their consent recorded (who, purpose, text version, when); pending', async () => {
    const res = await req(cookie.volA, 'POST', '/api/volunteers/register', {
      orgId: org.banner,
      name: '巴特尔',
      gender: 'male',
      phone: '138 4710 0123',
      languages: ['mn', 'zh'],
      skills: ['蒙医', '畜牧兽医', '蒙医'],
      fields: ['卫生健康'],
      idNumber: ID_A.toLowerCase(),
      consents: [consent('id_number')],
    });
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json();
    volA = v.id;
    // The volunteer's own view is unmasked.
    expect(v).toMatchObject({ status: 'pending', source: 'self', phone: '13847100123', idNumber: ID_A, masked: false, skills: ['蒙医', '畜牧兽医'], languages: ['mn', 'zh'] });
    const consents = await req(cookie.volA, 'GET', `/api/volunteers/${volA}/consents`);
    expect(consents.json()).toEqual([expect.objectContaining({ purpose: 'id_number', textVersion: CONSENT_TEXTS.id_number.version, givenBy: '巴特尔', channel: 'self', withdrawnAt: null })]);
    // The audit row keeps the ID number masked.
    const [a] = await auditRows('volunteer.register');
    expect(a!.after_json).toContain('152104********');
    expect(a!.after_json).not.toContain(ID_A);
  });

  it('allows one volunteer record per account', async () => {
    const res = await req(cookie.volA, 'POST', '/api/volunteers/register', { orgId: org.village, name: '巴特尔', phone: '13847100124', languages: ['mn'] });
    expect(res.statusCode).toBe(409);
  });

  it('registers only at an org on the user’s own line', async () => {
    const joinable = (await req(cookie.volB, 'GET', '/api/volunteers/joinable-orgs')).json().map((o: { code: string }) => o.code);
    expect(joinable).toEqual(expect.arrayContaining(['150000', '150400', '150404', '150404001']));
    expect(joinable).not.toContain('150121');
    // vol-b lives in 松山区: 土默特左旗 is not on their line.
    const far = await req(cookie.volB, 'POST', '/api/volunteers/register', { orgId: org.banner, name: '乌云', phone: '13947100456', languages: ['zh'] });
    expect(far.statusCode).toBe(404);
    const res = await req(cookie.volB, 'POST', '/api/volunteers/register', { orgId: org.songshan, name: '乌云', phone: '13947100456', languages: ['zh'] });
    expect(res.statusCode, res.body).toBe(201);
    volB = res.json().id;
  });
});

describe('scope, masking and approval', () => {
  it('lists a banner’s volunteers to its organiser with ID and phone masked; never another banner’s', async () => {
    const mine = (await req(cookie.tumedOrg, 'GET', '/api/volunteers?status=pending')).json();
    expect(mine.items.map((v: { id: string }) => v.id)).toContain(volA);
    expect(mine.items.map((v: { id: string }) => v.id)).not.toContain(volB);
    const a = mine.items.find((v: { id: string }) => v.id === volA);
    expect(a).toMatchObject({ phone: '138****0123', idNumber: `152104********${ID_A.slice(-4)}`, masked: true, canSeePersonal: false });

    const theirs = (await req(cookie.songshanOrg, 'GET', '/api/volunteers')).json();
    expect(theirs.items.map((v: { id: string }) => v.id)).toContain(volB);
    expect(theirs.items.map((v: { id: string }) => v.id)).not.toContain(volA);
    // Another banner's record is not found, not editable, not approvable.
    expect((await req(cookie.songshanOrg, 'GET', `/api/volunteers/${volA}`)).statusCode).toBe(404);
    expect((await req(cookie.songshanOrg, 'PATCH', `/api/volunteers/${volA}`, { name: '改名' })).statusCode).toBe(404);
    expect((await req(cookie.songshanOrg, 'POST', `/api/volunteers/${volA}/approve`)).statusCode).toBe(404);
    expect((await req(cookie.songshanOrg, 'GET', `/api/volunteers/${volA}/personal`)).statusCode).toBe(404);
    expect((await req(cookie.songshanOrg, 'GET', `/api/volunteers?orgId=${org.banner}`)).statusCode).toBe(404);
    // A plain user with no role reads no list.
    expect((await req(cookie.volB, 'GET', '/api/volunteers')).json().total).toBe(0);
    expect((await t.db.kysely.selectFrom('volunteers').select('name').where('id', '=', volA).executeTakeFirstOrThrow()).name).toBe('巴特尔');
  });

  it('is approved by the org’s organiser', async () => {
    const res = await req(cookie.tumedOrg, 'POST', `/api/volunteers/${volA}/approve`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('approved');
    expect((await req(cookie.tumedOrg, 'POST', `/api/volunteers/${volA}/approve`)).statusCode).toBe(409);
    expect((await req(cookie.songshanOrg, 'POST', `/api/volunteers/${volB}/approve`)).statusCode).toBe(200);
  });

  it('shows the unmasked view only to an admin of the subtree, and writes an audit row for each look', async () => {
    const before = (await auditRows('volunteer.personal.view')).length;
    const organiser = await req(cookie.tumedOrg, 'GET', `/api/volunteers/${volA}/personal`);
    expect(organiser.statusCode).toBe(403);
    // Even the admin's list stays masked.
    const listed = (await req(cookie.tumedAdmin, 'GET', '/api/volunteers')).json().items.find((v: { id: string }) => v.id === volA);
    expect(listed).toMatchObject({ phone: '138****0123', canSeePersonal: true });
    const res = await req(cookie.tumedAdmin, 'GET', `/api/volunteers/${volA}/personal`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ phone: '13847100123', idNumber: ID_A });
    const rows = await auditRows('volunteer.personal.view');
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toMatchObject({ entity_id: volA, actor_id: users['tumed-admin'] ?? expect.any(String) });
  });

  it('exports as the viewer must see them (masked) and audits the export', async () => {
    const xlsx = await t.app.inject({ method: 'GET', url: '/api/volunteers/export.xlsx', headers: { cookie: cookie.tumedAdmin } });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values = wb.worksheets[0]!.getSheetValues().flat().map(String);
    expect(values).toContain('138****0123');
    expect(values).toContain(`152104********${ID_A.slice(-4)}`);
    expect(values.join('|')).not.toContain(ID_A);
    expect(values).not.toContain('乌云');
    const csv = await t.app.inject({ method: 'GET', url: '/api/volunteers/export.csv', headers: { cookie: cookie.tumedOrg } });
    expect(csv.body.startsWith('\uFEFF姓名')).toBe(true);
    expect(csv.body).toContain('138****0123');
    expect(csv.body).not.toContain('13847100123');
    expect((await auditRows('volunteer.export')).length).toBe(2);
  });
});

describe('consent', () => {
  it('withdrawing erases the field at once and records how', async () => {
    const consents = (await req(cookie.volA, 'GET', `/api/volunteers/${volA}/consents`)).json();
    const res = await req(cookie.volA, 'POST', `/api/volunteers/${volA}/consents/${consents[0].id}/withdraw`, { note: '不再需要' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()[0]).toMatchObject({ withdrawChannel: 'self', withdrawNote: '不再需要', withdrawnAt: expect.any(String) });
    const row = await t.db.kysely.selectFrom('volunteers').select(['id_number']).where('id', '=', volA).executeTakeFirstOrThrow();
    expect(row.id_number).toBeNull();
    expect((await req(cookie.volA, 'GET', '/api/volunteers/me')).json().idNumber).toBeNull();
    expect((await req(cookie.volA, 'POST', `/api/volunteers/${volA}/consents/${consents[0].id}/withdraw`)).statusCode).toBe(409);
  });

  it('a new consent stores the field again; health notes need their own', async () => {
    const noConsent = await req(cookie.volA, 'POST', `/api/volunteers/${volA}/consents`, { purpose: 'health', textVersion: 'health-old', value: '高血压' });
    expect(noConsent.json().error.code).toBe('volunteer.consent_version');
    const res = await req(cookie.tumedOrg, 'POST', `/api/volunteers/${volA}/consents`, { ...consent('health'), value: '高血压，不宜高原长途' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().find((c: { purpose: string; withdrawnAt: string | null }) => c.purpose === 'health' && !c.withdrawnAt)).toMatchObject({ channel: 'organiser' });
    // Organisers see only that there is one; the admin's audited view shows it.
    expect((await req(cookie.tumedOrg, 'GET', `/api/volunteers/${volA}`)).json()).toMatchObject({ healthNote: null, hasHealthNote: true });
    expect((await req(cookie.tumedAdmin, 'GET', `/api/volunteers/${volA}/personal`)).json().healthNote).toBe('高血压，不宜高原长途');
    // Someone else's record: not even found.
    expect((await req(cookie.volB, 'POST', `/api/volunteers/${volA}/consents`, { ...consent('id_number'), value: ID_A })).statusCode).toBe(404);
  });

  it('a child under 14 is registered only with a guardian’s consent', async () => {
    const child = idOf('456', '20160301');
    const body = { orgId: org.township, name: '小明', phone: '13847100999', languages: ['zh'], idNumber: child, consents: [consent('id_number')] };
    const refused = await req(cookie.tumedOrg, 'POST', '/api/volunteers', body);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('volunteer.guardian_required');
    const res = await req(cookie.tumedOrg, 'POST', '/api/volunteers', { ...body, consents: [consent('id_number', '王芳'), consent('minor', '王芳')] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ under14: true, status: 'approved', source: 'organiser' });
    const consents = (await req(cookie.tumedOrg, 'GET', `/api/volunteers/${res.json().id}/consents`)).json();
    expect(consents.map((c: { purpose: string; givenBy: string }) => [c.purpose, c.givenBy]).sort()).toEqual([['id_number', '王芳'], ['minor', '王芳']]);
    // The guardian withdraws: everything sensitive is erased and the registration ends.
    const minor = consents.find((c: { purpose: string }) => c.purpose === 'minor');
    await req(cookie.tumedOrg, 'POST', `/api/volunteers/${res.json().id}/consents/${minor.id}/withdraw`);
    const row = await t.db.kysely.selectFrom('volunteers').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ id_number: null, status: 'withdrawn' });
  });
});

describe('import', () => {
  const HEAD = ['姓名', '性别', '手机', '组织代码', '服务语言', '技能', '领域', '身份证号', '身份证号单独同意', '未满14周岁', '监护人'];
  async function xlsx(rows: (string | null)[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('v');
    ws.addRow(HEAD);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const upload = (c: string, data: Buffer, query = '', name = 'v.xlsx', type = XLSX) => {
    const { payload, headers } = multipartFile('file', name, data, type);
    return t.app.inject({ method: 'POST', url: `/api/volunteers/import${query}`, payload, headers: { ...headers, cookie: c, 'accept-language': 'zh-CN' } });
  };
  const good = [
    ['张伟', '男', '13800000001', '150121100', '汉语', '农技、植保', '农业', idOf('201', '19850505'), '是', null, null],
    ['其其格', '女', '13800000002', '150121100001', '蒙汉双语', '蒙医', null, null, null, null, null],
  ];

  it('reports every bad row with its column and writes nothing while one is wrong', async () => {
    const before = { v: (await volunteerRows()).length, audit: (await auditRows('volunteer.import')).length };
    const res = await upload(
      cookie.tumedOrg,
      await xlsx([...good, ['李四', '男', '12345', '150404', '法语', null, null, idOf('202', '19800101'), '否', null, null]]),
      '?dryRun=false',
    );
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ rows: 3, valid: 2, created: 0 });
    const problems = report.errors.map((e: { row: number; column: string; problem: string }) => `${e.row}:${e.column}:${e.problem}`);
    expect(problems.sort()).toEqual(['4:手机:bad_phone', '4:服务语言:bad_language', '4:组织代码:org_not_found', '4:身份证号单独同意:consent_missing'].sort());
    expect(report.errors[0].messages.zh).toMatch(/[\u4e00-\u9fff]/);
    expect((await volunteerRows()).length).toBe(before.v);
    expect((await auditRows('volunteer.import')).length).toBe(before.audit);
  });

  it('is a dry run unless asked; then writes all rows with their consents', async () => {
    const data = await xlsx(good);
    const before = (await volunteerRows()).length;
    const dry = await upload(cookie.tumedOrg, data);
    expect(dry.json()).toMatchObject({ rows: 2, valid: 2, errors: [], created: 0 });
    expect((await volunteerRows()).length).toBe(before);
    const res = await upload(cookie.tumedOrg, data, '?dryRun=false');
    expect(res.json()).toMatchObject({ valid: 2, created: 2 });
    const rows = await volunteerRows();
    expect(rows.length).toBe(before + 2);
    const zhang = rows.find((r) => r.name === '张伟')!;
    expect(zhang).toMatchObject({ status: 'approved', source: 'import', id_number: idOf('201', '19850505'), languages: 'zh' });
    const consents = await t.db.kysely.selectFrom('volunteer_consents').selectAll().where('volunteer_id', '=', zhang.id).execute();
    expect(consents).toEqual([expect.objectContaining({ purpose: 'id_number', channel: 'import', text_version: CONSENT_TEXTS.id_number.version })]);
    // The same file again: every row is now a duplicate, nothing more is written.
    const again = await upload(cookie.tumedOrg, data, '?dryRun=false');
    expect(again.json().errors.map((e: { problem: string }) => e.problem).sort()).toEqual(['id_taken', 'phone_taken', 'phone_taken']);
    expect((await volunteerRows()).length).toBe(before + 2);
  });

  it('reads CSV keeping an 18-digit ID number as text', async () => {
    const id = idOf('203', '19920202');
    const csv = `\uFEFF${HEAD.join(',')}\r\n敖日格勒,男,13800000003,150121,蒙古语,,,${id},是,,\r\n`;
    const res = await upload(cookie.tumedOrg, Buffer.from(csv), '?dryRun=false', 'v.csv', 'text/csv');
    expect(res.json(), res.body).toMatchObject({ valid: 1, created: 1, errors: [] });
    expect((await t.db.kysely.selectFrom('volunteers').select('id_number').where('phone', '=', '13800000003').executeTakeFirstOrThrow()).id_number).toBe(id);
  });

  it('is refused to a user who manages no volunteers', async () => {
    expect((await upload(cookie.volB, await xlsx(good))).statusCode).toBe(403);
  });
});

describe('expert teams', () => {
  it('has members and leaders from the org’s approved volunteers; other banners see nothing', async () => {
    const created = await req(cookie.tumedOrg, 'POST', '/api/volunteer-teams', { orgId: org.banner, name: { zh: '土左旗蒙医药专家服务团' }, field: '蒙医药' });
    expect(created.statusCode, created.body).toBe(201);
    const team = created.json().id;
    expect((await req(cookie.tumedOrg, 'PUT', `/api/volunteer-teams/${team}/members/${volA}`, { role: 'leader' })).statusCode).toBe(200);
    // 松山区's volunteer does not belong under 土默特左旗.
    expect((await req(cookie.tumedOrg, 'PUT', `/api/volunteer-teams/${team}/members/${volB}`, { role: 'member' })).statusCode).toBe(404);
    const zhang = (await volunteerRows()).find((r) => r.name === '张伟')!;
    const detail = (await req(cookie.tumedOrg, 'PUT', `/api/volunteer-teams/${team}/members/${zhang.id}`, { role: 'member' })).json();
    expect(detail).toMatchObject({ members: 2, leaders: 1 });
    expect(detail.memberList.map((m: { name: string; teamRole: string; phone: string }) => [m.name, m.teamRole, m.phone])).toEqual([
      ['巴特尔', 'leader', '138****0123'],
      ['张伟', 'member', '138****0001'],
    ]);
    const listed = (await req(cookie.tumedOrg, 'GET', '/api/volunteer-teams')).json();
    expect(listed.find((x: { id: string }) => x.id === team)).toMatchObject({ members: 2, leaders: 1 });
    expect((await req(cookie.songshanOrg, 'GET', '/api/volunteer-teams')).json().map((x: { id: string }) => x.id)).not.toContain(team);
    expect((await req(cookie.songshanOrg, 'GET', `/api/volunteer-teams/${team}`)).statusCode).toBe(404);
    const byTeam = (await req(cookie.tumedOrg, 'GET', `/api/volunteers?teamId=${team}`)).json();
    expect(byTeam.total).toBe(2);
  });
});
