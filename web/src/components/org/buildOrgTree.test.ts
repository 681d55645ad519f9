import { describe, expect, it } from 'vitest';
import type { Org } from '../../api/types';
import { buildOrgTree, pathTo, type OrgTreeNode } from './buildOrgTree';

const org = (id: string, kind: Org['kind'], parentId: string | null, code = id): Org => ({
  id,
  code,
  kind,
  parentId,
  name: { zh: id, mn: null },
});

const shape = (nodes: OrgTreeNode[]): unknown[] =>
  nodes.map((n) => (n.type === 'org' ? [n.org.id, ...shape(n.children)] : ['[societies]', ...shape(n.children)]));

describe('buildOrgTree', () => {
  const orgs = [
    org('banner-b', 'banner', 'league', '150102'),
    org('soc-2', 'society', 'region', 'S2'),
    org('league', 'league', 'region', '150100'),
    org('region', 'region', null, '150000'),
    org('banner-a', 'banner', 'league', '150101'),
    org('soc-1', 'society', 'region', 'S1'),
    org('league-2', 'league', 'region', '150200'),
  ];

  it('nests region → leagues → banners by code, societies in their own group last', () => {
    expect(shape(buildOrgTree(orgs))).toEqual([
      [
        'region',
        ['league', ['banner-a'], ['banner-b']],
        ['league-2'],
        ['[societies]', ['soc-1'], ['soc-2']],
      ],
    ]);
  });

  it('makes an org whose parent is not visible a root', () => {
    const scoped = orgs.filter((o) => o.id === 'league' || o.id.startsWith('banner'));
    expect(shape(buildOrgTree(scoped))).toEqual([['league', ['banner-a'], ['banner-b']]]);
  });

  it('gives each node a unique key', () => {
    const keys: string[] = [];
    const walk = (nodes: OrgTreeNode[]) => nodes.forEach((n) => (keys.push(n.key), walk(n.children)));
    walk(buildOrgTree(orgs));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('survives a parent cycle in bad data', () => {
    const cyclic = [org('a', 'league', 'b'), org('b', 'league', 'a')];
    expect(() => buildOrgTree(cyclic)).not.toThrow();
  });

  it('finds the path from the root to an org', () => {
    expect(pathTo(orgs, 'banner-b')).toEqual(['region', 'league', 'banner-b']);
    expect(pathTo(orgs, 'missing')).toEqual([]);
  });
});
