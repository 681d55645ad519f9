import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalize, shapeKey, toMenksoft } from '@gerel/mongol';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';

interface Org {
  id: string;
  code: string;
  kind: string;
  parentId: string | null;
  name: { zh: string; mn: string | null };
}

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.close());

describe('the org tree', () => {
  it('has the region, its 12 leagues/cities and the 103 banners with GB/T 2260 codes', async () => {
    const res = await t.request({ method: 'GET', url: '/api/orgs', cookie: admin });
    expect(res.statusCode).toBe(200);
    const orgs = res.json<Org[]>();
    const region = orgs.filter((o) => o.kind === 'region');
    expect(region).toHaveLength(1);
    expect(region[0]!.name.zh).toBe('内蒙古自治区科学技术协会');
    expect(region[0]!.code).toBe('150000');
    const leagues = orgs.filter((o) => o.kind === 'league');
    expect(leagues).toHaveLength(12);
    expect(leagues.every((l) => l.parentId === region[0]!.id && /^15\d\d00$/.test(l.code))).toBe(true);
    const banners = orgs.filter((o) => o.kind === 'banner');
    expect(banners).toHaveLength(103);
    const leagueIds = new Set(leagues.map((l) => l.id));
    expect(banners.every((b) => leagueIds.has(b.parentId!))).toBe(true);
    expect(banners.find((b) => b.code === '150121')?.name.zh).toBe('土默特左旗');
    // Societies are their own kind directly under the region.
    const societies = orgs.filter((o) => o.kind === 'society');
    expect(societies.length).toBeGreaterThan(10);
    expect(societies.every((s) => s.parentId === region[0]!.id)).toBe(true);
    // Grassroots kinds exist in the demo data.
    for (const kind of ['enterprise', 'university', 'township', 'village', 'rural_association']) {
      expect(orgs.some((o) => o.kind === kind)).toBe(true);
    }
  });

  it('names the region and every league in Traditional Mongolian script', async () => {
    const orgs = (await t.request({ method: 'GET', url: '/api/orgs', cookie: admin })).json<Org[]>();
    const mongolian = /^[\u1800-\u18AF\u202F ]+$/;
    for (const o of orgs.filter((x) => x.kind === 'region' || x.kind === 'league')) {
      expect(o.name.mn, o.name.zh).toMatch(mongolian);
    }
    expect(orgs.find((o) => o.code === '150100')!.name.mn).toBe('ᠬᠥᠬᠡᠬᠣᠲᠠ ᠬᠣᠲᠠ');
  });

  it('shows a banner admin only that banner and what lies below it', async () => {
    const cookie = await t.login('tumed-admin');
    const orgs = (await t.request({ method: 'GET', url: '/api/orgs', cookie })).json<Org[]>();
    const tumed = await orgIdByCode(t, '150121');
    expect(orgs[0]!.id).toBe(tumed);
    expect(orgs.some((o) => o.kind === 'township')).toBe(true);
    expect(orgs.every((o) => o.code.startsWith('150121') || o.code.startsWith('R150121'))).toBe(true);
    const hohhot = await orgIdByCode(t, '150100');
    expect((await t.request({ method: 'GET', url: `/api/orgs/${hohhot}`, cookie })).statusCode).toBe(404);
  });

  it('lets an admin create an org under their subtree, audited, and rejects a misplaced kind', async () => {
    const cookie = await t.login('tumed-admin');
    const parentId = await orgIdByCode(t, '150121');
    const res = await t.request({
      method: 'POST',
      url: '/api/orgs',
      cookie,
      body: { code: 'E150121900', kind: 'enterprise', parentId, name: { zh: '土默特左旗乳业有限公司科协', mn: null } },
    });
    expect(res.statusCode).toBe(201);
    const org = res.json<Org>();
    expect(org).toMatchObject({ kind: 'enterprise', parentId, name: { zh: '土默特左旗乳业有限公司科协', mn: null } });
    const audit = await t.db.kysely.selectFrom('audit_log').selectAll().where('entity_id', '=', org.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['org.create']);

    const bad = await t.request({
      method: 'POST',
      url: '/api/orgs',
      cookie,
      headers: { 'accept-language': 'zh-CN' },
      body: { code: 'bad code!', kind: 'enterprise', parentId, name: { zh: '代码无效' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'validation.failed', message: expect.stringContaining('请求无效') });
    const placed = await t.request({
      method: 'POST',
      url: '/api/orgs',
      cookie,
      headers: { 'accept-language': 'zh-CN' },
      body: { code: 'L999', kind: 'league', parentId, name: { zh: '不该存在的盟' } },
    });
    expect(placed.statusCode).toBe(400);
    expect(placed.json().error).toMatchObject({ code: 'org.kind_not_allowed' });
    expect(placed.json().error.message).toContain('不能设在');
    expect(await t.db.kysely.selectFrom('orgs').select('id').where('code', 'in', ['L999', 'bad code!']).execute()).toEqual([]);
  });

  it('refuses a duplicate code with 409 and writes nothing', async () => {
    const parentId = await orgIdByCode(t, '150000');
    const before = await t.db.kysely.selectFrom('audit_log').select('id').execute();
    const res = await t.request({
      method: 'POST',
      url: '/api/orgs',
      cookie: admin,
      body: { code: '150121', kind: 'society', parentId, name: { zh: '重复代码学会' } },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'org.code_taken', messages: { zh: expect.stringContaining('150121') } });
    expect(await t.db.kysely.selectFrom('audit_log').select('id').execute()).toHaveLength(before.length);
  });

  it('lets the region admin rename a league in Mongolian, and keeps before/after in the audit log', async () => {
    const id = await orgIdByCode(t, '150300');
    const res = await t.request({ method: 'PATCH', url: `/api/orgs/${id}`, cookie: admin, body: { name: { mn: ' ᠦᠬᠠᠢ ᠬᠣᠲᠠ ' } } });
    expect(res.statusCode).toBe(200);
    expect(res.json<Org>().name).toEqual({ zh: '乌海市', mn: 'ᠦᠬᠠᠢ ᠬᠣᠲᠠ' });
    const row = await t.db.kysely.selectFrom('audit_log').selectAll().where('entity_id', '=', id).where('action', '=', 'org.update').executeTakeFirstOrThrow();
    expect(JSON.parse(row.before_json!).name.zh).toBe('乌海市');
    expect(JSON.parse(row.after_json!).name.mn).toBe('ᠦᠬᠠᠢ ᠬᠣᠲᠠ');
  });

  it('converts a Menksoft-encoded Mongolian name to normalised Unicode on the way in', async () => {
    const id = await orgIdByCode(t, '150200');
    const legacy = toMenksoft('ᠪᠤᠭᠤᠲᠤ ᠬᠣᠲᠠ');
    const res = await t.request({ method: 'PATCH', url: `/api/orgs/${id}`, cookie: admin, body: { name: { mn: legacy } } });
    const mn = res.json<Org>().name.mn!;
    expect(mn).toMatch(/^[\u1800-\u18AF\u202F ]+$/);
    expect(shapeKey(mn)).toBe(shapeKey('ᠪᠤᠭᠤᠲᠤ ᠬᠣᠲᠠ'));
  });

  it('seeds Mongolian names already in canonical (normalised) spelling', async () => {
    const orgs = (await t.request({ method: 'GET', url: '/api/orgs', cookie: admin })).json<Org[]>();
    for (const o of orgs.filter((x) => x.name.mn)) expect(normalize(o.name.mn!), o.name.zh).toBe(o.name.mn);
  });

  it('does not let a banner admin rename their own banner or change its code', async () => {
    const cookie = await t.login('tumed-admin');
    const id = await orgIdByCode(t, '150121');
    const res = await t.request({ method: 'PATCH', url: `/api/orgs/${id}`, cookie, body: { code: '159999' } });
    expect(res.statusCode).toBe(403);
    const row = await t.db.kysely.selectFrom('orgs').select('code').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.code).toBe('150121');
  });
});
