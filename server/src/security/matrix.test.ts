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
let target: { banner: string; township: string; user: string; resource: string; media: string };

async function fingerprint(): Promise<string> {
  const k = t.db.kysely;
  const orgs = await k.selectFrom('orgs').select(['id', 'code', 'name_zh', 'name_mn', 'parent_id']).orderBy('id').execute();
  const users = await k.selectFrom('users').select(['id', 'username', 'org_id', 'status']).orderBy('id').execute();
  const grants = await k.selectFrom('role_grants').select(['user_id', 'org_id', 'role']).orderBy('id').execute();
  const versions = await k.selectFrom('resource_versions').select(['id', 'title', 'status', 'revision']).orderBy('id').execute();
  const comments = await k.selectFrom('resource_comments').select('id').orderBy('id').execute();
  return createHash('sha256').update(JSON.stringify([orgs, users, grants, versions, comments])).digest('hex');
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
  target = { banner, township: township.id, user: chifeng.id, resource: created.json().id, media: uploaded.json().url };
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
      ];
      for (const a of attempts) {
        const res = await t.request({ ...a, cookie });
        expect(refused(res.statusCode), `${a.method} ${a.url} → ${res.statusCode}`).toBe(true);
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
      expect(await fingerprint()).toBe(before);
    });
  },
);
