/**
 * Search index throughput and latency on SQLite: 100,000 resources (GEREL_BENCH_SEARCH_DOCS or
 * `--quick` for 10,000) generated deterministically (seeded PRNG) from a word list — the 20,000
 * most frequent words of jieba's dictionary plus the science terms of @gerel/text for Chinese, the
 * 3,381 words of @gerel/mongol's conformance suites for Mongolian — with titles of 5–20 words and
 * bodies of 200–800 words, 40 % Chinese, 30 % Mongolian, 30 % both, indexed into a temporary
 * database file.
 *
 * Figures and their baselines (same run, same database):
 * - search.index: documents indexed per second through upsertDocs (tokenizing in app code, in
 *   transactions of 1,000) against a raw FTS5 insert of the same documents' tokens, made beforehand,
 *   into a bare FTS5 table (the first 10,000 documents).
 * - search.query.{zh,mn,mixed}.{p50,p95}: latency of search() (tokenizing the query, scope,
 *   total and facets, ranking, snippets; anonymous caller, 20 hits) against a raw FTS5
 *   `MATCH … ORDER BY bm25 LIMIT 20` on the same tokens. Mongolian queries are typed as the text
 *   has them, in another homograph spelling, in Menksoft or in Latin aliases, in turn.
 * - search.query.staff.p50: a staff search scoped to one league's subtree (drafts included).
 * - search.heap: heap used after the run; search.db_size: the database file.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { toLatin, toMenksoft } from '../../packages/mongol/src/index.js';
import { suiteWords } from '../../packages/mongol/test-data/suites.js';
import { indexTokens, queryTokens, SCIENCE_TERMS_URL } from '@gerel/text';
import { openDb } from '../../server/src/kernel/db/database.js';
import { migrateToLatest } from '../../server/src/kernel/db/migrate.js';
import { allMigrations } from '../../server/src/migrations.js';
import { seedIfEmpty } from '../../server/src/seed/seed.js';
import { search, toFts5Match, upsertDocs, type SearchDoc, type SearchOptions } from '../../server/src/kernel/search/index.js';
import type { Database } from '../../server/src/schema.js';
import { printBench, seededRandom } from './harness.js';

const QUERIES = Number(process.env.GEREL_BENCH_SEARCH_QUERIES ?? 200);
const BASELINE_DOCS = 10_000;

function chineseWords(): string[] {
  const require = createRequire(import.meta.url);
  const dictPath = join(require.resolve('@node-rs/jieba/package.json'), '..', 'dict.txt');
  const rows = readFileSync(dictPath, 'utf8')
    .split('\n')
    .map((l) => l.split(' '))
    .filter((p) => p.length >= 2 && /^[\u4e00-\u9fff]{2,4}$/.test(p[0]!))
    .map((p) => [p[0]!, Number(p[1])] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20_000)
    .map((p) => p[0]);
  const terms = readFileSync(SCIENCE_TERMS_URL, 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[0]!)
    .filter(Boolean);
  return [...rows, ...terms];
}

type Pick = () => string;

function sentence(random: () => number, zh: Pick, mn: Pick, kind: number, words: number): string {
  const parts: string[] = [];
  let out = '';
  for (let i = 0; i < words; i++) {
    const mongolian = kind === 1 || (kind === 2 && Math.floor(i / 10) % 2 === 1);
    const w = mongolian ? mn() : zh();
    if (mongolian) parts.push(w);
    else {
      if (parts.length) out += parts.join(' ') + ' ';
      parts.length = 0;
      out += w;
    }
    if (random() < 0.08) out += mongolian ? '' : '，';
  }
  if (parts.length) out += parts.join(' ') + ' \u1803';
  return out + (kind === 1 ? '' : '。');
}

export async function run(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const total = Number(process.env.GEREL_BENCH_SEARCH_DOCS ?? (quick ? 10_000 : 100_000));
  const zhWords = chineseWords();
  const mnWords = suiteWords().filter((w) => /^[\u1820-\u1842]/.test(w));
  const random = seededRandom(2026);
  const zh: Pick = () => zhWords[Math.floor(random() * zhWords.length)]!;
  const mn: Pick = () => mnWords[Math.floor(random() * mnWords.length)]!;
  const between = (a: number, b: number): number => a + Math.floor(random() * (b - a + 1));

  const dir = mkdtempSync(join(tmpdir(), 'gerel-search-bench-'));
  const file = join(dir, 'bench.db');
  const db = openDb({ databaseUrl: null, sqliteFile: file });
  try {
    await migrateToLatest(db, allMigrations);
    await seedIfEmpty(db.kysely, { scale: 'base', adminPassword: 'bench-password-1' });
    const banners = await db.kysely.selectFrom('orgs').select(['id', 'path']).where('kind', '=', 'banner').orderBy('code').execute();
    const league = await db.kysely.selectFrom('orgs').select('path').where('code', '=', '150100').executeTakeFirstOrThrow();
    const now = new Date('2026-12-01T00:00:00Z');

    const makeDoc = (n: number): SearchDoc => {
      const r = random();
      const kind = r < 0.4 ? 0 : r < 0.7 ? 1 : 2; // zh, mn, both
      const title = sentence(random, zh, mn, kind, between(5, 20)).replace(/[。\u1803]$/, '');
      let body = '';
      for (let left = between(200, 800); left > 0; ) {
        const words = Math.min(left, between(8, 20));
        body += sentence(random, zh, mn, kind, words) + (kind === 0 ? '' : ' ');
        left -= words;
      }
      const lang = kind === 1 ? 'mn-Mong' : 'zh-Hans';
      return {
        id: `res${n}:${lang}`,
        resourceId: `res${n}`,
        lang,
        orgId: banners[n % banners.length]!.id,
        kind: ['article', 'document', 'video', 'image'][n % 4]!,
        category: n % 5 === 0 ? null : `cat${n % 7}`,
        published: n % 10 !== 0,
        title,
        body,
        updatedAt: new Date(now.getTime() - between(0, 1000) * 86_400_000).toISOString(),
      };
    };

    // Indexing, in transactions of 1,000 as a bulk import would. The tokens of the first
    // BASELINE_DOCS documents are also made outside the clock for the raw FTS5 baseline.
    let indexMs = 0;
    const sample: [string, string][] = [];
    for (let n = 0; n < total; ) {
      const batch: SearchDoc[] = [];
      for (let i = 0; i < 1000 && n < total; i++, n++) batch.push(makeDoc(n));
      for (const d of batch) if (sample.length < BASELINE_DOCS) sample.push([indexTokens(d.title).join(' '), indexTokens(d.body).join(' ')]);
      const t0 = performance.now();
      await db.kysely.transaction().execute((trx) => upsertDocs<Database>(trx, batch));
      indexMs += performance.now() - t0;
    }
    // Baseline: the same tokens, already made, into a bare FTS5 table in transactions of 1,000.
    await sql`create virtual table raw_fts using fts5(t, b, content='', tokenize='unicode61')`.execute(db.kysely);
    const r0 = performance.now();
    for (let i = 0; i < sample.length; i += 1000) {
      const rows = sample.slice(i, i + 1000).map(([t, b]) => sql`(${t}, ${b})`);
      await db.kysely.transaction().execute((trx) => sql`insert into raw_fts(t, b) values ${sql.join(rows)}`.execute(trx));
    }
    const rawMs = performance.now() - r0;
    printBench('search.index', total / (indexMs / 1000), 'docs/s', sample.length / (rawMs / 1000));
    await sql`drop table raw_fts`.execute(db.kysely);
    sample.length = 0;

    const anon = (q: string): SearchOptions => ({ q, orgPrefixes: null, limit: 20, offset: 0, now });
    const raw = async (match: string): Promise<void> => {
      await sql`select rowid, bm25(search_fts) as r from search_fts where search_fts match ${match} order by r limit 20`.execute(db.kysely);
    };
    const spellings = (w: string, i: number): string => {
      switch (i % 4) {
        case 0: return w;
        case 1: return w.replace(/\u1823/g, '\u1824'); // medial O typed as U (may or may not look the same)
        case 2: return toMenksoft(w);
        default: return toLatin(w);
      }
    };
    const sets: Record<string, string[]> = { zh: [], mn: [], mixed: [], staff: [] };
    for (let i = 0; i < QUERIES; i++) {
      sets.zh!.push(random() < 0.5 ? zh() : `${zh()} ${zh()}`);
      sets.mn!.push(spellings(mn(), i));
      sets.mixed!.push(`${zh()} ${spellings(mn(), i)}`);
      sets.staff!.push(zh());
    }
    const pct = (xs: number[], p: number): number => {
      const s = [...xs].sort((a, b) => a - b);
      return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
    };
    for (const [name, queries] of Object.entries(sets)) {
      const ours: number[] = [];
      const base: number[] = [];
      let hits = 0;
      for (const q of queries) {
        const match = toFts5Match(queryTokens(q));
        if (!match) continue;
        const opts = name === 'staff' ? { ...anon(q), orgPrefixes: [league.path] } : anon(q);
        await search(db, opts); // warm the page cache for this query
        let t0 = performance.now();
        await raw(match);
        base.push(performance.now() - t0);
        t0 = performance.now();
        const r = await search(db, opts);
        ours.push(performance.now() - t0);
        hits += r.total;
      }
      console.log(`# ${name}: ${ours.length} queries, ${Math.round(hits / Math.max(1, ours.length))} matches on average`);
      printBench(`search.query.${name}.p50`, pct(ours, 0.5), 'ms', pct(base, 0.5));
      if (name !== 'staff') printBench(`search.query.${name}.p95`, pct(ours, 0.95), 'ms', pct(base, 0.95));
    }
    printBench('search.heap', Math.round(process.memoryUsage().heapUsed / 1e6), 'MB');
    printBench('search.db_size', Math.round(statSync(file).size / 1e6), 'MB');
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
