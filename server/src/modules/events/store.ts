import type { Kysely, Transaction } from 'kysely';
import { bulkInsert } from '../../kernel/db/bulk.js';
import type { Database } from '../../schema.js';
import { orgInSubtrees } from '../../kernel/scope/subtree.js';
import { EVENT_KINDS, type EventAreaDailyTable, type EventAreaResourceMonthlyTable, type EventRollupTable, type EventTable, type StationHeartbeatsDailyTable } from './tables.js';
import { pathUnder } from '../../kernel/scope/subtree.js';
import type { RollupDeltas } from './writer.js';

type Q = Kysely<Database> | Transaction<Database>;
const CHUNK = 500;

const EVENT_COLUMNS = ['id', 'kind', 'resource_id', 'station_code', 'officer_code', 'channel', 'org_id', 'at', 'day', 'received_at'] as const;

/** Inserts events whose id is new; returns the ids that were inserted (a repeated id is skipped). */
export async function insertNew(db: Q, rows: EventTable[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map((r) => EVENT_COLUMNS.map((c) => r[c]));
    const res = await bulkInsert<{ id: string }, Database>(db, 'events', EVENT_COLUMNS, chunk, 'on conflict (id) do nothing returning id');
    for (const r of res) inserted.add(r.id);
  }
  return inserted;
}

/** Adds counts into a rollup table: insert, or add to the existing count (in the caller's transaction). */
async function addCounts<T extends object>(db: Q, table: string, key: readonly (keyof T & string)[], deltas: T[]): Promise<void> {
  const columns = [...key, 'n'] as (keyof T & string)[];
  const tail = `on conflict (${key.join(',')}) do update set n = ${table}.n + excluded.n`;
  for (let i = 0; i < deltas.length; i += CHUNK) {
    const chunk = deltas.slice(i, i + CHUNK).map((d) => columns.map((c) => d[c]));
    await bulkInsert<unknown, Database>(db, table, columns, chunk, tail);
  }
}

const addToRollups = (db: Q, deltas: EventRollupTable[]) =>
  addCounts(db, 'event_rollups', ['org_id', 'kind', 'day', 'resource_id', 'officer_code', 'station_code', 'channel'], deltas);

const addToAreaDaily = (db: Q, deltas: EventAreaDailyTable[]) =>
  addCounts(db, 'event_area_daily', ['area_id', 'kind', 'day', 'channel'], deltas);

const addToAreaResourceMonthly = (db: Q, deltas: EventAreaResourceMonthlyTable[]) =>
  addCounts(db, 'event_area_resource_monthly', ['area_id', 'kind', 'month', 'resource_id'], deltas);

const addToStationHeartbeats = (db: Q, deltas: StationHeartbeatsDailyTable[]) =>
  addCounts(db, 'station_heartbeats_daily', ['station_code', 'day'], deltas);

/** Adds a commit's deltas to every rollup (in the caller's transaction). */
export async function addRollups(db: Q, d: RollupDeltas): Promise<void> {
  await addToRollups(db, d.fine);
  await addToAreaDaily(db, d.daily);
  await addToAreaResourceMonthly(db, d.monthly);
  await addToStationHeartbeats(db, d.heartbeats);
}

/** Area (region/league/banner) rollup reads: `areaIds` are the scope's own orgs, all at depth ≤ 2. */
export async function areaTotalsByKind(db: Q, f: { areaIds: string[]; from: string; to: string }) {
  return db
    .selectFrom('event_area_daily')
    .select(['kind', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('area_id', 'in', f.areaIds)
    .where('day', '>=', f.from)
    .where('day', '<=', f.to)
    .groupBy('kind')
    .execute();
}

export async function areaTrend(db: Q, f: { areaIds: string[]; from: string; to: string; kind: string }) {
  return db
    .selectFrom('event_area_daily')
    .select(['day', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('area_id', 'in', f.areaIds)
    .where('day', '>=', f.from)
    .where('day', '<=', f.to)
    .where('kind', '=', f.kind as EventTable['kind'])
    .groupBy('day')
    .orderBy('day')
    .execute();
}

/** Per banner under the given prefixes, from the area rollups (banners are areas themselves). */
export async function areaByBanner(db: Q, f: { prefixes: string[]; from: string; to: string; kind: string }) {
  // The banners first (at most 103), then their rows by primary key: a join let SQLite scan every area.
  const banners = await db.selectFrom('orgs').select('id').where('kind', '=', 'banner').where(pathUnder('orgs.path', f.prefixes)).execute();
  if (banners.length === 0) return [];
  return db
    .selectFrom('event_area_daily')
    .select(['area_id as org_id', (eb) => eb.fn.sum<number>('n').as('n')])
    .where(
      'area_id',
      'in',
      banners.map((b) => b.id),
    )
    .where('day', '>=', f.from)
    .where('day', '<=', f.to)
    .where('kind', '=', f.kind as EventTable['kind'])
    .groupBy('area_id')
    .execute();
}

/** Top resources from the monthly area rollups: whole months between from and to. */
export async function areaTopResources(db: Q, f: { areaIds: string[]; fromMonth: string; toMonth: string; kind: string; limit: number }) {
  return db
    .selectFrom('event_area_resource_monthly')
    .select(['resource_id', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('area_id', 'in', f.areaIds)
    .where('month', '>=', f.fromMonth)
    .where('month', '<=', f.toMonth)
    .where('kind', '=', f.kind as EventTable['kind'])
    .groupBy('resource_id')
    .orderBy('n', 'desc')
    .limit(f.limit)
    .execute();
}

export interface RollupFilter {
  prefixes: string[];
  from: string;
  to: string;
}

/** The fine rollups of the scope's orgs; every kind named so each org's rows are read as ranges. */
const fineRollups = (db: Q, f: RollupFilter, kinds: readonly string[]) =>
  db
    .selectFrom('event_rollups')
    .where(orgInSubtrees('event_rollups.org_id', f.prefixes))
    .where('kind', 'in', kinds as EventTable['kind'][])
    .where('day', '>=', f.from)
    .where('day', '<=', f.to);

export async function totalsByKind(db: Q, f: RollupFilter) {
  return fineRollups(db, f, EVENT_KINDS)
    .select(['kind', (eb) => eb.fn.sum<number>('n').as('n')])
    .groupBy('kind')
    .execute();
}

export async function trend(db: Q, f: RollupFilter & { kind: string }) {
  return fineRollups(db, f, [f.kind])
    .select(['day', (eb) => eb.fn.sum<number>('n').as('n')])
    .groupBy('day')
    .orderBy('day')
    .execute();
}

export async function topResources(db: Q, f: RollupFilter & { kind: string; limit: number }) {
  return fineRollups(db, f, [f.kind])
    .select(['resource_id', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('resource_id', '<>', '')
    .groupBy('resource_id')
    .orderBy('n', 'desc')
    .limit(f.limit)
    .execute();
}

export async function byOrg(db: Q, f: RollupFilter & { kind: string }) {
  return fineRollups(db, f, [f.kind])
    .select(['org_id', (eb) => eb.fn.sum<number>('n').as('n')])
    .groupBy('org_id')
    .execute();
}

/** Heartbeats of one station per day, read-only, for uptime. */
export async function stationHeartbeatsByDay(db: Q, f: { stationCode: string; from: string; to: string }) {
  return db
    .selectFrom('station_heartbeats_daily')
    .select(['day', 'n'])
    .where('station_code', '=', f.stationCode)
    .where('day', '>=', f.from)
    .where('day', '<=', f.to)
    .orderBy('day')
    .execute();
}
