import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import { orgInSubtrees } from '../../kernel/scope/subtree.js';
import type { DocStatus, OfficeDocumentTable } from './tables.js';

type Q = Kysely<Database> | Transaction<Database>;

export async function list(db: Q, f: { prefixes: string[]; status?: DocStatus; year?: number; orgId?: string }, limit: number, offset: number) {
  let q = db.selectFrom('office_documents').where(orgInSubtrees('office_documents.org_id', f.prefixes));
  if (f.status) q = q.where('status', '=', f.status);
  if (f.year) q = q.where('year', '=', f.year);
  if (f.orgId) q = q.where('org_id', '=', f.orgId);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('year', 'desc').orderBy('number_prefix').orderBy('seq', 'desc').orderBy('updated_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function find(db: Q, id: string) {
  return db
    .selectFrom('office_documents')
    .innerJoin('orgs', 'orgs.id', 'office_documents.org_id')
    .selectAll('office_documents')
    .select('orgs.path as org_path')
    .where('office_documents.id', '=', id)
    .executeTakeFirst();
}

export async function insert(db: Q, row: OfficeDocumentTable) {
  await db.insertInto('office_documents').values(row).execute();
}

export async function update(db: Q, id: string, patch: Partial<OfficeDocumentTable>) {
  await db.updateTable('office_documents').set(patch).where('id', '=', id).execute();
}

/** Sets the issue fields only while the document is still approved; false when another request issued it first. */
export async function markIssued(db: Q, id: string, patch: Partial<OfficeDocumentTable>): Promise<boolean> {
  const r = await db.updateTable('office_documents').set(patch).where('id', '=', id).where('status', '=', 'approved').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The unique index refused a row: SQLite's constraint error or PostgreSQL's unique_violation. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/** The last register number of an org's agency code in a year (0 when none yet). */
export async function lastSeq(db: Q, orgId: string, prefix: string, year: number): Promise<number> {
  const r = await db
    .selectFrom('office_documents')
    .select((eb) => eb.fn.max('seq').as('n'))
    .where('org_id', '=', orgId)
    .where('number_prefix', '=', prefix)
    .where('year', '=', year)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
