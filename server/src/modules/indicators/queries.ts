import type { Kysely } from 'kysely';
import type { Database } from '../../schema.js';
import { pathUnder } from '../../kernel/scope/subtree.js';

type Q = Kysely<Database>;

/** A period of local days, both ends included (YYYY-MM-DD). */
export interface Period {
  from: string;
  to: string;
}

/** The day after `day` (YYYY-MM-DD): the exclusive end for timestamps. */
export function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const orgsUnder = (db: Q, prefix: string) => db.selectFrom('orgs as o').select('o.id').where(pathUnder('o.path', [prefix]));

/** Officers approved by the end of the period whose org lies in the subtree. */
export async function officersRegistered(db: Q, prefix: string, p: Period): Promise<number> {
  const r = await db
    .selectFrom('officers')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', '=', 'approved')
    .where('created_at', '<', dayAfter(p.to))
    .where('org_id', 'in', orgsUnder(db, prefix))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Activities held in the period (cancelled ones excluded) and their reported beneficiaries, by kind and audience. */
export async function activitiesByKind(db: Q, prefix: string, p: Period) {
  const rows = await db
    .selectFrom('activities')
    .select((eb) => ['kind', 'audience', eb.fn.countAll<number | string>().as('n'), eb.fn.sum<number | string | null>('reported_beneficiaries').as('b')])
    .where('status', '!=', 'cancelled')
    .where('starts_at', '>=', p.from)
    .where('starts_at', '<', dayAfter(p.to))
    .where('org_id', 'in', orgsUnder(db, prefix))
    .groupBy(['kind', 'audience'])
    .execute();
  return rows.map((r) => ({ kind: r.kind, audience: r.audience, n: Number(r.n), beneficiaries: Number(r.b ?? 0) }));
}

/** Approved volunteers registered by the end of the period. */
export async function volunteersRegistered(db: Q, prefix: string, p: Period): Promise<number> {
  const r = await db
    .selectFrom('volunteers')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', '=', 'approved')
    .where('created_at', '<', dayAfter(p.to))
    .where('org_id', 'in', orgsUnder(db, prefix))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Approved service minutes with a service day in the period. */
export async function serviceMinutes(db: Q, prefix: string, p: Period): Promise<number> {
  const r = await db
    .selectFrom('service_hours')
    .select((eb) => eb.fn.sum<number | string | null>('minutes').as('m'))
    .where('status', '=', 'approved')
    .where('service_date', '>=', p.from)
    .where('service_date', '<=', p.to)
    .where('org_id', 'in', orgsUnder(db, prefix))
    .executeTakeFirstOrThrow();
  return Number(r.m ?? 0);
}

/** The period's activities that reached the most people (the report's highlights). */
export async function topActivities(db: Q, prefix: string, p: Period, limit: number) {
  return db
    .selectFrom('activities')
    .select(['id', 'kind', 'title_zh', 'title_mn', 'starts_at', 'reported_beneficiaries'])
    .where('status', '!=', 'cancelled')
    .where('starts_at', '>=', p.from)
    .where('starts_at', '<', dayAfter(p.to))
    .where('reported_beneficiaries', 'is not', null)
    .where('org_id', 'in', orgsUnder(db, prefix))
    .orderBy('reported_beneficiaries', 'desc')
    .orderBy('starts_at', 'asc')
    .limit(limit)
    .execute();
}
