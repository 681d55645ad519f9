import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { ROLES, type Role } from '../kernel/scope/roles.js';
import sharp from 'sharp';
import { createTestApp, orgIdByCode, type TestApp } from '../test/harness.js';
import { multipartFile } from '../test/multipart.js';

/**
 * Every role, granted at each level of the tree, tries to read and change another banner's data.
 * Every attempt must be refused (403 or 404) and leave the database exactly as it was.
 */
const LEVELS = [
  { level: 'league', code: '150100' }, // 呼和浩特市
  { level: 'banner', code: '150102' }, // 新城区
  { level: 'township', code: '150121100' }, // 察素齐镇
  { level: 'society', code: 'S001' }, // 农学会
] as const;
/** 松山区 in 赤峰市: outside every level above. */
const TARGET_BANNER = '150404';

let t: TestApp;
const cookies = new Map<string, string>();
let target: { banner: string; township: string; user: string; resource: string; media: string; volunteer: string; activity: string; reform: string; station: string };

async function fingerprint(): Promise<string> {
  const k = t.db.kysely;
  const orgs = await k.selectFrom('orgs').select(['id', 'code', 'name_zh', 'name_mn', 'parent_id']).orderBy('id').execute();
  const users = await k.selectFrom('users').select(['id', 'username', 'org_id', 'status']).orderBy('id').execute();
  const grants = await k.selectFrom('role_grants').select(['user_id', 'org_id', 'role']).orderBy('id').execute();
  const versions = await k.selectFrom('resource_versions').select(['id', 'title', 'status', 'revision']).orderBy('id').execute();
  const comments = await k.selectFrom('resource_comments').select('id').orderBy('id').execute();
  const volunteers = await k.selectFrom('volunteers').selectAll().orderBy('id').execute();
  const activities = await k.selectFrom('activities').selectAll().orderBy('id').execute();
  const signups = await k.selectFrom('activity_signups').selectAll().orderBy('id').execute();
  const reform = await k.selectFrom('reg_reform_tasks').selectAll().orderBy('id').execute();
  const stations = await k.selectFrom('stations').selectAll().orderBy('id').execute();
  return createHash('sha256')
    .update(JSON.stringify([orgs, users, grants, versions, comments, volunteers, activities, signups, reform, stations]))
    .digest('hex');
}

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.login('admin');
  for (const { level, code } of LEVELS) {
    const orgId = await orgIdByCode(t, code);
    for (const role of ROLES) {
      const username = `m-${level}-${role}`;
      const res = await t.request({ method: 'POST', url: '/api/users', cookie: admin, body: { username, password: 'matrix-pass-1', orgId } });
      expect(res.statusCode).toBe(201);
      const grant = await t.request({ method: 'POST', url: `/api/users/${res.json().id}/roles`, cookie: admin, body: { orgId, role } });
      expect(grant.statusCode).toBe(201);
      cookies.set(username, await t.login(username, 'matrix-pass-1'));
    }
  }
  const chifeng = await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'chifeng-admin').executeTakeFirstOrThrow();
  const township = await t.db.kysely
    .selectFrom('orgs')
    .select('id')
    .where('code', 'like', `${TARGET_BANNER}%`)
    .where('kind', '=', 'township')
    .executeTakeFirstOrThrow();
  const banner = await orgIdByCode(t, TARGET_BANNER);
  const created = await t.request({
    method: 'POST',
    url: '/api/resources',
    cookie: await t.login('chifeng-admin'),
    body: { orgId: banner, kind: 'article', versions: [{ lang: 'zh-Hans', title: '松山区草稿', body: '<p>未发布</p>' }] },
  });
  expect(created.statusCode).toBe(201);
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).png().toBuffer();
  const { payload, headers } = multipartFile('file', 'private.png', png, 'image/png');
  const uploaded = await t.app.inject({ method: 'POST', url: `/api/media?orgId=${banner}`, payload, headers: { ...headers, cookie: await t.login('chifeng-admin') } });
  expect(uploaded.statusCode).toBe(201);
  // A volunteer, an activity, a reform task and an e-station of the other banner.
  const chifengAdmin = await t.login('chifeng-admin');
  const post = async (url: string, body: unknown) => {
    const res = await t.request({ method: 'POST', url, cookie: chifengAdmin, body });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(201);
    return res.json().id as string;
  };
  const volunteer = await post('/api/volunteers', { orgId: banner, name: '松山志愿者', phone: '13847100777', languages: ['zh'] });
  const activity = await post('/api/activities', {
    orgId: banner,
    kind: 'lecture',
    title: { zh: '松山区科普讲座', mn: null },
    placeOrgId: township.id,
    placeText: '文化站',
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + 90_000_000).toISOString(),
    capacity: 30,
    audience: 'public',
    language: 'zh',
  });
  const reform = await post('/api/registry/reform_tasks', { values: { org_id: banner, task_no: 'SS-1', title: '松山区改革任务', status: 'in_progress' } });
  const station = await post('/api/stations', { code: 'SS-E1', name: { zh: '松山区e站' }, orgId: township.id, kind: 'kiosk' });
  target = { banner, township: township.id, user: chifeng.id, resource: created.json().id, media: uploaded.json().url, volunteer, activity, reform, station };
}, 120_000);
afterAll(() => t.close());

const refused = (status: number) => status === 403 || status === 404;

describe.each(LEVELS.flatMap(({ level }) => ROLES.map((role) => ({ level, role: role as Role }))))(
  '$role at $level level against another banner',
  ({ level, role }) => {
    it('is refused everything and changes nothing', async () => {
      const cookie = cookies.get(`m-${level}-${role}`)!;
      const before = await fingerprint();
      const attempts = [
        { method: 'GET', url: `/api/orgs/${target.banner}` },
        { method: 'GET', url: `/api/orgs/${target.township}` },
        { method: 'PATCH', url: `/api/orgs/${target.banner}`, body: { name: { zh: '被篡改' } } },
        { method: 'PATCH', url: `/api/orgs/${target.township}`, body: { code: 'HIJACK' } },
        { method: 'POST', url: '/api/orgs', body: { code: `X-${level}-${role}`, kind: 'township', parentId: target.banner, name: { zh: '越权' } } },
        { method: 'POST', url: '/api/users', body: { username: `x-${level}-${role}`, password: 'long-enough-1', orgId: target.banner } },
        { method: 'POST', url: `/api/users/${target.user}/roles`, body: { orgId: target.banner, role: 'admin' } },
        { method: 'POST', url: `/api/users/${target.user}/roles`, body: { orgId: await orgIdByCode(t, LEVELS[0].code), role: 'member' } },
        { method: 'GET', url: `/api/resources/${target.resource}` },
        { method: 'PUT', url: `/api/resources/${target.resource}/versions/zh-Hans`, body: { title: '篡改', body: '<p>x</p>', baseRevision: 1 } },
        { method: 'POST', url: `/api/resources/${target.resource}/versions/zh-Hans/transition`, body: { to: 'in_review' } },
        { method: 'POST', url: `/api/resources/${target.resource}/versions/zh-Hans/comments`, body: { body: '越权评论' } },
        { method: 'GET', url: `/api/resources/${target.resource}/versions/zh-Hans/revisions` },
        { method: 'POST', url: '/api/resources', body: { orgId: target.banner, kind: 'article', versions: [{ lang: 'zh-Hans', title: '越权', body: 'x' }] } },
        { method: 'GET', url: target.media },
        { method: 'GET', url: `/api/volunteers/${target.volunteer}` },
        { method: 'GET', url: `/api/volunteers/${target.volunteer}/personal` },
        { method: 'PATCH', url: `/api/volunteers/${target.volunteer}`, body: { name: '篡改' } },
        { method: 'POST', url: `/api/volunteers/${target.volunteer}/reject`, body: { reason: '越权' } },
        { method: 'GET', url: `/api/activities/${target.activity}` },
        { method: 'PATCH', url: `/api/activities/${target.activity}`, body: { capacity: 1 } },
        { method: 'GET', url: `/api/activities/${target.activity}/signups` },
        { method: 'POST', url: `/api/activities/${target.activity}/signups`, body: { volunteerId: target.volunteer } },
        { method: 'GET', url: `/api/registry/reform_tasks/${target.reform}` },
        { method: 'GET', url: `/api/registry/reform_tasks/${target.reform}/history` },
        { method: 'PATCH', url: `/api/registry/reform_tasks/${target.reform}`, body: { values: { org_id: target.banner, task_no: 'SS-1', title: '篡改', status: 'done' } } },
        { method: 'DELETE', url: `/api/registry/reform_tasks/${target.reform}` },
        // The row's org is a field of the form: out of reach it is reported like an unknown org (400).
        { method: 'POST', url: '/api/registry/reform_tasks', body: { values: { org_id: target.banner, task_no: `X-${level}-${role}`, title: '越权', status: 'done' } }, orgField: true },
        { method: 'GET', url: `/api/stations/${target.station}` },
        { method: 'GET', url: `/api/stations/${target.station}/contact` },
        { method: 'PATCH', url: `/api/stations/${target.station}`, body: { status: 'retired' } },
      ];
      for (const { orgField, ...a } of attempts as ((typeof attempts)[number] & { orgField?: boolean })[]) {
        const res = await t.request({ ...a, cookie });
        const ok = refused(res.statusCode) || (orgField === true && res.statusCode === 400 && JSON.stringify(res.json().error).includes('org'));
        expect(ok, `${a.method} ${a.url} → ${res.statusCode} ${res.body.slice(0, 200)}`).toBe(true);
      }
      // Lists never show the other banner's rows.
      const orgs = (await t.request({ method: 'GET', url: '/api/orgs', cookie })).json<{ id: string; code: string }[]>();
      expect(orgs.some((o) => o.code.startsWith(TARGET_BANNER))).toBe(false);
      const users = await t.request({ method: 'GET', url: '/api/users', cookie });
      expect(users.json<{ id: string }[]>().some((u) => u.id === target.user)).toBe(false);
      const audit = await t.request({ method: 'GET', url: '/api/audit', cookie });
      expect(audit.json<{ orgId: string | null }[]>().some((e) => e.orgId === target.banner)).toBe(false);
      const resources = (await t.request({ method: 'GET', url: '/api/resources', cookie })).json<{ items: { id: string }[] }>();
      expect(resources.items.some((r) => r.id === target.resource)).toBe(false);
      for (const url of ['/api/volunteers', '/api/activities', '/api/registry/reform_tasks', '/api/stations']) {
        const list = await t.request({ method: 'GET', url, cookie });
        const ids = list.statusCode === 200 ? list.json<{ items: { id: string }[] }>().items.map((x) => x.id) : [];
        expect(refused(list.statusCode) || list.statusCode === 200, `${url} → ${list.statusCode}`).toBe(true);
        expect(ids.filter((id) => [target.volunteer, target.activity, target.reform, target.station].includes(id)), url).toEqual([]);
      }
      expect(await fingerprint()).toBe(before);
    });
  },
);
