import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import { escapeLike, orgInSubtrees } from '../../kernel/scope/subtree.js';
import type { Lang } from '../content/tables.js';
import type { TranslationTermTable, TranslationUnitTable, UnitOrigin } from './tables.js';

type Q = Kysely<Database> | Transaction<Database>;

const like = (column: string, pattern: string) => sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;

export interface TermFilter {
  prefixes: string[];
  q?: string;
  domain?: string;
}

function terms(db: Q, f: TermFilter) {
  let q = db.selectFrom('translation_terms').innerJoin('orgs', 'orgs.id', 'translation_terms.org_id').where(orgInSubtrees('translation_terms.org_id', f.prefixes));
  if (f.domain) q = q.where('translation_terms.domain', '=', f.domain);
  if (f.q) {
    const p = `%${escapeLike(f.q)}%`;
    const lower = `%${escapeLike(f.q.toLowerCase())}%`;
    q = q.where((eb) =>
      eb.or([
        like('translation_terms.zh', p),
        like('translation_terms.mn_mong', p),
        like('translation_terms.mn_cyrl', p),
        sql<SqlBool>`lower(${sql.ref('translation_terms.en')}) like ${lower} escape '\\'`,
        like('translation_terms.notes', p),
      ]),
    );
  }
  return q;
}

export async function listTerms(db: Q, f: TermFilter, limit: number, offset: number) {
  const q = terms(db, f);
  const [rows, total] = await Promise.all([
    q.selectAll('translation_terms').orderBy('translation_terms.zh').orderBy('translation_terms.id').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function findTerm(db: Q, id: string) {
  return db
    .selectFrom('translation_terms')
    .innerJoin('orgs', 'orgs.id', 'translation_terms.org_id')
    .selectAll('translation_terms')
    .select('orgs.path as org_path')
    .where('translation_terms.id', '=', id)
    .executeTakeFirst();
}

/** Terms of one org with these Chinese forms (duplicate checks on create and import). */
export async function termsByZh(db: Q, orgId: string, zh: string[]) {
  const out: Pick<TranslationTermTable, 'id' | 'zh' | 'domain'>[] = [];
  for (let i = 0; i < zh.length; i += 500) {
    const chunk = zh.slice(i, i + 500);
    if (chunk.length) out.push(...(await db.selectFrom('translation_terms').select(['id', 'zh', 'domain']).where('org_id', '=', orgId).where('zh', 'in', chunk).execute()));
  }
  return out;
}

export async function insertTerms(db: Q, rows: TranslationTermTable[]) {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('translation_terms').values(rows.slice(i, i + 200)).execute();
}

export async function updateTerm(db: Q, id: string, patch: Partial<TranslationTermTable>) {
  await db.updateTable('translation_terms').set(patch).where('id', '=', id).execute();
}

export async function deleteTerm(db: Q, id: string) {
  await db.deleteFrom('translation_terms').where('id', '=', id).execute();
}

export interface UnitFilter {
  prefixes: string[];
  source: Lang;
  target: Lang;
  q?: string;
  resourceId?: string;
}

function units(db: Q, f: UnitFilter) {
  let q = db
    .selectFrom('translation_units')
    .where(orgInSubtrees('translation_units.org_id', f.prefixes))
    .where('source_lang', '=', f.source)
    .where('target_lang', '=', f.target);
  if (f.resourceId) q = q.where('resource_id', '=', f.resourceId);
  if (f.q) {
    const p = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([like('source_text', p), like('target_text', p)]));
  }
  return q;
}

export async function listUnits(db: Q, f: UnitFilter, limit: number, offset: number) {
  const q = units(db, f);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('created_at').orderBy('position').orderBy('id').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Candidates for fuzzy matching: units of the pair in scope, newest first, capped. */
export async function candidateUnits(db: Q, f: UnitFilter, cap: number) {
  return units(db, f).select(['id', 'source_text', 'target_text', 'origin', 'resource_id', 'updated_at']).orderBy('updated_at', 'desc').limit(cap).execute();
}

/** Every term in scope (for finding the ones that occur in a text), capped. */
export async function termsInScope(db: Q, prefixes: string[], cap: number) {
  return db.selectFrom('translation_terms').selectAll().where(orgInSubtrees('org_id', prefixes)).orderBy('zh').limit(cap).execute();
}

export async function findUnit(db: Q, id: string) {
  return db
    .selectFrom('translation_units')
    .innerJoin('orgs', 'orgs.id', 'translation_units.org_id')
    .selectAll('translation_units')
    .select('orgs.path as org_path')
    .where('translation_units.id', '=', id)
    .executeTakeFirst();
}

export async function insertUnits(db: Q, rows: TranslationUnitTable[]) {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('translation_units').values(rows.slice(i, i + 200)).execute();
}

export async function updateUnit(db: Q, id: string, patch: Partial<TranslationUnitTable>) {
  await db.updateTable('translation_units').set(patch).where('id', '=', id).execute();
}

export async function deleteUnit(db: Q, id: string) {
  await db.deleteFrom('translation_units').where('id', '=', id).execute();
}

/** Re-aligning a resource replaces what was aligned from it before (idempotent), nothing else. */
export async function deleteUnitsOf(db: Q, resourceId: string, source: Lang, target: Lang, origin: UnitOrigin) {
  await db.deleteFrom('translation_units').where('resource_id', '=', resourceId).where('source_lang', '=', source).where('target_lang', '=', target).where('origin', '=', origin).execute();
}
