/**
 * Dashboard latency on a region-scale data set: the region seed (5,000 stations, 240,000 officers,
 * BENCH_EVENTS events, default 3 million — 30 million takes ~20 min to seed on SQLite today) is
 * written first, then Gerel serves it from its own process and this one measures p50/p95 of the four
 * dashboard reads for the region admin and a banner admin, against /readyz (one trivial query) in
 * the same run. Aim (issue 5): p95 < 50 ms. BENCH_DATABASE_URL=postgres://… (an empty database)
 * runs it on PostgreSQL. BENCH_SEEDED=1 measures a data set seeded before (BENCH_DATA_DIR for SQLite,
 * BENCH_DATABASE_URL for PostgreSQL, made by `npm run seed -- --scale=region --events=N` with the
 * admin password bench-pass-1) instead of seeding again.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printBench } from './harness.js';
import { login, startGerel } from './processes.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const EVENTS = Number(process.env.BENCH_EVENTS ?? 3_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);
const PASSWORD = 'bench-pass-1';

async function seed(env: Record<string, string>): Promise<void> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(here, '../../server/src/cli/seed.ts'), '--scale=region', '--reset', `--events=${EVENTS}`], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const code = await new Promise<number | null>((r) => proc.once('exit', r));
  if (code !== 0) throw new Error(`seed exited with ${code}`);
}

async function latencies(url: string, cookie: string): Promise<{ p50: number; p95: number }> {
  const ms: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length * 0.5)]!, p95: ms[Math.floor(ms.length * 0.95)]! };
}

export async function run(): Promise<void> {
  const seeded = process.env.BENCH_SEEDED === '1';
  const dataDir = seeded && process.env.BENCH_DATA_DIR ? process.env.BENCH_DATA_DIR : fs.mkdtempSync(path.join(os.tmpdir(), 'gerel-bench-dashboard-'));
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const env = { GEREL_DATA_DIR: dataDir, GEREL_ADMIN_PASSWORD: PASSWORD, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  const dialect = databaseUrl ? 'postgres' : 'sqlite';
  if (!seeded) {
    const t0 = Date.now();
    await seed(env);
    printBench(`dashboard.${dialect}.seed_seconds`, Math.round((Date.now() - t0) / 1000), 's');
    printBench(`dashboard.${dialect}.events`, EVENTS, 'events');
  }
  const gerel = await startGerel({ ...env, GEREL_SCHEDULER_INTERVAL_MS: '0', LOG_LEVEL: 'silent' });
  try {
    const to = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const from = new Date(Date.now() + 8 * 3600_000 - 365 * 86_400_000).toISOString().slice(0, 10);
    const base = await latencies(`${gerel.url}/readyz`, '');
    if (seeded) {
      const all = await fetch(`${gerel.url}/api/dissemination/totals?from=2000-01-01&to=${to}`, { headers: { cookie: await login(gerel.url, 'admin', PASSWORD) } });
      const t = (await all.json()) as Record<string, number>;
      printBench(`dashboard.${dialect}.events`, Object.values(t).reduce((a, b) => a + b, 0), 'events');
    }
    for (const [who, username] of [['region', 'admin'], ['banner', 'admin-150121']] as const) {
      const cookie = await login(gerel.url, username, PASSWORD);
      for (const [name, p] of [
        ['totals', `/api/dissemination/totals?from=${from}&to=${to}`],
        ['trend', `/api/dissemination/trend?from=${from}&to=${to}&kind=view`],
        ['top', `/api/dissemination/top-resources?from=${from}&to=${to}&kind=share-open`],
        ['banners', `/api/dissemination/by-banner?from=${from}&to=${to}&kind=view`],
      ] as const) {
        const l = await latencies(gerel.url + p, cookie);
        printBench(`dashboard.${dialect}.${who}.${name}.p95`, Math.round(l.p95 * 10) / 10, 'ms', Math.round(base.p95 * 10) / 10);
      }
    }
  } finally {
    await gerel.stop();
    if (!seeded) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
