import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { nowIso } from '../../kernel/db/time.js';
import { cleanText } from '../../kernel/text/clean.js';
import * as orgs from '../orgs/service.js';
import * as volunteers from '../volunteers/service.js';
import * as teams from '../volunteers/teams.js';
import { maskPhone } from '../stations/service.js';
import * as store from './store.js';
import { ACTIVITY_MANAGERS, type ActivitySubject } from './policy.js';
import type { ActivityKind, ActivitySignupTable, ActivityStatus, ActivityTable, Audience, DeliveryLanguage, SignupStatus } from './tables.js';

type ActivityRow = store.ActivityRow;

/** Activities happen in an administrative place: a banner, a township or a village. */
export const PLACE_ORG_KINDS = ['banner', 'township', 'village'] as const;
export const MAX_CAPACITY = 100_000;
const MAX_SPAN_MS = 31 * 86_400_000;
/** Check-ins are taken from this long before the start until this long after the end. */
export const SCAN_GRACE_MS = 2 * 3_600_000;

export const subjectOf = (a: { org_path: string; place_path: string | null }): ActivitySubject => ({ orgPath: a.org_path, placePath: a.place_path });

type Name = { zh: string; mn: string | null };

export interface ActivityDto {
  id: string;
  kind: ActivityKind;
  title: Name;
  description: string | null;
  orgId: string;
  org: { code: string; name: Name };
  place: { orgId: string; code: string; name: Name } | null;
  placeText: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  audience: Audience;
  language: DeliveryLanguage;
  pairingId: string | null;
  teamId: string | null;
  status: ActivityStatus;
  signups: { confirmed: number; waitlisted: number };
  /** Volunteers checked in and out (each counted once). */
  attendance: { checkedIn: number; checkedOut: number };
  /** Beneficiaries, kept apart: counted through the venue check-in, and as the organiser reports them. */
  beneficiaries: { counted: number; reported: number | null };
  canManage: boolean;
}

const emptyCounts = { confirmed: 0, waitlisted: 0, checkedIn: 0, checkedOut: 0 };

export function toDto(access: Access | null, a: ActivityRow, counts = emptyCounts, attendees = 0): ActivityDto {
  return {
    id: a.id,
    kind: a.kind,
    title: { zh: a.title_zh, mn: a.title_mn },
    description: a.description,
    orgId: a.org_id,
    org: { code: a.org_code, name: { zh: a.org_name_zh, mn: a.org_name_mn } },
    place: a.place_org_id && a.place_code ? { orgId: a.place_org_id, code: a.place_code, name: { zh: a.place_name_zh ?? '', mn: a.place_name_mn } } : null,
    placeText: a.place_text,
    startsAt: a.starts_at,
    endsAt: a.ends_at,
    capacity: a.capacity,
    audience: a.audience,
    language: a.language,
    pairingId: a.pairing_id,
    teamId: a.team_id,
    status: a.status,
    signups: { confirmed: counts.confirmed, waitlisted: counts.waitlisted },
    attendance: { checkedIn: counts.checkedIn, checkedOut: counts.checkedOut },
    beneficiaries: { counted: attendees, reported: a.reported_beneficiaries },
    canManage: !!access?.actor && access.can('activity.manage', subjectOf(a)),
  };
}

async function withCounts(ctx: AppContext, access: Access | null, rows: ActivityRow[]): Promise<ActivityDto[]> {
  const ids = rows.map((r) => r.id);
  const [counts, attendees] = await Promise.all([store.countsFor(ctx.db.kysely, ids), store.attendeeCounts(ctx.db.kysely, ids)]);
  return rows.map((r) => toDto(access, r, counts.get(r.id), attendees.get(r.id) ?? 0));
}

// ——— reading ———

export interface ListQuery {
  orgId?: string;
  kind?: ActivityKind;
  status?: ActivityStatus;
  from?: string;
  to?: string;
  q?: string;
  pairingId?: string;
}

export async function list(ctx: AppContext, access: Access, q: ListQuery & { limit: number; offset: number }) {
  const prefixes = access.scope();
  const under = q.orgId ? (await orgs.getOrg(ctx, access, q.orgId)).path : undefined;
  const from = q.from ? iso(q.from, 'from') : undefined;
  const to = q.to ? iso(q.to, 'to') : undefined;
  const text = q.q ? cleanText(q.q) : '';
  const { rows, total } = await store.listActivities(ctx.db.kysely, { prefixes, under, kind: q.kind, status: q.status, from, to, q: text || undefined, pairingId: q.pairingId }, q.limit, q.offset);
  return { total, items: await withCounts(ctx, access, rows) };
}

/** An activity the caller may read; 404 when missing or out of scope (alike). */
export async function load(ctx: AppContext, access: Access, id: string): Promise<ActivityRow> {
  const a = await store.findActivity(ctx.db.kysely, id);
  if (!a) {
    access.requireUser();
    throw notFound();
  }
  access.authorize('activity.read', subjectOf(a), { hide: true });
  return a;
}

export async function get(ctx: AppContext, access: Access, id: string): Promise<ActivityDto> {
  const a = await store.findActivity(ctx.db.kysely, id);
  if (!a) {
    access.requireUser();
    throw notFound();
  }
  // Staff in scope, or a volunteer who signed up for it.
  if (!access.can('activity.read', subjectOf(a))) {
    const me = await volunteers.refOfUser(ctx, access.requireUser().userId);
    if (!me || !(await store.signupOf(ctx.db.kysely, a.id, me.id))) throw notFound();
  }
  return (await withCounts(ctx, access, [a]))[0]!;
}

// ——— writing ———

export interface ActivityInput {
  orgId: string;
  kind: ActivityKind;
  title: { zh: string; mn?: string | null };
  description?: string | null;
  placeOrgId?: string | null;
  placeText?: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  audience: Audience;
  language: DeliveryLanguage;
  pairingId?: string | null;
  teamId?: string | null;
}

const iso = (s: string, field: string) => {
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new AppError(400, 'activity.bad_time', { field });
  return new Date(t).toISOString();
};

function checkTimes(startsAt: string, endsAt: string) {
  const span = Date.parse(endsAt) - Date.parse(startsAt);
  if (span <= 0 || span > MAX_SPAN_MS) throw new AppError(400, 'activity.bad_span', { days: MAX_SPAN_MS / 86_400_000 });
}

function cleanTitle(zh: string) {
  const t = cleanText(zh);
  if (!t || t.length > 200) throw new AppError(400, 'activity.bad_title', { max: 200 });
  return t;
}

const optText = (v: string | null | undefined, max: number) => {
  const t = v ? cleanText(v) : '';
  return t ? t.slice(0, max) : null;
};

async function placePath(ctx: AppContext, placeOrgId: string | null): Promise<string | null> {
  if (!placeOrgId) return null;
  const [o] = await store.orgsByIds(ctx.db.kysely, [placeOrgId]);
  if (!o || !(PLACE_ORG_KINDS as readonly string[]).includes(o.kind)) throw new AppError(400, 'activity.place_kind');
  return o.path;
}

/** A pairing an activity names: active, organised from its society's or its banner's side, held in its banner. */
async function checkPairing(ctx: AppContext, pairingId: string | null, orgPath: string, place: string | null) {
  if (!pairingId) return;
  const p = await store.findPairing(ctx.db.kysely, pairingId);
  if (!p || p.status !== 'active') throw new AppError(400, 'activity.pairing_unknown');
  const fromSide = orgPath.startsWith(p.society_path) || orgPath.startsWith(p.banner_path);
  if (!fromSide || (place !== null && !place.startsWith(p.banner_path))) throw new AppError(400, 'activity.pairing_mismatch');
}

export async function create(ctx: AppContext, access: Access, input: ActivityInput, ip: string | null): Promise<ActivityDto> {
  const org = await orgs.getOrg(ctx, access, input.orgId);
  access.authorize('activity.manage', { orgPath: org.path, placePath: null });
  const startsAt = iso(input.startsAt, 'startsAt');
  const endsAt = iso(input.endsAt, 'endsAt');
  checkTimes(startsAt, endsAt);
  const place = await placePath(ctx, input.placeOrgId ?? null);
  await checkPairing(ctx, input.pairingId ?? null, org.path, place);
  if (input.teamId) await teams.getTeam(ctx, access, input.teamId);
  const now = nowIso();
  const row: ActivityTable = {
    id: newId(),
    org_id: org.id,
    kind: input.kind,
    title_zh: cleanTitle(input.title.zh),
    title_mn: optText(input.title.mn, 400),
    description: optText(input.description, 4000),
    place_org_id: input.placeOrgId ?? null,
    place_text: optText(input.placeText, 300),
    starts_at: startsAt,
    ends_at: endsAt,
    capacity: input.capacity,
    audience: input.audience,
    language: input.language,
    pairing_id: input.pairingId ?? null,
    team_id: input.teamId ?? null,
    status: 'open',
    reported_beneficiaries: null,
    reported_by: null,
    reported_at: null,
    checkin_key: randomBytes(12).toString('base64url'),
    seq: 0,
    created_by: access.user.userId,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.insertActivity(trx, row);
    const { checkin_key: _key, seq: _seq, ...after } = row;
    await audit(trx, { actorId: access.user.userId, action: 'activity.create', entity: 'activity', entityId: row.id, orgId: org.id, after, ip });
  });
  return get(ctx, access, row.id);
}

export type UpdateInput = Partial<Omit<ActivityInput, 'orgId'>> & { status?: ActivityStatus };

/** Edits an activity; a larger capacity promotes the first waiting at once, a capacity below the confirmed count is refused. */
export async function update(ctx: AppContext, access: Access, id: string, input: UpdateInput, ip: string | null): Promise<ActivityDto> {
  const a = await load(ctx, access, id);
  access.authorize('activity.manage', subjectOf(a));
  const patch: Partial<ActivityTable> = {};
  if (input.kind !== undefined) patch.kind = input.kind;
  if (input.title?.zh !== undefined) patch.title_zh = cleanTitle(input.title.zh);
  if (input.title && input.title.mn !== undefined) patch.title_mn = optText(input.title.mn, 400);
  if (input.description !== undefined) patch.description = optText(input.description, 4000);
  if (input.placeText !== undefined) patch.place_text = optText(input.placeText, 300);
  if (input.startsAt !== undefined) patch.starts_at = iso(input.startsAt, 'startsAt');
  if (input.endsAt !== undefined) patch.ends_at = iso(input.endsAt, 'endsAt');
  if (patch.starts_at || patch.ends_at) checkTimes(patch.starts_at ?? a.starts_at, patch.ends_at ?? a.ends_at);
  if (input.audience !== undefined) patch.audience = input.audience;
  if (input.language !== undefined) patch.language = input.language;
  if (input.status !== undefined) patch.status = input.status;
  if (input.capacity !== undefined) patch.capacity = input.capacity;
  let place = a.place_path;
  if (input.placeOrgId !== undefined) {
    place = await placePath(ctx, input.placeOrgId);
    patch.place_org_id = input.placeOrgId;
  }
  if (input.pairingId !== undefined || input.placeOrgId !== undefined) {
    const pairing = input.pairingId !== undefined ? input.pairingId : a.pairing_id;
    await checkPairing(ctx, pairing, a.org_path, place);
    patch.pairing_id = pairing;
  }
  if (input.teamId !== undefined) {
    if (input.teamId) await teams.getTeam(ctx, access, input.teamId);
    patch.team_id = input.teamId;
  }
  if (Object.keys(patch).length === 0) return get(ctx, access, id);
  const now = nowIso();
  patch.updated_at = now;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.lockActivity(trx, id);
    let promoted: string[] = [];
    if (patch.capacity !== undefined) {
      const confirmed = await store.countConfirmed(trx, id);
      if (patch.capacity < confirmed) throw new AppError(409, 'activity.capacity_below', { confirmed });
      promoted = (await store.firstWaiting(trx, id, patch.capacity - confirmed)).map((s) => s.id);
      await store.promote(trx, promoted, now);
    }
    await store.updateActivity(trx, id, patch);
    await audit(trx, { actorId: access.user.userId, action: 'activity.update', entity: 'activity', entityId: id, orgId: a.org_id, after: { ...patch, promoted }, ip });
  });
  return get(ctx, access, id);
}

/** The organiser's own count of beneficiaries (kept beside, never mixed with, the counted check-ins). */
export async function reportBeneficiaries(ctx: AppContext, access: Access, id: string, count: number | null, ip: string | null): Promise<ActivityDto> {
  const a = await load(ctx, access, id);
  access.authorize('activity.manage', subjectOf(a));
  const now = nowIso();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.updateActivity(trx, id, { reported_beneficiaries: count, reported_by: access.user.userId, reported_at: now, updated_at: now });
    await audit(trx, { actorId: access.user.userId, action: 'activity.beneficiaries', entity: 'activity', entityId: id, orgId: a.org_id, before: { reported: a.reported_beneficiaries }, after: { reported: count }, ip });
  });
  return get(ctx, access, id);
}

// ——— sign-ups and the waiting list ———

export const qrPayload = (s: Pick<ActivitySignupTable, 'id' | 'qr_token'>) => `GRL1.${s.id}.${s.qr_token}`;

/** `GRL1.<sign-up id>.<token>` → its parts, or null. */
export function parsePayload(payload: string): { signupId: string; token: string } | null {
  const m = /^GRL1\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{16,32})$/.exec(payload.trim());
  return m ? { signupId: m[1]!, token: m[2]! } : null;
}

const lineOf = (path: string, other: string) => path.startsWith(other) || other.startsWith(path);

/** A volunteer may join an activity organised or held on the line of their org (above it or below it). */
export const joinable = (v: { orgPath: string }, a: { org_path: string; place_path: string | null }) => lineOf(v.orgPath, a.org_path) || (!!a.place_path && lineOf(v.orgPath, a.place_path));

export interface SignupDto {
  id: string;
  activityId: string;
  volunteer: { id: string; name: string; phone: string; orgName: Name };
  status: SignupStatus;
  /** 1-based place in the waiting list (null unless waiting). */
  position: number | null;
  createdAt: string;
  promotedAt: string | null;
  cancelledAt: string | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
}

/**
 * Signs a volunteer up: confirmed while places are left, else waiting in order. One sign-up per
 * volunteer and activity; signing up again after a cancellation joins at the end. Runs under the
 * activity's row lock, so two last-place sign-ups cannot both be confirmed.
 */
async function signUp(ctx: AppContext, a: ActivityRow, v: volunteers.VolunteerRef, actorId: string, ip: string | null): Promise<ActivitySignupTable> {
  if (v.status !== 'approved') throw new AppError(409, 'activity.volunteer_not_approved');
  if (a.status !== 'open') throw new AppError(409, 'activity.not_open', { status: a.status });
  if (Date.parse(a.ends_at) <= Date.now()) throw new AppError(409, 'activity.ended');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const lock = await store.lockActivity(trx, a.id);
    if (!lock) throw notFound();
    const existing = await store.signupOf(trx, a.id, v.id);
    if (existing && existing.status !== 'cancelled') throw new AppError(409, 'activity.already_signed_up', { status: existing.status });
    const confirmed = await store.countConfirmed(trx, a.id);
    const status: SignupStatus = confirmed < lock.capacity ? 'confirmed' : 'waitlisted';
    const now = nowIso();
    const row: ActivitySignupTable = {
      id: existing?.id ?? newId(),
      activity_id: a.id,
      volunteer_id: v.id,
      org_id: a.org_id,
      status,
      seq: lock.seq,
      qr_token: randomBytes(16).toString('base64url'),
      signed_up_by: actorId,
      promoted_at: null,
      cancelled_at: null,
      created_at: existing?.created_at ?? now,
      updated_at: now,
    };
    if (existing) await store.updateSignup(trx, existing.id, row);
    else await store.insertSignup(trx, row);
    await audit(trx, { actorId, action: 'activity.signup', entity: 'activity', entityId: a.id, orgId: a.org_id, after: { volunteerId: v.id, status }, ip });
    return row;
  });
}

/** The logged-in volunteer signs themself up for an open activity on their line. */
export async function signUpSelf(ctx: AppContext, access: Access, activityId: string, ip: string | null) {
  const actor = access.requireUser();
  const v = await volunteers.refOfUser(ctx, actor.userId);
  if (!v) throw new AppError(404, 'volunteer.not_registered');
  const a = await store.findActivity(ctx.db.kysely, activityId);
  if (!a || !joinable(v, a)) throw notFound();
  const s = await signUp(ctx, a, v, actor.userId, ip);
  return mySignup(ctx, access, s.id);
}

/** An organiser signs up a volunteer they manage. */
export async function signUpVolunteer(ctx: AppContext, access: Access, activityId: string, volunteerId: string, ip: string | null) {
  const a = await load(ctx, access, activityId);
  access.authorize('activity.manage', subjectOf(a));
  const v = (await volunteers.refsByIds(ctx, [volunteerId])).get(volunteerId);
  if (!v || !access.can('volunteer.manage', { orgPath: v.orgPath })) throw new AppError(404, 'volunteer.not_found');
  await signUp(ctx, a, v, access.user.userId, ip);
  return signups(ctx, access, activityId);
}

/**
 * Cancels a sign-up (the volunteer themself, or the activity's organiser). A confirmed place that
 * frees up goes to the first waiting, in the same transaction. Not after check-in.
 */
export async function cancel(ctx: AppContext, access: Access, signupId: string, ip: string | null) {
  const actor = access.requireUser();
  const s = await store.findSignup(ctx.db.kysely, signupId);
  if (!s) throw notFound();
  const a = (await store.findActivity(ctx.db.kysely, s.activity_id))!;
  const v = (await volunteers.refsByIds(ctx, [s.volunteer_id])).get(s.volunteer_id);
  const own = !!v && v.userId === actor.userId;
  if (!own) access.authorize('activity.manage', subjectOf(a), { hide: true });
  if (s.status === 'cancelled') throw new AppError(409, 'activity.already_cancelled');
  const promoted = await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.lockActivity(trx, a.id);
    const fresh = (await store.findSignup(trx, signupId))!;
    if (fresh.status === 'cancelled') throw new AppError(409, 'activity.already_cancelled');
    if ((await store.attendanceOf(trx, [a.id], [s.volunteer_id])).length) throw new AppError(409, 'activity.already_checked_in');
    const now = nowIso();
    await store.updateSignup(trx, signupId, { status: 'cancelled', cancelled_at: now, updated_at: now });
    let up: string[] = [];
    if (fresh.status === 'confirmed') {
      const confirmed = await store.countConfirmed(trx, a.id);
      up = (await store.firstWaiting(trx, a.id, a.capacity - confirmed)).map((w) => w.id);
      await store.promote(trx, up, now);
    }
    await audit(trx, { actorId: actor.userId, action: 'activity.cancel', entity: 'activity', entityId: a.id, orgId: a.org_id, before: { signupId, status: fresh.status }, after: { promoted: up, by: own ? 'volunteer' : 'organiser' }, ip });
    return up;
  });
  return { cancelled: signupId, promoted };
}

/** An activity's sign-ups for its staff: volunteers' phones masked, waiting list in order, check-in times. */
export async function signups(ctx: AppContext, access: Access, activityId: string): Promise<SignupDto[]> {
  const a = await load(ctx, access, activityId);
  const rows = await store.signupsOfActivity(ctx.db.kysely, a.id);
  const refs = await volunteers.refsByIds(ctx, rows.map((r) => r.volunteer_id));
  let waiting = 0;
  return rows.map((r) => {
    const v = refs.get(r.volunteer_id);
    return {
      id: r.id,
      activityId: r.activity_id,
      volunteer: { id: r.volunteer_id, name: v?.name ?? '', phone: v ? maskPhone(v.phone) : '', orgName: v?.orgName ?? { zh: '', mn: null } },
      status: r.status,
      position: r.status === 'waitlisted' ? ++waiting : null,
      createdAt: r.created_at,
      promotedAt: r.promoted_at,
      cancelledAt: r.cancelled_at,
      checkedInAt: r.checked_in_at,
      checkedOutAt: r.checked_out_at,
    };
  });
}

// ——— the volunteer's own view ———

export interface MySignupDto {
  id: string;
  status: SignupStatus;
  position: number | null;
  activity: ActivityDto;
  /** What the door scanner reads; only for a confirmed place. */
  qrPayload: string | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
}

async function ownVolunteer(ctx: AppContext, access: Access): Promise<volunteers.VolunteerRef> {
  const v = await volunteers.refOfUser(ctx, access.requireUser().userId);
  if (!v) throw new AppError(404, 'volunteer.not_registered');
  return v;
}

/** The volunteer's sign-ups, soonest activity first, with the QR payload of each confirmed place. */
export async function mySignups(ctx: AppContext, access: Access): Promise<MySignupDto[]> {
  const v = await ownVolunteer(ctx, access);
  const rows = await store.signupsOfVolunteer(ctx.db.kysely, v.id);
  const acts = await withCounts(ctx, null, await store.findActivities(ctx.db.kysely, [...new Set(rows.map((r) => r.activity_id))]));
  const byId = new Map(acts.map((x) => [x.id, x]));
  const positions = await store.waitingPositions(ctx.db.kysely, rows.filter((r) => r.status === 'waitlisted').map((r) => r.id));
  return rows
    .map((r) => ({
      id: r.id,
      status: r.status,
      position: positions.get(r.id) ?? null,
      activity: byId.get(r.activity_id)!,
      qrPayload: r.status === 'confirmed' ? qrPayload(r) : null,
      checkedInAt: r.checked_in_at,
      checkedOutAt: r.checked_out_at,
    }))
    .sort((x, y) => x.activity.startsAt.localeCompare(y.activity.startsAt));
}

async function mySignup(ctx: AppContext, access: Access, signupId: string): Promise<MySignupDto> {
  const all = await mySignups(ctx, access);
  const s = all.find((x) => x.id === signupId);
  if (!s) throw notFound();
  return s;
}

/** Open activities the volunteer may join, with their own sign-up status where they have one. */
export async function openForMe(ctx: AppContext, access: Access) {
  const v = await ownVolunteer(ctx, access);
  const parts = v.orgPath.split('/').filter(Boolean);
  const ancestors = parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
  const rows = await store.openForPath(ctx.db.kysely, v.orgPath, ancestors, nowIso(), 200);
  const mine = new Map((await store.signupsOfVolunteer(ctx.db.kysely, v.id)).map((s) => [s.activity_id, s.status]));
  return { volunteerStatus: v.status, items: (await withCounts(ctx, null, rows)).map((a) => ({ ...a, mySignup: mine.get(a.id) ?? null })) };
}

/** The sign-up's QR code as SVG: for the volunteer who holds it, or the activity's organisers. */
export async function signupQrSvg(ctx: AppContext, access: Access, signupId: string): Promise<string> {
  const actor = access.requireUser();
  const s = await store.findSignup(ctx.db.kysely, signupId);
  if (!s) throw notFound();
  const v = (await volunteers.refsByIds(ctx, [s.volunteer_id])).get(s.volunteer_id);
  if (!v || v.userId !== actor.userId) {
    const a = (await store.findActivity(ctx.db.kysely, s.activity_id))!;
    access.authorize('activity.manage', subjectOf(a), { hide: true });
  }
  if (s.status !== 'confirmed') throw new AppError(409, 'activity.not_confirmed', { status: s.status });
  return QRCode.toString(qrPayload(s), { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}

// ——— audience check-in at the venue (beneficiaries counted) ———

/** The link the venue QR carries: anyone in the audience opens it and checks in once per device. */
export async function venueLink(ctx: AppContext, access: Access, id: string, origin: string) {
  const a = await load(ctx, access, id);
  access.authorize('activity.manage', subjectOf(a));
  const url = `${origin}/attend/${a.id}?k=${a.checkin_key}`;
  return { url, svg: await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }) };
}

/**
 * One audience check-in (no login): the venue key must match and the activity be running (from two
 * hours before its start to two hours after its end). The device's nonce makes a repeat count once.
 */
export async function attend(ctx: AppContext, id: string, key: string, nonce: string) {
  const a = await store.findActivity(ctx.db.kysely, id);
  if (!a || a.checkin_key !== key) throw notFound();
  const now = Date.now();
  if (a.status === 'cancelled' || now < Date.parse(a.starts_at) - SCAN_GRACE_MS || now > Date.parse(a.ends_at) + SCAN_GRACE_MS) throw new AppError(409, 'activity.not_running');
  const counted = await store.addAttendee(ctx.db.kysely, a.id, nonce, nowIso());
  return { counted, title: { zh: a.title_zh, mn: a.title_mn }, startsAt: a.starts_at };
}

export { ACTIVITY_MANAGERS };
