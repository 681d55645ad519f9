import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../kernel/db/time.js';
import en from '../../i18n/errors.en.json' with { type: 'json' };
import zh from '../../i18n/errors.zh-Hans.json' with { type: 'json' };
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';
import { DEMO_REFORM } from '../../seed/registry-demo.js';
import { LISTS } from './lists/index.js';
import { normalizeIdNumber } from './personal.js';

/**
 * The registry engine through its HTTP API, on SQLite and on PostgreSQL. Seed orgs: 土默特左旗 150121
 * (tumed-admin), 松山区 150404 under 赤峰市 150400 (chifeng-admin), 呼和浩特市 150100 (hohhot-editor
 * reads it, writes nothing), 农学会 S001 (agri-society-admin). The demo seed holds 60 reform tasks of
 * the region, 55 done.
 */
let t: TestApp;
let admin: string;
let tumed: string;
let chifeng: string;
let editor: string;
let officer: string;
let org: { tumed: string; songshan: string; region: string; society: string };

beforeAll(async () => {
  t = await createTestApp();
  [admin, tumed, chifeng, editor, officer] = (await Promise.all(['admin', 'tumed-admin', 'chifeng-admin', 'hohhot-editor', 'tumed-officer'].map((u) => t.login(u)))) as [string, string, string, string, string];
  const region = await t.db.kysely.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
  // A society without a registry row yet (every demo society has one).
  const s = await t.request({ method: 'POST', url: '/api/orgs', cookie: admin, body: { code: 'S900', kind: 'society', parentId: region.id, name: { zh: '内蒙古自治区测试学会' } } });
  expect(s.statusCode, s.body).toBe(201);
  org = { tumed: await orgIdByCode(t, '150121'), songshan: await orgIdByCode(t, '150404'), region: region.id, society: s.json().id };
}, 60_000);
afterAll(() => t.close());

const call = (method: string, url: string, cookie: string, body?: unknown, lang = 'zh-CN') => t.request({ method, url, cookie, body, headers: { 'accept-language': lang } });
const post = (cookie: string, list: string, values: Record<string, unknown>, lang?: string) => call('POST', `/api/registry/${list}`, cookie, { values }, lang);
const count = async (table: string) => (await t.db.kysely.selectFrom(table as 'reg_demands').select('id').execute()).length;
const audits = async (action: string) => (await t.db.kysely.selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;

/** A valid resident ID number for a birth date (GB 11643 check digit). */
function idNumber(birth: string, seq = '123'): string {
  const body = `150121${birth.replace(/-/g, '')}${seq}`;
  for (const c of '0123456789X') if (normalizeIdNumber(body + c)) return body + c;
  throw new Error('no check digit');
}
const yearsAgo = (n: number) => `${Number(localDay().slice(0, 4)) - n}${localDay().slice(4)}`;

describe('definitions', () => {
  it('give every list its own table with exactly its fields, on this dialect', async () => {
    const tables = await t.db.kysely.introspection.getTables();
    for (const def of LISTS) {
      const table = tables.find((x) => x.name === def.table);
      expect(table, def.table).toBeDefined();
      const expected = ['id', ...def.fields.map((f) => f.key), 'created_at', 'created_by', 'updated_at', 'updated_by'].sort();
      expect(table!.columns.map((c) => c.name).sort(), def.key).toEqual(expected);
      for (const f of def.fields) expect(table!.columns.find((c) => c.name === f.key)!.isNullable, `${def.key}.${f.key}`).toBe(!f.required);
    }
  });

  it('have a message in Chinese and English for every problem a list’s rules can report', () => {
    const dir = path.join(import.meta.dirname, 'lists');
    const codes = new Set<string>();
    for (const file of fs.readdirSync(dir)) for (const m of fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/problem: '(\w+)'/g)) codes.add(m[1]!);
    expect(codes.size).toBeGreaterThan(10);
    for (const c of codes) {
      expect(en, c).toHaveProperty([`registry.problem.${c}`]);
      expect(zh, c).toHaveProperty([`registry.problem.${c}`]);
    }
  });

  it('label every list, field and value in the three UI catalogs, with the same Chinese and English words', () => {
    const web = (lang: string) => JSON.parse(fs.readFileSync(path.join(import.meta.dirname, `../../../../web/src/i18n/${lang}.json`), 'utf8')) as Record<string, string>;
    const [webZh, webEn, webMn] = [web('zh-Hans'), web('en'), web('mn-Mong')];
    for (const def of LISTS) {
      const keys: [string, { zh: string; en: string }][] = [[`reg.${def.key}`, def]];
      for (const f of def.fields) {
        keys.push([`reg.${def.key}.${f.key}`, f]);
        if (f.type === 'enum') for (const v of f.values) keys.push([`reg.${def.key}.${f.key}.${v.key}`, v]);
      }
      for (const [k, label] of keys) {
        expect(webZh[k], k).toBe(label.zh);
        expect(webEn[k], k).toBe(label.en);
        expect(webMn[k], k).toMatch(/[\u1820-\u18AF]/);
      }
    }
  });
});

/** Per list: a valid row, and one with a mistake the list must name. */
const CASES: { list: string; valid: () => Record<string, unknown>; invalid: () => Record<string, unknown>; problems: [string, string][] }[] = [
  {
    list: 'societies',
    valid: () => ({ org_id: org.society, members: 120, party_org: 'own', secretary_general: '测试', phone: '139 1234 5678' }),
    invalid: () => ({ org_id: org.society, members: -1, party_org: 'via_department' }),
    problems: [
      ['members', 'out_of_range'],
      ['supervisor', 'supervisor_required'],
    ],
  },
  {
    list: 'society_meetings',
    valid: () => ({ org_id: org.society, year: 2025, kind: 'annual', held_on: '2025-05-01', attendance: 80 }),
    invalid: () => ({ org_id: org.society, year: 2025, kind: 'annual', held_on: '2024-05-01' }),
    problems: [['held_on', 'year_mismatch']],
  },
  {
    list: 'grassroots',
    valid: () => ({ org_id: org.tumed, name: '测试种植协会', kind: 'rural_association', founded_on: '2025-01-02' }),
    invalid: () => ({ org_id: org.tumed, name: '测试协会2', kind: 'rural_association', founded_on: '2025-02-30' }),
    problems: [['founded_on', 'bad_date']],
  },
  {
    list: 'heads',
    valid: () => ({ org_id: org.tumed, person: '测试校长', institution_kind: 'school', institution: '某校', post: '委员', id_number: idNumber('1975-04-03') }),
    invalid: () => ({ org_id: org.tumed, person: '测试', institution_kind: 'school', institution: '某校', post: '委员', id_number: '150121197504031230' }),
    problems: [['id_number', 'bad_id_number']],
  },
  {
    list: 'reform_tasks',
    valid: () => ({ org_id: org.tumed, task_no: 'T-01', title: '测试任务', status: 'in_progress', progress: 50 }),
    invalid: () => ({ org_id: org.tumed, task_no: 'T-02', title: '测试任务', status: 'done', progress: 80 }),
    problems: [
      ['progress', 'progress_done'],
      ['evidence', 'evidence_required'],
    ],
  },
  {
    list: 'gov_functions',
    valid: () => ({ org_id: org.society, function_name: '培训', department: '某厅', kind: 'training', status: 'ongoing' }),
    invalid: () => ({ org_id: org.tumed, function_name: '培训', department: '某厅', kind: 'training', status: 'ongoing' }),
    problems: [['org_id', 'org_kind']],
  },
  {
    list: 'talent',
    valid: () => ({ org_id: org.tumed, candidate: '某人', programme: 'award', year: 2025, stage: 'nominated' }),
    invalid: () => ({ org_id: org.tumed, candidate: '某人', programme: 'award', year: 2025, stage: 'decided' }),
    problems: [['result', 'result_required']],
  },
  {
    list: 'workstations',
    valid: () => ({ org_id: org.tumed, name: '测试工作站', kind: 'overseas', host: '某企业', experts: 3 }),
    invalid: () => ({ org_id: org.tumed, name: '测试工作站2', kind: 'moon', host: '某企业' }),
    problems: [['kind', 'bad_enum']],
  },
  {
    list: 'service_stations',
    valid: () => ({ org_id: org.tumed, name: '测试服务站', host: '某园区', benefit: 12.345, firms_served: 4 }),
    invalid: () => ({ org_id: org.tumed, name: '测试服务站2', host: '某园区', firms_served: 1.5 }),
    problems: [['firms_served', 'bad_integer']],
  },
  {
    list: 'demands',
    valid: () => ({ org_id: org.tumed, enterprise: '某企业', title: '某难题', posted_on: '2025-01-01', status: 'posted', phone: '13900001111' }),
    invalid: () => ({ org_id: org.tumed, enterprise: '某企业', title: '某难题', posted_on: '2025-01-01', status: 'solved', cost_saved: 3 }),
    problems: [
      ['experts', 'experts_required'],
      ['solved_on', 'solved_on_required'],
    ],
  },
  {
    list: 'competitions',
    valid: () => ({ org_id: org.tumed, competition: 'youth_robotics', year: 2025, entry_title: '测试作品', participant: '小明', birth_date: yearsAgo(16), stage: 'entered' }),
    invalid: () => ({ org_id: org.tumed, competition: 'youth_robotics', year: 2025, entry_title: '测试作品', participant: '小红', birth_date: yearsAgo(10), stage: 'entered' }),
    problems: [
      ['guardian', 'consent_required'],
      ['guardian_consent', 'consent_required'],
      ['consent_on', 'consent_required'],
    ],
  },
  {
    list: 'academic_events',
    valid: () => ({ org_id: org.tumed, name: '测试论坛', kind: 'forum', starts_on: '2025-05-02', ends_on: '2025-05-03' }),
    invalid: () => ({ org_id: org.tumed, name: '测试论坛', kind: 'forum', starts_on: '2025-05-02', ends_on: '2025-05-01' }),
    problems: [['ends_on', 'date_before']],
  },
];

describe('writing a row', () => {
  it.each(CASES.map((c, i) => [`${c.list} #${i}`, c] as const))('%s: a valid row is stored; a wrong one names each problem in Chinese and English and writes nothing', async (_name, c) => {
    const table = LISTS.find((l) => l.key === c.list)!.table;
    const before = await count(table);
    const bad = await post(admin, c.list, c.invalid(), 'en');
    expect(bad.statusCode, bad.body).toBe(400);
    const err = bad.json().error;
    expect(err.code).toBe('registry.invalid');
    expect(err.details.problems.map((p: { field: string; problem: string }) => [p.field, p.problem])).toEqual(c.problems);
    for (const p of err.details.problems) {
      expect(p.messages.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.messages.en).toMatch(/[a-z]/);
      expect(p.message).toBe(p.messages.en);
    }
    expect(await count(table)).toBe(before);
    const ok = await post(admin, c.list, c.valid());
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await count(table)).toBe(before + 1);
  });

  it('refuses missing required fields, unknown fields and wrong types, all at once', async () => {
    const res = await post(admin, 'grassroots', { org_id: org.tumed, colour: 'red', members: 'many' });
    expect(res.statusCode).toBe(400);
    const problems = res.json().error.details.problems.map((p: { field: string; problem: string }) => `${p.field}:${p.problem}`);
    expect(problems).toEqual(['members:bad_integer', 'colour:unknown_field', 'name:required', 'kind:required', 'founded_on:required']);
    const missing = await post(admin, 'grassroots', { org_id: org.tumed });
    expect(missing.json().error.details.problems.map((p: { field: string; problem: string }) => `${p.field}:${p.problem}`)).toEqual(['name:required', 'kind:required', 'founded_on:required']);
    expect(missing.json().error.message).toContain('名称不能为空');
  });

  it('stores values in their canonical form', async () => {
    const res = await post(admin, 'service_stations', { org_id: org.tumed, name: ' 规范化 服务站 ', host: '某园区', benefit: 2.346, established_on: '2024-03-05' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().values).toMatchObject({ name: '规范化 服务站', benefit: 2.35, established_on: '2024-03-05', firms_served: null });
    expect(res.json().orgs[org.tumed]).toMatchObject({ code: '150121' });
  });

  it('keeps a key unique per org: a second row with the same key is refused', async () => {
    const first = await post(tumed, 'reform_tasks', { org_id: org.tumed, task_no: 'DUP-1', title: 'a', status: 'not_started' });
    expect(first.statusCode, first.body).toBe(201);
    const again = await post(tumed, 'reform_tasks', { org_id: org.tumed, task_no: 'DUP-1', title: 'b', status: 'not_started' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.problems[0]).toMatchObject({ field: 'task_no', problem: 'duplicate' });
    // The same number in another org is another task.
    expect((await post(admin, 'reform_tasks', { org_id: org.songshan, task_no: 'DUP-1', title: 'c', status: 'not_started' })).statusCode).toBe(201);
  });

  it('answers 404 for a list that does not exist', async () => {
    const res = await call('GET', '/api/registry/nonsense', admin);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('registry.unknown_list');
  });
});

describe('scope', () => {
  let songshanRow: string;
  let tumedRow: string;
  beforeAll(async () => {
    const a = await post(chifeng, 'demands', { org_id: org.songshan, enterprise: '赤峰某厂', title: '松山区的难题', posted_on: '2025-02-01', status: 'posted', phone: '13800001234' });
    expect(a.statusCode, a.body).toBe(201);
    songshanRow = a.json().id;
    const b = await post(tumed, 'demands', { org_id: org.tumed, enterprise: '土左某厂', title: '土左的难题', posted_on: '2025-02-01', status: 'posted' });
    expect(b.statusCode, b.body).toBe(201);
    tumedRow = b.json().id;
  });

  it('a banner admin sees only their banner’s rows, and cannot read, change or delete another banner’s', async () => {
    const list = await call('GET', '/api/registry/demands?limit=500', tumed);
    const titles = list.json().items.map((r: { values: { title: string } }) => r.values.title);
    expect(titles).toContain('土左的难题');
    expect(titles).not.toContain('松山区的难题');
    for (const r of list.json().items) expect(r.orgId).toBe(org.tumed);
    const before = await t.db.kysely.selectFrom('reg_demands').selectAll().where('id', '=', songshanRow).executeTakeFirstOrThrow();
    for (const [method, url, body] of [
      ['GET', `/api/registry/demands/${songshanRow}`, undefined],
      ['GET', `/api/registry/demands/${songshanRow}/history`, undefined],
      ['GET', `/api/registry/demands/${songshanRow}/personal`, undefined],
      ['PATCH', `/api/registry/demands/${songshanRow}`, { values: { title: '改掉' } }],
      ['DELETE', `/api/registry/demands/${songshanRow}`, undefined],
    ] as const) {
      const res = await call(method, url, tumed, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect(await t.db.kysely.selectFrom('reg_demands').selectAll().where('id', '=', songshanRow).executeTakeFirstOrThrow()).toEqual(before);
    // Putting a row into another banner, or moving one there, looks like an unknown org.
    const create = await post(tumed, 'demands', { org_id: org.songshan, enterprise: 'x', title: 'y', posted_on: '2025-02-01', status: 'posted' });
    expect(create.statusCode).toBe(400);
    expect(create.json().error.details.problems[0]).toMatchObject({ field: 'org_id', problem: 'org_not_found' });
    const move = await call('PATCH', `/api/registry/demands/${tumedRow}`, tumed, { values: { org_id: org.songshan } });
    expect(move.statusCode).toBe(400);
    expect((await call('GET', `/api/registry/demands/${tumedRow}`, tumed)).json().orgId).toBe(org.tumed);
  });

  it('filters by an org inside the scope and refuses one outside it', async () => {
    const inside = await call('GET', `/api/registry/demands?orgId=${org.tumed}`, admin);
    expect(inside.json().items.every((r: { orgId: string }) => r.orgId === org.tumed)).toBe(true);
    expect((await call('GET', `/api/registry/demands?orgId=${org.songshan}`, tumed)).statusCode).toBe(404);
  });

  it('lets readers read but not write, and people with no role there read nothing', async () => {
    const hohhot = await post(admin, 'academic_events', { org_id: await orgIdByCode(t, '150100'), name: '呼市论坛', kind: 'forum', starts_on: '2025-06-01' });
    expect(hohhot.statusCode).toBe(201);
    const read = await call('GET', `/api/registry/academic_events/${hohhot.json().id}`, editor);
    expect(read.statusCode).toBe(200);
    expect(read.json().canWrite).toBe(false);
    expect((await call('PATCH', `/api/registry/academic_events/${hohhot.json().id}`, editor, { values: { name: '改' } })).statusCode).toBe(403);
    expect((await post(editor, 'academic_events', { org_id: await orgIdByCode(t, '150100'), name: 'x', kind: 'forum', starts_on: '2025-06-01' })).statusCode).toBe(403);
    // An officer of a township sees no row of the banner above it.
    const officers = await call('GET', '/api/registry/demands', officer);
    expect(officers.statusCode).toBe(200);
    expect(officers.json().items).toEqual([]);
    expect((await call('GET', `/api/registry/demands/${tumedRow}`, officer)).statusCode).toBe(404);
  });

  it('lets a society’s own admin keep its row, and nobody else’s', async () => {
    const society = await t.login('agri-society-admin');
    const rows = await call('GET', '/api/registry/societies', society);
    expect(rows.json().items).toHaveLength(1);
    expect(rows.json().orgs[rows.json().items[0].orgId].code).toBe('S001');
    const res = await call('PATCH', `/api/registry/societies/${rows.json().items[0].id}`, society, { values: { members: 999 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().values.members).toBe(999);
  });

  it('counts in the index only what the caller sees', async () => {
    const mine = (await call('GET', '/api/registry', tumed)).json() as { key: string; count: number; canWrite: boolean }[];
    const all = (await call('GET', '/api/registry', admin)).json() as { key: string; count: number }[];
    const demands = (xs: { key: string; count: number }[]) => xs.find((x) => x.key === 'demands')!.count;
    expect(demands(mine)).toBe((await t.db.kysely.selectFrom('reg_demands').select('id').where('org_id', '=', org.tumed).execute()).length);
    expect(demands(all)).toBe(await count('reg_demands'));
    expect(mine.find((x) => x.key === 'reform_tasks')!.canWrite).toBe(true);
    expect(((await call('GET', '/api/registry', editor)).json() as { canWrite: boolean }[]).every((x) => !x.canWrite)).toBe(true);
  });
});

describe('history and audit', () => {
  it('records every change with who, when, before and after, also after the row is deleted', async () => {
    const created = await post(tumed, 'demands', { org_id: org.tumed, enterprise: '历史测试厂', title: '原题', posted_on: '2025-03-01', status: 'posted', phone: '13912340000' });
    const id = created.json().id;
    const updated = await call('PATCH', `/api/registry/demands/${id}`, tumed, { values: { status: 'matched', experts: '某专家', phone: '13912349999' } });
    expect(updated.statusCode, updated.body).toBe(200);
    const history = (await call('GET', `/api/registry/demands/${id}/history`, tumed)).json();
    expect(history.map((h: { action: string }) => h.action)).toEqual(['update', 'create']);
    expect(history[0]).toMatchObject({ actor: { name: '土默特左旗科协管理员' }, before: { status: 'posted', experts: null }, after: { status: 'matched', experts: '某专家' } });
    expect(history[0].changed).toEqual(['status', 'experts', 'phone']);
    // Personal values are kept masked in the history.
    expect(history[0].before.phone).toBe('139****0000');
    expect(history[0].after.phone).toBe('139****9999');
    expect(JSON.stringify(history)).not.toContain('13912349999');
    expect((await call('DELETE', `/api/registry/demands/${id}`, tumed)).statusCode).toBe(204);
    expect((await call('GET', `/api/registry/demands/${id}`, tumed)).statusCode).toBe(404);
    const after = (await call('GET', `/api/registry/demands/${id}/history`, tumed)).json();
    expect(after.map((h: { action: string }) => h.action)).toEqual(['delete', 'update', 'create']);
    expect((await call('GET', `/api/registry/demands/${id}/history`, chifeng)).statusCode).toBe(404);
    const log = await t.db.kysely.selectFrom('audit_log').select(['action', 'after_json']).where('entity_id', '=', id).orderBy('at').execute();
    expect(log.map((a) => a.action)).toEqual(['registry.demands.create', 'registry.demands.update', 'registry.demands.delete']);
    expect(log.map((a) => a.after_json ?? '').join()).not.toContain('1391234');
  });

  it('refuses a status change the list does not allow, and an edit based on a stale copy', async () => {
    const created = (await post(tumed, 'demands', { org_id: org.tumed, enterprise: '流程厂', title: '流程', posted_on: '2025-03-01', status: 'posted' })).json();
    const skip = await call('PATCH', `/api/registry/demands/${created.id}`, tumed, { values: { status: 'solved', experts: 'x', solved_on: '2025-04-01' } }, 'en');
    expect(skip.statusCode).toBe(400);
    expect(skip.json().error.details.problems[0]).toMatchObject({ field: 'status', problem: 'bad_transition' });
    expect(skip.json().error.details.problems[0].messages.zh).toContain('不能从“已发布”改为“已解决”');
    const matched = await call('PATCH', `/api/registry/demands/${created.id}`, tumed, { values: { status: 'matched', experts: 'x' }, expectedUpdatedAt: created.updatedAt });
    expect(matched.statusCode, matched.body).toBe(200);
    const stale = await call('PATCH', `/api/registry/demands/${created.id}`, tumed, { values: { title: '旧' }, expectedUpdatedAt: created.updatedAt });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('registry.stale');
    const solved = await call('PATCH', `/api/registry/demands/${created.id}`, tumed, { values: { status: 'solved', solved_on: '2025-05-01', cost_saved: 30 } });
    expect(solved.statusCode, solved.body).toBe(200);
    expect(solved.json().values).toMatchObject({ status: 'solved', cost_saved: 30 });
  });
});

describe('personal data', () => {
  let id: string;
  const phone = '13987654321';
  const idNo = idNumber('1970-02-03', '456');
  beforeAll(async () => {
    const res = await post(tumed, 'heads', { org_id: org.tumed, person: '掩码测试', institution_kind: 'hospital', institution: '某医院', post: '常委', phone, id_number: idNo });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
  });

  it('is masked in lists, single rows and exports, for everyone', async () => {
    for (const cookie of [tumed, admin]) {
      const row = (await call('GET', `/api/registry/heads/${id}`, cookie)).json();
      expect(row.values.phone).toBe('139****4321');
      expect(row.values.id_number).toBe(`150121********${idNo.slice(-4)}`);
      expect(row.masked.sort()).toEqual(['id_number', 'phone']);
      const list = await call('GET', '/api/registry/heads?limit=500', cookie);
      expect(list.body).not.toContain(phone);
      expect(list.body).not.toContain(idNo);
      const csv = await call('GET', '/api/registry/heads/export?format=csv', cookie);
      expect(csv.statusCode).toBe(200);
      expect(csv.body).toContain('139****4321');
      expect(csv.body).not.toContain(phone);
      expect(csv.body).not.toContain(idNo);
    }
  });

  it('shows in full only to those who write the row, through an audited request', async () => {
    const before = await audits('registry.heads.personal');
    const res = await call('GET', `/api/registry/heads/${id}/personal`, tumed);
    expect(res.statusCode).toBe(200);
    expect(res.json().values).toEqual({ phone, id_number: idNo });
    expect(await audits('registry.heads.personal')).toBe(before + 1);
    const hohhotRow = await post(admin, 'heads', { org_id: await orgIdByCode(t, '150100'), person: '呼市', institution_kind: 'school', institution: '某校', post: '委员', phone });
    expect((await call('GET', `/api/registry/heads/${hohhotRow.json().id}/personal`, editor)).statusCode).toBe(403);
    expect(await audits('registry.heads.personal')).toBe(before + 1);
  });

  it('is left as it was when an edit sends the masked value back', async () => {
    const row = (await call('GET', `/api/registry/heads/${id}`, tumed)).json();
    const res = await call('PATCH', `/api/registry/heads/${id}`, tumed, { values: { ...row.values, post: '副主席' } });
    expect(res.statusCode, res.body).toBe(200);
    const stored = await t.db.kysely.selectFrom('reg_heads').select(['phone', 'id_number', 'post']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ phone, id_number: idNo, post: '副主席' });
  });

  it('keeps an under-14 participant out until a guardian’s consent is recorded', async () => {
    const child = { org_id: org.tumed, competition: 'youth_robotics', year: 2026, entry_title: '小车', participant: '小朋友', birth_date: yearsAgo(12), stage: 'entered' };
    const before = await count('reg_competitions');
    const refused = await post(tumed, 'competitions', { ...child, guardian: '家长', guardian_consent: false, consent_on: localDay() });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.problems.map((p: { field: string }) => p.field)).toEqual(['guardian_consent']);
    expect(refused.json().error.message).toContain('未满 14 周岁');
    expect(await count('reg_competitions')).toBe(before);
    const ok = await post(tumed, 'competitions', { ...child, guardian: '家长', guardian_consent: true, consent_on: localDay() });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().values.participant).toBe('小**');
    expect(ok.json().values.birth_date).toMatch(/^\d{4}-\*\*-\*\*$/);
    // Withdrawing the consent later is refused the same way.
    const withdraw = await call('PATCH', `/api/registry/competitions/${ok.json().id}`, tumed, { values: { guardian_consent: false } });
    expect(withdraw.statusCode).toBe(400);
  });
});

describe('filters and summary', () => {
  it('gives the report’s reform figure from the rows: done of all = %, per scope', async () => {
    const region = (await call('GET', '/api/registry/reform_tasks/summary', admin)).json();
    const rows = await t.db.kysely.selectFrom('reg_reform_tasks').select('status').execute();
    const done = rows.filter((r) => r.status === 'done').length;
    expect(region.headline).toEqual({ field: 'status', value: 'done', count: done, total: rows.length, percent: Math.floor((done * 100) / rows.length) });
    // The seeded plan alone (its task numbers GG-01 … GG-60): 55 of 60 = 91 %, as the report says.
    const plan = (await call('GET', '/api/registry/reform_tasks/summary?q=GG-', admin)).json();
    expect(plan.headline).toMatchObject({ count: DEMO_REFORM.done, total: DEMO_REFORM.total, percent: 91 });
    // A banner sees its own tasks only: 3 of its 4 done = 75 %.
    const banner = await t.db.kysely.selectFrom('reg_reform_tasks').select('id').where('org_id', '=', org.tumed).execute();
    for (const r of banner) await call('DELETE', `/api/registry/reform_tasks/${r.id}`, tumed);
    for (let i = 1; i <= 4; i++) {
      const res = await post(tumed, 'reform_tasks', { org_id: org.tumed, task_no: `B-${i}`, title: `旗任务${i}`, status: i < 4 ? 'done' : 'in_progress', progress: i < 4 ? 100 : 30, evidence: i < 4 ? '文件' : null });
      expect(res.statusCode, res.body).toBe(201);
    }
    const mine = (await call('GET', '/api/registry/reform_tasks/summary', tumed)).json();
    expect(mine.headline).toMatchObject({ count: 3, total: 4, percent: 75 });
    expect(mine.byEnum.status).toEqual({ done: 3, in_progress: 1 });
  });

  it('sums cost saved and counts awards by level in scope', async () => {
    const s = (await call('GET', '/api/registry/demands/summary?status=solved', admin)).json();
    const solved = await t.db.kysely.selectFrom('reg_demands').select('cost_saved').where('status', '=', 'solved').execute();
    expect(s.total).toBe(solved.length);
    expect(s.sums.cost_saved).toBeCloseTo(solved.reduce((a, r) => a + (r.cost_saved ?? 0), 0), 5);
    const awards = (await call('GET', '/api/registry/competitions/summary', admin)).json();
    const rows = await t.db.kysely.selectFrom('reg_competitions').select('award_level').execute();
    expect(awards.byEnum.award_level.national).toBe(rows.filter((r) => r.award_level === 'national').length);
    expect(awards.byEnum.award_level.regional).toBe(rows.filter((r) => r.award_level === 'regional').length);
  });

  it('filters by enum, by date range ("new since") and text, and refuses unknown filters', async () => {
    const since = (await call('GET', '/api/registry/grassroots?founded_on_from=2025-01-01&limit=500', admin)).json();
    expect(since.items.length).toBeGreaterThan(0);
    for (const r of since.items) expect(r.values.founded_on >= '2025-01-01').toBe(true);
    const all = await t.db.kysely.selectFrom('reg_grassroots').select('founded_on').execute();
    expect(since.total).toBe(all.filter((r) => r.founded_on >= '2025-01-01').length);
    const rural = (await call('GET', '/api/registry/grassroots?kind=rural_association&limit=500', admin)).json();
    expect(rural.items.every((r: { values: { kind: string } }) => r.values.kind === 'rural_association')).toBe(true);
    const text = (await call('GET', `/api/registry/grassroots?q=${encodeURIComponent('肉牛')}`, admin)).json();
    expect(text.items.map((r: { values: { name: string } }) => r.values.name)).toEqual(['松山区肉牛养殖技术协会']);
    expect((await call('GET', '/api/registry/grassroots?colour=red', admin)).statusCode).toBe(400);
    expect((await call('GET', '/api/registry/heads?phone=139', admin)).statusCode).toBe(400);
    expect((await call('GET', '/api/registry/grassroots?founded_on_from=yesterday', admin)).statusCode).toBe(400);
  });
});
