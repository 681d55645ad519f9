import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';
import { newId } from '../kernel/db/ids.js';
import { localDay } from '../kernel/db/time.js';
import type { OrgTable } from '../modules/orgs/tables.js';
import type { ExpertTable, SuggestionTable } from '../modules/thinktank/tables.js';

interface Tree {
  get(code: string): OrgTable;
}

/** Demo suggestions: how many reached each stage (the report counts the adopted ones). */
export const DEMO_SUGGESTIONS = { adopted: 2, partlyAdopted: 1, forwarded: 1, received: 1 };

/**
 * The think tank of the demo: experts of the region and of 农学会, a symposium on grassland ecology
 * with three experts invited, five suggestions at different stages (three adopted or partly adopted,
 * with body, date, level and evidence) and an enterprise needs survey. Runs inside the seed's transaction.
 */
export async function seedThinktankDemo(trx: Kysely<Database> | Transaction<Database>, tree: Tree, now: string): Promise<void> {
  const region = tree.get('150000').id;
  const society = tree.get('S001').id;
  const year = Number(localDay().slice(0, 4));
  const expert = (org_id: string, name: string, title: string, workplace: string, fields: string[], languages: string): ExpertTable => ({
    id: newId(), org_id, name, title, workplace, fields: JSON.stringify(fields), languages, availability: 'available', bio: null, created_by: null, created_at: now, updated_at: now,
  });
  const experts = [
    expert(region, '巴特尔', '研究员', '内蒙古农牧业科学院', ['草原生态', '畜牧业'], 'mn,zh'),
    expert(region, '李慧', '教授', '内蒙古大学', ['稀土材料'], 'zh'),
    expert(society, '乌云', '正高级农艺师', '土默特左旗农牧业技术推广中心', ['设施农业', '植保'], 'mn,zh'),
    expert(region, '阿拉坦', '主任医师', '内蒙古国际蒙医医院', ['蒙医药'], 'mn,zh'),
  ];
  await trx.insertInto('tt_experts').values(experts).execute();
  const symposium = { id: newId(), org_id: region, title: '草原生态保护与牧区振兴专家座谈会', topic: '草畜平衡、牧区科技服务', held_on: `${year - 1}-06-18`, place: '自治区科协会议室', created_by: null, created_at: now, updated_at: now };
  await trx.insertInto('tt_symposiums').values(symposium).execute();
  await trx.insertInto('tt_invitations').values([experts[0]!, experts[2]!, experts[3]!].map((e, i) => ({ symposium_id: symposium.id, expert_id: e.id, org_id: region, status: i === 2 ? ('declined' as const) : ('accepted' as const), invited_by: 'seed', invited_at: now, answered_at: now }))).execute();

  const author = await trx.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'agri-society-admin').executeTakeFirstOrThrow();
  const suggestion = (s: Partial<SuggestionTable> & Pick<SuggestionTable, 'title' | 'category' | 'stage'>): SuggestionTable => ({
    id: newId(), org_id: region, author_id: author.id, author_name: author.display_name, lang: 'zh', body: s.title, symposium_id: null,
    forwarded_to: null, adopting_body: null, adopted_on: null, instruction_level: null, evidence: null, created_at: `${year - 2}-03-01T02:00:00.000Z`, updated_at: now, ...s,
  });
  const adopted = (day: string, level: 'regional' | 'league', body: string) => ({ forwarded_to: body, adopting_body: body, adopted_on: day, instruction_level: level, evidence: `${body}办公厅 ${day.slice(0, 4)} 年第 ${Number(day.slice(5, 7))} 号批示件` });
  const rows = [
    suggestion({ title: '关于建立牧区科技特派员长效机制的建议', category: 'agriculture', stage: 'adopted', symposium_id: symposium.id, ...adopted(`${year - 1}-09-10`, 'regional', '自治区人民政府') }),
    suggestion({ title: '关于加快蒙医药标准化与产业化的建议', category: 'health', stage: 'adopted', ...adopted(`${year - 2}-11-20`, 'regional', '自治区卫生健康委') }),
    suggestion({ title: '关于草畜平衡监测数字化的建议', category: 'ecology', stage: 'partly_adopted', symposium_id: symposium.id, ...adopted(`${year - 1}-12-08`, 'league', '锡林郭勒盟行政公署') }),
    suggestion({ title: '关于稀土新材料中试平台建设的建议', category: 'industry', stage: 'forwarded', forwarded_to: '自治区发展和改革委员会' }),
    suggestion({ title: 'ᠮᠠᠯᠴᠢᠨ ᠤ ᠰᠤᠷᠭᠠᠯᠲᠠ ᠶᠢᠨ ᠲᠤᠬᠠᠢ ᠰᠠᠨᠠᠯ', lang: 'mn', category: 'education', stage: 'received', created_at: now }),
  ];
  await trx.insertInto('tt_suggestions').values(rows).execute();
  await trx.insertInto('tt_suggestion_stages').values(rows.map((r) => ({ id: newId(), suggestion_id: r.id, org_id: r.org_id, stage: r.stage, note: null, actor_id: author.id, at: r.created_at }))).execute();

  await trx
    .insertInto('tt_surveys')
    .values({
      id: newId(),
      org_id: region,
      title: '企业技术需求调查',
      description: '请企业填写当前最迫切的技术需求，科协将组织专家对接。',
      questions: JSON.stringify([
        { id: 'industry', kind: 'single', label: '所属行业', options: ['农牧业', '能源化工', '稀土新材料', '装备制造', '其他'], required: true },
        { id: 'needs', kind: 'multiple', label: '需要的服务', options: ['技术攻关', '人才培训', '成果转化', '标准制定'], required: true },
        { id: 'staff', kind: 'number', label: '研发人员数', required: false },
        { id: 'problem', kind: 'text', label: '最迫切的技术难题', required: false },
      ]),
      public_key: randomBytes(12).toString('base64url'),
      status: 'open',
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}
