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

export interface OrgTable {
  id: string;
  /** GB/T 2260 code for administrative orgs; a unique registry code for the others. */
  code: string;
  kind: OrgKind;
  parent_id: string | null;
  /** Materialised path of ids, '/root/league/banner/': a subtree is one prefix match. */
  path: string;
  depth: number;
  name_zh: string;
  name_mn: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrgTables {
  orgs: OrgTable;
}
