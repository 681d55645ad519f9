/** Timestamps are stored as ISO-8601 UTC text on both dialects: sortable and identical everywhere. */
export const nowIso = (): string => new Date().toISOString();

/**
 * The calendar day in Inner Mongolia (UTC+8, no daylight saving) as YYYY-MM-DD: daily figures,
 * caps and "today" follow the readers' and officers' clock, not UTC.
 */
export function localDay(at: Date = new Date()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
