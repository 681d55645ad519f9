/** Roles are granted on an org and hold for its whole subtree. */
export const ROLES = ['admin', 'editor', 'reviewer', 'translator', 'organizer', 'officer', 'volunteer', 'member'] as const;
export type Role = (typeof ROLES)[number];
