import type { Org } from '../../api/types';

/** A node of the displayed tree: an organisation, or the group that gathers an org's societies. */
export type OrgTreeNode =
  | { type: 'org'; key: string; org: Org; children: OrgTreeNode[] }
  | { type: 'societies'; key: string; children: OrgTreeNode[] };

const byCode = (a: Org, b: Org) =>
  a.code.localeCompare(b.code, 'en', { numeric: true }) || a.name.zh.localeCompare(b.name.zh, 'zh');

/**
 * Turns the flat list from GET /api/orgs into the tree shown to the user: region → leagues/cities →
 * banners, with each org's learned societies in a group of their own after its other children.
 * An org whose parent the caller cannot see becomes a root (a league officer sees their league).
 */
export function buildOrgTree(orgs: readonly Org[]): OrgTreeNode[] {
  const ids = new Set(orgs.map((o) => o.id));
  const childrenOf = new Map<string | null, Org[]>();
  for (const org of orgs) {
    const parent = org.parentId !== null && ids.has(org.parentId) ? org.parentId : null;
    const siblings = childrenOf.get(parent);
    if (siblings) siblings.push(org);
    else childrenOf.set(parent, [org]);
  }

  const build = (parentId: string | null, seen: Set<string>): OrgTreeNode[] => {
    const children = [...(childrenOf.get(parentId) ?? [])].filter((o) => !seen.has(o.id)).sort(byCode);
    const node = (org: Org): OrgTreeNode => ({
      type: 'org',
      key: org.id,
      org,
      // `seen` guards against a cycle in bad data turning into endless recursion.
      children: build(org.id, new Set(seen).add(org.id)),
    });
    const societies = children.filter((o) => o.kind === 'society').map(node);
    const others = children.filter((o) => o.kind !== 'society').map(node);
    if (societies.length === 0 || parentId === null) return [...others, ...societies];
    return [...others, { type: 'societies', key: `societies:${parentId}`, children: societies }];
  };

  return build(null, new Set());
}

/** Ids of every org on the path from a root to `id` (inclusive), to expand the tree to it. */
export function pathTo(orgs: readonly Org[], id: string): string[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const path: string[] = [];
  for (let org = byId.get(id); org && !path.includes(org.id); org = org.parentId ? byId.get(org.parentId) : undefined) {
    path.unshift(org.id);
  }
  return path;
}
