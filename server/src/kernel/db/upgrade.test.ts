import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig, type Config } from '../../config.js';
import { allMigrations } from '../../migrations.js';
import { seedIfEmpty } from '../../seed/seed.js';
import { openTestDb } from '../../test/harness.js';
import { hashPassword } from '../auth/password.js';
import { upsertDocs } from '../search/index.js';
import type { Db } from './database.js';
import { migrateToLatest, type Migrations } from './migrate.js';

// An install made by an old Gerel, with data in it, upgraded to this code: every release's schema is
// a step on the way. The rows written in the old schemas (raw SQL shapes of that time, not today's
// stores) must survive, and the app built on the upgraded database must serve them.

/** The migrations of the first commit (7dd0ceb): kernel, orgs, users. */
const FIRST_RELEASE = ['20261128_0900_kernel', '20261128_1000_orgs', '20261128_1100_users'];
/** …of fb79a99 (content, search, media, stations, officers, events). */
const EVENTS_RELEASE = [...FIRST_RELEASE, '20261128_1200_search', '20261128_1300_content', '20261128_1400_media', '20261128_1500_stations', '20261128_1510_officers', '20261128_1520_events'];
/**
 * …of add901e (issue 6). Migrations written later by other modules sort before its newest ones
 * (20261128_2200_messaging < 20261201_1000_volunteers): the upgrade must still run them.
 */
const ISSUE6_RELEASE = [...EVENTS_RELEASE, '20261129_0900_event_rollups_by_org', '20261130_1000_officers_attribution', '20261201_1000_volunteers', '20261201_1010_activities', '20261201_1100_registry'];

const only = (names: string[]): Migrations => {
  for (const n of names) if (!(n in allMigrations)) throw new Error(`no migration ${n}`);
  return Object.fromEntries(names.map((n) => [n, allMigrations[n]!]));
};

/** The database as an old release saw it: tables by name, rows as plain objects. */
type OldDb = Kysely<Record<string, Record<string, unknown>>>;
const PASSWORD = 'an-old-install-1';
const T0 = '2026-01-15T08:00:00.000Z';
const ids = {
  region: '00000000-0000-4000-8000-000000000001',
  league: '00000000-0000-4000-8000-000000000002',
  admin: '00000000-0000-4000-8000-000000000011',
  editor: '00000000-0000-4000-8000-000000000012',
  resource: '00000000-0000-4000-8000-000000000021',
  version: '00000000-0000-4000-8000-000000000022',
  station: '00000000-0000-4000-8000-000000000031',
};

let db: Db;
let drop: () => Promise<void>;
let dataDir: string;
const old = () => db.kysely as unknown as OldDb;
const count = async (table: string) => Number((await old().selectFrom(table).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function appOn(database: Db) {
  const config: Config = { ...loadConfig({ NODE_ENV: 'test' }), webDist: '/nonexistent', dataDir, loginRateLimit: 1000, schedulerIntervalMs: 0 };
  const { app } = await buildApp(config, database);
  await app.ready();
  return app;
}

beforeAll(async () => {
  ({ db, drop } = await openTestDb());
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerel-upgrade-'));
});
afterAll(async () => {
  await drop?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('upgrading an old install with data in it', () => {
  it('runs the first release, then each later one, then this code, keeping every row', async () => {
    expect(await migrateToLatest(db, only(FIRST_RELEASE))).toEqual(FIRST_RELEASE);
    const hash = await hashPassword(PASSWORD);
    await old().insertInto('orgs').values([
      { id: ids.region, code: '150000', kind: 'region', parent_id: null, path: `/${ids.region}/`, depth: 0, name_zh: '内蒙古自治区科学技术协会', name_mn: 'ᠥᠪᠦᠷ ᠮᠣᠩᠭᠣᠯ', created_at: T0, updated_at: T0 },
      { id: ids.league, code: '150100', kind: 'league', parent_id: ids.region, path: `/${ids.region}/${ids.league}/`, depth: 1, name_zh: '呼和浩特市科学技术协会', name_mn: null, created_at: T0, updated_at: T0 },
    ]).execute();
    await old().insertInto('users').values([
      { id: ids.admin, username: 'old-admin', display_name: '老管理员', password_hash: hash, org_id: ids.region, status: 'active', failed_logins: 0, locked_until: null, created_at: T0, updated_at: T0 },
      { id: ids.editor, username: 'old-editor', display_name: '老编辑', password_hash: hash, org_id: ids.league, status: 'active', failed_logins: 0, locked_until: null, created_at: T0, updated_at: T0 },
    ]).execute();
    await old().insertInto('role_grants').values([
      { id: '00000000-0000-4000-8000-000000000101', user_id: ids.admin, org_id: ids.region, role: 'admin', created_at: T0, created_by: null },
      { id: '00000000-0000-4000-8000-000000000102', user_id: ids.editor, org_id: ids.league, role: 'editor', created_at: T0, created_by: ids.admin },
    ]).execute();
    await old().insertInto('audit_log').values({ id: '00000000-0000-4000-8000-000000000201', at: T0, actor_id: ids.admin, action: 'user.create', entity: 'user', entity_id: ids.editor, org_id: ids.league, before_json: null, after_json: '{"username":"old-editor"}', ip: '127.0.0.1' }).execute();

    // The next release: content, its search index, a station and counted events.
    expect(await migrateToLatest(db, only(EVENTS_RELEASE))).toEqual(EVENTS_RELEASE.slice(FIRST_RELEASE.length));
    await old().insertInto('resources').values({ id: ids.resource, org_id: ids.league, kind: 'article', category: null, tags_json: '["畜牧"]', audience_json: '[]', source: null, licence: null, link: null, cover_url: null, created_by: ids.editor, created_at: T0, updated_at: T0 }).execute();
    await old().insertInto('resource_versions').values({ id: ids.version, resource_id: ids.resource, lang: 'zh-Hans', title: '冬季牛羊暖棚建设', summary: '旧版本写入的文章', body_html: '<p>暖棚要朝南。</p>', body_text: '暖棚要朝南。', status: 'published', revision: 1, publish_at: null, published_at: T0, author_id: ids.editor, created_at: T0, updated_at: T0 }).execute();
    await old().insertInto('resource_revisions').values({ id: '00000000-0000-4000-8000-000000000023', version_id: ids.version, n: 1, title: '冬季牛羊暖棚建设', summary: null, body_html: '<p>暖棚要朝南。</p>', author_id: ids.editor, created_at: T0 }).execute();
    await upsertDocs(db.kysely, [{ id: `${ids.resource}:zh-Hans`, resourceId: ids.resource, lang: 'zh-Hans', orgId: ids.league, kind: 'article', category: null, published: true, title: '冬季牛羊暖棚建设', body: '暖棚要朝南。', updatedAt: T0 }]);
    await old().insertInto('stations').values({ id: ids.station, code: 'OLD-1', name_zh: '旧e站', name_mn: null, org_id: ids.league, place: null, kind: 'kiosk', owner_name: null, owner_phone: null, status: 'active', last_heartbeat_at: null, created_at: T0, updated_at: T0 }).execute();
    const key = { resource_id: ids.resource, officer_code: '', station_code: 'OLD-1', channel: 'kiosk' };
    await old().insertInto('event_rollups').values([
      { day: '2026-01-15', kind: 'view', org_id: ids.league, ...key, n: 7 },
      { day: '2026-01-15', kind: 'heartbeat', org_id: ids.league, ...key, resource_id: '', n: 3 },
    ]).execute();
    await old().insertInto('event_area_daily').values([
      { area_id: ids.region, day: '2026-01-15', kind: 'view', channel: 'kiosk', n: 7 },
      { area_id: ids.league, day: '2026-01-15', kind: 'view', channel: 'kiosk', n: 7 },
    ]).execute();

    // The release after that (it rebuilt the rollup tables, keeping their counts).
    expect(await migrateToLatest(db, only(ISSUE6_RELEASE))).toEqual(ISSUE6_RELEASE.slice(EVENTS_RELEASE.length));
    const before = Object.fromEntries(await Promise.all(['orgs', 'users', 'role_grants', 'sessions', 'audit_log', 'resources', 'resource_versions', 'resource_revisions', 'search_docs', 'stations', 'event_rollups', 'event_area_daily', 'station_heartbeats_daily'].map(async (t) => [t, await count(t)] as const)));
    expect(before).toMatchObject({ orgs: 2, users: 2, resources: 1, event_rollups: 2, station_heartbeats_daily: 1 });

    // This code: every migration not run yet, including those that sort before ones already run.
    const pending = Object.keys(allMigrations).filter((n) => !ISSUE6_RELEASE.includes(n)).sort();
    expect(pending.some((n) => n < ISSUE6_RELEASE.at(-1)!)).toBe(true);
    expect(await migrateToLatest(db, allMigrations)).toEqual(pending);
    for (const [table, n] of Object.entries(before)) expect(await count(table), table).toBe(n);
    // Start-up on an install that has data seeds nothing.
    expect((await seedIfEmpty(db.kysely, { scale: 'demo', adminPassword: 'not-used-123' })).seeded).toBe(false);
    // And a second start migrates nothing.
    expect(await migrateToLatest(db, allMigrations)).toEqual([]);
  });

  it('serves the old data through the API of this code, and takes new writes', { timeout: 90_000 }, async () => {
    const app = await appOn(db);
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'old-admin', password: PASSWORD } });
      expect(login.statusCode, login.body).toBe(200);
      const cookie = `gerel_session=${login.cookies.find((c) => c.name === 'gerel_session')!.value}`;
      const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });

      const orgs = (await get('/api/orgs')).json() as { code: string; nameZh?: string }[];
      expect(orgs.map((o) => o.code).sort()).toEqual(['150000', '150100']);
      const resource = await get(`/api/resources/${ids.resource}`);
      expect(resource.statusCode, resource.body).toBe(200);
      expect(resource.body).toContain('冬季牛羊暖棚建设');
      const found = (await get(`/api/search?q=${encodeURIComponent('暖棚')}`)).json() as { hits: { resourceId: string }[] };
      expect(found.hits.map((h) => h.resourceId)).toContain(ids.resource);
      const totals = (await get('/api/dissemination/totals?from=2026-01-01&to=2026-01-31')).json() as { views: number };
      expect(totals.views).toBe(7);
      // The public portal reads the published article too.
      const portal = await app.inject({ method: 'GET', url: `/r/${ids.resource}` });
      expect(portal.statusCode).toBe(200);
      expect(portal.body).toContain('冬季牛羊暖棚建设');

      // The old editor writes a new resource in the new schema.
      const editorLogin = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'old-editor', password: PASSWORD } });
      const editor = `gerel_session=${editorLogin.cookies.find((c) => c.name === 'gerel_session')!.value}`;
      const created = await app.inject({
        method: 'POST',
        url: '/api/resources',
        headers: { cookie: editor },
        payload: { orgId: ids.league, kind: 'article', versions: [{ lang: 'zh-Hans', title: '升级后新写的文章', body: '<p>新内容</p>' }] },
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(await count('resources')).toBe(2);
    } finally {
      await app.close();
    }
  });

  it('leaves the schema and data as they were when a migration fails', { timeout: 90_000 }, async () => {
    const tables = async () => (await db.kysely.introspection.getTables()).map((t) => `${t.name}:${t.columns.map((c) => c.name).join(',')}`).sort();
    const schemaBefore = await tables();
    const orgsBefore = await count('orgs');
    const broken: Migrations = {
      ...allMigrations,
      '29991231_0000_broken': {
        async up(k: Kysely<unknown>) {
          await k.schema.createTable('half_made').addColumn('id', 'integer').execute();
          await k.schema.alterTable('users').addColumn('half_made', 'integer').execute();
          await (k as unknown as OldDb).updateTable('orgs').set({ name_zh: 'half-made' }).execute();
          await (k as unknown as OldDb).insertInto('orgs').values({ id: ids.region, code: 'dup' }).execute(); // fails: duplicate key / missing columns
        },
      },
    };
    await expect(migrateToLatest(db, broken)).rejects.toThrow(/database migration failed/);
    expect(await tables()).toEqual(schemaBefore);
    expect(await count('orgs')).toBe(orgsBefore);
    expect(await old().selectFrom('orgs').select('name_zh').where('name_zh', '=', 'half-made').execute()).toEqual([]);
    const ran = await old().selectFrom('kysely_migration').select('name').where('name', '=', '29991231_0000_broken').execute();
    expect(ran).toEqual([]);
    // The install still starts and answers.
    expect(await migrateToLatest(db, allMigrations)).toEqual([]);
    const app = await appOn(db);
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'old-admin', password: PASSWORD } });
      expect(login.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
