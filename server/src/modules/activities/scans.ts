import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { localDay, nowIso } from '../../kernel/db/time.js';
import * as volunteers from '../volunteers/service.js';
import * as store from './store.js';
import { parsePayload, SCAN_GRACE_MS, subjectOf } from './service.js';
import type { ActivityAttendanceTable, ActivityScanTable, ScanDirection, ScanResult, ServiceHoursTable } from './tables.js';

/** A scan as the scanner sends it: the nonce is made on the device, once per read. */
export interface ScanInput {
  nonce: string;
  activityId: string;
  payload: string;
  direction: ScanDirection;
  /** When the code was read, by the device's clock (scans may be uploaded hours later). */
  scannedAt: string;
}

export type RejectReason = 'activity' | 'cancelled_activity' | 'bad_payload' | 'wrong_activity' | 'not_confirmed' | 'bad_time' | 'outside_window' | 'not_checked_in';

export interface ScanOutcome {
  nonce: string;
  activityId: string;
  direction: ScanDirection;
  result: ScanResult;
  reason: RejectReason | null;
  /** True when this nonce had been received before: the first answer, repeated. */
  replayed: boolean;
  volunteer: { id: string; name: string } | null;
}

/** How far ahead of the server's clock a device's clock may run. */
const CLOCK_SKEW_MS = 10 * 60_000;
/** A check-out that measures more than this is still recorded, but as the activity's length at most. */
const MAX_MINUTES = 24 * 60;

/**
 * Takes a batch of door scans (one, or an offline scanner's queue) and answers each one. Idempotent
 * twice over: a nonce seen before gets its first answer again (a retried upload changes nothing), and
 * a second check-in (or check-out) of the same volunteer at the same activity is a `duplicate` that
 * counts nothing. Scans are applied in the order they were read. A check-out records the measured
 * time as service hours awaiting the organiser's approval.
 *
 * Scans for activities the caller may not scan at are rejected and not stored; everything else is
 * stored with its outcome, all in one transaction under the activities' row locks.
 */
export async function processScans(ctx: AppContext, access: Access, scans: ScanInput[], ip: string | null): Promise<ScanOutcome[]> {
  const actor = access.requireUser();
  const activityIds = [...new Set(scans.map((s) => s.activityId))].sort();
  const acts = new Map((await store.findActivities(ctx.db.kysely, activityIds)).map((a) => [a.id, a]));
  const allowed = new Set([...acts.values()].filter((a) => access.can('activity.scan', subjectOf(a))).map((a) => a.id));
  const outcomes = new Map<number, ScanOutcome>();
  const base = (s: ScanInput) => ({ nonce: s.nonce, activityId: s.activityId, direction: s.direction, replayed: false, volunteer: null });
  scans.forEach((s, i) => {
    if (!allowed.has(s.activityId)) outcomes.set(i, { ...base(s), result: 'rejected', reason: 'activity' });
  });
  const todo = scans.map((s, i) => ({ s, i })).filter(({ i }) => !outcomes.has(i));
  if (todo.length === 0) return scans.map((_, i) => outcomes.get(i)!);

  const parsed = new Map(todo.map(({ s, i }) => [i, parsePayload(s.payload)]));
  const signupIds = [...new Set([...parsed.values()].flatMap((p) => (p ? [p.signupId] : [])))];

  await ctx.db.kysely.transaction().execute(async (trx) => {
    for (const id of activityIds) if (allowed.has(id)) await store.lockActivity(trx, id);
    const [seen, signups] = await Promise.all([store.scansByNonce(trx, todo.map(({ s }) => ({ activityId: s.activityId, nonce: s.nonce }))), store.findSignups(trx, signupIds)]);
    const seenBy = new Map(seen.map((x) => [`${x.activity_id}|${x.nonce}`, x]));
    const signupById = new Map(signups.map((x) => [x.id, x]));
    const volunteerIds = [...new Set(signups.map((x) => x.volunteer_id))];
    const [present, standing] = await Promise.all([store.attendanceOf(trx, [...allowed], volunteerIds), store.standingHours(trx, volunteerIds, [...allowed])]);
    const attendance = new Map(present.map((x) => [`${x.activity_id}|${x.volunteer_id}`, { ...x }]));
    const hasHours = new Set(standing.map((h) => `${h.activity_id}|${h.volunteer_id}`));
    const receivedAt = nowIso();
    const newScans: ActivityScanTable[] = [];
    const newAttendance: ActivityAttendanceTable[] = [];
    const checkOuts: { activityId: string; volunteerId: string; at: string; nonce: string }[] = [];
    const hours: ServiceHoursTable[] = [];
    const firstOfNonce = new Map<string, number>();

    // In reading order; a nonce repeated inside the batch is answered like the first.
    const ordered = [...todo].sort((x, y) => (Date.parse(x.s.scannedAt) || 0) - (Date.parse(y.s.scannedAt) || 0) || x.i - y.i);
    for (const { s, i } of ordered) {
      const key = `${s.activityId}|${s.nonce}`;
      const prior = seenBy.get(key);
      if (prior) {
        outcomes.set(i, { ...base(s), direction: prior.direction, result: prior.result, reason: prior.reason as RejectReason | null, replayed: true, volunteer: prior.volunteer_id ? { id: prior.volunteer_id, name: '' } : null });
        continue;
      }
      if (firstOfNonce.has(key)) {
        const first = outcomes.get(firstOfNonce.get(key)!)!;
        outcomes.set(i, { ...first, replayed: true });
        continue;
      }
      firstOfNonce.set(key, i);
      const a = acts.get(s.activityId)!;
      const p = parsed.get(i);
      const signup = p ? signupById.get(p.signupId) : undefined;
      const at = Date.parse(s.scannedAt);
      let result: ScanResult = 'rejected';
      let reason: RejectReason | null = null;
      const pairKey = signup ? `${s.activityId}|${signup.volunteer_id}` : '';
      if (a.status === 'cancelled') reason = 'cancelled_activity';
      else if (!p || !signup || signup.qr_token !== p.token) reason = 'bad_payload';
      else if (signup.activity_id !== s.activityId) reason = 'wrong_activity';
      else if (signup.status !== 'confirmed') reason = 'not_confirmed';
      else if (Number.isNaN(at) || at > Date.now() + CLOCK_SKEW_MS) reason = 'bad_time';
      else if (at < Date.parse(a.starts_at) - SCAN_GRACE_MS || at > Date.parse(a.ends_at) + SCAN_GRACE_MS) reason = 'outside_window';
      else if (s.direction === 'in') {
        if (attendance.has(pairKey)) result = 'duplicate';
        else {
          result = 'counted';
          const row: ActivityAttendanceTable = { activity_id: s.activityId, volunteer_id: signup.volunteer_id, signup_id: signup.id, org_id: a.org_id, checked_in_at: new Date(at).toISOString(), checked_out_at: null, in_nonce: s.nonce, out_nonce: null };
          attendance.set(pairKey, row);
          newAttendance.push(row);
        }
      } else {
        const row = attendance.get(pairKey);
        if (!row) reason = 'not_checked_in';
        else if (row.checked_out_at) result = 'duplicate';
        else if (at < Date.parse(row.checked_in_at)) reason = 'bad_time';
        else {
          result = 'counted';
          row.checked_out_at = new Date(at).toISOString();
          row.out_nonce = s.nonce;
          checkOuts.push({ activityId: s.activityId, volunteerId: signup.volunteer_id, at: row.checked_out_at, nonce: s.nonce });
          const span = Math.min(MAX_MINUTES, Math.round((at - Date.parse(row.checked_in_at)) / 60_000), Math.ceil((Date.parse(a.ends_at) - Date.parse(a.starts_at)) / 60_000) + 2 * (SCAN_GRACE_MS / 60_000));
          if (span >= 1 && !hasHours.has(pairKey)) {
            hasHours.add(pairKey);
            hours.push({
              id: newId(),
              volunteer_id: signup.volunteer_id,
              org_id: a.org_id,
              activity_id: a.id,
              source: 'scan',
              minutes: span,
              service_date: localDay(new Date(Date.parse(row.checked_in_at))),
              description: null,
              status: 'pending',
              reported_by: actor.userId,
              decided_by: null,
              decided_at: null,
              reason: null,
              created_at: receivedAt,
              updated_at: receivedAt,
            });
          }
        }
      }
      if (result !== 'rejected') reason = null;
      const volunteerId = signup && reason !== 'bad_payload' ? signup.volunteer_id : null;
      outcomes.set(i, { ...base(s), result, reason, volunteer: volunteerId ? { id: volunteerId, name: '' } : null });
      newScans.push({
        activity_id: s.activityId,
        nonce: s.nonce,
        org_id: a.org_id,
        signup_id: signup && reason !== 'bad_payload' ? signup.id : null,
        volunteer_id: volunteerId,
        direction: s.direction,
        scanned_at: Number.isNaN(at) ? receivedAt : new Date(at).toISOString(),
        received_at: receivedAt,
        scanned_by: actor.userId,
        result,
        reason,
      });
    }
    await store.insertScans(trx, newScans);
    await store.insertAttendance(trx, newAttendance);
    for (const c of checkOuts) await store.checkOut(trx, c.activityId, c.volunteerId, c.at, c.nonce);
    await store.insertHours(trx, hours);
    if (newScans.length) {
      const counts = { counted: 0, duplicate: 0, rejected: 0 };
      for (const x of newScans) counts[x.result]++;
      await audit(trx, { actorId: actor.userId, action: 'activity.scans', entity: 'activity', entityId: activityIds.length === 1 ? activityIds[0]! : null, orgId: acts.get(newScans[0]!.activity_id)!.org_id, after: { ...counts, hours: hours.length }, ip });
    }
  });
  // Names for the scanner's feedback, read after the transaction (SQLite has one connection).
  const refs = await volunteers.refsByIds(ctx, [...outcomes.values()].flatMap((o) => (o.volunteer ? [o.volunteer.id] : [])));
  return scans.map((_, i) => {
    const o = outcomes.get(i)!;
    return o.volunteer ? { ...o, volunteer: { id: o.volunteer.id, name: refs.get(o.volunteer.id)?.name ?? '' } } : o;
  });
}
