/**
 * Public portal: article-page requests per second, as a ratio against a bare Fastify route serving
 * the same bytes in the same run, and the article page's compressed weight against its 60 KB
 * budget. Both servers run in their own processes; autocannon drives them from this one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { printBench } from './harness.js';
import { publishArticle, startBare, startGerel } from './processes.js';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 16;
const PASSWORD = 'bench-pass-1';

async function rps(url: string): Promise<number> {
  await autocannon({ url, connections: CONNECTIONS, duration: 1 });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

export async function run(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerel-bench-portal-'));
  const gerel = await startGerel({ GEREL_DATA_DIR: dataDir, GEREL_ADMIN_PASSWORD: PASSWORD, GEREL_SCHEDULER_INTERVAL_MS: '0', LOG_LEVEL: 'silent' });
  try {
    const mnPara = '<p>ᠬᠠᠪᠤᠷ ᠤᠨ ᠴᠠᠭ ᠲᠤ ᠬᠣᠨᠢ ᠲᠥᠯᠥᠭᠯᠡᠨ᠎ᠡ᠃ ᠮᠠᠯ ᠤᠨ ᠡᠮᠨᠡᠯᠭᠡ ᠶᠢᠨ ᠠᠵᠢᠯ ᠢ ᠰᠠᠢᠨ ᠬᠢᠬᠦ ᠬᠡᠷᠡᠭᠲᠡᠢ᠃</p>';
    const zhPara = '<p>春季是接羔保育的关键时期，牧民要提前做好棚圈消毒、饲草储备和防寒保暖，科普信息员要及时把技术要点送到嘎查村。</p>';
    const id = await publishArticle(gerel.url, PASSWORD, [
      { lang: 'mn-Mong', title: 'ᠬᠠᠪᠤᠷ ᠤᠨ ᠬᠣᠨᠢ ᠲᠥᠯᠥᠭᠯᠡᠬᠦ', body: mnPara.repeat(30) },
      { lang: 'zh-Hans', title: '春季接羔保育技术要点', body: zhPara.repeat(30) },
    ]);
    for (const [name, url] of [['zh', `/r/${id}`], ['mn', `/mn/r/${id}`]] as const) {
      const page = await fetch(gerel.url + url);
      if (page.status !== 200) throw new Error(`${url} answered ${page.status}`);
      const html = Buffer.from(await page.arrayBuffer());
      printBench(`portal.article.${name}.gzip_bytes`, gzipSync(html).length, 'bytes', 60 * 1024);
      const file = path.join(dataDir, `${name}.html`);
      fs.writeFileSync(file, html);
      const bare = await startBare({ BARE: 'page', BARE_FILE: file });
      try {
        const baseline = await rps(`${bare.url}/page`);
        const value = await rps(gerel.url + url);
        printBench(`portal.article.${name}.rps`, Math.round(value), 'req/s', Math.round(baseline));
      } finally {
        await bare.stop();
      }
    }
  } finally {
    await gerel.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
