/**
 * Public portal: article-page requests per second, as a ratio against a bare Fastify route serving a
 * constant body of the same size in the same run, and the article page's compressed weight against
 * its 60 KB budget. Both servers listen on loopback; autocannon drives them in turn.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { loadConfig } from '../../server/src/config.js';
import { buildApp } from '../../server/src/app.js';
import { openDb } from '../../server/src/kernel/db/database.js';
import { migrateToLatest } from '../../server/src/kernel/db/migrate.js';
import { allMigrations } from '../../server/src/migrations.js';
import { seedIfEmpty } from '../../server/src/seed/seed.js';
import { printBench } from './harness.js';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 16;

async function rps(url: string): Promise<number> {
  await autocannon({ url, connections: CONNECTIONS, duration: 1 }); // warm-up
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

export async function run(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerel-bench-portal-'));
  const db = openDb({ databaseUrl: null, sqliteFile: path.join(dataDir, 'gerel.db') });
  await migrateToLatest(db, allMigrations);
  await seedIfEmpty(db.kysely, { scale: 'demo', adminPassword: 'bench-pass-1' });
  const config = { ...loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' }), dataDir, schedulerIntervalMs: 0, loginRateLimit: 1000 };
  const { app } = await buildApp(config, db);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

  // One realistic bilingual article, published through the API as staff would.
  const login = async (username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'bench-pass-1' } });
    return `gerel_session=${res.cookies.find((c) => c.name === 'gerel_session')!.value}`;
  };
  const editor = await login('hohhot-editor');
  const reviewer = await login('hohhot-reviewer');
  const org = (await app.inject({ method: 'GET', url: '/api/orgs', headers: { cookie: editor } })).json<{ id: string; code: string }[]>().find((o) => o.code === '150100')!;
  const mnPara = '<p>ᠬᠠᠪᠤᠷ ᠤᠨ ᠴᠠᠭ ᠲᠤ ᠬᠣᠨᠢ ᠲᠥᠯᠥᠭᠯᠡᠨ᠎ᠡ᠃ ᠮᠠᠯ ᠤᠨ ᠡᠮᠨᠡᠯᠭᠡ ᠶᠢᠨ ᠠᠵᠢᠯ ᠢ ᠰᠠᠢᠨ ᠬᠢᠬᠦ ᠬᠡᠷᠡᠭᠲᠡᠢ᠃</p>';
  const zhPara = '<p>春季是接羔保育的关键时期，牧民要提前做好棚圈消毒、饲草储备和防寒保暖，科普信息员要及时把技术要点送到嘎查村。</p>';
  const created = await app.inject({
    method: 'POST',
    url: '/api/resources',
    headers: { cookie: editor },
    payload: {
      orgId: org.id,
      kind: 'article',
      category: '畜牧',
      versions: [
        { lang: 'mn-Mong', title: 'ᠬᠠᠪᠤᠷ ᠤᠨ ᠬᠣᠨᠢ ᠲᠥᠯᠥᠭᠯᠡᠬᠦ', body: mnPara.repeat(30) },
        { lang: 'zh-Hans', title: '春季接羔保育技术要点', body: zhPara.repeat(30) },
      ],
    },
  });
  const id = created.json<{ id: string }>().id;
  for (const lang of ['mn-Mong', 'zh-Hans']) {
    for (const [to, cookie] of [['in_review', editor], ['approved', reviewer], ['published', reviewer]] as const) {
      await app.inject({ method: 'POST', url: `/api/resources/${id}/versions/${lang}/transition`, headers: { cookie }, payload: { to } });
    }
  }

  for (const [name, url] of [['zh', `/r/${id}`], ['mn', `/mn/r/${id}`]] as const) {
    const page = await fetch(base + url);
    const html = Buffer.from(await page.arrayBuffer());
    if (page.status !== 200) throw new Error(`${url} answered ${page.status}`);
    printBench(`portal.article.${name}.gzip_bytes`, gzipSync(html).length, 'bytes', 60 * 1024);

    // Baseline: a bare Fastify route answering the same bytes, in the same process and run.
    const bare = Fastify({ logger: false });
    bare.get('/page', async (_req, reply) => reply.type('text/html; charset=utf-8').send(html));
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/page`;
    const baseline = await rps(bareUrl);
    const value = await rps(base + url);
    await bare.close();
    printBench(`portal.article.${name}.rps`, Math.round(value), 'req/s', Math.round(baseline));
  }
  printBench('portal.heap_used', Math.round(process.memoryUsage().heapUsed / 1024 / 1024), 'MB');
  await app.close();
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
