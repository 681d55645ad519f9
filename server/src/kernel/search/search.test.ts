import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { fromLatin, toMenksoft } from '@gerel/mongol';
import { indexTokens, queryTokens } from '@gerel/text';
import { openTestDb } from '../../test/harness.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Db } from '../db/database.js';
import { allMigrations } from '../../migrations.js';
import { seedIfEmpty } from '../../seed/seed.js';
import { removeDocs, search, upsertDocs, type SearchDoc, type SearchOptions } from './index.js';

const NOW = new Date('2026-12-01T00:00:00Z');
const daysAgo = (n: number): string => new Date(NOW.getTime() - n * 86_400_000).toISOString();

const mongol = fromLatin('m-o-ng-g-o-l'); // medial O
const mongolU = fromLatin('m-u-ng-g-fvs1-u-l'); // medial U with a redundant FVS: looks the same
const kele = fromLatin('k-e-l-e');
const morinDa = fromLatin('m-o-r-i-n-nnbsp-d-a');

let db: Db;
let drop: () => Promise<void>;
const org: Record<string, { id: string; path: string }> = {};

function doc(resourceId: string, lang: SearchDoc['lang'], o: string, over: Partial<SearchDoc>): SearchDoc {
  return {
    id: `${resourceId}:${lang}`,
    resourceId,
    lang,
    orgId: org[o]!.id,
    kind: 'article',
    category: null,
    published: true,
    title: '',
    body: '',
    updatedAt: daysAgo(10),
    ...over,
  };
}

const anon = (q: string, more: Partial<SearchOptions> = {}): SearchOptions => ({ q, orgPrefixes: null, limit: 20, offset: 0, now: NOW, ...more });
const staff = (q: string, codes: string[], more: Partial<SearchOptions> = {}): SearchOptions =>
  anon(q, { orgPrefixes: codes.map((c) => org[c]!.path), ...more });
const ids = async (opts: SearchOptions): Promise<string[]> => (await search(db, opts)).hits.map((h) => `${h.resourceId}:${h.lang}`);

beforeAll(async () => {
  ({ db, drop } = await openTestDb());
  await migrateToLatest(db, allMigrations);
  await seedIfEmpty(db.kysely, { scale: 'base', adminPassword: 'test-password-1' });
  for (const code of ['150000', '150100', '150102', '150121', '150400']) {
    org[code] = await db.kysely.selectFrom('orgs').select(['id', 'path']).where('code', '=', code).executeTakeFirstOrThrow();
  }
  await upsertDocs(db, [
    doc('r1', 'zh-Hans', '150102', {
      title: '科普e站建设指南',
      body: '中国科学技术协会在农村牧区开展科普活动，农牧民信息员建言献策。<b>注意</b> & 更多',
      category: 'guide',
    }),
    doc('r1', 'mn-Mong', '150102', { title: `${mongolU} ${kele}`, body: `${kele} ${mongolU} ${morinDa}`, category: 'guide' }),
    doc('r2', 'zh-Hans', '150121', { title: '院士专家工作站', body: '草稿：建设院士专家工作站', published: false, kind: 'document' }),
    doc('r3', 'zh-Hans', '150400', { title: '赤峰科普', body: '赤峰市科普日活动', kind: 'video', category: 'news' }),
  ]);
}, 120_000);

afterAll(async () => {
  await drop();
});

describe('search: what a user types', () => {
  it('finds Chinese by word segmentation', async () => {
    expect(await ids(anon('科学技术协会'))).toEqual(['r1:zh-Hans']);
    expect(await ids(anon('信息员'))).toEqual(['r1:zh-Hans']);
    expect(await ids(anon('学技'))).toEqual([]);
  });
  it('finds simplified text with a traditional query', async () => {
    expect(await ids(anon('科學技術協會 農牧民'))).toEqual(['r1:zh-Hans']);
  });
  it('finds Chinese by pinyin initials and full pinyin', async () => {
    expect(await ids(anon('nmm'))).toEqual(['r1:zh-Hans']);
    expect(await ids(anon('nongmumin'))).toEqual(['r1:zh-Hans']);
  });
  it('finds a Mongolian word typed with another homograph spelling, in Menksoft or in Latin aliases', async () => {
    for (const q of [mongol, fromLatin('m-u-ng-g-u-l'), toMenksoft(mongol), 'm-o-ng-g-o-l', `${mongol} ${kele}`]) {
      expect(await ids(anon(q)), q).toEqual(['r1:mn-Mong']);
    }
  });
  it('finds a suffixed Mongolian word by its stem', async () => {
    expect(await ids(anon(fromLatin('m-o-r-i-n')))).toEqual(['r1:mn-Mong']);
  });
  it('requires every word of the query', async () => {
    expect(await ids(anon('科普 院士'))).toEqual([]);
  });
  it('answers an empty or punctuation-only query with nothing', async () => {
    expect(await search(db, anon('  ，。 '))).toEqual({ hits: [], total: 0, facets: { org: {}, kind: {}, lang: {}, category: {}, year: {} } });
  });
});

describe('search: scope', () => {
  it('shows anonymous callers published documents only', async () => {
    expect(await ids(anon('院士专家工作站'))).toEqual([]);
  });
  it("never shows another banner's drafts to staff", async () => {
    expect(await ids(staff('院士专家工作站', ['150102']))).toEqual([]);
    expect(await ids(staff('院士专家工作站', ['150121']))).toEqual(['r2:zh-Hans']);
    expect(await ids(staff('院士专家工作站', ['150100']))).toEqual(['r2:zh-Hans']);
    expect(await ids(staff('院士专家工作站', ['150400']))).toEqual([]);
  });
  it('limits staff to their subtrees and to published documents when asked', async () => {
    expect((await ids(staff('科普', ['150100']))).sort()).toEqual(['r1:zh-Hans']);
    expect((await ids(staff('科普', ['150100', '150400']))).sort()).toEqual(['r1:zh-Hans', 'r3:zh-Hans']);
    expect(await ids(staff('院士专家工作站', ['150000'], { publishedOnly: true }))).toEqual([]);
    expect(await ids(staff('科普', []))).toEqual([]);
  });
});

describe('search: facets, filters, pages', () => {
  it('counts matches per org, kind, lang and category', async () => {
    const r = await search(db, staff('科普', ['150000']));
    expect(r.total).toBe(2);
    expect(r.facets.org).toEqual({ [org['150102']!.id]: 1, [org['150400']!.id]: 1 });
    expect(r.facets.kind).toEqual({ article: 1, video: 1 });
    expect(r.facets.lang).toEqual({ 'zh-Hans': 2 });
    expect(r.facets.category).toEqual({ guide: 1, news: 1 });
  });
  it('applies filters, each facet ignoring its own filter', async () => {
    const r = await search(db, staff('科普', ['150000'], { kind: 'video' }));
    expect(r.hits.map((h) => h.resourceId)).toEqual(['r3']);
    expect(r.total).toBe(1);
    expect(r.facets.kind).toEqual({ article: 1, video: 1 });
    expect(r.facets.category).toEqual({ news: 1 });
    expect(r.facets.org).toEqual({ [org['150400']!.id]: 1 });
    expect((await search(db, staff('科普', ['150000'], { lang: 'mn-Mong' }))).total).toBe(0);
    expect((await search(db, staff('科普', ['150000'], { category: 'guide' }))).hits.map((h) => h.resourceId)).toEqual(['r1']);
  });
  it('pages with limit and offset, total unchanged', async () => {
    const all = await ids(anon('科普'));
    expect(all).toHaveLength(2);
    expect(await ids(anon('科普', { limit: 1 }))).toEqual([all[0]]);
    const second = await search(db, anon('科普', { limit: 1, offset: 1 }));
    expect(second.hits.map((h) => `${h.resourceId}:${h.lang}`)).toEqual([all[1]]);
    expect(second.total).toBe(2);
  });
});

describe('search: snippets and ranking', () => {
  it('returns escaped snippets with the matches marked', async () => {
    const [hit] = (await search(db, anon('注意'))).hits;
    expect(hit!.snippet).toContain('&lt;b&gt;<mark>注意</mark>&lt;/b&gt; &amp; 更多');
    expect(hit!.snippet).not.toContain('<b>');
    const [mn] = (await search(db, anon('m-o-ng-g-o-l'))).hits;
    expect(mn!.snippet).toBe(`${kele} <mark>${mongolU}</mark> ${morinDa}`);
  });
  it('ranks a title match above a body match, even a fresher one', async () => {
    await upsertDocs(db, [
      doc('t1', 'zh-Hans', '150400', { title: '防沙治沙技术', body: '关于草原的一些说明文字，内容较长。', updatedAt: daysAgo(200) }),
      doc('t2', 'zh-Hans', '150400', { title: '草原生态说明', body: '介绍防沙治沙的经验，内容较长。', updatedAt: daysAgo(1) }),
    ]);
    expect(await ids(anon('防沙治沙'))).toEqual(['t1:zh-Hans', 't2:zh-Hans']);
  });
  it('ranks the fresher of two equally relevant documents first', async () => {
    await upsertDocs(db, [
      doc('f1', 'zh-Hans', '150400', { title: '荒漠化防治', body: '同样的正文', updatedAt: daysAgo(300) }),
      doc('f2', 'zh-Hans', '150400', { title: '荒漠化防治', body: '同样的正文', updatedAt: daysAgo(3) }),
    ]);
    const r = await search(db, anon('荒漠化'));
    expect(r.hits.map((h) => h.resourceId)).toEqual(['f2', 'f1']);
    expect(r.hits[0]!.score).toBeGreaterThan(r.hits[1]!.score);
  });
});

describe('search: writes', () => {
  it('replaces a document on upsert and forgets removed ones', async () => {
    await upsertDocs(db, [doc('w1', 'zh-Hans', '150400', { title: '大数据', body: '旧的正文' })]);
    expect(await ids(anon('大数据'))).toEqual(['w1:zh-Hans']);
    await upsertDocs(db, [doc('w1', 'zh-Hans', '150400', { title: '人工智能', body: '新的正文', published: false })]);
    expect(await ids(anon('大数据'))).toEqual([]);
    expect(await ids(anon('人工智能'))).toEqual([]);
    expect(await ids(staff('人工智能', ['150400']))).toEqual(['w1:zh-Hans']);
    await removeDocs(db, ['w1:zh-Hans', 'nothing:en']);
    expect(await ids(staff('人工智能', ['150400']))).toEqual([]);
  });
  it("writes inside the caller's transaction, and not at all when it rolls back", async () => {
    await db.kysely
      .transaction()
      .execute(async (trx) => {
        await upsertDocs(trx, [doc('x1', 'zh-Hans', '150400', { title: '乡村振兴' })]);
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await ids(anon('乡村振兴'))).toEqual([]);
    await db.kysely.transaction().execute(async (trx) => {
      await upsertDocs(trx, [doc('x1', 'zh-Hans', '150400', { title: '乡村振兴' })]);
    });
    expect(await ids(anon('乡村振兴'))).toEqual(['x1:zh-Hans']);
  });
});

describe('search: tokens and query syntax on the engine', () => {
  it('stores each token as exactly one term of the engine', async () => {
    const text = `科學技術 科普e站 ${mongol} ${morinDa} Café МОНГОЛ naïve x-ray 3.14 2024年 \u{20000}\u{20001} ＫＰ don't`;
    const tokens = [...new Set(indexTokens(text))].sort();
    let terms: string[];
    if (db.dialect === 'sqlite') {
      await sql`create virtual table tmp_fts using fts5(t, tokenize='unicode61')`.execute(db.kysely);
      await sql`create virtual table tmp_vocab using fts5vocab(tmp_fts, 'row')`.execute(db.kysely);
      await sql`insert into tmp_fts(t) values (${tokens.join(' ')})`.execute(db.kysely);
      terms = (await sql<{ term: string }>`select term from tmp_vocab`.execute(db.kysely)).rows.map((r) => r.term);
    } else {
      terms = (
        await sql<{ t: string }>`select unnest(tsvector_to_array(to_tsvector('simple', ${tokens.join(' ')}))) as t`.execute(db.kysely)
      ).rows.map((r) => r.t);
    }
    expect(terms.sort()).toEqual(tokens);
  });
  it('never fails on any query string', async () => {
    const nasty = fc.constantFrom('"', "'", '(', ')', '*', '-', ':', '^', '+', 'AND', 'OR', 'NOT', 'NEAR', '\\', ' ', '&', '|', '!', '<', '>', 'a', 'kp', '科', '學', 'ᠮ', '\u202F', '\u180B', '\uE2F2', '\u0000');
    const query = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: nasty, maxLength: 12 }).map((s) => s));
    let reachedEngine = 0;
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        if (queryTokens(q).length > 0) reachedEngine++;
        const r = await search(db, staff(q, ['150000'], { limit: 3 }));
        expect(r.total).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: db.dialect === 'sqlite' ? 400 : 150 },
    );
    expect(reachedEngine).toBeGreaterThan(db.dialect === 'sqlite' ? 100 : 40);
  });
});
