import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startServer, type RunningServer } from '../../test/spawn.js';
import { localDay } from '../../kernel/db/time.js';

/**
 * The server is killed with SIGKILL (a crash), or stopped with SIGTERM (a graceful stop, which must
 * exit 0 within its bound), in the middle of a steady event load. After a restart, every event that
 * was acknowledged is stored exactly once, and retrying every batch (acknowledged or
 * not) adds no duplicates: the rollups still equal the stored events.
 */
const PASSWORD = 'crash-test-pass-1';
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

/** A fresh install for each run: its own data folder, and its own database on PostgreSQL. */
async function freshEnv(): Promise<Record<string, string>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerel-crash-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  let databaseUrl = '';
  if (process.env.GEREL_TEST_DIALECT === 'postgres') {
    const base = process.env.TEST_DATABASE_URL!;
    const name = `gerel_crash_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    });
  }
  return { GEREL_DATA_DIR: dataDir, GEREL_ADMIN_PASSWORD: PASSWORD, GEREL_EVENTS_RATE_LIMIT: '1000000', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
}

async function login(url: string, username: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function api(url: string, cookie: string, method: string, p: string, body?: unknown) {
  const res = await fetch(`${url}${p}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  return res.json();
}

describe.each(['SIGKILL', 'SIGTERM'] as const)('events survive %s under load', (signal) => {
  it(`keeps every acknowledged event once after ${signal}, and retries add nothing`, async () => {
    const env = await freshEnv();
    const port = await freePort();
    let server: RunningServer = await startServer(env, port);
    const editor = await login(server.url, 'hohhot-editor');
    const reviewer = await login(server.url, 'hohhot-reviewer');
    const orgs = (await api(server.url, editor, 'GET', '/api/orgs')) as { id: string; code: string }[];
    const orgId = orgs.find((o) => o.code === '150100')!.id;
    const { id: resourceId } = (await api(server.url, editor, 'POST', '/api/resources', { orgId, kind: 'article', versions: [{ lang: 'zh-Hans', title: '压力测试', body: '<p>x</p>' }] })) as { id: string };
    for (const [to, c] of [['in_review', editor], ['approved', reviewer], ['published', reviewer]] as const) {
      await api(server.url, c, 'POST', `/api/resources/${resourceId}/versions/zh-Hans/transition`, { to });
    }

    const batches: { id: string; kind: string; resourceId: string; at: string }[][] = [];
    const acknowledged = new Set<string>();
    let stop = false;
    const client = async () => {
      while (!stop) {
        const batch = Array.from({ length: 20 }, () => ({ id: `crash-${randomUUID()}`, kind: 'view', resourceId, at: new Date().toISOString() }));
        batches.push(batch);
        try {
          const res = await fetch(`${server.url}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events: batch }) });
          if (res.ok) for (const e of batch) acknowledged.add(e.id);
        } catch {
          return; // the server is gone
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);
    await new Promise((r) => setTimeout(r, 1500));
    const exited = new Promise<number | null>((r) => server.proc.once('exit', (code) => r(code)));
    const killedAt = Date.now();
    server.proc.kill(signal);
    // A graceful stop finishes the requests and event batches in flight, then exits cleanly and soon.
    const code = await exited;
    if (signal === 'SIGTERM') {
      expect(code).toBe(0);
      expect(Date.now() - killedAt).toBeLessThan(10_000);
    }
    stop = true;
    await Promise.all(clients);
    expect(acknowledged.size).toBeGreaterThan(100);

    server = await startServer(env, port);
    try {
      let accepted = 0;
      let duplicates = 0;
      for (const batch of batches) {
        const res = (await (await fetch(`${server.url}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events: batch }) })).json()) as { accepted: number; duplicates: number };
        accepted += res.accepted;
        duplicates += res.duplicates;
      }
      // Everything acknowledged before the crash was already there: retries of it are all duplicates.
      expect(duplicates).toBeGreaterThanOrEqual(acknowledged.size);
      expect(accepted + duplicates).toBe(batches.length * 20);
      const today = localDay();
      const totals = (await api(server.url, await login(server.url, 'admin'), 'GET', `/api/dissemination/totals?from=${today}&to=${today}`)) as { views: number };
      expect(totals.views).toBe(batches.length * 20);
      // A second full retry changes nothing.
      const again = (await (await fetch(`${server.url}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events: batches[0] }) })).json()) as { accepted: number };
      expect(again.accepted).toBe(0);
    } finally {
      server.proc.kill('SIGTERM');
      await new Promise((r) => server.proc.once('exit', r));
    }
  }, 120_000);
});
