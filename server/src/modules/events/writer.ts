import type { Kysely } from 'kysely';
import type { Database } from '../../schema.js';
import type { AppContext } from '../../kernel/context.js';
import * as stations from '../stations/lookup.js';
import * as orgs from '../orgs/service.js';
import * as store from './store.js';
import { AREA_MAX_DEPTH, RESOURCE_AREA_MAX_DEPTH, type EventAreaDailyTable, type EventAreaResourceMonthlyTable, type EventRollupTable, type EventTable, type StationHeartbeatsDailyTable } from './tables.js';

/** Area orgs (region, league, banner) containing each org; cached since orgs do not move. */
export type AreaResolver = (orgIds: string[]) => Promise<Map<string, string[]>>;

export interface WriteResult {
  accepted: number;
  duplicates: number;
}

interface Pending {
  rows: EventTable[];
  resolve(r: WriteResult): void;
  reject(e: unknown): void;
}

/**
 * Group commit: batches that arrive while a transaction is being written wait and go together in
 * the next one, so many small requests share one commit (and one fsync) and each request is
 * answered only after its events are durably stored. Events whose id was seen before are skipped
 * and counted as duplicates; the rollups grow by exactly the newly stored events, in the same
 * transaction.
 */
export class GroupCommitWriter {
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly areasOf: AreaResolver,
    private readonly maxEventsPerCommit = 20_000,
  ) {}

  write(rows: EventTable[]): Promise<WriteResult> {
    return new Promise<WriteResult>((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.running ??= this.drain();
    });
  }

  /** Resolves when everything queued so far is committed (graceful shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    // Let the requests already parsed in this tick join the first commit.
    await new Promise((r) => setImmediate(r));
    try {
      while (this.queue.length > 0) {
        const group: Pending[] = [];
        let size = 0;
        while (this.queue.length > 0 && (group.length === 0 || size + this.queue[0]!.rows.length <= this.maxEventsPerCommit)) {
          const p = this.queue.shift()!;
          group.push(p);
          size += p.rows.length;
        }
        try {
          const results = await this.commit(group);
          group.forEach((p, i) => p.resolve(results[i]!));
        } catch (err) {
          for (const p of group) p.reject(err);
        }
      }
    } finally {
      this.running = null;
    }
  }

  private async commit(group: Pending[]): Promise<WriteResult[]> {
    // The first occurrence of an id in the group is the one that may be new.
    const seen = new Set<string>();
    const unique: EventTable[] = [];
    for (const p of group) {
      for (const r of p.rows) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        unique.push(r);
      }
    }
    let inserted = new Set<string>();
    const areas = await this.areasOf([...new Set(unique.map((r) => r.org_id))]);
    await this.db.transaction().execute(async (trx) => {
      inserted = await store.insertNew(trx, unique);
      const fresh = unique.filter((r) => inserted.has(r.id));
      await store.addRollups(trx, rollupDeltas(fresh, areas));
      const beats = new Map<string, string>();
      for (const r of fresh) if (r.kind === 'heartbeat' && (beats.get(r.station_code) ?? '') < r.at) beats.set(r.station_code, r.at);
      if (beats.size) await stations.touchHeartbeats(trx, beats);
    });
    const counted = new Set<string>();
    return group.map((p) => {
      let accepted = 0;
      for (const r of p.rows) {
        if (inserted.has(r.id) && !counted.has(r.id)) {
          counted.add(r.id);
          accepted++;
        }
      }
      return { accepted, duplicates: p.rows.length - accepted };
    });
  }
}

export interface RollupDeltas {
  fine: EventRollupTable[];
  daily: EventAreaDailyTable[];
  monthly: EventAreaResourceMonthlyTable[];
  heartbeats: StationHeartbeatsDailyTable[];
}

/**
 * What a set of new events adds to the rollups; `areas` maps each event's org to its areas, from
 * the region down (so the first RESOURCE_AREA_MAX_DEPTH + 1 of them also count per resource).
 */
export function rollupDeltas(rows: EventTable[], areas: Map<string, string[]>): RollupDeltas {
  const fine = new Map<string, EventRollupTable>();
  const daily = new Map<string, EventAreaDailyTable>();
  const monthly = new Map<string, EventAreaResourceMonthlyTable>();
  const heartbeats = new Map<string, StationHeartbeatsDailyTable>();
  for (const r of rows) {
    const fk = `${r.org_id}|${r.kind}|${r.day}|${r.resource_id}|${r.officer_code}|${r.station_code}|${r.channel}`;
    const f = fine.get(fk);
    if (f) f.n++;
    else {
      fine.set(fk, {
        org_id: r.org_id,
        kind: r.kind,
        day: r.day,
        resource_id: r.resource_id,
        officer_code: r.officer_code,
        station_code: r.station_code,
        channel: r.channel,
        n: 1,
      });
    }
    if (r.kind === 'heartbeat' && r.station_code) {
      const hk = `${r.station_code}|${r.day}`;
      const h = heartbeats.get(hk);
      if (h) h.n++;
      else heartbeats.set(hk, { station_code: r.station_code, day: r.day, n: 1 });
    }
    const month = r.day.slice(0, 7);
    const areaIds = areas.get(r.org_id) ?? [];
    for (let depth = 0; depth < areaIds.length; depth++) {
      const area = areaIds[depth]!;
      const dk = `${area}|${r.kind}|${r.day}|${r.channel}`;
      const d = daily.get(dk);
      if (d) d.n++;
      else daily.set(dk, { area_id: area, kind: r.kind, day: r.day, channel: r.channel, n: 1 });
      if (!r.resource_id || depth > RESOURCE_AREA_MAX_DEPTH) continue;
      const mk = `${area}|${r.kind}|${month}|${r.resource_id}`;
      const m = monthly.get(mk);
      if (m) m.n++;
      else monthly.set(mk, { area_id: area, kind: r.kind, month, resource_id: r.resource_id, n: 1 });
    }
  }
  return { fine: [...fine.values()], daily: [...daily.values()], monthly: [...monthly.values()], heartbeats: [...heartbeats.values()] };
}

/** Splits a materialised path into the ids of its areas (depth 0 to AREA_MAX_DEPTH). */
export const areasFromPath = (path: string): string[] => path.split('/').filter(Boolean).slice(0, AREA_MAX_DEPTH + 1);

const writers = new WeakMap<AppContext, GroupCommitWriter>();

/** The one writer of an app: every route and module that records events shares its group commits. */
export function writerFor(ctx: AppContext): GroupCommitWriter {
  let w = writers.get(ctx);
  if (!w) writers.set(ctx, (w = new GroupCommitWriter(ctx.db.kysely, cachedAreas(ctx))));
  return w;
}

function cachedAreas(ctx: AppContext): AreaResolver {
  const cache = new Map<string, string[]>();
  return async (orgIds) => {
    const missing = orgIds.filter((id) => !cache.has(id));
    if (missing.length) for (const [id, path] of await orgs.pathsOf(ctx, missing)) cache.set(id, areasFromPath(path));
    return new Map(orgIds.map((id) => [id, cache.get(id) ?? []]));
  };
}
