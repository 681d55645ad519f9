/** Timestamps are stored as ISO-8601 UTC text on both dialects: sortable and identical everywhere. */
export const nowIso = (): string => new Date().toISOString();
