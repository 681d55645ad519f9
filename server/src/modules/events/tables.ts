export const EVENT_KINDS = ['view', 'click', 'share-open', 'read', 'heartbeat'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** One reported event; the id is made by the client so a retried upload never counts twice. */
export interface EventTable {
  id: string;
  kind: EventKind;
  /** '' when absent: the same on both dialects, and usable in the rollup key. */
  resource_id: string;
  station_code: string;
  officer_code: string;
  channel: string;
  /** Where it happened: the station's org, else the officer's, else the resource's. */
  org_id: string;
  at: string;
  /** Local calendar day of `at` in Inner Mongolia (UTC+8). */
  day: string;
  received_at: string;
}

/**
 * Counts by org × kind × day × resource × officer × station × channel, kept as events arrive: what
 * scopes below banner level read (an org's rows are one contiguous range of the key).
 */
export interface EventRollupTable {
  org_id: string;
  kind: EventKind;
  day: string;
  resource_id: string;
  officer_code: string;
  station_code: string;
  channel: string;
  n: number;
}

/** Heartbeats per station and local day: what station uptime reads. */
export interface StationHeartbeatsDailyTable {
  station_code: string;
  day: string;
  n: number;
}

/**
 * Counts for the big scopes (region, leagues, banners): every event also counts for each of its
 * org's ancestors down to banner level, so a region or banner dashboard reads a few rows per day
 * instead of summing its whole subtree. Smaller scopes (townships, villages, grassroots orgs) read
 * event_rollups for the orgs of their small subtree (ADR 0006).
 */
export interface EventAreaDailyTable {
  day: string;
  kind: EventKind;
  /** The region, a league or a banner containing the event's org. */
  area_id: string;
  channel: string;
  n: number;
}

/**
 * Per resource and month for the region and the leagues (RESOURCE_AREA_MAX_DEPTH): their "top
 * resources" over long ranges stays cheap. A banner's reads its orgs' fine rollups, which is fast
 * enough and spares a table as large as the event log (103 banners × 2,000 resources × months).
 */
export interface EventAreaResourceMonthlyTable {
  month: string;
  kind: EventKind;
  area_id: string;
  resource_id: string;
  n: number;
}

export interface EventTables {
  events: EventTable;
  event_rollups: EventRollupTable;
  station_heartbeats_daily: StationHeartbeatsDailyTable;
  event_area_daily: EventAreaDailyTable;
  event_area_resource_monthly: EventAreaResourceMonthlyTable;
}

/** Orgs at depth 0–2 (region, league, banner) are areas; deeper scopes read the fine rollups. */
export const AREA_MAX_DEPTH = 2;
/** Areas with per-resource monthly counts: the region and the leagues. */
export const RESOURCE_AREA_MAX_DEPTH = 1;
