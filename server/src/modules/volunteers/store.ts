import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import { escapeLike, orgInSubtrees } from '../../kernel/scope/subtree.js';
import type { ConsentPurpose, VolunteerConsentTable, VolunteerStatus, VolunteerTable, VolunteerTeamMemberTable, VolunteerTeamTable, TeamRole } from './tables.js';

type Q = Kysely<Database> | Transaction<Database>;

const ORG_COLUMNS = ['orgs.path as org_path', 'orgs.code as org_code', 'orgs.name_zh as org_name_zh', 'orgs.name_mn as org_name_mn'] as const;

export async function insertVolunteers(db: Q, rows: VolunteerTable[]) {
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('volunteers').values(rows.slice(i, i + 100)).execute();
}

export async function updateVolunteer(db: Q, id: string, patch: Partial<VolunteerTable>) {
  await db.updateTable('volunteers').set(patch).where('id', '=', id).execute();
}

export async function findById(db: Q, id: string) {
  return db.selectFrom('volunteers').innerJoin('orgs', 'orgs.id', 'volunteers.org_id').selectAll('volunteers').select(ORG_COLUMNS).where('volunteers.id', '=', id).executeTakeFirst();
}

export async function findByUser(db: Q, userId: string) {
  return db.selectFrom('volunteers').innerJoin('orgs', 'orgs.id', 'volunteers.org_id').selectAll('volunteers').select(ORG_COLUMNS).where('volunteers.user_id', '=', userId).executeTakeFirst();
}

/** Many volunteers by id with their org, one query per 500 ids (for other modules' lists). */
export async function findByIds(db: Q, ids: string[]) {
  const out: NonNullable<Awaited<ReturnType<typeof findById>>>[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (chunk.length) out.push(...(await db.selectFrom('volunteers').innerJoin('orgs', 'orgs.id', 'volunteers.org_id').selectAll('volunteers').select(ORG_COLUMNS).where('volunteers.id', 'in', chunk).execute()));
  }
  return out;
}

export interface VolunteerFilter {
  prefixes: string[];
  status?: VolunteerStatus;
  language?: string;
  q?: string;
  teamId?: string;
}

const like = (column: string, pattern: string) => sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;

function filtered(db: Q, f: VolunteerFilter) {
  let q = db.selectFrom('volunteers').innerJoin('orgs', 'orgs.id', 'volunteers.org_id').where(orgInSubtrees('volunteers.org_id', f.prefixes));
  if (f.status) q = q.where('volunteers.status', '=', f.status);
  if (f.language) q = q.where(like('volunteers.languages', `%${escapeLike(f.language)}%`));
  if (f.teamId) {
    const teamId = f.teamId;
    q = q.where('volunteers.id', 'in', (eb) => eb.selectFrom('volunteer_team_members').select('volunteer_id').where('team_id', '=', teamId));
  }
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([like('volunteers.name', pattern), like('volunteers.skills', pattern), like('volunteers.fields', pattern), eb('volunteers.phone', '=', f.q!)]));
  }
  return q;
}

export async function list(db: Q, f: VolunteerFilter, limit: number, offset: number) {
  const q = filtered(db, f);
  const [rows, total] = await Promise.all([
    q.selectAll('volunteers').select(ORG_COLUMNS).orderBy('volunteers.created_at', 'desc').orderBy('volunteers.id').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** ID numbers already registered (to refuse a second registration of the same person). */
export async function existingIdNumbers(db: Q, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (chunk.length) for (const r of await db.selectFrom('volunteers').select('id_number').where('id_number', 'in', chunk).execute()) out.add(r.id_number!);
  }
  return out;
}

/** `org_id|phone` keys already registered. */
export async function existingPhones(db: Q, phones: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < phones.length; i += 500) {
    const chunk = phones.slice(i, i + 500);
    if (chunk.length) for (const r of await db.selectFrom('volunteers').select(['org_id', 'phone']).where('phone', 'in', chunk).execute()) out.add(`${r.org_id}|${r.phone}`);
  }
  return out;
}

/** Orgs by code with kind and path (the import's org column); the orgs table is read, never written. */
export async function orgsByCodes(db: Q, codes: string[]) {
  const out: { id: string; code: string; kind: string; path: string }[] = [];
  for (let i = 0; i < codes.length; i += 500) {
    const chunk = codes.slice(i, i + 500);
    if (chunk.length) out.push(...(await db.selectFrom('orgs').select(['id', 'code', 'kind', 'path']).where('code', 'in', chunk).execute()));
  }
  return out;
}

export async function orgPathOf(db: Q, orgId: string): Promise<string | undefined> {
  return (await db.selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirst())?.path;
}

// ——— consents ———

export async function insertConsents(db: Q, rows: VolunteerConsentTable[]) {
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('volunteer_consents').values(rows.slice(i, i + 100)).execute();
}

export async function consentsOf(db: Q, volunteerId: string) {
  return db.selectFrom('volunteer_consents').selectAll().where('volunteer_id', '=', volunteerId).orderBy('given_at').orderBy('id').execute();
}

export async function activeConsent(db: Q, volunteerId: string, purpose: ConsentPurpose) {
  return db.selectFrom('volunteer_consents').selectAll().where('volunteer_id', '=', volunteerId).where('purpose', '=', purpose).where('withdrawn_at', 'is', null).executeTakeFirst();
}

export async function withdrawConsent(db: Q, id: string, patch: Pick<VolunteerConsentTable, 'withdrawn_at' | 'withdrawn_by' | 'withdraw_channel' | 'withdraw_note'>) {
  await db.updateTable('volunteer_consents').set(patch).where('id', '=', id).where('withdrawn_at', 'is', null).execute();
}

// ——— teams ———

export async function insertTeam(db: Q, row: VolunteerTeamTable) {
  await db.insertInto('volunteer_teams').values(row).execute();
}

export async function updateTeam(db: Q, id: string, patch: Partial<VolunteerTeamTable>) {
  await db.updateTable('volunteer_teams').set(patch).where('id', '=', id).execute();
}

export async function findTeam(db: Q, id: string) {
  return db.selectFrom('volunteer_teams').innerJoin('orgs', 'orgs.id', 'volunteer_teams.org_id').selectAll('volunteer_teams').select(ORG_COLUMNS).where('volunteer_teams.id', '=', id).executeTakeFirst();
}

/** Teams in scope with their member and leader counts (one grouped query). */
export async function listTeams(db: Q, prefixes: string[], orgPrefix?: string) {
  let q = db
    .selectFrom('volunteer_teams')
    .innerJoin('orgs', 'orgs.id', 'volunteer_teams.org_id')
    .leftJoin('volunteer_team_members as m', 'm.team_id', 'volunteer_teams.id')
    .where(orgInSubtrees('volunteer_teams.org_id', prefixes));
  if (orgPrefix) q = q.where(like('orgs.path', `${escapeLike(orgPrefix)}%`));
  return q
    .selectAll('volunteer_teams')
    .select(ORG_COLUMNS)
    .select((eb) => [eb.fn.count<number>('m.volunteer_id').as('members'), eb.fn.sum<number>(eb.case().when('m.role', '=', 'leader').then(1).else(0).end()).as('leaders')])
    .groupBy(['volunteer_teams.id', 'volunteer_teams.org_id', 'volunteer_teams.name_zh', 'volunteer_teams.name_mn', 'volunteer_teams.field', 'volunteer_teams.created_by', 'volunteer_teams.created_at', 'volunteer_teams.updated_at', 'orgs.path', 'orgs.code', 'orgs.name_zh', 'orgs.name_mn'])
    .orderBy('volunteer_teams.name_zh')
    .execute();
}

export async function teamMembers(db: Q, teamId: string) {
  return db
    .selectFrom('volunteer_team_members as m')
    .innerJoin('volunteers', 'volunteers.id', 'm.volunteer_id')
    .innerJoin('orgs', 'orgs.id', 'volunteers.org_id')
    .selectAll('volunteers')
    .select(ORG_COLUMNS)
    .select(['m.role as team_role', 'm.added_at'])
    .where('m.team_id', '=', teamId)
    .orderBy('m.role')
    .orderBy('volunteers.name')
    .execute();
}

export async function upsertMember(db: Q, row: VolunteerTeamMemberTable) {
  await db
    .insertInto('volunteer_team_members')
    .values(row)
    .onConflict((oc) => oc.columns(['team_id', 'volunteer_id']).doUpdateSet({ role: row.role }))
    .execute();
}

export async function deleteMember(db: Q, teamId: string, volunteerId: string) {
  const r = await db.deleteFrom('volunteer_team_members').where('team_id', '=', teamId).where('volunteer_id', '=', volunteerId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function memberRole(db: Q, teamId: string, volunteerId: string): Promise<TeamRole | undefined> {
  return (await db.selectFrom('volunteer_team_members').select('role').where('team_id', '=', teamId).where('volunteer_id', '=', volunteerId).executeTakeFirst())?.role;
}

/** Orgs on the line of `path`: its ancestors, itself and everything below it (names for a picker). */
export async function orgsOnLine(db: Q, path: string, limit: number) {
  const parts = path.split('/').filter(Boolean);
  const ancestors = parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
  return db
    .selectFrom('orgs')
    .select(['id', 'code', 'kind', 'parent_id', 'name_zh', 'name_mn', 'depth'])
    .where((eb) => eb.or([eb('path', 'in', ancestors), like('path', `${escapeLike(path)}%`)]))
    .orderBy('depth')
    .orderBy('code')
    .limit(limit)
    .execute();
}
