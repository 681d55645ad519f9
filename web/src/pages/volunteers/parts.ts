import type { VolunteerStatus } from '../../api/volunteers';

export const STATUS_COLOR: Record<VolunteerStatus, string> = { pending: 'gold', approved: 'green', rejected: 'red', withdrawn: 'default' };

/** Words typed in one field: split at commas, Chinese enumeration commas, semicolons and slashes. */
export const splitWords = (s: string): string[] =>
  s
    .split(/[,，、;；/|]+/)
    .map((w) => w.trim())
    .filter(Boolean);
