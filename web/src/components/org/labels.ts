import { ORG_KINDS, ROLES, type OrgKind, type Role } from '../../api/types';
import type { MessageKey } from '../../i18n/languages';

export const kindKey = (kind: OrgKind): MessageKey => `kind.${kind}`;
export const roleKey = (role: Role): MessageKey => `role.${role}`;

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
export const isOrgKind = (value: string): value is OrgKind => (ORG_KINDS as readonly string[]).includes(value);
