import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';
import { newId } from '../kernel/db/ids.js';
import { localDay } from '../kernel/db/time.js';
import type { OrgTable } from '../modules/orgs/tables.js';
import type { ListDef, Values } from '../modules/registry/fields.js';
import * as L from '../modules/registry/lists/index.js';
import { storedRow } from '../modules/registry/service.js';
import { insertRows } from '../modules/registry/store.js';
import { checkRow, parseFields, type OrgLookup } from '../modules/registry/validate.js';
import { REGION_CODE } from './org-tree.js';

/** The orgs the demo rows hang on, by code (the seed's tree, before it is written). */
interface Tree {
  rows: OrgTable[];
  get(code: string): OrgTable;
}

/** The report's figure: 55 of the plan's 60 reform tasks done. */
export const DEMO_REFORM = { total: 60, done: 55, inProgress: 3 };

const THEMES = ['学会治理结构改革', '承接政府转移职能', '科技社团党建', '基层科协组织建设', '科普信息化', '科技人才举荐', '创新驱动助力工程', '学术交流品牌建设', '科技智库建设', '财务与资产管理', '会员服务体系', '蒙汉双语科普资源'];

/**
 * Modest demo rows for every registry list, consistent with the report's figures (60 reform tasks,
 * 55 done). Each row is checked by the same rules as an entry typed in, so the demo never shows data
 * the forms would refuse. Runs inside the seed's transaction.
 */
export async function seedRegistryDemo(trx: Kysely<Database> | Transaction<Database>, tree: Tree, now: string): Promise<void> {
  const org = (code: string) => tree.get(code).id;
  const today = localDay();
  const year = Number(today.slice(0, 4));
  const lookup: OrgLookup = { byId: new Map(tree.rows.map((o) => [o.id, o])), byCode: new Map(), byName: new Map(), visible: () => true };

  const add = async (def: ListDef, rows: Values[]) => {
    const stored = rows.map((input) => {
      const { values, problems } = parseFields(def, input, def.fields.map((f) => f.key), 'json', lookup);
      const all = [...problems, ...checkRow(def, values, today)];
      if (all.length) throw new Error(`seed: ${def.key} row ${JSON.stringify(input)}: ${all.map((p) => `${p.field} ${p.problem}`).join(', ')}`);
      return storedRow(def, newId(), values, null, now);
    });
    await insertRows(trx, def, stored);
  };

  const societies = tree.rows.filter((o) => o.kind === 'society');
  await add(
    L.societies,
    societies.map((s, i) => ({
      org_id: s.id,
      members: 300 + ((i * 137) % 2900),
      unit_members: (i * 7) % 40,
      party_org: i % 9 === 4 ? 'via_department' : i % 11 === 7 ? 'none' : 'own',
      supervisor: i % 9 === 4 ? '内蒙古自治区科学技术协会' : null,
      secretary_general: ['巴特尔', '王海', '乌云', '李明', '斯琴', '张华'][i % 6]!,
      phone: `1394710${String(1000 + i).slice(-4)}`,
    })),
  );
  await add(
    L.societyMeetings,
    societies.slice(0, 6).map((s, i) => ({ org_id: s.id, year: year - 1, kind: i === 0 ? 'congress' : 'annual', held_on: `${year - 1}-${String(4 + i).padStart(2, '0')}-18`, attendance: 120 + i * 35, place: '呼和浩特市' })),
  );

  await add(L.grassroots, [
    { org_id: org('150121'), name: '土默特左旗农村专业技术协会', kind: 'rural_association', founded_on: '2019-06-12', members: 86, leader: '赵勇' },
    { org_id: org('150121'), name: '察素齐镇科学技术协会', kind: 'township', founded_on: `${year - 1}-03-20`, members: 45, leader: '刘芳' },
    { org_id: org('150121'), name: '土默特左旗奶牛养殖技术协会', kind: 'rural_association', founded_on: `${year}-01-15`, members: 32, leader: '那顺' },
    { org_id: org('150102'), name: '新城区某社区科普小组', kind: 'village', founded_on: '2021-09-01', members: 18, leader: '高丽' },
    { org_id: org('150102'), name: '内蒙古某软件园区科协', kind: 'park', founded_on: `${year - 1}-11-08`, members: 60, leader: '孙明' },
    { org_id: org('150404'), name: '松山区肉牛养殖技术协会', kind: 'rural_association', founded_on: '2020-05-18', members: 120, leader: '额尔敦' },
    { org_id: org('150404'), name: '松山区某乡镇科协', kind: 'township', founded_on: `${year}-02-26`, members: 27, leader: '图雅' },
    { org_id: org('150100'), name: '伊利集团科学技术协会', kind: 'enterprise', founded_on: '2018-04-10', members: 210, leader: '周华' },
  ]);

  await add(L.heads, [
    { org_id: org('150121'), person: '王春花', institution_kind: 'school', institution: '土默特左旗第一中学', post: '旗科协兼职副主席', appointed_on: '2023-05-01', phone: '13847100001' },
    { org_id: org('150121'), person: '苏和', institution_kind: 'hospital', institution: '土默特左旗蒙医医院', post: '旗科协常委', appointed_on: '2023-05-01', phone: '13847100002' },
    { org_id: org('150121'), person: '李军', institution_kind: 'agri_station', institution: '察素齐镇农业技术推广站', post: '旗科协委员', appointed_on: '2024-03-15' },
    { org_id: org('150102'), person: '陈丽', institution_kind: 'school', institution: '新城区某小学', post: '区科协委员', appointed_on: '2022-09-01' },
    { org_id: org('150404'), person: '白海', institution_kind: 'hospital', institution: '松山区人民医院', post: '区科协兼职副主席', appointed_on: '2023-01-10' },
    { org_id: org('150404'), person: '其其格', institution_kind: 'agri_station', institution: '松山区畜牧工作站', post: '区科协常委', appointed_on: '2024-06-20' },
  ]);

  await add(
    L.reformTasks,
    Array.from({ length: DEMO_REFORM.total }, (_, i) => {
      const done = i < DEMO_REFORM.done;
      const inProgress = !done && i < DEMO_REFORM.done + DEMO_REFORM.inProgress;
      return {
        org_id: org(REGION_CODE),
        task_no: `GG-${String(i + 1).padStart(2, '0')}`,
        title: `${THEMES[i % THEMES.length]}：第${Math.floor(i / THEMES.length) + 1}项任务`,
        status: done ? 'done' : inProgress ? 'in_progress' : 'not_started',
        progress: done ? 100 : inProgress ? 40 + i : 0,
        due_on: `${year}-12-31`,
        completed_on: done ? `${year - 1}-${String((i % 12) + 1).padStart(2, '0')}-28` : null,
        evidence: done ? '已印发实施方案并完成年度验收（见年度工作报告附件）' : null,
      };
    }),
  );

  const s = (n: number) => societies[n % societies.length]!.id;
  await add(L.govFunctions, [
    { org_id: s(0), function_name: '农业技术人员职称评审辅助工作', department: '自治区农牧厅', kind: 'assessment', taken_over_on: '2020-07-01', status: 'ongoing' },
    { org_id: s(1), function_name: '医学科技奖评审', department: '自治区卫生健康委员会', kind: 'awards', taken_over_on: '2019-03-01', status: 'ongoing' },
    { org_id: s(2), function_name: '兽医继续教育培训', department: '自治区农牧厅', kind: 'training', taken_over_on: '2021-05-10', status: 'ongoing' },
    { org_id: s(4), function_name: '团体标准制定', department: '自治区市场监督管理局', kind: 'standards', taken_over_on: '2022-01-01', status: 'ongoing' },
    { org_id: s(6), function_name: '气象科技成果评价', department: '内蒙古自治区气象局', kind: 'assessment', taken_over_on: '2018-09-01', status: 'ended' },
  ]);

  await add(L.talent, [
    { org_id: org(REGION_CODE), candidate: '张建国', workplace: '内蒙古大学', speciality: '生态学', programme: 'academician', year: year - 1, stage: 'decided', result: 'not_selected' },
    { org_id: org(REGION_CODE), candidate: '乌兰', workplace: '内蒙古农业大学', speciality: '草业科学', programme: 'young_talent', year: year - 1, stage: 'decided', result: 'selected' },
    { org_id: s(0), candidate: '刘伟', workplace: '内蒙古农牧业科学院', speciality: '作物育种', programme: 'grassland_talent', year, stage: 'reviewing', result: null },
    { org_id: s(1), candidate: '格日勒', workplace: '内蒙古医科大学', speciality: '蒙医学', programme: 'award', year, stage: 'nominated', result: null },
  ]);

  await add(L.workstations, [
    { org_id: org('150100'), name: '伊利集团院士专家工作站', kind: 'academician', host: '伊利实业集团股份有限公司', established_on: '2017-10-20', lead_expert: '某院士', experts: 8, projects: 12 },
    { org_id: org('150200'), name: '包钢稀土院士专家工作站', kind: 'academician', host: '包头钢铁（集团）有限责任公司', established_on: '2016-06-15', lead_expert: '某院士', experts: 11, projects: 9 },
    { org_id: org('150400'), name: '赤峰海外专家工作站', kind: 'overseas', host: '赤峰某生物科技公司', established_on: '2021-08-08', experts: 4, projects: 3 },
    { org_id: org('150121'), name: '土默特左旗农牧业专家服务站', kind: 'expert', host: '土默特左旗农牧局', established_on: '2022-04-01', experts: 6, projects: 5 },
  ]);

  await add(L.serviceStations, [
    { org_id: org('150100'), name: '呼和浩特经开区企业创新服务站', host: '呼和浩特经济技术开发区', established_on: '2019-05-20', firms_served: 46, cases: 23, benefit: 1860.5 },
    { org_id: org('150200'), name: '包头稀土高新区企业创新服务站', host: '包头稀土高新区', established_on: '2020-03-12', firms_served: 38, cases: 17, benefit: 2450 },
    { org_id: org('150404'), name: '松山区农畜产品加工企业服务站', host: '松山区工业园区', established_on: '2022-07-01', firms_served: 15, cases: 6, benefit: 320.8 },
  ]);

  await add(L.demands, [
    { org_id: org('150100'), enterprise: '某乳业公司', title: '低温酸奶保质期延长', posted_on: `${year - 1}-03-02`, status: 'solved', experts: '内蒙古农业大学食品学院团队', solved_on: `${year - 1}-09-30`, cost_saved: 180, contact: '周经理', phone: '13904710001' },
    { org_id: org('150100'), enterprise: '某新材料公司', title: '石墨烯导热膜量产良率', posted_on: `${year - 1}-05-11`, status: 'solved', experts: '内蒙古大学材料团队', solved_on: `${year - 1}-12-15`, cost_saved: 260.5 },
    { org_id: org('150121'), enterprise: '土默特左旗某合作社', title: '设施农业冬季补光节能', posted_on: `${year - 1}-10-08`, status: 'solved', experts: '自治区农学会专家组', solved_on: `${year}-01-20`, cost_saved: 12 },
    { org_id: org('150404'), enterprise: '松山区某肉牛养殖场', title: '犊牛腹泻综合防控', posted_on: `${year}-02-14`, status: 'matched', experts: '内蒙古畜牧兽医学会专家' },
    { org_id: org('150404'), enterprise: '赤峰某矿业公司', title: '尾矿综合利用', posted_on: `${year}-03-01`, status: 'posted' },
    { org_id: org('150102'), enterprise: '某软件公司', title: '蒙古文语音识别准确率提升', posted_on: `${year}-01-06`, status: 'matched', experts: '内蒙古大学计算机学院' },
  ]);

  const born = (age: number, md: string) => `${year - age}-${md}`;
  await add(L.competitions, [
    { org_id: org('150121'), competition: 'youth_robotics', year: year - 1, entry_title: '草原巡检机器人', participant: '包小勇', birth_date: born(12, '03-15'), school: '土默特左旗第二小学', guardian: '包海', guardian_consent: true, consent_on: `${year - 1}-04-01`, stage: 'judged', score: 92.5, award_level: 'regional', award_grade: 'first' },
    { org_id: org('150121'), competition: 'youth_innovation', year: year - 1, entry_title: '牧区雪灾预警小装置', participant: '李娜仁', birth_date: born(16, '07-02'), school: '土默特左旗第一中学', stage: 'judged', score: 88, award_level: 'national', award_grade: 'second' },
    { org_id: org('150102'), competition: 'youth_robotics', year: year - 1, entry_title: '垃圾分拣机械臂', participant: '王子涵', birth_date: born(11, '09-20'), school: '新城区某小学', guardian: '王磊', guardian_consent: true, consent_on: `${year - 1}-03-20`, stage: 'judged', score: 79, award_level: 'league', award_grade: 'third' },
    { org_id: org('150404'), competition: 'youth_innovation', year: year - 1, entry_title: '沙地节水滴灌控制器', participant: '赵一鸣', birth_date: born(15, '01-11'), school: '松山区第一中学', stage: 'judged', score: 85, award_level: 'regional', award_grade: 'second' },
    { org_id: org('150100'), competition: 'innovation_method', year: year - 1, entry_title: '奶粉包装线 TRIZ 改进', participant: '孙涛', birth_date: born(34, '05-05'), school: '伊利实业集团股份有限公司', stage: 'judged', score: 90, award_level: 'national', award_grade: 'merit' },
    { org_id: org('150121'), competition: 'youth_robotics', year, entry_title: '智能喂羊小车', participant: '其木格', birth_date: born(10, '12-01'), school: '察素齐镇中心小学', guardian: '其其格', guardian_consent: true, consent_on: `${year}-01-10`, stage: 'entered' },
  ]);

  await add(L.academicEvents, [
    { org_id: org(REGION_CODE), name: `内蒙古自治区第${year - 2004}届学术年会`, kind: 'annual_conference', starts_on: `${year - 1}-08-20`, ends_on: `${year - 1}-08-22`, place: '呼和浩特市', sessions: 12, papers: 286, attendees: 1500 },
    { org_id: s(0), name: '现代农牧业发展论坛', kind: 'forum', starts_on: `${year - 1}-06-10`, ends_on: `${year - 1}-06-10`, place: '呼和浩特市', sessions: 2, papers: 35, attendees: 180 },
    { org_id: s(9), name: '蒙医药传承创新论坛', kind: 'forum', starts_on: `${year - 1}-09-16`, place: '通辽市', sessions: 3, papers: 48, attendees: 260 },
    { org_id: org('150400'), name: '赤峰市青年科技工作者研讨会', kind: 'seminar', starts_on: `${year}-03-18`, place: '赤峰市', sessions: 1, papers: 20, attendees: 90 },
  ]);
}
