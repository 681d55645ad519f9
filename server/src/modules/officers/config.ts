import type { AttributionKind } from './tables.js';

/** Everything tunable about officers in one typed object: points, caps, anti-abuse windows, limits. */
export interface OfficerConfig {
  /** Points per counted action. */
  points: Record<AttributionKind, number>;
  /** At most this many points per officer per China-local day (extra actions still count as events). */
  dailyCap: number;
  /** A device opening (or reading) the same officer's link to the same resource again within this window is not counted. */
  repeatWindowHours: number;
  /** Name of the random, httpOnly device-id cookie. */
  deviceCookie: string;
  deviceCookieDays: number;
  /** Self-registrations per client address per window. */
  registerRateLimit: { max: number; timeWindowMs: number };
  /** Rows per import file and its size. */
  importMaxRows: number;
  importMaxBytes: number;
}

export const OFFICER_CONFIG: OfficerConfig = {
  points: { 'share-open': 1, read: 2, 'reshare-open': 3 },
  dailyCap: 50,
  repeatWindowHours: 24,
  deviceCookie: 'gerel_device',
  deviceCookieDays: 400,
  registerRateLimit: { max: 10, timeWindowMs: 10 * 60_000 },
  importMaxRows: 5000,
  importMaxBytes: 5 * 1024 * 1024,
};

/** "Today's picks" and daily caps follow the officers' clock (UTC+8). */
export { localDay as chinaDay } from '../../kernel/db/time.js';
