import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';
import { newId } from '../kernel/db/ids.js';
import type { OrgTable } from '../modules/orgs/tables.js';
import { insertVolunteers, insertTeam, upsertMember } from '../modules/volunteers/store.js';
import { insertActivity, insertPairing, insertSignup } from '../modules/activities/store.js';
import type { VolunteerTable } from '../modules/volunteers/tables.js';
import type { ActivityTable } from '../modules/activities/tables.js';

interface Tree {
  get(code: string): OrgTable;
}

const DAY = 86_400_000;

/**
 * A few demo volunteers (no ID numbers: sensitive data is never seeded), an expert team, the 农学会 ↔
 * 土默特左旗 pairing with a tour held under it, and an upcoming training with two volunteers signed
 * up. Runs inside the seed's transaction.
 */
export async function seedVolunteersDemo(trx: Kysely<Database> | Transaction<Database>, tree: Tree, now: string): Promise<void> {
  const org = (code: string) => tree.get(code).id;
  const volunteer = (orgCode: string, name: string, gender: 'male' | 'female', phone: string, languages: string, skills: string[], fields: string[]): VolunteerTable => ({
    id: newId(),
    org_id: org(orgCode),
    user_id: null,
    name,
    gender,
    phone,
    id_number: null,
    health_note: null,
    under14: 0,
    skills: JSON.stringify(skills),
    fields: JSON.stringify(fields),
    languages,
    status: 'approved',
    source: 'seed',
    decided_by: null,
    decided_at: now,
    reason: null,
    created_by: null,
    created_at: now,
    updated_at: now,
  });
  const vs = [
    volunteer('150121', '苏和', 'male', '13847100201', 'mn,zh', ['蒙医', '针灸'], ['卫生健康']),
    volunteer('150121', '其其格', 'female', '13847100202', 'mn,zh', ['畜牧兽医'], ['农牧业']),
    volunteer('150121100', '王建国', 'male', '13847100203', 'zh', ['设施农业', '植保'], ['农牧业']),
    volunteer('150121100001', '娜仁', 'female', '13847100204', 'mn', ['科普讲解'], ['青少年科普']),
    volunteer('150404', '李明', 'male', '13947600205', 'zh', ['肉牛养殖'], ['农牧业']),
    volunteer('150404', '乌兰', 'female', '13947600206', 'mn,zh', ['防灾减灾'], ['应急科普']),
  ];
  await insertVolunteers(trx, vs);

  const team = newId();
  await insertTeam(trx, { id: team, org_id: org('150121'), name_zh: '土默特左旗农牧业科技专家服务团', name_mn: null, field: '农牧业', created_by: null, created_at: now, updated_at: now });
  await upsertMember(trx, { team_id: team, volunteer_id: vs[1]!.id, role: 'leader', added_at: now });
  await upsertMember(trx, { team_id: team, volunteer_id: vs[2]!.id, role: 'member', added_at: now });
  await upsertMember(trx, { team_id: team, volunteer_id: vs[0]!.id, role: 'member', added_at: now });

  const pairing = newId();
  await insertPairing(trx, { id: pairing, society_org_id: org('S001'), banner_org_id: org('150121'), since: '2024-03-01', note: '农学会对口帮扶土默特左旗', status: 'active', created_by: null, created_at: now, updated_at: now });

  const at = (days: number, hour: number) => new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY + (hour - 8) * 3_600_000).toISOString();
  const activity = (a: Partial<ActivityTable> & Pick<ActivityTable, 'org_id' | 'kind' | 'title_zh' | 'starts_at' | 'ends_at'>): ActivityTable => ({
    id: newId(),
    title_mn: null,
    description: null,
    place_org_id: null,
    place_text: null,
    capacity: 20,
    audience: 'farmers_herders',
    language: 'both',
    pairing_id: null,
    team_id: null,
    status: 'open',
    reported_beneficiaries: null,
    reported_by: null,
    reported_at: null,
    checkin_key: randomBytes(12).toString('base64url'),
    seq: 0,
    created_by: null,
    created_at: now,
    updated_at: now,
    ...a,
  });
  const tour = activity({ org_id: org('S001'), kind: 'tour', title_zh: '农业科技专家进旗县：设施农业冬季生产', place_org_id: org('150121'), place_text: '土默特左旗农牧业技术推广中心', starts_at: at(-20, 9), ends_at: at(-20, 16), pairing_id: pairing, status: 'closed', reported_beneficiaries: 320 });
  const training = activity({ org_id: org('150121'), kind: 'training', title_zh: '春季接羔保育技术培训', place_org_id: org('150121100'), place_text: '察素齐镇文化站', starts_at: at(3, 9), ends_at: at(3, 12), capacity: 30, team_id: team, seq: 2 });
  await insertActivity(trx, tour);
  await insertActivity(trx, training);
  for (const [i, v] of [vs[1]!, vs[2]!].entries()) {
    await insertSignup(trx, { id: newId(), activity_id: training.id, volunteer_id: v.id, org_id: training.org_id, status: 'confirmed', seq: i + 1, qr_token: randomBytes(16).toString('base64url'), signed_up_by: 'seed', promoted_at: null, cancelled_at: null, created_at: now, updated_at: now });
  }
}
