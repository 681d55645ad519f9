import type { OfficerConfig } from './config.js';
import type { AttributionKind } from './tables.js';

export interface CountRow {
  officerId: string;
  day: string;
  kind: AttributionKind;
  n: number;
}

export interface OfficerPoints {
  points: number;
  shareOpens: number;
  reads: number;
  reshareOpens: number;
}

/**
 * Points per officer from counted actions per day: each action earns its points, each day is capped
 * at `dailyCap`, the days are summed. Counts are reported uncapped.
 *
 * @example pointsByOfficer([{ officerId: 'a', day: '2026-12-01', kind: 'read', n: 40 }], cfg) // a → 50 points (cap), 40 reads
 */
export function pointsByOfficer(rows: CountRow[], cfg: Pick<OfficerConfig, 'points' | 'dailyCap'>): Map<string, OfficerPoints> {
  const perDay = new Map<string, number>();
  const out = new Map<string, OfficerPoints>();
  for (const r of rows) {
    const key = `${r.officerId}|${r.day}`;
    perDay.set(key, (perDay.get(key) ?? 0) + cfg.points[r.kind] * r.n);
    const o = out.get(r.officerId) ?? { points: 0, shareOpens: 0, reads: 0, reshareOpens: 0 };
    if (r.kind === 'share-open') o.shareOpens += r.n;
    else if (r.kind === 'read') o.reads += r.n;
    else o.reshareOpens += r.n;
    out.set(r.officerId, o);
  }
  for (const [key, raw] of perDay) {
    const officerId = key.slice(0, key.indexOf('|'));
    out.get(officerId)!.points += Math.min(raw, cfg.dailyCap);
  }
  return out;
}
