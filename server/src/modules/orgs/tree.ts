import type { OrgKind } from './tables.js';

/** Which kinds of org may sit under which: the association's four tiers plus grassroots bodies. */
export const CHILD_KINDS: Record<OrgKind, readonly OrgKind[]> = {
  region: ['league', 'society', 'enterprise', 'university', 'rural_association'],
  league: ['banner', 'society', 'enterprise', 'university', 'rural_association'],
  banner: ['township', 'enterprise', 'university', 'rural_association', 'society'],
  township: ['village', 'enterprise', 'rural_association'],
  society: [],
  enterprise: [],
  university: [],
  village: ['rural_association'],
  rural_association: [],
};

export function childPath(parentPath: string, id: string): string {
  return `${parentPath}${id}/`;
}

export const rootPath = (id: string): string => `/${id}/`;
