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
  day: string;
  received_at: string;
}

/** Counts by day × kind × org × resource × officer × station × channel, kept as events arrive. */
export interface EventRollupTable {
  day: string;
  kind: EventKind;
  org_id: string;
  resource_id: string;
  officer_code: string;
  station_code: string;
  channel: string;
  n: number;
}

export interface EventTables {
  events: EventTable;
  event_rollups: EventRollupTable;
}
