/**
 * Scale-out through nginx (ops/nginx/gerel.conf) on PostgreSQL (TEST_DATABASE_URL, a fresh database
 * made from it; Redis from TEST_REDIS_URL when set): requests per second of the public article page
 * and events per second of ingestion (batches of 20), with one app process behind nginx and with two
 * (two nginx instances side by side, measured alternately for BENCH_ROUNDS rounds of BENCH_SECONDS),
 * printed as the ratio of two to one. On a 2-core machine that also runs nginx, PostgreSQL and
 * the load generator, expect modest gains; the point is that nothing breaks and nothing is lost:
 * every acknowledged event is counted once (`nginx.events.lost`, which must be 0).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { nginxBinary, startNginx, type RunningNginx } from '../../ops/nginx/local.js';
import { freePort } from '../../server/src/test/spawn.js';
import { localDay } from '../../server/src/kernel/db/time.js';
import { printBench } from './harness.js';
import { api, login, publishArticle, startGerel, type Child } from './processes.js';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const PASSWORD = 'bench-nginx-pass-1';
const BATCH = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function pageRps(url: string): Promise<number> {
  await autocannon({ url, connections: 16, duration: 1 });
  const r = await autocannon({ url, connections: 16, duration: DURATION_S });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return r.requests.average;
}

/** Events per second, and how many events were acknowledged and sent (warm-up included). */
async function ingest(url: string, resourceId: string): Promise<{ perSec: number; acknowledged: number; sent: number }> {
  const body = () => JSON.stringify({ events: Array.from({ length: BATCH }, () => ({ id: uuidv7(), kind: 'view', resourceId, channel: 'web', at: new Date().toISOString() })) });
  const opts = { url, connections: 32, method: 'POST' as const, headers: { 'content-type': 'application/json' }, requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: body() }) }] };
  const warm = await autocannon({ ...opts, duration: 1 });
  const r = await autocannon({ ...opts, duration: DURATION_S });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { perSec: r.requests.average * BATCH, acknowledged: (warm['2xx'] + r['2xx']) * BATCH, sent: (warm.requests.sent + r.requests.sent) * BATCH };
}

export async function run(): Promise<void> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base || !nginxBinary()) {
    console.log('# nginx.bench: skipped (needs TEST_DATABASE_URL=postgres://… and nginx installed)');
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gerel-bench-nginx-'));
  const name = `gerel_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const env = (dir: string) => ({
    GEREL_DATA_DIR: path.join(tmp, dir),
    GEREL_ADMIN_PASSWORD: PASSWORD,
    GEREL_EVENTS_RATE_LIMIT: '10000000',
    GEREL_SCHEDULER_INTERVAL_MS: '0',
    LOG_LEVEL: 'silent',
    DATABASE_URL: u.toString(),
    ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {}),
  });
  const apps: Child[] = [];
  try {
    apps.push(await startGerel(env('a')));
    const zhPara = '<p>春季是接羔保育的关键时期，牧民要提前做好棚圈消毒、饲草储备和防寒保暖，科普信息员要及时把技术要点送到嘎查村。</p>';
    const id = await publishArticle(apps[0]!.url, PASSWORD, [{ lang: 'zh-Hans', title: '春季接羔保育技术要点', body: zhPara.repeat(30) }]);
    apps.push(await startGerel(env('b')));
    const port = (c: Child) => Number(new URL(c.url).port);
    // Both set-ups side by side, measured alternately round by round, so that both see the same load
    // from other work on a shared machine; the median round of each is reported.
    const fronts: [RunningNginx, RunningNginx] = [await startNginx(path.join(tmp, 'nginx1'), await freePort(), [port(apps[0]!)]), await startNginx(path.join(tmp, 'nginx2'), await freePort(), apps.map(port))];
    const page: [number[], number[]] = [[], []];
    const events: [number[], number[]] = [[], []];
    let acknowledged = 0;
    let sent = 0;
    try {
      for (let round = 0; round < ROUNDS; round++) {
        for (const i of [0, 1] as const) page[i].push(await pageRps(`${fronts[i].url}/r/${id}`));
        for (const i of [0, 1] as const) {
          const e = await ingest(`${fronts[i].url}/api/events`, id);
          events[i].push(e.perSec);
          acknowledged += e.acknowledged;
          sent += e.sent;
        }
      }
    } finally {
      for (const f of fronts) await f.stop();
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[xs.length >> 1]!;
    printBench('nginx.article.rps.2_vs_1_processes', Math.round(median(page[1])), 'req/s', Math.round(median(page[0])));
    printBench('nginx.events.batch20.2_vs_1_processes', Math.round(median(events[1])), 'events/s', Math.round(median(events[0])));
    const cookie = await login(apps[0]!.url, 'admin', PASSWORD);
    const { views } = await api<{ views: number }>(apps[0]!.url, cookie, 'GET', `/api/dissemination/totals?from=${localDay()}&to=${localDay()}`);
    // Batches still in flight when a run stops are stored without being counted as acknowledged, so
    // stored may exceed acknowledged; never the events sent (no duplicates), and never fall short.
    if (views > sent) throw new Error(`stored ${views} events, more than the ${sent} sent`);
    printBench('nginx.events.lost', Math.max(0, acknowledged - views), 'events');
  } finally {
    for (const a of apps.reverse()) await a.stop();
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
