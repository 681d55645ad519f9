import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import * as store from '../modules/events/store.js';
import { EVENT_KINDS, type EventKind } from '../modules/events/tables.js';
import type { RollupDeltas } from '../modules/events/writer.js';

export interface AreaDims {
  /** Area ids, the region and leagues first: areas [0, resourceAreas) also count per resource. */
  areas: string[];
  resourceAreas: number;
  days: string[];
  channels: string[];
  resources: string[];
  stations: string[];
}

const SLICE = 100_000;

/**
 * The area and station rollups of a whole seed run as dense counters (area × kind × day × channel,
 * area × kind × month × resource, station × day): a few integer operations per generated event,
 * where string-keyed maps like the live writer's would dominate a 30-million-event run. They are
 * written once at the end, in key order; tests check them against the writer's rollupDeltas.
 */
export class AreaCounters {
  private readonly daily: Uint32Array;
  private readonly monthly: Uint32Array;
  private readonly beats: Uint32Array;
  private readonly months: string[];
  private readonly monthOfDay: Int32Array;

  constructor(private readonly dims: AreaDims) {
    this.months = [...new Set(dims.days.map((d) => d.slice(0, 7)))];
    this.monthOfDay = Int32Array.from(dims.days, (d) => this.months.indexOf(d.slice(0, 7)));
    const k = EVENT_KINDS.length;
    this.daily = new Uint32Array(dims.areas.length * k * dims.days.length * dims.channels.length);
    this.monthly = new Uint32Array(dims.resourceAreas * k * this.months.length * dims.resources.length);
    this.beats = new Uint32Array(dims.stations.length * dims.days.length);
  }

  /** One event: `areas` are indexes into dims.areas; resource and station are -1 when absent. */
  add(areas: readonly number[], kind: number, day: number, channel: number, resource: number, station: number): void {
    const { days, channels, resources, resourceAreas } = this.dims;
    const k = EVENT_KINDS.length;
    const month = this.monthOfDay[day]!;
    for (const a of areas) {
      this.daily[((a * k + kind) * days.length + day) * channels.length + channel]!++;
      if (resource >= 0 && a < resourceAreas) this.monthly[((a * k + kind) * this.months.length + month) * resources.length + resource]!++;
    }
    if (station >= 0 && EVENT_KINDS[kind] === 'heartbeat') this.beats[station * days.length + day]!++;
  }

  async write(db: Kysely<Database>): Promise<void> {
    const { areas, days, channels, resources, stations } = this.dims;
    const k = EVENT_KINDS.length;
    const kindOf = (i: number): EventKind => EVENT_KINDS[i]!;
    let batch: RollupDeltas = { fine: [], daily: [], monthly: [], heartbeats: [] };
    const flush = async (force = false) => {
      const size = batch.daily.length + batch.monthly.length + batch.heartbeats.length;
      if (size === 0 || (!force && size < SLICE)) return;
      const b = batch;
      batch = { fine: [], daily: [], monthly: [], heartbeats: [] };
      await db.transaction().execute((trx) => store.addRollups(trx, b));
    };
    for (let i = 0; i < this.daily.length; i++) {
      const n = this.daily[i]!;
      if (n === 0) continue;
      const c = i % channels.length;
      const rest = (i - c) / channels.length;
      const d = rest % days.length;
      const ak = (rest - d) / days.length;
      batch.daily.push({ area_id: areas[Math.floor(ak / k)]!, kind: kindOf(ak % k), day: days[d]!, channel: channels[c]!, n });
      await flush();
    }
    for (let i = 0; i < this.monthly.length; i++) {
      const n = this.monthly[i]!;
      if (n === 0) continue;
      const r = i % resources.length;
      const rest = (i - r) / resources.length;
      const m = rest % this.months.length;
      const ak = (rest - m) / this.months.length;
      batch.monthly.push({ area_id: areas[Math.floor(ak / k)]!, kind: kindOf(ak % k), month: this.months[m]!, resource_id: resources[r]!, n });
      await flush();
    }
    for (let i = 0; i < this.beats.length; i++) {
      const n = this.beats[i]!;
      if (n === 0) continue;
      const d = i % days.length;
      batch.heartbeats.push({ station_code: stations[(i - d) / days.length]!, day: days[d]!, n });
      await flush();
    }
    await flush(true);
  }
}
