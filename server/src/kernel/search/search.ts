/**
 * The search index over resource language versions: one interface, two engines (SQLite FTS5, or
 * PostgreSQL tsvector('simple') + GIN). Tokens are made in app code by @gerel/text and stored
 * pre-tokenized; the engine matches and ranks them.
 *
 * Ranking: score = relevance × (1 + 0.5 × 90 / (90 + ageDays)), where relevance is −bm25 with the
 * title weighing 3× the body (SQLite) or ts_rank with weights title A = 1.0, body B = 0.33 and
 * length normalisation 1 (PostgreSQL), and ageDays the days since the document's updatedAt (0 if
 * in the future). A document updated today gets ×1.5, 90 days ago ×1.25, a year ago ×1.1, so
 * freshness decides between documents of similar relevance but does not outweigh a title match.
 * Ties go to the fresher document, then by id.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { highlight, indexTokens, queryTokens } from '@gerel/text';
import { orgInSubtrees } from '../scope/subtree.js';
import { dialectOf, kyselyOf, type SearchDb } from '../db/handle.js';
import { toFts5Match, toTsQuery } from './query.js';
import type { SearchDocTable, SearchTables } from './tables.js';

export type SearchLang = 'zh-Hans' | 'mn-Mong' | 'mn-Cyrl' | 'en';

/** One resource language version as the index sees it. */
export interface SearchDoc {
  /** `${resourceId}:${lang}` */
  id: string;
  resourceId: string;
  lang: SearchLang;
  orgId: string;
  kind: string;
  category: string | null;
  published: boolean;
  title: string;
  /** Plain text (no HTML). */
  body: string;
  /** ISO 8601. */
  updatedAt: string;
}

export interface SearchOptions {
  /** What the user typed (any language, script or encoding). */
  q: string;
  lang?: string;
  kind?: string;
  category?: string;
  /** Four-digit year of publication (or last change). */
  year?: string;
  /**
   * Org-path prefixes the caller may see (staff: drafts included), or null for an anonymous caller,
   * who sees published documents only. An empty array sees nothing.
   */
  orgPrefixes: string[] | null;
  /** Staff asking for published documents only. */
  publishedOnly?: boolean;
  /** Hits per page (at most 200; 0 gives only total and facets). */
  limit: number;
  offset: number;
  /** The moment freshness is measured from (default: now). */
  now?: Date;
}

export interface SearchHit {
  resourceId: string;
  lang: string;
  title: string;
  /** HTML: matches in `<mark>`, everything else escaped. */
  snippet: string;
  score: number;
}

/**
 * Counts of matching documents the caller may see, per value. Each facet applies every filter but
 * its own (lang counts ignore the lang filter, and so on), so a UI can offer the other values;
 * documents without a category are not counted under category.
 */
export interface SearchFacets {
  /** By year of publication (or of the last change, for drafts). */
  year: Record<string, number>;
  org: Record<string, number>;
  kind: Record<string, number>;
  lang: Record<string, number>;
  category: Record<string, number>;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Matching documents after every filter. */
  total: number;
  facets: SearchFacets;
}

const BATCH = 100;

type DocRow = Omit<SearchDocTable, 'seq' | 'tsv'>;

function row(doc: SearchDoc): DocRow {
  return {
    id: doc.id,
    resource_id: doc.resourceId,
    lang: doc.lang,
    org_id: doc.orgId,
    kind: doc.kind,
    category: doc.category,
    published: doc.published ? 1 : 0,
    title: doc.title,
    body: doc.body,
    updated_at: doc.updatedAt,
  };
}

/** The tokens of a title and a body as the engine stores them (space-separated). */
function tokensOf(title: string, body: string, lang: string): { title: string; body: string } {
  return { title: indexTokens(title, lang).join(' '), body: indexTokens(body, lang).join(' ') };
}

function tsvector(t: { title: string; body: string }): RawBuilder<unknown> {
  return sql`setweight(to_tsvector('simple'::regconfig, ${t.title}), 'A') || setweight(to_tsvector('simple'::regconfig, ${t.body}), 'B')`;
}

/** Writes the FTS5 rows of documents whose search_docs rows exist (SQLite). */
async function writeFts(k: Kysely<SearchTables>, rows: { seq: number; title: string; body: string }[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((r) => sql`(${r.seq}, ${r.title}, ${r.body})`);
  await sql`insert or replace into search_fts(rowid, title, body) values ${sql.join(values)}`.execute(k);
}

/**
 * Adds or replaces documents (by id), tokenizing title and body in app code. Pass the caller's
 * transaction to write a resource and its search documents atomically.
 */
export async function upsertDocs<DB>(db: SearchDb<DB>, docs: readonly SearchDoc[]): Promise<void> {
  const k = kyselyOf(db) as unknown as Kysely<SearchTables>;
  const postgres = dialectOf(db) === 'postgres';
  for (let i = 0; i < docs.length; i += BATCH) {
    const batch = docs.slice(i, i + BATCH);
    const tokens = batch.map((d) => tokensOf(d.title, d.body, d.lang));
    const values = batch.map((d, j) => (postgres ? { ...row(d), tsv: tsvector(tokens[j]!) } : row(d)));
    const written = await k
      .insertInto('search_docs')
      .values(values)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          resource_id: eb.ref('excluded.resource_id'),
          lang: eb.ref('excluded.lang'),
          org_id: eb.ref('excluded.org_id'),
          kind: eb.ref('excluded.kind'),
          category: eb.ref('excluded.category'),
          published: eb.ref('excluded.published'),
          title: eb.ref('excluded.title'),
          body: eb.ref('excluded.body'),
          updated_at: eb.ref('excluded.updated_at'),
          ...(postgres ? { tsv: eb.ref('excluded.tsv') } : {}),
        })),
      )
      .returning(postgres ? ['id'] : ['id', 'seq'])
      .execute();
    if (postgres) continue;
    const seqOf = new Map(written.map((r) => [r.id, Number(r.seq)]));
    await writeFts(
      k,
      batch.map((d, j) => ({ seq: seqOf.get(d.id)!, ...tokens[j]! })),
    );
  }
}

/** Removes documents by id (unknown ids are ignored). */
export async function removeDocs<DB>(db: SearchDb<DB>, ids: readonly string[]): Promise<void> {
  const k = kyselyOf(db) as unknown as Kysely<SearchTables>;
  for (let i = 0; i < ids.length; i += 500) {
    await k.deleteFrom('search_docs').where('id', 'in', ids.slice(i, i + 500)).execute();
  }
}

/** Removes every language version of a resource (the FTS5 rows go by trigger on SQLite). */
export async function removeResourceDocs<DB>(db: SearchDb<DB>, resourceId: string): Promise<void> {
  const k = kyselyOf(db) as unknown as Kysely<SearchTables>;
  await k.deleteFrom('search_docs').where('resource_id', '=', resourceId).execute();
}

/**
 * Recomputes the stored tokens of every document from its stored title and body (after a change
 * of @gerel/text's tokens or dictionary). Returns the number of documents.
 */
export async function rebuildTokens<DB>(db: SearchDb<DB>, batch = 500): Promise<number> {
  const k = kyselyOf(db) as unknown as Kysely<SearchTables>;
  const postgres = dialectOf(db) === 'postgres';
  let after = '', n = 0;
  for (;;) {
    const rows = await k
      .selectFrom('search_docs')
      .select(['id', 'lang', 'title', 'body'])
      .$if(!postgres, (qb) => qb.select('seq'))
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (rows.length === 0) return n;
    if (postgres) {
      for (const r of rows) {
        await k.updateTable('search_docs').set({ tsv: tsvector(tokensOf(r.title, r.body, r.lang)) }).where('id', '=', r.id).execute();
      }
    } else {
      await writeFts(k, rows.map((r) => ({ seq: Number(r.seq), ...tokensOf(r.title, r.body, r.lang) })));
    }
    n += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}

const emptyFacets = (): SearchFacets => ({ org: {}, kind: {}, lang: {}, category: {}, year: {} });

interface Engine {
  /** FROM … WHERE <match> (the documents table is `d`). */
  from: RawBuilder<unknown>;
  score: RawBuilder<number>;
}

function engine(dialect: 'sqlite' | 'postgres', groups: ReturnType<typeof queryTokens>, now: string): Engine {
  if (dialect === 'sqlite') {
    const age = sql`max(0.0, julianday(${now}) - julianday(d.updated_at))`;
    return {
      from: sql`search_fts join search_docs d on d.seq = search_fts.rowid where search_fts match ${toFts5Match(groups)}`,
      score: sql<number>`(-bm25(search_fts, 3.0, 1.0)) * (1.0 + 0.5 * 90.0 / (90.0 + ${age}))`,
    };
  }
  const age = sql`greatest(0.0, extract(epoch from (cast(${now} as timestamptz) - cast(d.updated_at as timestamptz)))::float8 / 86400.0)`;
  return {
    from: sql`search_docs d, to_tsquery('simple', ${toTsQuery(groups)}) q where d.tsv @@ q`,
    score: sql<number>`(ts_rank('{0.1, 0.1, 0.33, 1.0}', d.tsv, q, 1)::float8 * (1.0 + 0.5 * 90.0 / (90.0 + ${age})))::float8`,
  };
}

/**
 * Searches the documents the caller may see (see `SearchOptions.orgPrefixes`): every word of the
 * query must match, in the title or the body, by the rules of @gerel/text's `queryTokens`. Hits are
 * ranked (see the top of this file), with a highlighted snippet of the body.
 */
export async function search<DB>(db: SearchDb<DB>, opts: SearchOptions): Promise<SearchResult> {
  const groups = queryTokens(opts.q);
  if (groups.length === 0 || (opts.orgPrefixes !== null && opts.orgPrefixes.length === 0)) {
    return { hits: [], total: 0, facets: emptyFacets() };
  }
  const k = kyselyOf(db);
  const { from, score } = engine(dialectOf(db), groups, (opts.now ?? new Date()).toISOString());
  const scope: RawBuilder<SqlBool>[] = [];
  if (opts.orgPrefixes === null || opts.publishedOnly) scope.push(sql<SqlBool>`d.published = 1`);
  if (opts.orgPrefixes !== null) scope.push(orgInSubtrees('d.org_id', opts.orgPrefixes));
  const scoped = scope.length ? sql` and ${sql.join(scope, sql` and `)}` : sql``;

  // One pass for the total and the facets: counts per (org, kind, lang, category, year) combination.
  const combos = await sql<{ org_id: string; kind: string; lang: string; category: string | null; year: string; n: number }>`
    select d.org_id, d.kind, d.lang, d.category, substr(d.updated_at, 1, 4) as year, count(*) as n from ${from}${scoped}
    group by d.org_id, d.kind, d.lang, d.category, substr(d.updated_at, 1, 4)`.execute(k);
  const facets = emptyFacets();
  let total = 0;
  const ok = (c: { kind: string; lang: string; category: string | null; year: string }, skip: 'kind' | 'lang' | 'category' | 'year' | null): boolean =>
    (skip === 'year' || opts.year === undefined || c.year === opts.year) &&
    (skip === 'kind' || opts.kind === undefined || c.kind === opts.kind) &&
    (skip === 'lang' || opts.lang === undefined || c.lang === opts.lang) &&
    (skip === 'category' || opts.category === undefined || c.category === opts.category);
  const add = (rec: Record<string, number>, key: string, n: number): void => {
    rec[key] = (rec[key] ?? 0) + n;
  };
  for (const c of combos.rows) {
    const n = Number(c.n);
    if (ok(c, null)) {
      total += n;
      add(facets.org, c.org_id, n);
    }
    if (ok(c, 'kind')) add(facets.kind, c.kind, n);
    if (ok(c, 'lang')) add(facets.lang, c.lang, n);
    if (ok(c, 'category') && c.category !== null) add(facets.category, c.category, n);
    if (ok(c, 'year')) add(facets.year, c.year, n);
  }
  if (total === 0 || opts.offset >= total) return { hits: [], total, facets };

  const filters: RawBuilder<SqlBool>[] = [];
  if (opts.lang !== undefined) filters.push(sql<SqlBool>`d.lang = ${opts.lang}`);
  if (opts.kind !== undefined) filters.push(sql<SqlBool>`d.kind = ${opts.kind}`);
  if (opts.category !== undefined) filters.push(sql<SqlBool>`d.category = ${opts.category}`);
  if (opts.year !== undefined) filters.push(sql<SqlBool>`substr(d.updated_at, 1, 4) = ${opts.year}`);
  const filtered = filters.length ? sql` and ${sql.join(filters, sql` and `)}` : sql``;
  const limit = Math.max(0, Math.min(Math.floor(opts.limit), 200));
  const offset = Math.max(0, Math.floor(opts.offset));
  // Rank on the narrow columns first; read titles and bodies for the page only.
  const rows = await sql<{ id: string; resource_id: string; lang: string; title: string; body: string; score: number }>`
    select p.id, t.resource_id, t.lang, t.title, t.body, p.score from (
      select d.id, d.updated_at, ${score} as score from ${from}${scoped}${filtered}
      order by score desc, d.updated_at desc, d.id limit ${limit} offset ${offset}
    ) p join search_docs t on t.id = p.id
    order by p.score desc, p.updated_at desc, p.id`.execute(k);
  return {
    hits: rows.rows.map((r) => ({
      resourceId: r.resource_id,
      lang: r.lang,
      title: r.title,
      snippet: highlight(r.body, opts.q),
      score: Number(r.score),
    })),
    total,
    facets,
  };
}
