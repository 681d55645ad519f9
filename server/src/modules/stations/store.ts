import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import { escapeLike, orgInSubtrees } from '../../kernel/scope/subtree.js';
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
    .select(['orgs.path as org_path', 'orgs.code as org_code', 'orgs.name_zh as org_name_zh', 'orgs.name_mn as org_name_mn'])
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
  /** Subtree prefixes the caller may see (already narrowed to one org's subtree when asked). */
  prefixes: string[];
  status?: StationTable['status'];
  kind?: StationTable['kind'];
  q?: string;
  /** Stations whose last heartbeat is older than this instant, or that never sent one. */
  silentBefore?: string;
}

const like = (column: string, pattern: string) => sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;

function filtered(db: Q, f: StationFilter) {
  let q = db.selectFrom('stations').innerJoin('orgs', 'orgs.id', 'stations.org_id').where(orgInSubtrees('stations.org_id', f.prefixes));
  if (f.status) q = q.where('stations.status', '=', f.status);
  if (f.kind) q = q.where('stations.kind', '=', f.kind);
  if (f.silentBefore) {
    const cutoff = f.silentBefore;
    q = q.where((eb) => eb.or([eb('stations.last_heartbeat_at', 'is', null), eb('stations.last_heartbeat_at', '<', cutoff)]));
  }
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    const lower = `%${escapeLike(f.q.toLowerCase())}%`;
    q = q.where((eb) =>
      eb.or([
        sql<SqlBool>`lower(${sql.ref('stations.code')}) like ${lower} escape '\\'`,
        like('stations.name_zh', pattern),
        like('stations.name_mn', pattern),
        like('stations.place', pattern),
        like('stations.owner_name', pattern),
      ]),
    );
  }
  return q;
}

/** One page of stations in scope with their org's code and names, and the total count. */
export async function list(db: Q, f: StationFilter, limit: number, offset: number) {
  const q = filtered(db, f);
  const [rows, total] = await Promise.all([
    q
      .selectAll('stations')
      .select(['orgs.path as org_path', 'orgs.code as org_code', 'orgs.name_zh as org_name_zh', 'orgs.name_mn as org_name_mn'])
      .orderBy('stations.code')
      .limit(limit)
      .offset(offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/**
 * Orgs by code with what a station's org needs (kind and path), one query per 500 codes. The orgs
 * table is read here, never written: it is the scope boundary every station row is checked against.
 */
export async function orgsByCodes(db: Q, codes: string[]) {
  const out: { id: string; code: string; kind: string; path: string }[] = [];
  for (let i = 0; i < codes.length; i += 500) {
    const chunk = codes.slice(i, i + 500);
    if (chunk.length) out.push(...(await db.selectFrom('orgs').select(['id', 'code', 'kind', 'path']).where('code', 'in', chunk).execute()));
  }
  return out;
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
