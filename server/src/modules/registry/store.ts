import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import { escapeLike, pathUnder } from '../../kernel/scope/subtree.js';
import type { ListDef } from './fields.js';
import type { RegistryHistoryTable, RegistryImportJobTable } from './tables.js';
import type { OrgRef } from './validate.js';

// The list tables are many and alike, so their SQL is written once over a table named by the
// definition. Column names come only from definitions, never from input.

type Q = Kysely<Database> | Transaction<Database>;
/** A list row as stored: column → value. */
export type StoredRow = Record<string, string | number | null>;
type Dyn = Kysely<Record<string, StoredRow>>;
const dyn = (db: Q) => db as unknown as Dyn;
const col = (c: string) => sql.ref(`t.${c}`);

export interface RowFilter {
  /** Subtree prefixes the caller may read (narrowed to one org's subtree when asked). */
  prefixes: string[];
  /** column = value */
  eq: { column: string; value: string | number }[];
  /** column >= / <= value (dates and numbers) */
  range: { column: string; op: '>=' | '<='; value: string | number }[];
  /** Text searched (case-insensitive for Latin) in these columns and the org's name. */
  q?: { text: string; columns: string[] };
}

function filtered(db: Q, def: ListDef, f: RowFilter) {
  let q = dyn(db).selectFrom(`${def.table} as t`).innerJoin('orgs as o', 'o.id', 't.org_id').where(pathUnder('o.path', f.prefixes));
  for (const e of f.eq) q = q.where(sql<SqlBool>`${col(e.column)} = ${e.value}`);
  for (const r of f.range) q = q.where(r.op === '>=' ? sql<SqlBool>`${col(r.column)} >= ${r.value}` : sql<SqlBool>`${col(r.column)} <= ${r.value}`);
  if (f.q) {
    const pattern = `%${escapeLike(f.q.text.toLowerCase())}%`;
    const parts: Expression<SqlBool>[] = [...f.q.columns.map((c) => `t.${c}`), 'o.name_zh', 'o.code'].map((c) => sql<SqlBool>`lower(${sql.ref(c)}) like ${pattern} escape '\\'`);
    q = q.where(sql<SqlBool>`(${sql.join(parts, sql` or `)})`);
  }
  return q;
}

export type ListedRow = StoredRow & { org_path: string; org_code: string; updated_by_name: string | null };

/** One page of a list in scope, each row with its org's path and code and the name of who changed it last; and the total. */
export async function listRows(db: Q, def: ListDef, f: RowFilter, order: { column: string; dir: 'asc' | 'desc' }, limit: number, offset: number) {
  const q = filtered(db, def, f);
  // Ordering by an org means by its code (ids are random); the id breaks ties so pages never overlap.
  const by = order.column === 'org_id' ? sql.ref('o.code') : col(order.column);
  const [rows, total] = await Promise.all([
    q
      .leftJoin('users as u', 'u.id', 't.updated_by')
      .selectAll('t')
      .select([sql<string>`o.path`.as('org_path'), sql<string>`o.code`.as('org_code'), sql<string | null>`u.display_name`.as('updated_by_name')])
      .orderBy(order.dir === 'asc' ? sql`${by} asc` : sql`${by} desc`)
      .orderBy(sql`t.id`)
      .limit(limit)
      .offset(offset)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as unknown as ListedRow[], total: Number(total.n) };
}

/** One row with its org's path, or undefined. */
export async function findRow(db: Q, def: ListDef, id: string) {
  const row = await dyn(db)
    .selectFrom(`${def.table} as t`)
    .innerJoin('orgs as o', 'o.id', 't.org_id')
    .leftJoin('users as u', 'u.id', 't.updated_by')
    .selectAll('t')
    .select([sql<string>`o.path`.as('org_path'), sql<string>`o.code`.as('org_code'), sql<string | null>`u.display_name`.as('updated_by_name')])
    .where(sql<SqlBool>`t.id = ${id}`)
    .executeTakeFirst();
  return row as unknown as ListedRow | undefined;
}

export async function insertRows(db: Q, def: ListDef, rows: StoredRow[]) {
  // Chunks keep the parameter count far below SQLite's and PostgreSQL's limits.
  for (let i = 0; i < rows.length; i += 200) await dyn(db).insertInto(def.table).values(rows.slice(i, i + 200)).execute();
}

export async function updateRow(db: Q, def: ListDef, id: string, patch: StoredRow) {
  await dyn(db).updateTable(def.table).set(patch).where(sql<SqlBool>`id = ${id}`).execute();
}

export async function deleteRow(db: Q, def: ListDef, id: string) {
  await dyn(db).deleteFrom(def.table).where(sql<SqlBool>`id = ${id}`).execute();
}

/** The unique-key columns (and id) of every row of these orgs, to check new keys against. */
export async function keysIn(db: Q, def: ListDef, orgIds: string[]): Promise<StoredRow[]> {
  if (!def.unique || orgIds.length === 0) return [];
  const out: StoredRow[] = [];
  const columns = [...new Set(['id', 'org_id', ...def.unique])];
  for (let i = 0; i < orgIds.length; i += 500) {
    const chunk = orgIds.slice(i, i + 500);
    out.push(...(await dyn(db).selectFrom(def.table).select(columns).where(sql<SqlBool>`org_id in (${sql.join(chunk)})`).execute()));
  }
  return out;
}

const ORG_COLUMNS = ['id', 'code', 'kind', 'path', 'name_zh', 'name_mn'] as const;

/** Orgs named by id, code or exact Chinese name, 500 names per query. The org tree is read here, never written. */
export async function orgsNamed(db: Q, by: { ids?: string[]; codes?: string[]; names?: string[] }): Promise<OrgRef[]> {
  const out = new Map<string, OrgRef>();
  const run = async (column: 'id' | 'code' | 'name_zh', values: string[]) => {
    const unique = [...new Set(values)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await db.selectFrom('orgs').select(ORG_COLUMNS).where(column, 'in', unique.slice(i, i + 500)).execute();
      for (const r of rows) out.set(r.id, r);
    }
  };
  if (by.ids?.length) await run('id', by.ids);
  if (by.codes?.length) await run('code', by.codes);
  if (by.names?.length) await run('name_zh', by.names);
  return [...out.values()];
}

export async function insertHistory(db: Q, rows: RegistryHistoryTable[]) {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('registry_history').values(rows.slice(i, i + 200)).execute();
}

/** A row's history, newest first, with the names of who made each change. */
export async function historyOf(db: Q, list: string, rowId: string) {
  return db
    .selectFrom('registry_history as h')
    .leftJoin('users as u', 'u.id', 'h.actor_id')
    .innerJoin('orgs as o', 'o.id', 'h.org_id')
    .selectAll('h')
    .select(['u.display_name as actor_name', 'o.path as org_path'])
    .where('h.list', '=', list)
    .where('h.row_id', '=', rowId)
    .orderBy('h.at', 'desc')
    .orderBy('h.id', 'desc')
    .execute();
}

/** Totals of a list in scope: rows, rows per value of each enum column, sums of numeric columns. */
export async function summarize(db: Q, def: ListDef, f: RowFilter, enums: string[], sums: string[]) {
  const q = filtered(db, def, f);
  const [totals, ...groups] = await Promise.all([
    q.select([sql<number>`count(*)`.as('n'), ...sums.map((c) => sql<number | null>`sum(${col(c)})`.as(`sum_${c}`))]).executeTakeFirstOrThrow(),
    ...enums.map((c) => q.select([sql<string | null>`${col(c)}`.as('v'), sql<number>`count(*)`.as('n')]).groupBy(col(c)).execute()),
  ]);
  const t = totals as Record<string, unknown>;
  return {
    total: Number(t.n),
    sums: Object.fromEntries(sums.map((c) => [c, Number(t[`sum_${c}`] ?? 0)])),
    byEnum: Object.fromEntries(enums.map((c, i) => [c, (groups[i] as { v: string | null; n: number }[]).map((g) => ({ value: g.v, n: Number(g.n) }))])),
  };
}

/** How many rows of each list lie in the caller's scope (one query per list, run together). */
export async function countsIn(db: Q, lists: readonly ListDef[], prefixes: string[]) {
  const counts = await Promise.all(lists.map((def) => filtered(db, def, { prefixes, eq: [], range: [] }).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()));
  return new Map(lists.map((def, i) => [def.key, Number(counts[i]!.n)]));
}

// Import jobs -----------------------------------------------------------------------------------

export async function createJob(db: Q, job: RegistryImportJobTable) {
  await db.insertInto('registry_import_jobs').values(job).execute();
}

export async function updateJob(db: Q, id: string, patch: Partial<RegistryImportJobTable>) {
  await db.updateTable('registry_import_jobs').set(patch).where('id', '=', id).execute();
}

export async function findJob(db: Q, id: string) {
  return db.selectFrom('registry_import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteJobsBefore(db: Q, before: string) {
  await db.deleteFrom('registry_import_jobs').where('created_at', '<', before).execute();
}
