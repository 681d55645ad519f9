import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import { orgInSubtrees } from '../../kernel/scope/subtree.js';
import type { OfficerTable } from './tables.js';

type Q = Kysely<Database> | Transaction<Database>;

export async function byCodes(db: Q, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('officers').select(['id', 'code', 'org_id', 'status', 'user_id']).where('code', 'in', codes).execute();
}

export async function findById(db: Q, id: string) {
  return db
    .selectFrom('officers')
    .innerJoin('orgs', 'orgs.id', 'officers.org_id')
    .selectAll('officers')
    .select('orgs.path as org_path')
    .where('officers.id', '=', id)
    .executeTakeFirst();
}

export async function findByUser(db: Q, userId: string) {
  return db.selectFrom('officers').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function insertMany(db: Q, rows: OfficerTable[]) {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('officers').values(rows.slice(i, i + 200)).execute();
}

export async function update(db: Q, id: string, patch: Partial<OfficerTable>) {
  await db.updateTable('officers').set(patch).where('id', '=', id).execute();
}

export async function codesTaken(db: Q, codes: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < codes.length; i += 500) {
    for (const r of await db.selectFrom('officers').select('code').where('code', 'in', codes.slice(i, i + 500)).execute()) out.add(r.code);
  }
  return out;
}

export async function phonesTaken(db: Q, phones: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < phones.length; i += 500) {
    for (const r of await db.selectFrom('officers').select('phone').where('phone', 'in', phones.slice(i, i + 500)).execute()) out.add(r.phone);
  }
  return out;
}

export async function list(db: Q, f: { prefixes: string[]; status?: OfficerTable['status'] }, limit: number, offset: number) {
  let q = db.selectFrom('officers').innerJoin('orgs', 'orgs.id', 'officers.org_id').where(orgInSubtrees('officers.org_id', f.prefixes));
  if (f.status) q = q.where('officers.status', '=', f.status);
  const [rows, total] = await Promise.all([
    q.selectAll('officers').select(['orgs.name_zh as org_name_zh', 'orgs.name_mn as org_name_mn']).orderBy('officers.created_at', 'desc').orderBy('officers.id').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
