import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';
import { newId } from '../kernel/db/ids.js';
import { localDay } from '../kernel/db/time.js';
import type { OrgTable } from '../modules/orgs/tables.js';
import type { Values } from '../modules/registry/fields.js';
import { delegates } from '../modules/registry/lists/index.js';
import { storedRow } from '../modules/registry/service.js';
import { insertRows } from '../modules/registry/store.js';
import { checkRow, parseFields, type OrgLookup } from '../modules/registry/validate.js';
import { REGION_CODE } from './org-tree.js';

interface Tree {
  rows: OrgTable[];
  get(code: string): OrgTable;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '赵', '杨', '高', '孙', '周', '吴'];
const GIVEN = ['建华', '海燕', '志强', '丽', '明', '慧', '国庆', '春梅', '伟'];
const MONGOLIAN_NAMES = ['巴特尔', '乌云', '斯琴', '额尔敦', '其其格', '萨仁', '那顺', '图雅', '阿拉坦', '格日勒', '乌兰', '苏和', '宝音'];
const SECTORS: [string, number][] = [['enterprise', 10], ['university', 8], ['research', 6], ['health', 5], ['school', 4], ['grassroots', 9], ['government', 4], ['other', 2]];
const MINORITIES = ['daur', 'ewenki', 'oroqen', 'manchu', 'hui'];
const AGES = ['under_35', 'from_35_to_44', 'from_45_to_54', 'from_55'];
const WORKPLACES: Record<string, string> = {
  enterprise: '某能源化工企业', university: '内蒙古大学', research: '内蒙古农牧业科学院', health: '内蒙古国际蒙医医院',
  school: '呼和浩特市某中学', grassroots: '某苏木农牧业技术推广站', government: '自治区某厅局', other: '某社会组织',
};

/** One congress's delegates, deterministic: every third a woman, two in five Mongolian, one in five of another minority. */
function congress(orgId: string, name: string, electedOn: string, sectors: [string, number][], seed: number): Values[] {
  const list = sectors.flatMap(([sector, n]) => Array.from({ length: n }, () => sector));
  return list.map((sector, k) => {
    const i = k + seed;
    const fifth = i % 5;
    const ethnicity = fifth === 0 || fifth === 2 ? 'mongol' : fifth === 4 ? MINORITIES[Math.floor(i / 5) % MINORITIES.length]! : 'han';
    return {
      org_id: orgId,
      congress: name,
      elected_on: electedOn,
      name: ethnicity === 'mongol' ? MONGOLIAN_NAMES[i % MONGOLIAN_NAMES.length]! : `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 5) % GIVEN.length]}`,
      gender: i % 3 === 0 ? 'female' : 'male',
      ethnicity,
      age_band: AGES[(i * 3) % AGES.length]!,
      sector,
      workplace: WORKPLACES[sector]!,
    };
  });
}

/**
 * Delegates of the region's 10th congress (two years ago, 48 delegates), of its 9th (seven years ago,
 * outside the five-year report) and of 土默特左旗's congress last year: the composition figures of the
 * work report. Checked by the list's own rules, like an entry typed in. Runs inside the seed's transaction.
 */
export async function seedDelegatesDemo(trx: Kysely<Database> | Transaction<Database>, tree: Tree, now: string): Promise<void> {
  const today = localDay();
  const year = Number(today.slice(0, 4));
  const lookup: OrgLookup = { byId: new Map(tree.rows.map((o) => [o.id, o])), byCode: new Map(), byName: new Map(), visible: () => true };
  const region = tree.get(REGION_CODE).id;
  const rows = [
    ...congress(region, '内蒙古自治区科学技术协会第十次代表大会', `${year - 2}-05-20`, SECTORS, 0),
    ...congress(region, '内蒙古自治区科学技术协会第九次代表大会', `${year - 7}-05-18`, [['university', 3], ['enterprise', 3]], 3),
    ...congress(tree.get('150121').id, '土默特左旗科学技术协会第五次代表大会', `${year - 1}-04-16`, [['grassroots', 6], ['school', 2], ['health', 2], ['enterprise', 2]], 1),
  ];
  const stored = rows.map((input) => {
    const { values, problems } = parseFields(delegates, input, delegates.fields.map((f) => f.key), 'json', lookup);
    const all = [...problems, ...checkRow(delegates, values, today)];
    if (all.length) throw new Error(`seed: delegates row ${JSON.stringify(input)}: ${all.map((p) => `${p.field} ${p.problem}`).join(', ')}`);
    return storedRow(delegates, newId(), values, null, now);
  });
  await insertRows(trx, delegates, stored);
}
