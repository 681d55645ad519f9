import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError } from '../../kernel/http/errors.js';
import * as orgs from '../orgs/service.js';
import * as events from '../events/service.js';
import * as registry from '../registry/service.js';
import { delegates as delegatesList } from '../registry/lists/index.js';
import { ACTIVITY_KINDS } from '../activities/tables.js';
import * as thinktank from '../thinktank/service.js';
import * as q from './queries.js';
import { FIGURE_READERS } from './policy.js';

export interface Label {
  zh: string;
  mn: string;
  en: string;
}

export interface Part {
  key: string;
  label: Label;
  value: number;
}

export interface Indicator {
  key: string;
  group: 'dissemination' | 'activities' | 'volunteers' | 'organisation' | 'thinktank';
  label: Label;
  unit: Label;
  value: number;
  /** For ratios: the count done and the total (value is the whole percent). */
  ratio?: { done: number; total: number };
  /** A breakdown (by kind, by level…) whose values add up to `value` unless said otherwise. */
  parts?: Part[];
  /** The web page listing what was counted, narrowed to the org and period. */
  link: string;
}

export interface IndicatorReport {
  org: { id: string; code: string; name: { zh: string; mn: string | null } };
  from: string;
  to: string;
  items: Indicator[];
}

const U = {
  people: { zh: '人', mn: 'ᠬᠦᠮᠦᠨ', en: 'people' },
  times: { zh: '次', mn: 'ᠤᠳᠠᠭ\u180eᠠ', en: 'times' },
  events: { zh: '场', mn: 'ᠤᠳᠠᠭ\u180eᠠ', en: 'events' },
  hours: { zh: '小时', mn: 'ᠴᠠᠭ', en: 'hours' },
  orgs: { zh: '个', mn: 'ᠱᠢᠷᠬᠡᠭ', en: 'organisations' },
  percent: { zh: '%', mn: '%', en: '%' },
  items: { zh: '项', mn: 'ᠵᠦᠢᠯ', en: 'items' },
  yuan10k: { zh: '万元', mn: 'ᠲᠦᠮᠡᠨ ᠶᠤᠸᠠᠨ', en: '10k yuan' },
} satisfies Record<string, Label>;

export const KIND_LABELS: Record<(typeof ACTIVITY_KINDS)[number], Label> = {
  lecture: { zh: '科普讲座', mn: 'ᠯᠡᠺᠼᠢ', en: 'Lectures' },
  training: { zh: '技术培训', mn: 'ᠰᠤᠷᠭᠠᠯᠲᠠ', en: 'Trainings' },
  clinic: { zh: '义诊咨询', mn: 'ᠡᠮᠨᠡᠯᠭᠡ ᠵᠥᠪᠯᠡᠭᠡ', en: 'Clinics' },
  tour: { zh: '专家下基层', mn: 'ᠮᠡᠷᠭᠡᠵᠢᠯᠲᠡᠨ ᠦ ᠪᠠᠭᠤᠯᠲᠠ', en: 'Expert tours' },
  exhibition: { zh: '科普展览', mn: 'ᠦᠵᠡᠰᠬᠦᠯᠡᠩ', en: 'Exhibitions' },
  contest: { zh: '科普竞赛', mn: 'ᠤᠷᠠᠯᠳᠤᠭᠠᠨ', en: 'Contests' },
};

export const AWARD_LABELS: Record<string, Label> = {
  national: { zh: '国家级', mn: 'ᠤᠯᠤᠰ ᠤᠨ ᠳᠡᠰ', en: 'National' },
  regional: { zh: '自治区级', mn: 'ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠣᠷᠤᠨ ᠤ ᠳᠡᠰ', en: 'Regional' },
  league: { zh: '盟市级', mn: 'ᠠᠶᠢᠮᠠᠭ ᠬᠣᠲᠠ ᠶᠢᠨ ᠳᠡᠰ', en: 'League' },
};

const SECTOR_MN: Record<string, string> = {
  enterprise: 'ᠠᠵᠤ ᠠᠬᠤᠢ',
  university: 'ᠶᠡᠬᠡ ᠳᠡᠭᠡᠳᠦ ᠰᠤᠷᠭᠠᠭᠤᠯᠢ',
  research: 'ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠰᠤᠳᠤᠯᠭ\u180eᠠ\u202fᠶᠢᠨ ᠭᠠᠵᠠᠷ',
  health: 'ᠡᠮᠨᠡᠯᠭᠡ ᠡᠷᠡᠭᠦᠯ ᠬᠠᠮᠠᠭᠠᠯᠠᠯ',
  school: 'ᠳᠤᠮᠳᠠ ᠪᠠᠭ\u180eᠠ ᠰᠤᠷᠭᠠᠭᠤᠯᠢ',
  grassroots: 'ᠠᠷᠠᠳ\u202fᠤᠨ ᠳᠡᠪᠰᠢᠭᠦᠷ',
  government: 'ᠨᠠᠮ ᠵᠠᠰᠠᠭ\u202fᠤᠨ ᠪᠠᠶᠢᠭᠤᠯᠤᠯᠭ\u180eᠠ',
  other: 'ᠪᠤᠰᠤᠳ',
};

/** The delegates' sectors with their words: Chinese and English from the registry list, Mongolian here. */
export const SECTOR_LABELS: { key: string; label: Label }[] = (() => {
  const field = delegatesList.fields.find((f) => f.key === 'sector');
  const values = field && field.type === 'enum' ? field.values : [];
  return values.map((v) => ({ key: v.key, label: { zh: v.zh, en: v.en, mn: SECTOR_MN[v.key] ?? v.zh } }));
})();

/** A whole percent, rounded down like the registry's headline ("55 of 60 = 91 %"). */
const percent = (done: number, total: number) => (total ? Math.floor((done * 100) / total) : 0);

const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** The org to count: the one asked for (404 outside the caller's scope), else the caller's widest. */
async function orgFor(ctx: AppContext, access: Access, orgId: string | undefined) {
  let id = orgId;
  if (!id) {
    const top = access.scope(...FIGURE_READERS)[0];
    if (!top) throw new AppError(403, 'forbidden');
    id = top.split('/').filter(Boolean).pop()!;
  }
  const org = await orgs.getOrg(ctx, access, id);
  access.authorize('indicators.read', { orgPath: org.path });
  return org;
}

/**
 * Every figure of the work report, each defined once here as a query over the platform's data for
 * one org's subtree and one period (local days, both ends included). Other modules are read through
 * their services (dissemination totals, registry summaries) or through read-only queries (queries.ts).
 */
export async function computeIndicators(ctx: AppContext, access: Access, input: { orgId?: string; from: string; to: string }): Promise<IndicatorReport> {
  const { from, to } = input;
  if (from > to) throw new AppError(400, 'indicators.period', { from, to });
  const org = await orgFor(ctx, access, input.orgId);
  const db = ctx.db.kysely;
  const p = { from, to };
  const orgId = org.id;
  const [officers, totals, acts, volunteers, minutes, grassroots, reform, demands, awards, suggestions, delegates] = await Promise.all([
    q.officersRegistered(db, org.path, p),
    events.totals(ctx, access, { from, to, orgId }),
    q.activitiesByKind(db, org.path, p),
    q.volunteersRegistered(db, org.path, p),
    q.serviceMinutes(db, org.path, p),
    registry.summary(ctx, access, 'grassroots', { orgId, founded_on_from: from, founded_on_to: to }),
    registry.summary(ctx, access, 'reform_tasks', { orgId }),
    registry.summary(ctx, access, 'demands', { orgId, status: 'solved', solved_on_from: from, solved_on_to: to }),
    registry.summary(ctx, access, 'competitions', { orgId, year_from: Number(from.slice(0, 4)), year_to: Number(to.slice(0, 4)) }),
    thinktank.adoptedCounts(ctx, org.path, p),
    // The congress delegates elected in the period (a five-year report covers one congress).
    registry.summary(ctx, access, 'delegates', { orgId, elected_on_from: from, elected_on_to: to }),
  ]);

  const range = { orgId, from, to };
  const byKind = ACTIVITY_KINDS.map((kind) => {
    const rows = acts.filter((a) => a.kind === kind);
    return { kind, n: rows.reduce((s, a) => s + a.n, 0), beneficiaries: rows.reduce((s, a) => s + a.beneficiaries, 0) };
  });
  const farmers = acts.filter((a) => a.kind === 'training' && a.audience === 'farmers_herders');
  const reformDone = reform.headline?.count ?? 0;
  const elected = { orgId, elected_on_from: from, elected_on_to: to };
  const delegateCount = (field: string, value: string) => delegates.byEnum[field]?.[value] ?? 0;
  const women = delegateCount('gender', 'female');
  const mongolian = delegateCount('ethnicity', 'mongol');
  const minority = delegates.total - delegateCount('ethnicity', 'han');
  const share = (key: string, label: Label, done: number, filter: Record<string, string>): Indicator => ({
    key,
    group: 'organisation',
    label,
    unit: U.percent,
    value: percent(done, delegates.total),
    ratio: { done, total: delegates.total },
    link: `/registry/delegates?${qs({ ...elected, ...filter })}`,
  });
  const awardParts = Object.entries(AWARD_LABELS).map(([key, label]) => ({ key, label, value: awards.byEnum.award_level?.[key] ?? 0 }));

  const items: Indicator[] = [
    { key: 'officers', group: 'dissemination', label: { zh: '注册科普信息员', mn: 'ᠪᠦᠷᠢᠳᠬᠡᠭᠰᠡᠨ ᠮᠡᠳᠡᠭᠡᠯᠡᠯ ᠦᠨ ᠠᠵᠢᠯᠲᠠᠨ', en: 'Information officers registered' }, unit: U.people, value: officers, link: `/officers?${qs({ orgId, status: 'approved' })}` },
    { key: 'share_opens', group: 'dissemination', label: { zh: '分享打开', mn: 'ᠬᠤᠪᠢᠶᠠᠯᠴᠠᠭᠰᠠᠨ ᠢ ᠨᠡᠭᠡᠭᠡᠭᠰᠡᠨ', en: 'Shares opened' }, unit: U.times, value: totals.shareOpens, link: `/dissemination?${qs(range)}` },
    { key: 'station_clicks', group: 'dissemination', label: { zh: '科普e站点击', mn: 'ᠴᠠᠬᠢᠮ ᠥᠷᠲᠡᠭᠡᠨ ᠦ ᠳᠠᠷᠤᠯᠲᠠ', en: 'E-station clicks' }, unit: U.times, value: totals.clicks, link: `/dissemination?${qs(range)}` },
    { key: 'views', group: 'dissemination', label: { zh: '浏览量', mn: 'ᠦᠵᠡᠯᠲᠡ', en: 'Views' }, unit: U.times, value: totals.views, link: `/dissemination?${qs(range)}` },
    {
      key: 'activities',
      group: 'activities',
      label: { zh: '科普活动', mn: 'ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠤ ᠦᠢᠯᠡ ᠠᠵᠢᠯᠯᠠᠭ\u180eᠠ', en: 'Activities held' },
      unit: U.events,
      value: byKind.reduce((s, k) => s + k.n, 0),
      parts: byKind.map((k) => ({ key: k.kind, label: KIND_LABELS[k.kind], value: k.n })),
      link: `/activities?${qs(range)}`,
    },
    {
      key: 'beneficiaries',
      group: 'activities',
      label: { zh: '受益群众', mn: 'ᠠᠰᠢᠭ ᠬᠦᠷᠲᠡᠭᠰᠡᠳ', en: 'Beneficiaries' },
      unit: U.people,
      value: byKind.reduce((s, k) => s + k.beneficiaries, 0),
      parts: byKind.map((k) => ({ key: k.kind, label: KIND_LABELS[k.kind], value: k.beneficiaries })),
      link: `/activities?${qs(range)}`,
    },
    { key: 'farmer_trainings', group: 'activities', label: { zh: '农牧民技术培训', mn: 'ᠲᠠᠷᠢᠶᠠᠴᠢᠨ ᠮᠠᠯᠴᠢᠨ ᠤ ᠰᠤᠷᠭᠠᠯᠲᠠ', en: 'Trainings for farmers and herders' }, unit: U.events, value: farmers.reduce((s, a) => s + a.n, 0), link: `/activities?${qs({ ...range, kind: 'training', audience: 'farmers_herders' })}` },
    { key: 'farmer_trainees', group: 'activities', label: { zh: '培训农牧民', mn: 'ᠰᠤᠷᠭᠠᠭᠳᠠᠭᠰᠠᠨ ᠲᠠᠷᠢᠶᠠᠴᠢᠨ ᠮᠠᠯᠴᠢᠨ', en: 'Farmers and herders trained' }, unit: U.people, value: farmers.reduce((s, a) => s + a.beneficiaries, 0), link: `/activities?${qs({ ...range, kind: 'training', audience: 'farmers_herders' })}` },
    { key: 'volunteers', group: 'volunteers', label: { zh: '注册科普志愿者', mn: 'ᠰᠠᠶᠢᠨ ᠳᠤᠷ\u180eᠠ ᠶᠢᠨ ᠠᠵᠢᠯᠲᠠᠨ', en: 'Volunteers registered' }, unit: U.people, value: volunteers, link: `/volunteers?${qs({ orgId, status: 'approved' })}` },
    { key: 'service_hours', group: 'volunteers', label: { zh: '志愿服务时长', mn: 'ᠰᠠᠶᠢᠨ ᠳᠤᠷ\u180eᠠ ᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠴᠠᠭ', en: 'Volunteer service hours' }, unit: U.hours, value: Math.round(minutes / 6) / 10, link: `/service-hours?${qs({ ...range, status: 'approved' })}` },
    { key: 'new_grassroots', group: 'organisation', label: { zh: '新建基层组织', mn: 'ᠰᠢᠨ᠎ᠡ ᠪᠠᠶᠢᠭᠤᠯᠤᠭᠰᠠᠨ ᠠᠷᠠᠳ ᠤᠨ ᠪᠠᠶᠢᠭᠤᠯᠤᠯᠭ\u180eᠠ', en: 'New grassroots organisations' }, unit: U.orgs, value: grassroots.total, link: `/registry/grassroots?${qs({ orgId, founded_on_from: from, founded_on_to: to })}` },
    {
      key: 'reform_completion',
      group: 'organisation',
      label: { zh: '改革任务完成率', mn: 'ᠰᠢᠨᠡᠳᠬᠡᠯ ᠦᠨ ᠠᠵᠢᠯ ᠦᠨ ᠭᠦᠢᠴᠡᠳᠬᠡᠯ', en: 'Reform tasks completed' },
      unit: U.percent,
      value: percent(reformDone, reform.total),
      ratio: { done: reformDone, total: reform.total },
      link: `/registry/reform_tasks?${qs({ orgId, status: 'done' })}`,
    },
    {
      key: 'delegates',
      group: 'organisation',
      label: { zh: '代表大会代表', mn: 'ᠬᠤᠷᠠᠯ\u202fᠤᠨ ᠲᠥᠯᠥᠭᠡᠯᠡᠭᠴᠢᠳ', en: 'Congress delegates' },
      unit: U.people,
      value: delegates.total,
      parts: SECTOR_LABELS.map((x) => ({ key: x.key, label: x.label, value: delegateCount('sector', x.key) })),
      link: `/registry/delegates?${qs(elected)}`,
    },
    share('delegates_women', { zh: '女性代表占比', mn: 'ᠡᠮᠡᠭᠲᠡᠢ ᠲᠥᠯᠥᠭᠡᠯᠡᠭᠴᠢ\u202fᠶᠢᠨ ᠡᠵᠡᠯᠡᠬᠦ ᠬᠤᠪᠢ', en: 'Women among delegates' }, women, { gender: 'female' }),
    share('delegates_mongolian', { zh: '蒙古族代表占比', mn: 'ᠮᠣᠩᠭᠣᠯ ᠲᠥᠯᠥᠭᠡᠯᠡᠭᠴᠢ\u202fᠶᠢᠨ ᠡᠵᠡᠯᠡᠬᠦ ᠬᠤᠪᠢ', en: 'Mongolian delegates' }, mongolian, { ethnicity: 'mongol' }),
    // Every ethnic group but the Han, Mongolian included; the list shows each delegate's ethnicity.
    share('delegates_minority', { zh: '少数民族代表占比', mn: 'ᠴᠥᠬᠡᠨ ᠲᠣᠭ\u180eᠠᠲᠤ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ ᠲᠥᠯᠥᠭᠡᠯᠡᠭᠴᠢ\u202fᠶᠢᠨ ᠡᠵᠡᠯᠡᠬᠦ ᠬᠤᠪᠢ', en: 'Delegates of ethnic minorities' }, minority, {}),
    { key: 'demands_solved', group: 'organisation', label: { zh: '解决企业技术难题', mn: 'ᠰᠢᠢᠳᠪᠦᠷᠢᠯᠡᠭᠰᠡᠨ ᠲᠧᠬᠨᠢᠺ ᠦᠨ ᠡᠷᠡᠯᠲᠡ', en: 'Technical demands solved' }, unit: U.items, value: demands.total, link: `/registry/demands?${qs({ orgId, status: 'solved', solved_on_from: from, solved_on_to: to })}` },
    { key: 'cost_saved', group: 'organisation', label: { zh: '为企业节约成本', mn: 'ᠠᠷᠪᠢᠯᠠᠭᠰᠠᠨ ᠵᠠᠷᠤᠳᠠᠯ', en: 'Cost saved for enterprises' }, unit: U.yuan10k, value: Math.round(Number(demands.sums.cost_saved ?? 0) * 100) / 100, link: `/registry/demands?${qs({ orgId, status: 'solved', solved_on_from: from, solved_on_to: to })}` },
    {
      key: 'awards',
      group: 'organisation',
      label: { zh: '竞赛获奖', mn: 'ᠤᠷᠠᠯᠳᠤᠭᠠᠨ ᠤ ᠱᠠᠭᠨᠠᠯ', en: 'Competition awards' },
      unit: U.items,
      value: awardParts.reduce((s, x) => s + x.value, 0),
      parts: awardParts,
      link: `/registry/competitions?${qs({ orgId, year_from: from.slice(0, 4), year_to: to.slice(0, 4) })}`,
    },
    {
      key: 'suggestions_adopted',
      group: 'thinktank',
      label: { zh: '建言献策被采纳', mn: 'ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠭᠳᠠᠭᠰᠠᠨ ᠰᠠᠨᠠᠯ', en: 'Suggestions adopted' },
      unit: U.items,
      value: suggestions.adopted + suggestions.partlyAdopted,
      parts: [
        { key: 'adopted', label: { zh: '采纳', mn: 'ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠭᠰᠠᠨ', en: 'Adopted' }, value: suggestions.adopted },
        { key: 'partly_adopted', label: { zh: '部分采纳', mn: 'ᠬᠡᠰᠡᠭ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠭᠰᠠᠨ', en: 'Partly adopted' }, value: suggestions.partlyAdopted },
      ],
      link: `/thinktank/suggestions?${qs({ orgId, stage: 'adopted' })}`,
    },
  ];
  return { org: { id: org.id, code: org.code, name: { zh: org.name_zh, mn: org.name_mn } }, from, to, items };
}
