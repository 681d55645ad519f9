import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { nowIso } from '../kernel/db/time.js';
import { newId } from '../kernel/db/ids.js';
import { hashPassword } from '../kernel/auth/password.js';
import type { Role } from '../kernel/scope/roles.js';
import { insertOrgs, countOrgs } from '../modules/orgs/store.js';
import { insertGrant, insertUser } from '../modules/users/store.js';
import { TreeBuilder, buildBaseTree, loadTownships, REGION_CODE } from './org-tree.js';
import { SOCIETIES, REGION_SOCIETY_COUNT } from './societies.js';
import { seedRegistryDemo } from './registry-demo.js';
import { seedVolunteersDemo } from './volunteers-demo.js';
import { seedThinktankDemo } from './thinktank-demo.js';
import { seedDelegatesDemo } from './delegates-demo.js';

export type Scale = 'base' | 'demo' | 'region';

export interface SeedResult {
  seeded: boolean;
  orgs: number;
  users: { username: string; role: string; org: string }[];
}

interface UserSpec {
  username: string;
  displayName: string;
  orgCode: string;
  role: Role;
}

/** Demo accounts, one per typical person of the report: region, league, banner and society staff. */
const DEMO_USERS: UserSpec[] = [
  { username: 'hohhot-admin', displayName: '呼和浩特市科协管理员', orgCode: '150100', role: 'admin' },
  { username: 'xincheng-admin', displayName: '新城区科协管理员', orgCode: '150102', role: 'admin' },
  { username: 'tumed-admin', displayName: '土默特左旗科协管理员', orgCode: '150121', role: 'admin' },
  { username: 'chifeng-admin', displayName: '赤峰市科协管理员', orgCode: '150400', role: 'admin' },
  { username: 'hohhot-editor', displayName: '呼和浩特市编辑', orgCode: '150100', role: 'editor' },
  { username: 'hohhot-reviewer', displayName: '呼和浩特市审核员', orgCode: '150100', role: 'reviewer' },
  { username: 'region-translator', displayName: '蒙汉翻译', orgCode: REGION_CODE, role: 'translator' },
  { username: 'agri-society-admin', displayName: '农学会秘书长', orgCode: 'S001', role: 'admin' },
  { username: 'tumed-officer', displayName: '察素齐镇科普信息员', orgCode: '150121100', role: 'officer' },
];

/**
 * Seeds an empty database in one transaction: the org tree always; at `demo` scale grassroots orgs
 * and demo accounts; at `region` scale every township, villages and all ~110 societies too.
 * Does nothing when orgs already exist (safe on every start).
 */
export async function seedIfEmpty(db: Kysely<Database>, opts: { scale: Scale; adminPassword: string }): Promise<SeedResult> {
  if ((await countOrgs(db)) > 0) return { seeded: false, orgs: 0, users: [] };
  const now = nowIso();
  const tree = new TreeBuilder(now);
  buildBaseTree(tree, { societies: opts.scale === 'region' ? REGION_SOCIETY_COUNT : SOCIETIES.length });
  if (opts.scale !== 'base') addGrassroots(tree, opts.scale);

  const passwordHash = await hashPassword(opts.adminPassword);
  const users: UserSpec[] = [{ username: 'admin', displayName: '系统管理员', orgCode: REGION_CODE, role: 'admin' }];
  if (opts.scale !== 'base') users.push(...DEMO_USERS);
  if (opts.scale === 'region') {
    for (const banner of tree.rows.filter((r) => r.kind === 'banner')) {
      users.push({ username: `admin-${banner.code}`, displayName: `${banner.name_zh}管理员`, orgCode: banner.code, role: 'admin' });
    }
  }

  await db.transaction().execute(async (trx) => {
    await insertOrgs(trx, tree.rows);
    for (const u of users) {
      const org = tree.get(u.orgCode);
      const id = newId();
      await insertUser(trx, {
        id,
        username: u.username,
        display_name: u.displayName,
        password_hash: passwordHash,
        org_id: org.id,
        status: 'active',
        failed_logins: 0,
        locked_until: null,
        created_at: now,
        updated_at: now,
      });
      await insertGrant(trx, { id: newId(), user_id: id, org_id: org.id, role: u.role, created_at: now, created_by: null });
    }
    if (opts.scale !== 'base') await seedRegistryDemo(trx, tree, now);
    if (opts.scale !== 'base') await seedVolunteersDemo(trx, tree, now);
    if (opts.scale !== 'base') await seedThinktankDemo(trx, tree, now);
    if (opts.scale !== 'base') await seedDelegatesDemo(trx, tree, now);
  });
  return {
    seeded: true,
    orgs: tree.rows.length,
    users: users.map((u) => ({ username: u.username, role: u.role, org: tree.get(u.orgCode).name_zh })),
  };
}

/** Grassroots bodies: townships, villages, enterprises, a university, rural technology associations. */
function addGrassroots(tree: TreeBuilder, scale: Scale): void {
  const region = tree.get(REGION_CODE);
  tree.add('university', 'U001', '内蒙古大学科协', null, region);
  tree.add('university', 'U002', '内蒙古农业大学科协', null, region);
  tree.add('enterprise', 'E001', '包头钢铁（集团）有限责任公司科协', null, tree.get('150200'));
  tree.add('enterprise', 'E002', '伊利实业集团股份有限公司科协', null, tree.get('150100'));

  const banners = tree.rows.filter((r) => r.kind === 'banner');
  const wanted = scale === 'region' ? new Set(banners.map((b) => b.code)) : new Set(['150121', '150102', '150404']);
  const townships = loadTownships(wanted);
  const perBanner = new Map<string, number>();
  for (const t of townships) {
    const n = (perBanner.get(t.bannerCode) ?? 0) + 1;
    perBanner.set(t.bannerCode, n);
    if (scale === 'demo' && n > 3) continue;
    const township = tree.add('township', t.code, t.name, null, tree.get(t.bannerCode));
    // Villages are not in the data package; region scale numbers them (GB/T 2260 stops at townships).
    const villages = scale === 'region' ? 4 : 2;
    for (let v = 1; v <= villages; v++) {
      tree.add('village', `${t.code}${String(v).padStart(3, '0')}`, `${t.name}第${v}嘎查村`, null, township);
    }
  }
  tree.add('rural_association', 'R150121001', '土默特左旗农村专业技术协会', null, tree.get('150121'));
  tree.add('rural_association', 'R150404001', '松山区肉牛养殖技术协会', null, tree.get('150404'));
}
