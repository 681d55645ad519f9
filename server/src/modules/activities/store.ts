import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import { escapeLike, orgInSubtrees, pathUnder } from '../../kernel/scope/subtree.js';
import type {
  ActivityAttendanceTable,
  ActivityKind,
  ActivityScanTable,
  ActivitySignupTable,
  ActivityStatus,
  ActivityTable,
  HoursStatus,
  PairingTable,
  ServiceHoursTable,
} from './tables.js';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * The activities module's SQL. The orgs table is joined for paths and names (read only: it is the
 * scope boundary); volunteers are never joined here — the service asks the volunteers module.
 */

function activityRows(db: Q) {
  return db
    .selectFrom('activities')
    .innerJoin('orgs', 'orgs.id', 'activities.org_id')
    .leftJoin('orgs as place', 'place.id', 'activities.place_org_id')
    .selectAll('activities')
    .select([
      'orgs.path as org_path',
      'orgs.code as org_code',
      'orgs.name_zh as org_name_zh',
      'orgs.name_mn as org_name_mn',
      'place.path as place_path',
      'place.code as place_code',
      'place.name_zh as place_name_zh',
      'place.name_mn as place_name_mn',
    ]);
}

export type ActivityRow = NonNullable<Awaited<ReturnType<typeof findActivity>>>;

export async function findActivity(db: Q, id: string) {
  return activityRows(db).where('activities.id', '=', id).executeTakeFirst();
}

export async function findActivities(db: Q, ids: string[]) {
  if (ids.length === 0) return [];
  return activityRows(db).where('activities.id', 'in', ids).execute();
}

export async function insertActivity(db: Q, row: ActivityTable) {
  await db.insertInto('activities').values(row).execute();
}

export async function updateActivity(db: Q, id: string, patch: Partial<ActivityTable>) {
  await db.updateTable('activities').set(patch).where('id', '=', id).execute();
}

/**
 * Bumps the activity's sequence and returns it: the row lock (PostgreSQL) that serialises sign-ups,
 * cancellations and scans of one activity, and the order in which sign-ups arrived.
 */
export async function lockActivity(db: Q, id: string): Promise<{ seq: number; capacity: number; status: ActivityStatus } | undefined> {
  return db
    .updateTable('activities')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', id)
    .returning(['seq', 'capacity', 'status'])
    .executeTakeFirst();
}

export interface ActivityFilter {
  /** Read scope: the organiser or the place must lie under one of them. */
  prefixes: string[];
  /** Narrowed to this subtree (organiser or place), when asked. */
  under?: string;
  kind?: ActivityKind;
  status?: ActivityStatus;
  from?: string;
  to?: string;
  q?: string;
  pairingId?: string;
}

const like = (column: string, pattern: string) => sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;

function filtered(db: Q, f: ActivityFilter) {
  let q = activityRows(db).where((eb) => eb.or([pathUnder('orgs.path', f.prefixes), eb.and([eb('place.path', 'is not', null), pathUnder('place.path', f.prefixes)])]));
  if (f.under) {
    const p = `${escapeLike(f.under)}%`;
    q = q.where((eb) => eb.or([like('orgs.path', p), like('place.path', p)]));
  }
  if (f.kind) q = q.where('activities.kind', '=', f.kind);
  if (f.status) q = q.where('activities.status', '=', f.status);
  if (f.from) q = q.where('activities.ends_at', '>=', f.from);
  if (f.to) q = q.where('activities.starts_at', '<', f.to);
  if (f.pairingId) q = q.where('activities.pairing_id', '=', f.pairingId);
  if (f.q) {
    const p = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([like('activities.title_zh', p), like('activities.title_mn', p), like('activities.place_text', p)]));
  }
  return q;
}

export async function listActivities(db: Q, f: ActivityFilter, limit: number, offset: number) {
  const q = filtered(db, f);
  const [rows, total] = await Promise.all([
    q.orderBy('activities.starts_at', 'desc').orderBy('activities.id').limit(limit).offset(offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Open activities a volunteer of the org at `path` may join: organised or held on their line (above or below). */
export async function openForPath(db: Q, path: string, ancestors: string[], now: string, limit: number) {
  const below = `${escapeLike(path)}%`;
  return activityRows(db)
    .where('activities.status', '=', 'open')
    .where('activities.ends_at', '>', now)
    .where((eb) => eb.or([eb('orgs.path', 'in', ancestors), like('orgs.path', below), eb('place.path', 'in', ancestors), like('place.path', below)]))
    .orderBy('activities.starts_at')
    .limit(limit)
    .execute();
}

/** Sign-up counts by status and check-in counts for many activities (two grouped queries). */
export async function countsFor(db: Q, ids: string[]) {
  const out = new Map<string, { confirmed: number; waitlisted: number; checkedIn: number; checkedOut: number }>();
  if (ids.length === 0) return out;
  for (const id of ids) out.set(id, { confirmed: 0, waitlisted: 0, checkedIn: 0, checkedOut: 0 });
  const [signups, present] = await Promise.all([
    db.selectFrom('activity_signups').select(['activity_id', 'status', (eb) => eb.fn.countAll<number>().as('n')]).where('activity_id', 'in', ids).groupBy(['activity_id', 'status']).execute(),
    db
      .selectFrom('activity_attendance')
      .select(['activity_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('checked_out_at').as('out')])
      .where('activity_id', 'in', ids)
      .groupBy('activity_id')
      .execute(),
  ]);
  for (const s of signups) {
    const c = out.get(s.activity_id)!;
    if (s.status === 'confirmed') c.confirmed = Number(s.n);
    if (s.status === 'waitlisted') c.waitlisted = Number(s.n);
  }
  for (const p of present) {
    const c = out.get(p.activity_id)!;
    c.checkedIn = Number(p.n);
    c.checkedOut = Number(p.out);
  }
  return out;
}

// ——— sign-ups ———

export async function findSignup(db: Q, id: string) {
  return db.selectFrom('activity_signups').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSignups(db: Q, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('activity_signups').selectAll().where('id', 'in', ids).execute();
}

export async function signupOf(db: Q, activityId: string, volunteerId: string) {
  return db.selectFrom('activity_signups').selectAll().where('activity_id', '=', activityId).where('volunteer_id', '=', volunteerId).executeTakeFirst();
}

export async function insertSignup(db: Q, row: ActivitySignupTable) {
  await db.insertInto('activity_signups').values(row).execute();
}

export async function updateSignup(db: Q, id: string, patch: Partial<ActivitySignupTable>) {
  await db.updateTable('activity_signups').set(patch).where('id', '=', id).execute();
}

export async function countConfirmed(db: Q, activityId: string): Promise<number> {
  const r = await db.selectFrom('activity_signups').select((eb) => eb.fn.countAll<number>().as('n')).where('activity_id', '=', activityId).where('status', '=', 'confirmed').executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The first `n` waiting, in sign-up order. */
export async function firstWaiting(db: Q, activityId: string, n: number) {
  if (n <= 0) return [];
  return db.selectFrom('activity_signups').selectAll().where('activity_id', '=', activityId).where('status', '=', 'waitlisted').orderBy('seq').limit(n).execute();
}

export async function promote(db: Q, ids: string[], at: string) {
  if (ids.length) await db.updateTable('activity_signups').set({ status: 'confirmed', promoted_at: at, updated_at: at }).where('id', 'in', ids).execute();
}

/** An activity's sign-ups (waiting in order) with each one's check-in and check-out. */
export async function signupsOfActivity(db: Q, activityId: string) {
  return db
    .selectFrom('activity_signups as s')
    .leftJoin('activity_attendance as a', (j) => j.onRef('a.activity_id', '=', 's.activity_id').onRef('a.volunteer_id', '=', 's.volunteer_id'))
    .selectAll('s')
    .select(['a.checked_in_at', 'a.checked_out_at'])
    .where('s.activity_id', '=', activityId)
    .orderBy('s.status')
    .orderBy('s.seq')
    .execute();
}

/** A volunteer's sign-ups with their activities and attendance, newest activity first. */
export async function signupsOfVolunteer(db: Q, volunteerId: string) {
  return db
    .selectFrom('activity_signups as s')
    .leftJoin('activity_attendance as a', (j) => j.onRef('a.activity_id', '=', 's.activity_id').onRef('a.volunteer_id', '=', 's.volunteer_id'))
    .selectAll('s')
    .select(['a.checked_in_at', 'a.checked_out_at'])
    .where('s.volunteer_id', '=', volunteerId)
    .execute();
}

// ——— scans and attendance ———

export async function scansByNonce(db: Q, keys: { activityId: string; nonce: string }[]) {
  if (keys.length === 0) return [];
  const nonces = [...new Set(keys.map((k) => k.nonce))];
  const activities = [...new Set(keys.map((k) => k.activityId))];
  return db.selectFrom('activity_scans').selectAll().where('nonce', 'in', nonces).where('activity_id', 'in', activities).execute();
}

export async function insertScans(db: Q, rows: ActivityScanTable[]) {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('activity_scans').values(rows.slice(i, i + 200)).execute();
}

export async function attendanceOf(db: Q, activityIds: string[], volunteerIds: string[]) {
  if (activityIds.length === 0 || volunteerIds.length === 0) return [];
  return db.selectFrom('activity_attendance').selectAll().where('activity_id', 'in', activityIds).where('volunteer_id', 'in', volunteerIds).execute();
}

export async function insertAttendance(db: Q, rows: ActivityAttendanceTable[]) {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('activity_attendance').values(rows.slice(i, i + 200)).execute();
}

export async function checkOut(db: Q, activityId: string, volunteerId: string, at: string, nonce: string) {
  await db.updateTable('activity_attendance').set({ checked_out_at: at, out_nonce: nonce }).where('activity_id', '=', activityId).where('volunteer_id', '=', volunteerId).where('checked_out_at', 'is', null).execute();
}

// ——— service hours ———

export async function insertHours(db: Q, rows: ServiceHoursTable[]) {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('service_hours').values(rows.slice(i, i + 200)).execute();
}

export async function updateHours(db: Q, id: string, patch: Partial<ServiceHoursTable>) {
  await db.updateTable('service_hours').set(patch).where('id', '=', id).execute();
}

function hoursRows(db: Q) {
  return db
    .selectFrom('service_hours as h')
    .innerJoin('orgs', 'orgs.id', 'h.org_id')
    .leftJoin('activities as act', 'act.id', 'h.activity_id')
    .selectAll('h')
    .select(['orgs.path as org_path', 'orgs.name_zh as org_name_zh', 'orgs.name_mn as org_name_mn', 'act.title_zh as activity_title_zh', 'act.title_mn as activity_title_mn', 'act.kind as activity_kind']);
}

export async function findHours(db: Q, id: string) {
  return hoursRows(db).where('h.id', '=', id).executeTakeFirst();
}

/** Hours records still standing (pending or approved) of volunteers for activities: one per pair. */
export async function standingHours(db: Q, volunteerIds: string[], activityIds: string[]) {
  if (volunteerIds.length === 0 || activityIds.length === 0) return [];
  return db.selectFrom('service_hours').select(['id', 'volunteer_id', 'activity_id', 'status']).where('volunteer_id', 'in', volunteerIds).where('activity_id', 'in', activityIds).where('status', '!=', 'rejected').execute();
}

export interface HoursFilter {
  prefixes: string[];
  status?: HoursStatus;
  activityId?: string;
}

export async function listHours(db: Q, f: HoursFilter, limit: number, offset: number) {
  let q = hoursRows(db).where(orgInSubtrees('h.org_id', f.prefixes));
  if (f.status) q = q.where('h.status', '=', f.status);
  if (f.activityId) q = q.where('h.activity_id', '=', f.activityId);
  const [rows, total] = await Promise.all([
    q.orderBy('h.created_at', 'desc').orderBy('h.id').limit(limit).offset(offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function hoursOfVolunteer(db: Q, volunteerId: string, status?: HoursStatus) {
  let q = hoursRows(db).where('h.volunteer_id', '=', volunteerId);
  if (status) q = q.where('h.status', '=', status);
  return q.orderBy('h.service_date').orderBy('h.created_at').execute();
}

// ——— pairings ———

function pairingRows(db: Q) {
  return db
    .selectFrom('pairings as p')
    .innerJoin('orgs as s', 's.id', 'p.society_org_id')
    .innerJoin('orgs as b', 'b.id', 'p.banner_org_id')
    .selectAll('p')
    .select(['s.path as society_path', 's.code as society_code', 's.name_zh as society_name_zh', 's.name_mn as society_name_mn', 'b.path as banner_path', 'b.code as banner_code', 'b.name_zh as banner_name_zh', 'b.name_mn as banner_name_mn']);
}

export async function findPairing(db: Q, id: string) {
  return pairingRows(db).where('p.id', '=', id).executeTakeFirst();
}

export async function insertPairing(db: Q, row: PairingTable) {
  await db.insertInto('pairings').values(row).execute();
}

export async function updatePairing(db: Q, id: string, patch: Partial<PairingTable>) {
  await db.updateTable('pairings').set(patch).where('id', '=', id).execute();
}

export async function pairingExists(db: Q, societyId: string, bannerId: string) {
  return !!(await db.selectFrom('pairings').select('id').where('society_org_id', '=', societyId).where('banner_org_id', '=', bannerId).executeTakeFirst());
}

/** Pairings seen from either end of the caller's scope. */
export async function listPairings(db: Q, prefixes: string[]) {
  return pairingRows(db)
    .where((eb) => eb.or([pathUnder('s.path', prefixes), pathUnder('b.path', prefixes)]))
    .orderBy('s.code')
    .orderBy('b.code')
    .execute();
}

/** What each pairing produced: activities (not cancelled), volunteers checked in, reported beneficiaries (grouped, one query each). */
export async function pairingStats(db: Q, ids: string[]) {
  const out = new Map<string, { activities: number; checkedIn: number; reportedBeneficiaries: number }>();
  for (const id of ids) out.set(id, { activities: 0, checkedIn: 0, reportedBeneficiaries: 0 });
  if (ids.length === 0) return out;
  const [acts, present] = await Promise.all([
    db
      .selectFrom('activities')
      .select(['pairing_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('reported_beneficiaries').as('reported')])
      .where('pairing_id', 'in', ids)
      .where('status', '!=', 'cancelled')
      .groupBy('pairing_id')
      .execute(),
    db
      .selectFrom('activity_attendance as a')
      .innerJoin('activities', 'activities.id', 'a.activity_id')
      .select(['activities.pairing_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('activities.pairing_id', 'in', ids)
      .where('activities.status', '!=', 'cancelled')
      .groupBy('activities.pairing_id')
      .execute(),
  ]);
  for (const a of acts) Object.assign(out.get(a.pairing_id!)!, { activities: Number(a.n), reportedBeneficiaries: Number(a.reported ?? 0) });
  for (const p of present) out.get(p.pairing_id!)!.checkedIn = Number(p.n);
  return out;
}

/** Orgs by id with kind and path (read only). */
export async function orgsByIds(db: Q, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('orgs').select(['id', 'code', 'kind', 'path', 'name_zh', 'name_mn']).where('id', 'in', ids).execute();
}

// ——— audience check-ins (beneficiaries counted) ———

/** Records an audience check-in once per nonce; true when it was new. */
export async function addAttendee(db: Q, activityId: string, nonce: string, at: string): Promise<boolean> {
  const r = await db.insertInto('activity_attendees').values({ activity_id: activityId, nonce, at }).onConflict((oc) => oc.columns(['activity_id', 'nonce']).doNothing()).returning('nonce').executeTakeFirst();
  return !!r;
}

/** Audience head counts of many activities (one grouped query). */
export async function attendeeCounts(db: Q, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('activity_attendees').select(['activity_id', (eb) => eb.fn.countAll<number>().as('n')]).where('activity_id', 'in', ids).groupBy('activity_id').execute();
  return new Map(rows.map((r) => [r.activity_id, Number(r.n)]));
}

/** 1-based places of waiting sign-ups in their activities' waiting lists (one query). */
export async function waitingPositions(db: Q, signupIds: string[]): Promise<Map<string, number>> {
  if (signupIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('activity_signups as s')
    .select((eb) => [
      's.id',
      eb
        .selectFrom('activity_signups as w')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('w.activity_id', '=', 's.activity_id')
        .where('w.status', '=', 'waitlisted')
        .whereRef('w.seq', '<=', 's.seq')
        .as('position'),
    ])
    .where('s.id', 'in', signupIds)
    .execute();
  return new Map(rows.map((r) => [r.id, Number(r.position)]));
}

/** Audience check-ins (beneficiaries counted at the venue) per pairing (one grouped query). */
export async function pairingAttendees(db: Q, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('activity_attendees as x')
    .innerJoin('activities', 'activities.id', 'x.activity_id')
    .select(['activities.pairing_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('activities.pairing_id', 'in', ids)
    .where('activities.status', '!=', 'cancelled')
    .groupBy('activities.pairing_id')
    .execute();
  return new Map(rows.map((r) => [r.pairing_id!, Number(r.n)]));
}
