import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import { orgInSubtrees } from '../../kernel/scope/subtree.js';
import type { StationTable } from './tables.js';

type Q = Kysely<Database> | Transaction<Database>;

export async function byCodes(db: Q, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('stations').select(['id', 'code', 'org_id', 'status']).where('code', 'in', codes).execute();
}

export async function findByCode(db: Q, code: string) {
  return db
    .selectFrom('stations')
    .innerJoin('orgs', 'orgs.id', 'stations.org_id')
    .selectAll('stations')
    .select('orgs.path as org_path')
    .where('stations.code', '=', code)
    .executeTakeFirst();
}

export async function findById(db: Q, id: string) {
  return db
    .selectFrom('stations')
    .innerJoin('orgs', 'orgs.id', 'stations.org_id')
    .selectAll('stations')
    .select('orgs.path as org_path')
    .where('stations.id', '=', id)
    .executeTakeFirst();
}

/** Heartbeats move last_heartbeat_at forward only (late uploads from an outbox never move it back). */
export async function touchHeartbeats(db: Q, latest: Map<string, string>) {
  for (const [code, at] of latest) {
    await db
      .updateTable('stations')
      .set({ last_heartbeat_at: at })
      .where('code', '=', code)
      .where((eb) => eb.or([eb('last_heartbeat_at', 'is', null), eb('last_heartbeat_at', '<', at)]))
      .execute();
  }
}

export interface StationFilter {
  prefixes: string[];
  status?: StationTable['status'];
  kind?: StationTable['kind'];
  q?: string;
}

export async function list(db: Q, f: StationFilter, limit: number, offset: number) {
  let q = db.selectFrom('stations').where(orgInSubtrees('stations.org_id', f.prefixes));
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    q = q.where((eb) => eb.or([eb('code', 'like', like), eb('name_zh', 'like', like), eb('place', 'like', like)]));
  }
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('code').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function insertMany(db: Q, rows: StationTable[]) {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('stations').values(rows.slice(i, i + 200)).execute();
}

export async function update(db: Q, id: string, patch: Partial<StationTable>) {
  await db.updateTable('stations').set(patch).where('id', '=', id).execute();
}

export async function existingCodes(db: Q, codes: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await db.selectFrom('stations').select('code').where('code', 'in', codes.slice(i, i + 500)).execute();
    for (const r of rows) out.add(r.code);
  }
  return out;
}
