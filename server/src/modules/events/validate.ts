import { EVENT_KINDS, type EventKind } from './tables.js';

export interface EventInput {
  id: string;
  kind: string;
  resourceId?: string;
  stationCode?: string;
  officerCode?: string;
  channel?: string;
  at: string;
}

export interface EventProblem {
  index: number;
  field: string;
  problem: string;
}

const ID = /^[A-Za-z0-9_.:-]{8,64}$/;
const CODE = /^[A-Za-z0-9_-]{1,32}$/;
const CHANNEL = /^[a-z0-9_-]{1,32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Devices upload their outbox late, but not months late; clocks run ahead a little. */
export const MAX_AGE_DAYS = 90;
const MAX_AHEAD_MS = 5 * 60_000;

/** Shape checks that need no database; every problem of the batch is reported, by index. */
export function checkShapes(events: EventInput[], now: Date): EventProblem[] {
  const problems: EventProblem[] = [];
  const oldest = now.getTime() - MAX_AGE_DAYS * 86_400_000;
  events.forEach((e, index) => {
    const bad = (field: string, problem: string) => problems.push({ index, field, problem });
    if (!ID.test(e.id)) bad('id', 'must be 8–64 characters of A–Z a–z 0–9 _ . : -');
    if (!(EVENT_KINDS as readonly string[]).includes(e.kind)) bad('kind', `must be one of ${EVENT_KINDS.join(', ')}`);
    const t = Date.parse(e.at);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(e.at) || Number.isNaN(t)) bad('at', 'must be an ISO date-time');
    else if (t > now.getTime() + MAX_AHEAD_MS) bad('at', 'lies in the future');
    else if (t < oldest) bad('at', `is older than ${MAX_AGE_DAYS} days`);
    if (e.resourceId !== undefined && !UUID.test(e.resourceId)) bad('resourceId', 'must be a resource id');
    if (e.stationCode !== undefined && !CODE.test(e.stationCode)) bad('stationCode', 'is not a station code');
    if (e.officerCode !== undefined && !CODE.test(e.officerCode)) bad('officerCode', 'is not an officer code');
    if (e.channel !== undefined && !CHANNEL.test(e.channel)) bad('channel', 'must be 1–32 of a–z 0–9 _ -');
    if (e.kind === 'heartbeat' && !e.stationCode) bad('stationCode', 'a heartbeat needs its station');
    if (e.kind !== 'heartbeat' && !e.resourceId) bad('resourceId', `a ${e.kind} event needs its resource`);
  });
  return problems;
}

export const isKind = (k: string): k is EventKind => (EVENT_KINDS as readonly string[]).includes(k);
