import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import { orgInSubtrees } from '../../kernel/scope/subtree.js';
import type { OfficerApplicationTable, OfficerAttributionTable, OfficerLeaderboardSettingTable, OfficerPickTable, OfficerTable } from './tables.js';

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

// ——— registration, import, approval ———

/** Orgs by code with kind and path (read-only; the org tree is the scoping boundary for officers). */
export async function orgsByCodes(db: Q, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('orgs').select(['id', 'code', 'kind', 'path', 'name_zh', 'name_mn']).where('code', 'in', [...new Set(codes)]).execute();
}

export async function orgById(db: Q, id: string) {
  return db.selectFrom('orgs').select(['id', 'code', 'kind', 'path', 'name_zh', 'name_mn']).where('id', '=', id).executeTakeFirst();
}

/** Phones held by officers who are not rejected (a rejected applicant may apply again). */
export async function activePhonesTaken(db: Q, phones: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < phones.length; i += 500) {
    const rows = await db.selectFrom('officers').select('phone').where('phone', 'in', phones.slice(i, i + 500)).where('status', '<>', 'rejected').execute();
    for (const r of rows) out.add(r.phone);
  }
  return out;
}

export async function insertApplications(db: Q, rows: OfficerApplicationTable[]) {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('officer_applications').values(rows.slice(i, i + 200)).execute();
}

export async function findApplication(db: Q, officerId: string) {
  return db.selectFrom('officer_applications').selectAll().where('officer_id', '=', officerId).executeTakeFirst();
}

export async function updateApplication(db: Q, officerId: string, patch: Partial<OfficerApplicationTable>) {
  await db.updateTable('officer_applications').set(patch).where('officer_id', '=', officerId).execute();
}

/** One officer with the names of its org, for profiles. */
export async function profile(db: Q, id: string) {
  return db
    .selectFrom('officers')
    .innerJoin('orgs', 'orgs.id', 'officers.org_id')
    .selectAll('officers')
    .select(['orgs.path as org_path', 'orgs.name_zh as org_name_zh', 'orgs.name_mn as org_name_mn'])
    .where('officers.id', '=', id)
    .executeTakeFirst();
}

export async function profileByUser(db: Q, userId: string) {
  const o = await findByUser(db, userId);
  return o ? profile(db, o.id) : undefined;
}

// ——— picks ———

export async function insertPick(db: Q, row: OfficerPickTable) {
  await db.insertInto('officer_picks').values(row).execute();
}

export async function findPick(db: Q, day: string, orgId: string, resourceId: string) {
  return db.selectFrom('officer_picks').selectAll().where('day', '=', day).where('org_id', '=', orgId).where('resource_id', '=', resourceId).executeTakeFirst();
}

export async function pickById(db: Q, id: string) {
  return db
    .selectFrom('officer_picks')
    .innerJoin('orgs', 'orgs.id', 'officer_picks.org_id')
    .selectAll('officer_picks')
    .select('orgs.path as org_path')
    .where('officer_picks.id', '=', id)
    .executeTakeFirst();
}

export async function deletePick(db: Q, id: string) {
  await db.deleteFrom('officer_picks').where('id', '=', id).execute();
}

/** Picks whose org lies in one of the subtrees, for admins. */
export async function picksUnder(db: Q, prefixes: string[], day: string) {
  return db
    .selectFrom('officer_picks')
    .selectAll()
    .where('day', '=', day)
    .where(orgInSubtrees('officer_picks.org_id', prefixes))
    .orderBy('created_at')
    .execute();
}

/** Picks that reach an officer at `orgPath`: those made on that org or any org above it. */
export async function picksFor(db: Q, orgPath: string, day: string | null) {
  const ancestors = orgPath.split('/').filter(Boolean);
  if (ancestors.length === 0) return [];
  let q = db.selectFrom('officer_picks').selectAll().where('org_id', 'in', ancestors);
  if (day) q = q.where('day', '=', day);
  return q.orderBy('day', 'desc').orderBy('created_at').execute();
}

// ——— devices and attribution ———

export async function rememberDevice(db: Q, officerId: string, deviceHash: string, at: string) {
  await db
    .insertInto('officer_devices')
    .values({ officer_id: officerId, device_hash: deviceHash, seen_at: at })
    .onConflict((oc) => oc.columns(['officer_id', 'device_hash']).doUpdateSet({ seen_at: at }))
    .execute();
}

export async function isOfficerDevice(db: Q, officerId: string, deviceHash: string): Promise<boolean> {
  const r = await db.selectFrom('officer_devices').select('officer_id').where('officer_id', '=', officerId).where('device_hash', '=', deviceHash).executeTakeFirst();
  return !!r;
}

/** The newest counted action of some kinds for this officer's link and resource by this device (or client) since `since`. */
export async function lastAttribution(
  db: Q,
  f: { officerId: string; resourceId: string; kinds: OfficerAttributionTable['kind'][]; since: string; deviceHash?: string; clientHash?: string },
) {
  let q = db
    .selectFrom('officer_attributions')
    .selectAll()
    .where('officer_id', '=', f.officerId)
    .where('resource_id', '=', f.resourceId)
    .where('kind', 'in', f.kinds)
    .where('at', '>=', f.since);
  if (f.deviceHash) q = q.where('device_hash', '=', f.deviceHash);
  if (f.clientHash) q = q.where('client_hash', '=', f.clientHash);
  return q.orderBy('at', 'desc').limit(1).executeTakeFirst();
}

export async function attributionByRef(db: Q, ref: string) {
  return db.selectFrom('officer_attributions').selectAll().where('ref', '=', ref).executeTakeFirst();
}

export async function insertAttribution(db: Q, row: OfficerAttributionTable) {
  await db.insertInto('officer_attributions').values(row).execute();
}

export async function deleteAttribution(db: Q, id: string) {
  await db.deleteFrom('officer_attributions').where('id', '=', id).execute();
}

/** Counted actions per officer, day and kind: for one officer, or for every officer in a subtree. */
export async function actionCounts(db: Q, f: { from: string; to: string; officerId?: string; orgPrefix?: string }) {
  let q = db
    .selectFrom('officer_attributions')
    .select(['officer_id', 'day', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('day', '>=', f.from)
    .where('day', '<=', f.to);
  if (f.officerId) q = q.where('officer_id', '=', f.officerId);
  if (f.orgPrefix !== undefined) q = q.where(orgInSubtrees('officer_attributions.org_id', [f.orgPrefix]));
  return q.groupBy(['officer_id', 'day', 'kind']).execute();
}

/** Names and orgs of officers, for leaderboards. */
export async function officerNames(db: Q, ids: string[]) {
  if (ids.length === 0) return [];
  const out = [];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('officers')
        .innerJoin('orgs', 'orgs.id', 'officers.org_id')
        .select(['officers.id', 'officers.name', 'officers.code', 'officers.org_id', 'orgs.name_zh as org_name_zh', 'orgs.name_mn as org_name_mn'])
        .where('officers.id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}

// ——— leaderboard settings ———

export async function leaderboardSettings(db: Q, orgIds: string[]) {
  if (orgIds.length === 0) return [];
  return db.selectFrom('officer_leaderboard_settings').selectAll().where('org_id', 'in', orgIds).execute();
}

export async function setLeaderboard(db: Q, row: OfficerLeaderboardSettingTable) {
  await db
    .insertInto('officer_leaderboard_settings')
    .values(row)
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ enabled: row.enabled, updated_by: row.updated_by, updated_at: row.updated_at }))
    .execute();
}
