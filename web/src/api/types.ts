// The shapes the server sends (see the API contract in docs).

export const ORG_KINDS = [
  'region',
  'league',
  'banner',
  'society',
  'enterprise',
  'university',
  'township',
  'village',
  'rural_association',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ROLES = [
  'admin',
  'editor',
  'reviewer',
  'translator',
  'organizer',
  'officer',
  'volunteer',
  'member',
] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
  orgId: string;
  role: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  roles: RoleGrant[];
  permissions: { manageUsers: boolean; manageOrgs: boolean };
}

export interface Org {
  id: string;
  code: string;
  kind: OrgKind;
  parentId: string | null;
  name: { zh: string; mn: string | null };
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  orgId: string | null;
  roles: RoleGrant[];
}

export interface NewUser {
  username: string;
  password: string;
  displayName?: string;
  orgId?: string;
}
