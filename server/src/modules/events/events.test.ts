import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';
import { localDay } from '../../kernel/db/time.js';

let t: TestApp;
let resourceId: string;
let draftId: string;
const STATION = 'ES150121001';
const OFFICER = 'OF0001';
const today = localDay();

beforeAll(async () => {
  t = await createTestApp();
  const now = new Date().toISOString();
  const township = await orgIdByCode(t, '150121100');
  await t.db.kysely
    .insertInto('stations')
    .values({ id: randomUUID(), code: STATION, name_zh: '察素齐镇科普e站', name_mn: null, org_id: township, place: '镇文化站', kind: 'kiosk', owner_name: null, owner_phone: null, status: 'active', last_heartbeat_at: null, created_at: now, updated_at: now })
    .execute();
  const village = await orgIdByCode(t, '150121100001');
  for (const [code, status] of [[OFFICER, 'approved'], ['OF0002', 'pending']] as const) {
    await t.db.kysely
      .insertInto('officers')
      .values({ id: randomUUID(), code, name: '信息员', phone: `1390000000${code.slice(-1)}`, org_id: village, user_id: null, status, approved_by: null, approved_at: null, created_at: now, updated_at: now })
      .execute();
  }
  const editor = await t.login('hohhot-editor');
  const reviewer = await t.login('hohhot-reviewer');
  const orgId = await orgIdByCode(t, '150100');
  const make = async () =>
    (await t.request({ method: 'POST', url: '/api/resources', cookie: editor, body: { orgId, kind: 'article', versions: [{ lang: 'zh-Hans', title: '科普', body: '<p>x</p>' }] } })).json().id as string;
  resourceId = await make();
  draftId = await make();
  for (const [to, who] of [['in_review', editor], ['approved', reviewer], ['published', reviewer]] as const) {
    await t.request({ method: 'POST', url: `/api/resources/${resourceId}/versions/zh-Hans/transition`, cookie: who, body: { to } });
  }
});
afterAll(() => t.close());

const post = (events: unknown[]) => t.request({ method: 'POST', url: '/api/events', body: { events } });
const ev = (kind: string, extra: Record<string, string> = {}) => ({ id: `e-${randomUUID()}`, kind, resourceId, at: new Date().toISOString(), ...extra });
const eventCount = async () => (await t.db.kysely.selectFrom('events').select('id').execute()).length;

describe('event ingestion', () => {
  it('accepts a batch once and counts a repeated upload as duplicates', async () => {
    const batch = [ev('view', { stationCode: STATION }), ev('click', { stationCode: STATION }), ev('share-open', { officerCode: OFFICER, channel: 'wechat' }), ev('read', { officerCode: OFFICER })];
    const first = await post(batch);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ accepted: 4, duplicates: 0 });
    expect((await post(batch)).json()).toEqual({ accepted: 0, duplicates: 4 });
    // A batch repeating an id inside itself counts it once.
    const e = ev('view');
    expect((await post([e, e])).json()).toEqual({ accepted: 1, duplicates: 1 });
  });

  it('rejects the whole batch with every problem by index, in Chinese or English, writing nothing', async () => {
    const before = await eventCount();
    const res = await t.request({
      method: 'POST',
      url: '/api/events',
      headers: { 'accept-language': 'zh-CN' },
      body: {
        events: [
          ev('view'),
          ev('teleport'),
          ev('click', { stationCode: 'NOPE' }),
          ev('view', { resourceId: draftId }),
          ev('share-open', { officerCode: 'OF0002' }),
          { id: 'short', kind: 'view', resourceId, at: '2099-01-01T00:00:00Z' },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('events.invalid');
    expect(err.message).toContain('整批均未写入');
    expect(err.details.map((d: { index: number; field: string }) => `${d.index}:${d.field}`)).toEqual([
      '1:kind',
      '2:stationCode',
      '3:resourceId',
      '4:officerCode',
      '5:id',
      '5:at',
    ]);
    expect(await eventCount()).toBe(before);
  });

  it('group-commits many small concurrent batches and keeps the rollups equal to the events', async () => {
    const before = await eventCount();
    const results = await Promise.all(Array.from({ length: 40 }, () => post(Array.from({ length: 5 }, () => ev('view', { stationCode: STATION })))));
    expect(results.every((r) => r.statusCode === 200 && r.json().accepted === 5)).toBe(true);
    expect(await eventCount()).toBe(before + 200);
    const events = await t.db.kysely.selectFrom('events').select(['kind']).where('kind', '=', 'view').execute();
    const rolled = await t.db.kysely.selectFrom('event_rollups').select((eb) => eb.fn.sum<number>('n').as('n')).where('kind', '=', 'view').executeTakeFirstOrThrow();
    expect(Number(rolled.n)).toBe(events.length);
  });

  it('moves the station heartbeat forward only', async () => {
    const at = new Date(Date.now() - 60_000).toISOString();
    await post([{ id: `hb-${randomUUID()}`, kind: 'heartbeat', stationCode: STATION, at }]);
    await post([{ id: `hb-${randomUUID()}`, kind: 'heartbeat', stationCode: STATION, at: new Date(Date.now() - 3600_000).toISOString() }]);
    const s = await t.db.kysely.selectFrom('stations').select('last_heartbeat_at').where('code', '=', STATION).executeTakeFirstOrThrow();
    expect(s.last_heartbeat_at).toBe(at);
  });
});

describe('dissemination totals', () => {
  it('counts from the rollups within the caller scope', async () => {
    const q = `/api/dissemination/totals?from=${today}&to=${today}`;
    const region = (await t.request({ method: 'GET', url: q, cookie: await t.login('admin') })).json();
    expect(region.views).toBeGreaterThanOrEqual(201);
    expect(region).toMatchObject({ clicks: 1, shareOpens: 1, reads: 1, heartbeats: 2 });
    const tumed = (await t.request({ method: 'GET', url: q, cookie: await t.login('tumed-admin') })).json();
    // The event with neither station nor officer belongs to the resource's org (呼和浩特市), outside 土默特左旗.
    expect(tumed.views).toBe(region.views - 1);
    // A township officer's figures come from the fine rollups; they must agree with the banner's area rollups.
    const township = (await t.request({ method: 'GET', url: q, cookie: await t.login('tumed-officer') })).json();
    expect(township).toEqual(tumed);
    const chifeng = (await t.request({ method: 'GET', url: q, cookie: await t.login('chifeng-admin') })).json();
    expect(chifeng).toEqual({ views: 0, clicks: 0, shareOpens: 0, reads: 0, heartbeats: 0 });
    const other = await t.request({ method: 'GET', url: `${q}&orgId=${await orgIdByCode(t, '150100')}`, cookie: await t.login('tumed-admin') });
    expect(other.statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: q })).statusCode).toBe(401);
  });

  it('gives a daily trend, top resources and counts per banner', async () => {
    const cookie = await t.login('admin');
    const range = `from=${today}&to=${today}&kind=view`;
    expect((await t.request({ method: 'GET', url: `/api/dissemination/trend?${range}`, cookie })).json()).toEqual([{ day: today, n: expect.any(Number) }]);
    const top = (await t.request({ method: 'GET', url: `/api/dissemination/top-resources?${range}`, cookie })).json();
    expect(top[0].resourceId).toBe(resourceId);
    // Named in the same answer (no request per row): the published Chinese title, no Mongolian version.
    expect(top[0].title).toEqual({ zh: '科普', mn: null });
    const banners = (await t.request({ method: 'GET', url: `/api/dissemination/by-banner?${range}`, cookie })).json();
    expect(banners[0].name.zh).toBe('土默特左旗');
  });

  it('exports the dashboard as CSV and Excel from the same rollups, within scope', async () => {
    const cookie = await t.login('tumed-admin');
    const q = `from=${today}&to=${today}`;
    const sums = (await t.request({ method: 'GET', url: `/api/dissemination/totals?${q}`, cookie })).json();
    const csv = await t.request({ method: 'GET', url: `/api/dissemination/export.csv?${q}`, cookie });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('日期,浏览,点击,分享打开,阅读,心跳');
    expect(lines[1]).toBe([today, sums.views, sums.clicks, sums.shareOpens, sums.reads, sums.heartbeats].join(','));
    const xlsx = await t.request({ method: 'GET', url: `/api/dissemination/export.xlsx?${q}`, cookie });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['合计', '每日', '热门资源', '各旗县区']);
    expect(wb.getWorksheet('合计')!.getRow(2).getCell(3).value).toBe(sums.views);
    expect(wb.getWorksheet('各旗县区')!.getRow(2).getCell(2).value).toBe('土默特左旗');
    // Another league's org is outside a banner admin's scope.
    const other = await t.request({ method: 'GET', url: `/api/dissemination/export.csv?${q}&orgId=${await orgIdByCode(t, '150100')}`, cookie });
    expect(other.statusCode).toBe(404);
  });
});
