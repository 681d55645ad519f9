import { randomBytes, randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';
import { localDay } from '../../kernel/db/time.js';
import { DEMO_REFORM } from '../../seed/registry-demo.js';
import { DEMO_SUGGESTIONS } from '../../seed/thinktank-demo.js';
import type { ActivityTable } from '../activities/tables.js';

let t: TestApp;
let admin: string;
const today = localDay();
const year = Number(today.slice(0, 4));
/** The five-year report: from 1 January four years ago to today. */
const FROM = `${year - 4}-01-01`;
const TO = today;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

/** The figures of a report page, read from its data-key / data-value cells. */
function figuresOf(html: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of html.matchAll(/data-key="([a-z_]+)" data-value="([0-9.]+)"/g)) out[m[1]!] = Number(m[2]);
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  const db = t.db.kysely;
  const now = new Date().toISOString();
  // Dissemination: a station, officers (three approved, one pending) and a published resource.
  const township = await orgIdByCode(t, '150121100');
  const village = await orgIdByCode(t, '150121100001');
  const chifeng = await orgIdByCode(t, '150404');
  await db.insertInto('stations').values({ id: randomUUID(), code: 'ES-R1', name_zh: '察素齐镇科普e站', name_mn: null, org_id: township, place: null, kind: 'kiosk', owner_name: null, owner_phone: null, status: 'active', last_heartbeat_at: null, created_at: now, updated_at: now }).execute();
  const officers: [string, string, string][] = [['OFR1', village, 'approved'], ['OFR2', village, 'approved'], ['OFR3', chifeng, 'approved'], ['OFR4', village, 'pending']];
  for (const [code, org, status] of officers) {
    await db.insertInto('officers').values({ id: randomUUID(), code, name: '信息员', phone: '13900000000', org_id: org, user_id: null, status: status as 'approved', approved_by: null, approved_at: null, created_at: now, updated_at: now }).execute();
  }
  const editor = await t.login('hohhot-editor');
  const reviewer = await t.login('hohhot-reviewer');
  const res = await t.request({ method: 'POST', url: '/api/resources', cookie: editor, body: { orgId: await orgIdByCode(t, '150100'), kind: 'article', versions: [{ lang: 'zh-Hans', title: '科普', body: '<p>x</p>' }] } });
  const resourceId = res.json().id as string;
  for (const [to, who] of [['in_review', editor], ['approved', reviewer], ['published', reviewer]] as const) {
    await t.request({ method: 'POST', url: `/api/resources/${resourceId}/versions/zh-Hans/transition`, cookie: who, body: { to } });
  }
  const ev = (kind: string, extra: Record<string, string>) => ({ id: `e-${randomUUID()}`, kind, resourceId, at: now, ...extra });
  const events = [
    ...Array.from({ length: 5 }, () => ev('view', { stationCode: 'ES-R1' })),
    ...Array.from({ length: 3 }, () => ev('click', { stationCode: 'ES-R1' })),
    ...Array.from({ length: 4 }, () => ev('share-open', { officerCode: 'OFR1', channel: 'wechat' })),
    ev('share-open', { officerCode: 'OFR3', channel: 'wechat' }),
  ];
  expect((await t.request({ method: 'POST', url: '/api/events', body: { events } })).statusCode).toBe(200);

  // Activities: a farmers' training held, one cancelled, one before the period.
  const banner = await orgIdByCode(t, '150121');
  const act = (a: Partial<ActivityTable>): ActivityTable => ({
    id: randomUUID(), org_id: banner, kind: 'training', title_zh: '肉牛养殖技术培训', title_mn: null, description: null, place_org_id: null, place_text: null,
    starts_at: daysAgo(40), ends_at: daysAgo(40), capacity: 30, audience: 'farmers_herders', language: 'both', pairing_id: null, team_id: null, status: 'closed',
    reported_beneficiaries: 150, reported_by: null, reported_at: null, checkin_key: randomBytes(12).toString('base64url'), seq: 0, created_by: null, created_at: now, updated_at: now, ...a,
  });
  await db.insertInto('activities').values([act({}), act({ status: 'cancelled', reported_beneficiaries: 999 }), act({ starts_at: `${year - 6}-05-01T02:00:00.000Z`, ends_at: `${year - 6}-05-01T05:00:00.000Z`, reported_beneficiaries: 77 }), act({ kind: 'lecture', audience: 'students', org_id: chifeng, reported_beneficiaries: 60 })]).execute();
  // Approved service hours (and a pending one, not counted).
  const volunteer = await db.selectFrom('volunteers').select('id').where('status', '=', 'approved').executeTakeFirstOrThrow();
  const hours = (minutes: number, status: 'approved' | 'pending') => ({ id: randomUUID(), volunteer_id: volunteer.id, org_id: banner, activity_id: null, source: 'self' as const, minutes, service_date: today, description: '科普讲解', status, reported_by: null, decided_by: null, decided_at: null, reason: null, created_at: now, updated_at: now });
  await db.insertInto('service_hours').values([hours(90, 'approved'), hours(45, 'approved'), hours(600, 'pending')]).execute();
}, 60_000);
afterAll(() => t.close());

const url = (kind: string, q: Record<string, string> = {}) => `/api/reports/annual.${kind}?${new URLSearchParams({ from: FROM, to: TO, ...q })}`;
const n = (r: { n: number | string | bigint | null } | undefined) => Number(r?.n ?? 0);

describe('the five-year work report of the region', () => {
  it('shows a dozen figures equal to direct counts over the data', async () => {
    const page = await t.request({ method: 'GET', url: url('html'), cookie: admin });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const fig = figuresOf(page.body);
    const db = t.db.kysely;
    const end = `${TO}T23:59:59.999Z`;
    const count = (table: 'officers' | 'volunteers') => db.selectFrom(table).select(sql<number>`count(*)`.as('n')).where('status', '=', 'approved').executeTakeFirst().then(n);
    const eventsOf = (kind: 'view' | 'click' | 'share-open') => db.selectFrom('events').select(sql<number>`count(*)`.as('n')).where('kind', '=', kind).where('day', '>=', FROM).where('day', '<=', TO).executeTakeFirst().then(n);
    // Congress delegates elected in the period, by a column's value.
    const delegates = (column?: 'gender' | 'ethnicity', value?: string) => {
      let q = db.selectFrom('reg_delegates').select(sql<number>`count(*)`.as('n')).where('elected_on', '>=', FROM).where('elected_on', '<=', TO);
      if (column) q = q.where(column, '=', value!);
      return q.executeTakeFirst().then(n);
    };
    const pct = (part: number, total: number) => Math.floor((part * 100) / total);
    const held = db.selectFrom('activities').where('status', '!=', 'cancelled').where('starts_at', '>=', FROM).where('starts_at', '<=', end);
    const expected: Record<string, number> = {
      officers: await count('officers'),
      share_opens: await eventsOf('share-open'),
      station_clicks: await eventsOf('click'),
      views: await eventsOf('view'),
      activities: n(await held.select(sql<number>`count(*)`.as('n')).executeTakeFirst()),
      beneficiaries: n(await held.select(sql<number>`sum(reported_beneficiaries)`.as('n')).executeTakeFirst()),
      farmer_trainings: n(await held.where('kind', '=', 'training').where('audience', '=', 'farmers_herders').select(sql<number>`count(*)`.as('n')).executeTakeFirst()),
      farmer_trainees: n(await held.where('kind', '=', 'training').where('audience', '=', 'farmers_herders').select(sql<number>`sum(reported_beneficiaries)`.as('n')).executeTakeFirst()),
      volunteers: await count('volunteers'),
      // Hours to one decimal, as reports give them.
      service_hours: Math.round(n(await db.selectFrom('service_hours').select(sql<number>`sum(minutes)`.as('n')).where('status', '=', 'approved').executeTakeFirst()) / 6) / 10,
      new_grassroots: n(await db.selectFrom('reg_grassroots').select(sql<number>`count(*)`.as('n')).where('founded_on', '>=', FROM).where('founded_on', '<=', TO).executeTakeFirst()),
      demands_solved: n(await db.selectFrom('reg_demands').select(sql<number>`count(*)`.as('n')).where('status', '=', 'solved').where('solved_on', '>=', FROM).where('solved_on', '<=', TO).executeTakeFirst()),
      cost_saved: n(await db.selectFrom('reg_demands').select(sql<number>`sum(cost_saved)`.as('n')).where('status', '=', 'solved').where('solved_on', '>=', FROM).where('solved_on', '<=', TO).executeTakeFirst()),
      awards: n(await db.selectFrom('reg_competitions').select(sql<number>`count(*)`.as('n')).where('award_level', 'is not', null).where('year', '>=', year - 4).where('year', '<=', year).executeTakeFirst()),
      reform_completion: Math.floor((DEMO_REFORM.done * 100) / DEMO_REFORM.total),
      delegates: await delegates(),
      delegates_women: pct(await delegates('gender', 'female'), await delegates()),
      delegates_mongolian: pct(await delegates('ethnicity', 'mongol'), await delegates()),
      delegates_minority: pct((await delegates()) - (await delegates('ethnicity', 'han')), await delegates()),
      suggestions_adopted: n(await db.selectFrom('tt_suggestions').select(sql<number>`count(*)`.as('n')).where('stage', 'in', ['adopted', 'partly_adopted']).where('adopted_on', '>=', FROM).where('adopted_on', '<=', TO).executeTakeFirst()),
    };
    expect(fig).toEqual(expected);
    // What the test set up is there, so the equalities above are not between zeros.
    expect(fig).toMatchObject({ officers: 3, share_opens: 5, station_clicks: 3, views: 5, service_hours: 2.3, reform_completion: 91, suggestions_adopted: DEMO_SUGGESTIONS.adopted + DEMO_SUGGESTIONS.partlyAdopted });
    expect(Object.keys(fig)).toHaveLength(20);
    // The demo's 10th congress (48 delegates) and 土默特左旗's (12) are in the period, the 9th is not.
    expect(fig).toMatchObject({ delegates: 60 });
    expect(fig.delegates_women).toBeGreaterThan(0);
    expect(fig.delegates_mongolian).toBeGreaterThan(0);
    expect(fig.delegates_minority).toBeGreaterThan(fig.delegates_mongolian!);
    expect(fig.activities).toBeGreaterThanOrEqual(3);
    expect(fig.farmer_trainees).toBeGreaterThanOrEqual(150);
    expect(page.body).toContain('91 %（55/60）');
    // The Mongolian part is there, written vertically in the app's font; four charts drawn on the server.
    expect(page.body).toMatch(/class="mn mn-part" lang="mn-Mong"/);
    expect(page.body).toContain('writing-mode:vertical-lr');
    expect(page.body).toContain('font-family:"Noto Sans Mongolian"');
    expect(page.body.match(/<figure data-chart="[a-z]+"><svg /g)).toHaveLength(5);
    expect(page.body).toMatch(/代表大会代表 60 人，其中女性 \d+%/);

    // The JSON catalogue gives the same numbers, each with the page listing what it counts.
    const json = await t.request({ method: 'GET', url: `/api/indicators?from=${FROM}&to=${TO}`, cookie: admin });
    expect(json.statusCode).toBe(200);
    const items = json.json().items as { key: string; value: number; link: string }[];
    expect(Object.fromEntries(items.map((i) => [i.key, i.value]))).toEqual(expected);
    expect(items.find((i) => i.key === 'demands_solved')!.link).toMatch(/^\/registry\/demands\?orgId=.+&status=solved/);
    // The delegates' figures link to the registry list narrowed to the period (and to women, Mongolians).
    expect(items.find((i) => i.key === 'delegates')!.link).toBe(`/registry/delegates?orgId=${json.json().org.id}&elected_on_from=${FROM}&elected_on_to=${TO}`);
    expect(items.find((i) => i.key === 'delegates_women')!.link).toContain('&gender=female');
    expect(items.find((i) => i.key === 'delegates_mongolian')!.link).toContain('&ethnicity=mongol');
  });

  it('counts only the asked org’s subtree, and hides orgs outside the caller’s scope', async () => {
    const tumed = await t.login('tumed-admin');
    const banner = await orgIdByCode(t, '150121');
    const own = await t.request({ method: 'GET', url: `/api/indicators?orgId=${banner}&from=${FROM}&to=${TO}`, cookie: tumed });
    expect(own.statusCode).toBe(200);
    const v = Object.fromEntries((own.json().items as { key: string; value: number }[]).map((i) => [i.key, i.value]));
    // Two approved officers and four share-opens are in 土默特左旗's villages; the third is in 赤峰.
    expect(v).toMatchObject({ officers: 2, share_opens: 4, station_clicks: 3, service_hours: 2.3, delegates: 12 });
    const region = await orgIdByCode(t, '150000');
    expect((await t.request({ method: 'GET', url: url('html', { orgId: region }), cookie: tumed })).statusCode).toBe(404);
    // An information officer reads no figures.
    const officer = await t.login('tumed-officer');
    expect((await t.request({ method: 'GET', url: url('html', { orgId: await orgIdByCode(t, '150121100') }), cookie: officer })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: url('html') })).statusCode).toBe(401);
  });

  it('refuses a period that ends before it starts, in Chinese and English', async () => {
    const r = await t.request({ method: 'GET', url: `/api/indicators?from=${TO}&to=${FROM}`, cookie: admin });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('indicators.period');
    expect(r.json().error.messages.zh).toContain('开始日期');
  });

  it('gives the same report as a Word document with a vertical Mongolian section', async () => {
    const r = await t.request({ method: 'GET', url: url('docx'), cookie: admin });
    expect(r.statusCode, r.body).toBe(200);
    const zip = await JSZip.loadAsync(r.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('内蒙古自治区科学技术协会');
    expect(xml).toContain('w:textDirection w:val="tbLrV"');
    expect(xml).toContain('ᠠᠵᠢᠯ\u202fᠤᠨ ᠲᠠᠢᠯᠤᠨ');
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(5);
  });

  it('prints the report to PDF', async () => {
    const r = await t.request({ method: 'GET', url: url('pdf'), cookie: admin });
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(r.headers['content-disposition']).toContain('.pdf');
  }, 60_000);
});
