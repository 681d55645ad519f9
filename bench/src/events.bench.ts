/**
 * Event ingestion over HTTP: events/s accepted with batches of 1 and of 100, each as a ratio against
 * a bare Fastify route that parses the same body and answers the same shape, in the same run. Both
 * servers run in their own processes; autocannon drives them from this one.
 * Aims (issue 5): ≥ 0.5 of bare Fastify at batch 1; ≥ 50,000 events/s at batch 100 on SQLite.
 * Ids are time-ordered UUIDs (version 7), as Gerel's kiosks make them; batch 100 is measured once
 * more with random ids (version 4), as any other client may send them (ADR 0007).
 * BENCH_DATABASE_URL=postgres://… (an empty database) runs Gerel on PostgreSQL instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import autocannon from 'autocannon';
import { printBench } from './harness.js';
import { publishArticle, startBare, startGerel } from './processes.js';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 32;
const PASSWORD = 'bench-pass-1';

async function eventsPerSecond(url: string, batch: number, resourceId: string, newId: () => string = uuidv7): Promise<number> {
  const body = () =>
    JSON.stringify({
      events: Array.from({ length: batch }, () => ({ id: newId(), kind: 'view', resourceId, channel: 'web', at: new Date().toISOString() })),
    });
  const opts = {
    url,
    connections: CONNECTIONS,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: body() }) }],
  };
  await autocannon({ ...opts, duration: 1 });
  const r = await autocannon({ ...opts, duration: DURATION_S });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return r.requests.average * batch;
}

export async function run(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerel-bench-events-'));
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const gerel = await startGerel({
    GEREL_DATA_DIR: dataDir,
    GEREL_ADMIN_PASSWORD: PASSWORD,
    GEREL_EVENTS_RATE_LIMIT: '10000000',
    GEREL_SCHEDULER_INTERVAL_MS: '0',
    LOG_LEVEL: 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const bare = await startBare({ BARE: 'events' });
  try {
    const resourceId = await publishArticle(gerel.url, PASSWORD, [{ lang: 'zh-Hans', title: '基准', body: '<p>x</p>' }]);
    const dialect = databaseUrl ? 'postgres' : 'sqlite';
    for (const batch of [1, 100]) {
      const baseline = await eventsPerSecond(`${bare.url}/api/events`, batch, resourceId);
      const value = await eventsPerSecond(`${gerel.url}/api/events`, batch, resourceId);
      printBench(`events.${dialect}.batch${batch}`, Math.round(value), 'events/s', Math.round(baseline));
    }
    const baseline = await eventsPerSecond(`${bare.url}/api/events`, 100, resourceId, randomUUID);
    const value = await eventsPerSecond(`${gerel.url}/api/events`, 100, resourceId, randomUUID);
    printBench(`events.${dialect}.batch100_random_ids`, Math.round(value), 'events/s', Math.round(baseline));
  } finally {
    await bare.stop();
    await gerel.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
