import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';
import { multipartFile } from '../../test/multipart.js';
import { chinaDay, OFFICER_CONFIG } from './config.js';

let t: TestApp;
let resourceId: string;
let zhOnlyId: string;
let draftId: string;
let tumed: string;
let village: string;
const WECHAT = 'Mozilla/5.0 (Linux; Android 12; V2055A) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 MicroMessenger/8.0.44';
const BROWSER = 'Mozilla/5.0 (Linux; Android 12; V2055A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';
const today = chinaDay();
const TITLE_MN = 'ᠮᠠᠯ ᠤᠨ ᠡᠪᠡᠳᠴᠢᠨ ᠡᠴᠡ ᠰᠡᠷᠭᠡᠢᠯᠡᠬᠦ ᠠᠷᠭ᠎ᠠ';

beforeAll(async () => {
  t = await createTestApp();
  tumed = await orgIdByCode(t, '150121');
  village = await orgIdByCode(t, '150121100001');
  const editor = await t.login('hohhot-editor');
  const reviewer = await t.login('hohhot-reviewer');
  const orgId = await orgIdByCode(t, '150100');
  const make = async (versions: { lang: string; title: string }[]) =>
    (await t.request({ method: 'POST', url: '/api/resources', cookie: editor, body: { orgId, kind: 'article', versions: versions.map((v) => ({ ...v, body: '<p>冬季防疫</p>' })) } })).json().id as string;
  const publish = async (id: string, lang: string) => {
    for (const [to, who] of [['in_review', editor], ['approved', reviewer], ['published', reviewer]] as const) {
      const r = await t.request({ method: 'POST', url: `/api/resources/${id}/versions/${lang}/transition`, cookie: who, body: { to } });
      expect(r.statusCode, r.body).toBe(200);
    }
  };
  resourceId = await make([{ lang: 'zh-Hans', title: '冬季牛羊防疫要点' }, { lang: 'mn-Mong', title: TITLE_MN }]);
  await publish(resourceId, 'zh-Hans');
  await publish(resourceId, 'mn-Mong');
  zhOnlyId = await make([{ lang: 'zh-Hans', title: '只有中文' }]);
  await publish(zhOnlyId, 'zh-Hans');
  draftId = await make([{ lang: 'zh-Hans', title: '草稿' }]);
});
afterAll(() => t.close());

const device = () => `gerel_device=${randomBytes(16).toString('base64url')}`;
const auditRows = (action: string) => t.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
const officerRow = (phone: string) => t.db.kysely.selectFrom('officers').selectAll().where('phone', '=', phone).executeTakeFirst();
const attributions = (officerId: string) => t.db.kysely.selectFrom('officer_attributions').selectAll().where('officer_id', '=', officerId).orderBy('at').execute();
const officerEvents = (code: string) => t.db.kysely.selectFrom('events').selectAll().where('officer_code', '=', code).execute();

/** An approved officer in the village, with a login (username: the phone number). */
async function approvedOfficer(phone: string, name = '巴特尔') {
  const reg = await t.request({ method: 'POST', url: '/api/officers/register', body: { name, phone, orgCode: '150121100001', password: 'officer-pass-1' } });
  expect(reg.statusCode, reg.body).toBe(201);
  const ok = await t.request({ method: 'POST', url: `/api/officers/${reg.json().id}/approve`, cookie: await t.login('tumed-admin'), body: {} });
  expect(ok.statusCode, ok.body).toBe(200);
  const row = (await officerRow(phone))!;
  return { id: row.id, code: row.code, cookie: await t.login(phone, 'officer-pass-1') };
}

describe('self-registration and approval', () => {
  it('registers a villager as pending, checks every field in Chinese or English and writes nothing on a problem', async () => {
    const bad = await t.request({
      method: 'POST',
      url: '/api/officers/register',
      headers: { 'accept-language': 'zh-CN' },
      body: { name: ' ', phone: '12345', orgCode: '150121', password: 'short' },
    });
    expect(bad.statusCode).toBe(400);
    const err = bad.json().error;
    expect(err.code).toBe('officer.registration_invalid');
    expect(err.message).toContain('4 处问题');
    expect(err.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`)).toEqual([
      'name:officer.name_required',
      'phone:officer.phone_invalid',
      'orgCode:officer.org_kind',
      'password:officer.password_weak',
    ]);
    expect(err.details[1].messages.en).toContain('not a mainland China mobile number');
    expect(await t.db.kysely.selectFrom('officers').selectAll().execute()).toHaveLength(0);
    // Long enough but a well-known password: refused the same way.
    const common = await t.request({ method: 'POST', url: '/api/officers/register', body: { name: '巴特尔', phone: '13900000001', orgCode: '150121100001', password: 'password-2026' } });
    expect(common.statusCode).toBe(400);
    expect(common.json().error.details.map((d: { code: string }) => d.code)).toEqual(['officer.password_weak']);
    expect(await t.db.kysely.selectFrom('officers').selectAll().execute()).toHaveLength(0);

    const ok = await t.request({ method: 'POST', url: '/api/officers/register', body: { name: '其木格', phone: '+86 139-0471-0001', orgCode: '150121100001' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().status).toBe('pending');
    const row = (await officerRow('13904710001'))!;
    expect(row.status).toBe('pending');
    expect(row.code).toMatch(/^[2-9A-HJ-NP-TV-Z]{7}$/);

    const again = await t.request({ method: 'POST', url: '/api/officers/register', headers: { 'accept-language': 'en' }, body: { name: '其木格', phone: '13904710001', orgCode: '150121100001' } });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details[0].code).toBe('officer.phone_taken');
  });

  it('lets only admins of the banner or above approve; approval creates the officer login, audited', async () => {
    const id = (await officerRow('13904710001'))!.id;
    expect((await t.request({ method: 'POST', url: `/api/officers/${id}/approve`, cookie: await t.login('chifeng-admin'), body: {} })).statusCode).toBe(404);
    expect((await t.request({ method: 'POST', url: `/api/officers/${id}/approve`, cookie: await t.login('hohhot-editor'), body: {} })).statusCode).toBe(403);
    const admin = await t.login('tumed-admin');
    const reject = await t.request({ method: 'POST', url: `/api/officers/${id}/suspend`, cookie: admin, body: {} });
    expect(reject.statusCode).toBe(409);
    expect(reject.json().error.code).toBe('officer.bad_transition');
    const ok = await t.request({ method: 'POST', url: `/api/officers/${id}/approve`, cookie: admin, body: {} });
    expect(ok.statusCode, ok.body).toBe(200);
    // No password at sign-up: no account.
    expect(ok.json()).toMatchObject({ status: 'approved', hasAccount: false, username: null, phone: '139****0001' });
    expect((await auditRows('officer.approve')).map((a) => a.entity_id)).toContain(id);

    const withLogin = await approvedOfficer('13904710002', '敖登');
    const me = await t.request({ method: 'GET', url: '/api/officers/me', cookie: withLogin.cookie });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ code: withLogin.code, phone: '13904710002', status: 'approved', orgId: village, today: { day: today, points: 0 } });
    const grants = await t.db.kysely.selectFrom('role_grants').innerJoin('users', 'users.id', 'role_grants.user_id').select(['role', 'role_grants.org_id']).where('username', '=', '13904710002').execute();
    expect(grants).toEqual([{ role: 'officer', org_id: village }]);
    // The password hash is not kept once the account exists.
    expect((await t.db.kysely.selectFrom('officer_applications').select('password_hash').where('officer_id', '=', withLogin.id).executeTakeFirstOrThrow()).password_hash).toBeNull();

    const susp = await t.request({ method: 'POST', url: `/api/officers/${withLogin.id}/suspend`, cookie: admin, body: { reason: '测试' } });
    expect(susp.json().status).toBe('suspended');
    expect((await t.request({ method: 'GET', url: '/api/officers/me/picks', cookie: withLogin.cookie })).json().error.code).toBe('officer.not_active');
    expect((await t.request({ method: 'POST', url: `/api/officers/${withLogin.id}/approve`, cookie: admin, body: {} })).json().status).toBe('approved');
    expect((await t.request({ method: 'GET', url: '/api/officers/me', cookie: await t.login('hohhot-editor') })).json().error.code).toBe('officer.not_officer');
  });
});

describe('profiles', () => {
  it('masks the phone in profiles and audits every unmasked look', async () => {
    const id = (await officerRow('13904710001'))!.id;
    const reader = await t.request({ method: 'GET', url: `/api/officers/${id}`, cookie: await t.login('hohhot-editor') });
    expect(reader.json()).toMatchObject({ phone: '139****0001', canContact: false });
    expect((await t.request({ method: 'GET', url: `/api/officers/${id}/contact`, cookie: await t.login('hohhot-editor') })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: `/api/officers/${id}`, cookie: await t.login('chifeng-admin') })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/officers/${id}/contact`, cookie: await t.login('chifeng-admin') })).statusCode).toBe(404);
    const before = (await auditRows('officer.contact')).length;
    const admin = await t.login('tumed-admin');
    expect((await t.request({ method: 'GET', url: `/api/officers/${id}`, cookie: admin })).json()).toMatchObject({ phone: '139****0001', canContact: true });
    const full = await t.request({ method: 'GET', url: `/api/officers/${id}/contact`, cookie: admin });
    expect(full.json()).toEqual({ id, name: '其木格', phone: '13904710001' });
    const rows = await auditRows('officer.contact');
    expect(rows).toHaveLength(before + 1);
    const adminId = (await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'tumed-admin').executeTakeFirstOrThrow()).id;
    expect(rows.at(-1)).toMatchObject({ actor_id: adminId, entity: 'officer', entity_id: id });
  });
});

describe('bulk import', () => {
  async function sheet(rows: (string | number)[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('信息员');
    ws.addRow(['姓名', '手机', '组织代码']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const upload = async (data: Buffer, query = '', lang = 'zh-CN') => {
    const { payload, headers } = multipartFile('file', 'officers.xlsx', data);
    return t.app.inject({ method: 'POST', url: `/api/officers/import${query}`, payload, headers: { ...headers, cookie: await t.login('tumed-admin'), 'accept-language': lang } });
  };
  const count = async () => (await t.db.kysely.selectFrom('officers').select('id').execute()).length;

  it('reports every problem by row and column and writes nothing', async () => {
    const before = await count();
    const res = await upload(
      await sheet([
        ['乌云', 13904710101, '150121100001'],
        ['', '13904710102', '150121100002'],
        ['哈斯', '139047', '150121100001'],
        ['其其格', '13904710101', '150121100001'],
        ['苏和', '13904710105', '150404'],
        ['那仁', '13904710001', '150121100001'],
      ]),
    );
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ rows: 6, valid: 1, created: 0 });
    expect(r.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual(['3:姓名/name', '4:手机/phone', '5:手机/phone', '6:组织代码/orgCode', '7:手机/phone']);
    expect(r.errors[2].problem).toBe('该手机号与第 2 行重复。');
    expect(r.errors[3].problem).toContain('不在您管理的范围内');
    expect(await count()).toBe(before);
  });

  it('checks only on a dry run, then imports approved officers in one go', async () => {
    const before = await count();
    const data = await sheet([
      ['乌云', 13904710101, '150121100001'],
      ['哈斯', '139 0471 0102', '150121100002'],
    ]);
    expect((await upload(data, '?dryRun=true')).json()).toEqual({ rows: 2, valid: 2, errors: [], created: 0 });
    expect(await count()).toBe(before);
    expect((await upload(data)).json()).toEqual({ rows: 2, valid: 2, errors: [], created: 0 });
    expect((await upload(data, '?dryRun=false')).json()).toEqual({ rows: 2, valid: 2, errors: [], created: 2 });
    expect((await officerRow('13904710102'))!.status).toBe('approved');
    const codes = (await t.db.kysely.selectFrom('officers').select('code').execute()).map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('refuses a file that is not a workbook and a sheet without the columns', async () => {
    const { payload, headers } = multipartFile('file', 'x.xlsx', Buffer.from('name,phone\n'));
    const res = await t.app.inject({ method: 'POST', url: '/api/officers/import', payload, headers: { ...headers, cookie: await t.login('tumed-admin') } });
    expect(res.statusCode).toBe(415);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['姓名', '电话']);
    const missing = await upload(Buffer.from(await wb.xlsx.writeBuffer()), '', 'en');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('组织代码/orgCode');
    const editor = multipartFile('file', 'o.xlsx', await sheet([['乌云', 13904710109, '150121100001']]));
    expect((await t.app.inject({ method: 'POST', url: '/api/officers/import', payload: editor.payload, headers: { ...editor.headers, cookie: await t.login('hohhot-editor') } })).statusCode).toBe(403);
  });
});

let officer: { id: string; code: string; cookie: string };

describe("today's picks and the poster", () => {
  it('lets banner admins push published resources to their subtree only', async () => {
    officer = await approvedOfficer('13904710003', '巴特尔');
    const admin = await t.login('tumed-admin');
    const pick = await t.request({ method: 'POST', url: '/api/officers/picks', cookie: admin, body: { resourceId, orgId: tumed, day: today } });
    expect(pick.statusCode, pick.body).toBe(201);
    expect((await t.request({ method: 'POST', url: '/api/officers/picks', cookie: admin, body: { resourceId, orgId: tumed, day: today } })).statusCode).toBe(409);
    expect((await t.request({ method: 'POST', url: '/api/officers/picks', cookie: admin, body: { resourceId: draftId, orgId: tumed, day: today } })).json().error.code).toBe('content.not_published');
    expect((await t.request({ method: 'POST', url: '/api/officers/picks', cookie: admin, body: { resourceId, orgId: await orgIdByCode(t, '150100'), day: today } })).statusCode).toBe(404);
    expect((await t.request({ method: 'POST', url: '/api/officers/picks', cookie: await t.login('chifeng-admin'), body: { resourceId, orgId: tumed, day: today } })).statusCode).toBe(404);
    await t.request({ method: 'POST', url: '/api/officers/picks', cookie: admin, body: { resourceId: zhOnlyId, orgId: await orgIdByCode(t, '150121100'), day: today } });
    expect((await t.request({ method: 'GET', url: `/api/officers/picks?day=${today}`, cookie: admin })).json()).toHaveLength(2);
    expect((await t.request({ method: 'GET', url: `/api/officers/picks?day=${today}`, cookie: await t.login('chifeng-admin') })).json()).toEqual([]);
    expect(await auditRows('officer.pick')).toHaveLength(2);
  });

  it('gives the officer the picks with published versions, a personal link and a poster', async () => {
    const res = await t.request({ method: 'GET', url: '/api/officers/me/picks', cookie: officer.cookie });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.map((i: { resourceId: string }) => i.resourceId).sort()).toEqual([resourceId, zhOnlyId].sort());
    const item = body.items.find((i: { resourceId: string }) => i.resourceId === resourceId);
    expect(item.versions.map((v: { lang: string }) => v.lang)).toEqual(['mn-Mong', 'zh-Hans']);
    expect(item.shareUrl).toMatch(new RegExp(`^http://localhost(:80)?/s/${officer.code}/${resourceId}$`));
    const png = await t.request({ method: 'GET', url: item.posterUrl, cookie: officer.cookie });
    expect(png.statusCode, png.body.slice(0, 200)).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    const meta = await sharp(png.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 750, 1200]);
    fs.writeFileSync(path.join(os.tmpdir(), `gerel-officer-poster-${process.env.GEREL_TEST_DIALECT ?? 'sqlite'}.png`), png.rawPayload);
    // Someone else's officer, or a resource not picked for them: nothing.
    expect((await t.request({ method: 'GET', url: `/api/officers/me/picks/${draftId}/poster.png`, cookie: officer.cookie })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: item.posterUrl, cookie: await t.login('tumed-admin') })).statusCode).toBe(404);
  });
});

describe('attribution of share links', () => {
  const open = (url: string, headers: Record<string, string>) => t.request({ method: 'GET', url, headers: { 'user-agent': WECHAT, ...headers } });

  it('counts a first open, sends the reader to the page with the officer code and a ref for onward links', async () => {
    const dev = device();
    const res = await open(`/s/${officer.code}/${resourceId}?from=singlemessage`, { cookie: dev });
    expect(res.statusCode).toBe(302);
    const loc = new URL(res.headers.location as string, 'http://x');
    expect(loc.pathname).toBe(`/r/${resourceId}`);
    expect(loc.searchParams.get('o')).toBe(officer.code);
    expect(loc.searchParams.get('via')).toMatch(/^[2-9A-HJ-NP-TV-Z]{10}$/);
    const rows = await attributions(officer.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'share-open', channel: 'wechat', resource_id: resourceId, day: today });
    const evs = await officerEvents(officer.code);
    expect(evs.map((e) => `${e.kind}:${e.channel}`)).toEqual(['share-open:wechat']);

    // Same device again within the window: the same page, the same ref, not counted.
    const again = await open(`/s/${officer.code}/${resourceId}`, { cookie: dev });
    expect(again.headers.location).toBe(res.headers.location);
    expect(await attributions(officer.id)).toHaveLength(1);

    // A Mongolian reader lands on the Mongolian page.
    const mn = await open(`/s/${officer.code}/${resourceId}`, { cookie: device(), 'accept-language': 'mn-MN' });
    expect(mn.headers.location).toMatch(new RegExp(`^/mn/r/${resourceId}\\?o=${officer.code}&via=`));
    expect(await attributions(officer.id)).toHaveLength(2);
  });

  it('issues a device cookie, and does not count crawlers, the officer or their own devices', async () => {
    const first = await open(`/s/${officer.code}/${zhOnlyId}`, {});
    const set = first.cookies.find((c) => c.name === OFFICER_CONFIG.deviceCookie);
    expect(set).toMatchObject({ httpOnly: true, path: '/', sameSite: 'Lax' });
    expect(await attributions(officer.id)).toHaveLength(3);
    // Without the cookie, the same address and browser are still recognised.
    await open(`/s/${officer.code}/${zhOnlyId}`, {});
    expect(await attributions(officer.id)).toHaveLength(3);

    for (const ua of ['Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)', 'curl/8.5.0', '', 'Mozilla/5.0 (compatible; Googlebot/2.1)']) {
      const r = await t.request({ method: 'GET', url: `/s/${officer.code}/${resourceId}`, headers: { 'user-agent': ua, cookie: device() } });
      expect(r.statusCode).toBe(302);
    }
    expect(await attributions(officer.id)).toHaveLength(3);

    // The officer's own session; afterwards the same phone without the session is still theirs.
    const phone = device();
    await open(`/s/${officer.code}/${resourceId}`, { cookie: `${officer.cookie}; ${phone}` });
    await open(`/s/${officer.code}/${resourceId}`, { cookie: phone });
    // Devices the officer used for the app are theirs too.
    const app = device();
    await t.request({ method: 'GET', url: '/api/officers/me', cookie: `${officer.cookie}; ${app}` });
    await open(`/s/${officer.code}/${resourceId}`, { cookie: app });
    expect(await attributions(officer.id)).toHaveLength(3);
  });

  it('counts a re-share opened on another device as second level, with the first open as parent', async () => {
    const reader = device();
    const first = await open(`/s/${officer.code}/${resourceId}`, { cookie: reader, 'user-agent': BROWSER });
    const via = new URL(first.headers.location as string, 'http://x').searchParams.get('via')!;
    // The re-sharer opening their own onward link is not a second-level open.
    await open(`/s/${officer.code}/${resourceId}?via=${via}`, { cookie: reader });
    const friend = await open(`/s/${officer.code}/${resourceId}?via=${via}&from=timeline`, { cookie: device() });
    expect(friend.statusCode).toBe(302);
    const rows = await attributions(officer.id);
    const parent = rows.find((r) => r.ref === via)!;
    expect(parent.channel).toBe('web');
    expect(rows.filter((r) => r.kind === 'reshare-open')).toEqual([expect.objectContaining({ parent_id: parent.id, channel: 'wechat' })]);
    // A ref of another resource does not make a second-level open.
    await open(`/s/${officer.code}/${zhOnlyId}?via=${via}`, { cookie: device() });
    expect((await attributions(officer.id)).filter((r) => r.kind === 'reshare-open')).toHaveLength(1);
  });

  it('counts a read once, only after an open on the same device', async () => {
    const reader = device();
    const read = (cookie: string) => t.request({ method: 'GET', url: `/s/${officer.code}/${resourceId}/read`, headers: { 'user-agent': BROWSER, cookie } });
    const early = await read(reader);
    expect(early.statusCode).toBe(200);
    expect(early.headers['content-type']).toBe('image/gif');
    const reads = async () => (await attributions(officer.id)).filter((r) => r.kind === 'read');
    expect(await reads()).toHaveLength(0);
    await open(`/s/${officer.code}/${resourceId}`, { cookie: reader });
    await read(reader);
    await read(reader);
    expect(await reads()).toHaveLength(1);
    expect((await officerEvents(officer.code)).filter((e) => e.kind === 'read')).toHaveLength(1);
  });

  it('counts a double tap (two opens and two reads from one device at the same moment) once', async () => {
    const reader = device();
    const before = await attributions(officer.id);
    const opens = await Promise.all([1, 2, 3].map(() => open(`/s/${officer.code}/${resourceId}`, { cookie: reader })));
    expect(opens.every((r) => r.statusCode === 302)).toBe(true);
    const read = () => t.request({ method: 'GET', url: `/s/${officer.code}/${resourceId}/read`, headers: { 'user-agent': BROWSER, cookie: reader } });
    await Promise.all([read(), read(), read()]);
    const added = (await attributions(officer.id)).filter((r) => !before.some((b) => b.id === r.id));
    expect(added.map((r) => r.kind).sort()).toEqual(['read', 'share-open']);
  });

  it('counts the same device again once the repeat window has passed', async () => {
    const reader = device();
    await open(`/s/${officer.code}/${zhOnlyId}`, { cookie: reader });
    const n = (await attributions(officer.id)).length;
    const old = new Date(Date.now() - (OFFICER_CONFIG.repeatWindowHours + 1) * 3600_000).toISOString();
    await t.db.kysely.updateTable('officer_attributions').set({ at: old }).where('officer_id', '=', officer.id).where('resource_id', '=', zhOnlyId).execute();
    await open(`/s/${officer.code}/${zhOnlyId}`, { cookie: reader });
    expect(await attributions(officer.id)).toHaveLength(n + 1);
  });

  it('sends visitors of unknown officers to the plain page and of unpublished resources nowhere', async () => {
    const r = await open(`/s/NOSUCH1/${resourceId}`, { cookie: device() });
    expect(r.headers.location).toBe(`/r/${resourceId}`);
    expect((await open(`/s/${officer.code}/${draftId}`, { cookie: device() })).statusCode).toBe(404);
    expect((await open(`/s/${officer.code}/not-a-uuid`, { cookie: device() })).statusCode).toBe(400);
  });

  it('reports every counted action, and only those, as an event for the dissemination totals', async () => {
    const rows = await attributions(officer.id);
    const evs = await officerEvents(officer.code);
    expect(evs.map((e) => e.id).sort()).toEqual(rows.map((r) => `officer-${r.id}`).sort());
    expect(evs.filter((e) => e.kind === 'share-open')).toHaveLength(rows.filter((r) => r.kind !== 'read').length);
    expect(evs.every((e) => e.org_id === village)).toBe(true);
  });
});

describe('points and leaderboards', () => {
  const range = `from=${today}&to=${today}`;

  it('gives points per action, capped per day, from the attribution table', async () => {
    const rows = await attributions(officer.id);
    const todays = rows.filter((r) => r.day === today);
    const raw = todays.reduce((s, r) => s + OFFICER_CONFIG.points[r.kind], 0);
    const mine = (await t.request({ method: 'GET', url: `/api/officers/me/points?${range}`, cookie: officer.cookie })).json();
    expect(mine.points).toBe(Math.min(raw, OFFICER_CONFIG.dailyCap));
    expect(mine.reads).toBe(todays.filter((r) => r.kind === 'read').length);
    expect(mine.reshareOpens).toBe(1);
    // Many opens in one day: the cap holds.
    for (let i = 0; i < OFFICER_CONFIG.dailyCap + 5; i++) await t.request({ method: 'GET', url: `/s/${officer.code}/${resourceId}`, headers: { 'user-agent': BROWSER, cookie: device() } });
    const capped = (await t.request({ method: 'GET', url: `/api/officers/me/points?${range}`, cookie: officer.cookie })).json();
    expect(capped.points).toBe(OFFICER_CONFIG.dailyCap);
    expect(capped.shareOpens).toBeGreaterThan(OFFICER_CONFIG.dailyCap);
  });

  it('ranks the officers of a banner for its staff and its officers, never for other banners', async () => {
    const url = `/api/officers/leaderboard?orgId=${tumed}&${range}`;
    const board = (await t.request({ method: 'GET', url, cookie: await t.login('tumed-admin') })).json();
    expect(board.enabled).toBe(true);
    expect(board.items[0]).toMatchObject({ rank: 1, officerId: officer.id, name: '巴特尔', points: OFFICER_CONFIG.dailyCap });
    expect((await t.request({ method: 'GET', url, cookie: officer.cookie })).json().items[0].officerId).toBe(officer.id);
    expect((await t.request({ method: 'GET', url, cookie: await t.login('chifeng-admin') })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/officers/leaderboard?orgId=${await orgIdByCode(t, '150404')}&${range}`, cookie: officer.cookie })).statusCode).toBe(404);
  });

  it('lets the banner admin switch its leaderboard off: gone for those below, own points still there', async () => {
    const url = `/api/officers/leaderboard?orgId=${tumed}&${range}`;
    expect((await t.request({ method: 'PATCH', url: '/api/officers/leaderboard-settings', cookie: officer.cookie, body: { orgId: tumed, enabled: false } })).statusCode).toBe(403);
    expect((await t.request({ method: 'PATCH', url: '/api/officers/leaderboard-settings', cookie: await t.login('chifeng-admin'), body: { orgId: tumed, enabled: false } })).statusCode).toBe(404);
    expect((await t.request({ method: 'PATCH', url: '/api/officers/leaderboard-settings', cookie: await t.login('tumed-admin'), body: { orgId: village, enabled: false } })).json().error.code).toBe('officer.leaderboard_org');
    const off = await t.request({ method: 'PATCH', url: '/api/officers/leaderboard-settings', cookie: await t.login('tumed-admin'), body: { orgId: tumed, enabled: false } });
    expect(off.json()).toEqual({ orgId: tumed, enabled: false });
    expect((await t.request({ method: 'GET', url, cookie: officer.cookie })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/officers/leaderboard?orgId=${village}&${range}`, cookie: officer.cookie })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url, cookie: await t.login('tumed-admin') })).json()).toMatchObject({ enabled: false });
    expect((await t.request({ method: 'GET', url, cookie: await t.login('hohhot-admin') })).json().enabled).toBe(false);
    expect((await t.request({ method: 'GET', url: `/api/officers/me/points?${range}`, cookie: officer.cookie })).json().points).toBe(OFFICER_CONFIG.dailyCap);
    expect((await auditRows('officer.leaderboard')).at(-1)).toMatchObject({ entity_id: tumed, after_json: JSON.stringify({ enabled: false }) });
    await t.request({ method: 'PATCH', url: '/api/officers/leaderboard-settings', cookie: await t.login('tumed-admin'), body: { orgId: tumed, enabled: true } });
    expect((await t.request({ method: 'GET', url, cookie: officer.cookie })).statusCode).toBe(200);
  });
});

describe('registration rate limit', () => {
  it('answers 429 after too many sign-ups from one address', async () => {
    let status = 0;
    for (let i = 0; i < OFFICER_CONFIG.registerRateLimit.max + 1 && status !== 429; i++) {
      status = (await t.request({ method: 'POST', url: '/api/officers/register', body: { name: 'x', phone: '1', orgCode: 'x' } })).statusCode;
    }
    expect(status).toBe(429);
  });
});
