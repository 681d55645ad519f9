import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { localDay, nowIso } from '../../kernel/db/time.js';
import { cleanText } from '../../kernel/text/clean.js';
import * as volunteers from '../volunteers/service.js';
import * as store from './store.js';
import { ACTIVITY_MANAGERS } from './policy.js';
import type { HoursSource, HoursStatus, ServiceHoursTable } from './tables.js';

type HoursRow = NonNullable<Awaited<ReturnType<typeof store.findHours>>>;

export interface HoursDto {
  id: string;
  volunteer: { id: string; name: string };
  orgId: string;
  orgName: { zh: string; mn: string | null };
  activity: { id: string; title: { zh: string; mn: string | null }; kind: string } | null;
  source: HoursSource;
  minutes: number;
  serviceDate: string;
  description: string | null;
  status: HoursStatus;
  reason: string | null;
  decidedAt: string | null;
  createdAt: string;
}

const toDto = (h: HoursRow, name: string): HoursDto => ({
  id: h.id,
  volunteer: { id: h.volunteer_id, name },
  orgId: h.org_id,
  orgName: { zh: h.org_name_zh, mn: h.org_name_mn },
  activity: h.activity_id ? { id: h.activity_id, title: { zh: h.activity_title_zh ?? '', mn: h.activity_title_mn }, kind: h.activity_kind ?? '' } : null,
  source: h.source,
  minutes: h.minutes,
  serviceDate: h.service_date,
  description: h.description,
  status: h.status,
  reason: h.reason,
  decidedAt: h.decided_at,
  createdAt: h.created_at,
});

async function withNames(ctx: AppContext, rows: HoursRow[]): Promise<HoursDto[]> {
  const refs = await volunteers.refsByIds(ctx, rows.map((r) => r.volunteer_id));
  return rows.map((r) => toDto(r, refs.get(r.volunteer_id)?.name ?? ''));
}

export const MAX_REPORT_MINUTES = 24 * 60;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface ReportInput {
  activityId?: string | null;
  minutes: number;
  serviceDate?: string;
  description?: string | null;
}

/**
 * A volunteer reports service time themself: for an activity they signed up for (once it has
 * started; one standing record per activity, measured or reported), or for service elsewhere
 * (described). It waits for an organiser of the activity's org (or of the volunteer's org).
 */
export async function report(ctx: AppContext, access: Access, input: ReportInput, ip: string | null): Promise<HoursDto> {
  const actor = access.requireUser();
  const v = await volunteers.refOfUser(ctx, actor.userId);
  if (!v) throw new AppError(404, 'volunteer.not_registered');
  if (v.status !== 'approved') throw new AppError(409, 'activity.volunteer_not_approved');
  if (!Number.isInteger(input.minutes) || input.minutes < 1 || input.minutes > MAX_REPORT_MINUTES) throw new AppError(400, 'hours.bad_minutes', { max: MAX_REPORT_MINUTES });
  const description = input.description ? cleanText(input.description).slice(0, 1000) || null : null;
  let orgId = v.orgId;
  let serviceDate = input.serviceDate;
  if (input.activityId) {
    const a = await store.findActivity(ctx.db.kysely, input.activityId);
    const signup = a ? await store.signupOf(ctx.db.kysely, a.id, v.id) : undefined;
    if (!a || !signup || signup.status !== 'confirmed') throw new AppError(400, 'hours.not_signed_up');
    if (Date.parse(a.starts_at) > Date.now()) throw new AppError(400, 'hours.not_started');
    orgId = a.org_id;
    serviceDate ??= localDay(new Date(a.starts_at));
  } else if (!description) throw new AppError(400, 'hours.description_required');
  serviceDate ??= localDay();
  if (!DAY.test(serviceDate) || Number.isNaN(Date.parse(`${serviceDate}T00:00:00Z`)) || serviceDate > localDay() || serviceDate < '2000-01-01') throw new AppError(400, 'hours.bad_date');
  const now = nowIso();
  const row: ServiceHoursTable = {
    id: newId(),
    volunteer_id: v.id,
    org_id: orgId,
    activity_id: input.activityId ?? null,
    source: 'self',
    minutes: input.minutes,
    service_date: serviceDate,
    description,
    status: 'pending',
    reported_by: actor.userId,
    decided_by: null,
    decided_at: null,
    reason: null,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (row.activity_id) {
      await store.lockActivity(trx, row.activity_id);
      if ((await store.standingHours(trx, [v.id], [row.activity_id])).length) throw new AppError(409, 'hours.already_recorded');
    }
    await store.insertHours(trx, [row]);
    await audit(trx, { actorId: actor.userId, action: 'hours.report', entity: 'service_hours', entityId: row.id, orgId, after: { activityId: row.activity_id, minutes: row.minutes, serviceDate }, ip });
  });
  return (await withNames(ctx, [(await store.findHours(ctx.db.kysely, row.id))!]))[0]!;
}

/** Hours for the caller to approve: in the orgs they administer or organise. */
export async function list(ctx: AppContext, access: Access, q: { status?: HoursStatus; activityId?: string; limit: number; offset: number }) {
  const { rows, total } = await store.listHours(ctx.db.kysely, { prefixes: access.scope(...ACTIVITY_MANAGERS), status: q.status, activityId: q.activityId }, q.limit, q.offset);
  return { total, items: await withNames(ctx, rows) };
}

/** Approve (optionally correcting the minutes) or reject pending hours; only pending ones can be decided. */
export async function decide(ctx: AppContext, access: Access, id: string, action: 'approve' | 'reject', opts: { minutes?: number; reason?: string | null }, ip: string | null): Promise<HoursDto> {
  const h = await store.findHours(ctx.db.kysely, id);
  if (!h) {
    access.requireUser();
    throw notFound();
  }
  access.authorize('hours.approve', { orgPath: h.org_path }, { hide: true });
  if (h.status !== 'pending') throw new AppError(409, 'hours.already_decided', { status: h.status });
  if (opts.minutes !== undefined && (!Number.isInteger(opts.minutes) || opts.minutes < 1 || opts.minutes > MAX_REPORT_MINUTES)) throw new AppError(400, 'hours.bad_minutes', { max: MAX_REPORT_MINUTES });
  const now = nowIso();
  const patch: Partial<ServiceHoursTable> = {
    status: action === 'approve' ? 'approved' : 'rejected',
    decided_by: access.user.userId,
    decided_at: now,
    reason: opts.reason ? cleanText(opts.reason).slice(0, 500) || null : null,
    updated_at: now,
    ...(action === 'approve' && opts.minutes !== undefined ? { minutes: opts.minutes } : {}),
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.updateHours(trx, id, patch);
    await audit(trx, { actorId: access.user.userId, action: `hours.${action}`, entity: 'service_hours', entityId: id, orgId: h.org_id, before: { status: h.status, minutes: h.minutes }, after: { status: patch.status, minutes: patch.minutes ?? h.minutes, reason: patch.reason }, ip });
  });
  return (await withNames(ctx, [(await store.findHours(ctx.db.kysely, id))!]))[0]!;
}

/** The volunteer's own hours and totals: approved time counts, pending time waits. */
export async function mine(ctx: AppContext, access: Access) {
  const v = await volunteers.refOfUser(ctx, access.requireUser().userId);
  if (!v) throw new AppError(404, 'volunteer.not_registered');
  const rows = await store.hoursOfVolunteer(ctx.db.kysely, v.id);
  const sum = (s: HoursStatus) => rows.filter((r) => r.status === s).reduce((n, r) => n + r.minutes, 0);
  return { volunteerId: v.id, approvedMinutes: sum('approved'), pendingMinutes: sum('pending'), items: (await withNames(ctx, rows)).reverse() };
}

/** What a certificate states: the volunteer and their approved hours, activity by activity. */
export async function certificateData(ctx: AppContext, access: Access, volunteerId: string | null) {
  let v: volunteers.VolunteerRef | null;
  if (volunteerId === null) {
    v = await volunteers.refOfUser(ctx, access.requireUser().userId);
    if (!v) throw new AppError(404, 'volunteer.not_registered');
  } else {
    v = (await volunteers.refsByIds(ctx, [volunteerId])).get(volunteerId) ?? null;
    if (!v || !access.can('volunteer.read', { orgPath: v.orgPath })) {
      access.requireUser();
      throw notFound();
    }
  }
  const full = (await volunteers.refsByIds(ctx, [v.id])).get(v.id)!;
  const rows = await store.hoursOfVolunteer(ctx.db.kysely, v.id, 'approved');
  const items = await withNames(ctx, rows);
  return { volunteer: full, items, totalMinutes: items.reduce((n, h) => n + h.minutes, 0) };
}
