import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../config.js';
import { buildApp } from '../app.js';
import { openDb, type Db } from '../kernel/db/database.js';
import { migrateToLatest } from '../kernel/db/migrate.js';
import type { AppContext } from '../kernel/context.js';
import type { RouteRecord } from '../kernel/http/guard.js';
import { allMigrations } from '../migrations.js';
import { seedIfEmpty, type Scale } from '../seed/seed.js';

export const TEST_PASSWORD = 'test-password-1';

/**
 * A real database for one test file: in-memory SQLite, or (GEREL_TEST_DIALECT=postgres) a fresh
 * schema in the PostgreSQL of TEST_DATABASE_URL, dropped afterwards. The same suites run on both.
 */
export async function openTestDb(): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (process.env.GEREL_TEST_DIALECT !== 'postgres') {
    const db = openDb({ databaseUrl: null, sqliteFile: ':memory:' });
    return { db, drop: () => db.close() };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('the pg test project needs TEST_DATABASE_URL=postgres://… (see README)');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = openDb({ databaseUrl: url, pgSchema: schema, pgPoolSize: 4 });
  return {
    db,
    drop: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  routes: RouteRecord[];
  ctx: AppContext;
  db: Db;
  /** Logs in and returns the Cookie header value for later requests. */
  login(username: string, password?: string): Promise<string>;
  /** Injects a JSON request, optionally as a logged-in user (cookie). */
  request(opts: { method: string; url: string; cookie?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function createTestApp(opts: { scale?: Scale; config?: Partial<Config> } = {}): Promise<TestApp> {
  const { db, drop } = await openTestDb();
  await migrateToLatest(db, allMigrations);
  await seedIfEmpty(db.kysely, { scale: opts.scale ?? 'demo', adminPassword: TEST_PASSWORD });
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test' }),
    webDist: '/nonexistent',
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'gerel-test-')),
    loginRateLimit: 1000,
    schedulerIntervalMs: 0,
    ...opts.config,
  };
  const { app, ctx, routes } = await buildApp(config, db);
  await app.ready();
  const request: TestApp['request'] = ({ method, url, cookie, body, headers }) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  return {
    app,
    routes,
    ctx,
    db,
    request,
    async login(username, password = TEST_PASSWORD) {
      const res = await request({ method: 'POST', url: '/api/auth/login', body: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const c = res.cookies.find((k) => k.name === 'gerel_session');
      if (!c) throw new Error('no session cookie');
      return `gerel_session=${c.value}`;
    },
    async close() {
      await app.close();
      await drop();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

/** The id of the org with this code (test convenience, straight from the database). */
export async function orgIdByCode(t: TestApp, code: string): Promise<string> {
  const r = await t.db.kysely.selectFrom('orgs').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return r.id;
}
