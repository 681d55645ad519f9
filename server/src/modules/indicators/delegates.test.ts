import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';
import { localDay } from '../../kernel/db/time.js';
import { dayAfter } from './queries.js';

// The delegates' composition figures are a query over the registry's delegates list: what an officer
// types into the list is what the report counts, within the period and the org's subtree.

let t: TestApp;
let tumed: string;
let banner: string;
const today = localDay();
const FROM = `${Number(today.slice(0, 4)) - 4}-01-01`;

beforeAll(async () => {
  t = await createTestApp();
  tumed = await t.login('tumed-admin');
  banner = await orgIdByCode(t, '150121');
});
afterAll(() => t.close());

interface Figure {
  key: string;
  value: number;
  ratio?: { done: number; total: number };
  parts?: { key: string; value: number }[];
  link: string;
}
async function figures(): Promise<Record<string, Figure>> {
  const r = await t.request({ method: 'GET', url: `/api/indicators?orgId=${banner}&from=${FROM}&to=${today}`, cookie: tumed });
  expect(r.statusCode, r.body).toBe(200);
  return Object.fromEntries((r.json().items as Figure[]).map((i) => [i.key, i]));
}
const add = (values: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/registry/delegates', cookie: tumed, body: { values } });
const delegate = (extra: Record<string, unknown>) => ({ org_id: banner, congress: '土默特左旗科学技术协会第五次代表大会', name: '其其格', gender: 'female', ethnicity: 'mongol', age_band: 'under_35', sector: 'grassroots', elected_on: today, ...extra });

describe('delegates’ composition', () => {
  it('counts the delegates entered in the list, by sector, women, Mongolians and minorities', async () => {
    const before = await figures();
    // The demo's banner congress: 12 delegates, last year.
    expect(before.delegates!.value).toBe(12);
    expect(before.delegates!.parts!.reduce((s, p) => s + p.value, 0)).toBe(12);
    expect(before.delegates!.link).toBe(`/registry/delegates?orgId=${banner}&elected_on_from=${FROM}&elected_on_to=${today}`);

    expect((await add(delegate({}))).statusCode).toBe(201);
    expect((await add(delegate({ name: '王海', gender: 'male', ethnicity: 'han', sector: 'enterprise' }))).statusCode).toBe(201);
    // Elected before the period: in the list, not in this report.
    expect((await add(delegate({ name: '巴特尔', elected_on: `${Number(FROM.slice(0, 4)) - 1}-06-01` }))).statusCode).toBe(201);

    const after = await figures();
    expect(after.delegates!.value).toBe(14);
    const sector = (f: Record<string, Figure>, k: string) => f.delegates!.parts!.find((p) => p.key === k)!.value;
    expect(sector(after, 'grassroots')).toBe(sector(before, 'grassroots') + 1);
    expect(sector(after, 'enterprise')).toBe(sector(before, 'enterprise') + 1);
    for (const [key, added] of [['delegates_women', 1], ['delegates_mongolian', 1], ['delegates_minority', 1]] as const) {
      const done = before[key]!.ratio!.done + added;
      expect(after[key]!.ratio).toEqual({ done, total: 14 });
      expect(after[key]!.value).toBe(Math.floor((done * 100) / 14));
    }
    expect(after.delegates_women!.link).toContain('gender=female');
  });

  it('refuses a delegate elected in the future, in Chinese and English, and writes nothing', async () => {
    const count = async () => (await t.db.kysely.selectFrom('reg_delegates').select('id').execute()).length;
    const n = await count();
    const r = await add(delegate({ name: '未来', elected_on: dayAfter(today) }));
    expect(r.statusCode).toBe(400);
    const problem = r.json().error.details.problems[0];
    expect(problem).toMatchObject({ field: 'elected_on', problem: 'date_in_future' });
    expect(problem.messages.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(problem.messages.en).toMatch(/[a-z]/);
    expect(await count()).toBe(n);
  });
});
