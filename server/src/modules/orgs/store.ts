import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import { pathUnder } from '../../kernel/scope/subtree.js';
import type { OrgTable } from './tables.js';

type Q = Kysely<Database> | Transaction<Database>;

export async function listOrgsUnder(db: Q, prefixes: string[]): Promise<OrgTable[]> {
  return db.selectFrom('orgs').selectAll().where(pathUnder('orgs.path', prefixes)).orderBy('depth').orderBy('code').execute();
}

export async function findOrg(db: Q, id: string): Promise<OrgTable | undefined> {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrgs(db: Q, ids: string[]): Promise<OrgTable[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('orgs').selectAll().where('id', 'in', ids).execute();
}

export async function findOrgByCode(db: Q, code: string): Promise<OrgTable | undefined> {
  return db.selectFrom('orgs').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findRoot(db: Q): Promise<OrgTable | undefined> {
  return db.selectFrom('orgs').selectAll().where('parent_id', 'is', null).orderBy('created_at').executeTakeFirst();
}

export async function insertOrgs(db: Q, rows: OrgTable[]): Promise<void> {
  // Chunked: SQLite caps bound parameters per statement.
  for (let i = 0; i < rows.length; i += 50) await db.insertInto('orgs').values(rows.slice(i, i + 50)).execute();
}

export async function updateOrg(db: Q, id: string, patch: Partial<Pick<OrgTable, 'code' | 'name_zh' | 'name_mn' | 'updated_at'>>) {
  await db.updateTable('orgs').set(patch).where('id', '=', id).execute();
}

export async function countOrgs(db: Q): Promise<number> {
  const r = await db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
