import { localDay } from '../../kernel/db/time.js';
import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import * as orgs from '../orgs/service.js';
import { computeIndicators, KIND_LABELS, type Indicator, type IndicatorReport } from '../indicators/catalogue.js';
import { topActivities } from '../indicators/queries.js';
import { barChart, pieChart } from './charts.js';

/** The first highlights sum up the figures (the Mongolian part lists those figures itself); the rest are the period's activities. */
export const SUMMARY_HIGHLIGHTS = 5;

export interface Highlight {
  zh: string;
  mn: string;
}

/** Everything a report document shows, whatever its format. */
export interface ReportContent {
  figures: IndicatorReport;
  title: { zh: string; mn: string };
  highlights: Highlight[];
  charts: { key: string; title: string; svg: string; width: number; height: number }[];
  generatedOn: string;
}

/** Mongolian case suffixes are written apart from their word with a narrow no-break space (U+202F). */
const MN_REPORT = 'ᠠᠵᠢᠯ\u202fᠤᠨ ᠲᠠᠢᠯᠤᠨ';
const CHART_W = 640;
const CHART_H = 300;

export const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
const byKey = (items: Indicator[], key: string) => items.find((i) => i.key === key)!;

/**
 * The work report of one org for one period: its figures (the indicators catalogue, nothing typed by
 * hand), charts drawn on the server and highlights written from the figures. 404 for an org outside
 * the caller's scope; 403 for roles that do not read figures.
 */
export async function reportContent(ctx: AppContext, access: Access, q: { orgId?: string; from: string; to: string }): Promise<ReportContent> {
  if (q.orgId) {
    const org = await orgs.getOrg(ctx, access, q.orgId);
    access.authorize('reports.generate', { orgPath: org.path });
  }
  const figures = await computeIndicators(ctx, access, q);
  const org = await orgs.getOrg(ctx, access, figures.org.id);
  access.authorize('reports.generate', { orgPath: org.path });
  const top = await topActivities(ctx.db.kysely, org.path, q, 5);

  const it = figures.items;
  const acts = byKey(it, 'activities');
  const bens = byKey(it, 'beneficiaries');
  const reform = byKey(it, 'reform_completion');
  const awards = byKey(it, 'awards');
  const delegates = byKey(it, 'delegates');
  const women = byKey(it, 'delegates_women');
  const mongolian = byKey(it, 'delegates_mongolian');
  const minority = byKey(it, 'delegates_minority');
  const years = q.from.slice(0, 4) === q.to.slice(0, 4) ? `${q.from.slice(0, 4)}年` : `${q.from.slice(0, 4)}—${q.to.slice(0, 4)}年`;
  const mnName = figures.org.name.mn ?? figures.org.name.zh;
  const mnLine = (i: Indicator) => `${i.label.mn}: ${fmt(i.value)} ${i.unit.mn}`;

  const highlights: Highlight[] = [
    {
      zh: `举办科普活动 ${fmt(acts.value)} 场，受益群众 ${fmt(bens.value)} 人次；其中农牧民技术培训 ${fmt(byKey(it, 'farmer_trainings').value)} 场，培训农牧民 ${fmt(byKey(it, 'farmer_trainees').value)} 人次。`,
      mn: `${mnLine(acts)}᠂ ${mnLine(bens)}᠃`,
    },
    {
      zh: `科普信息员 ${fmt(byKey(it, 'officers').value)} 人，分享打开 ${fmt(byKey(it, 'share_opens').value)} 次，科普e站点击 ${fmt(byKey(it, 'station_clicks').value)} 次。`,
      mn: `${mnLine(byKey(it, 'officers'))}᠂ ${mnLine(byKey(it, 'share_opens'))}᠃`,
    },
    {
      zh: `改革任务完成 ${reform.ratio!.done} 项，共 ${reform.ratio!.total} 项，完成率 ${reform.value}%；新建基层组织 ${fmt(byKey(it, 'new_grassroots').value)} 个。`,
      mn: `${reform.label.mn}: ${reform.ratio!.done} / ${reform.ratio!.total} = ${reform.value}%᠃`,
    },
    {
      zh: `解决企业技术难题 ${fmt(byKey(it, 'demands_solved').value)} 项，为企业节约成本 ${fmt(byKey(it, 'cost_saved').value)} 万元；竞赛获奖 ${fmt(awards.value)} 项；建言献策被采纳 ${fmt(byKey(it, 'suggestions_adopted').value)} 项。`,
      mn: `${mnLine(byKey(it, 'demands_solved'))}᠂ ${mnLine(byKey(it, 'cost_saved'))}᠂ ${mnLine(byKey(it, 'suggestions_adopted'))}᠃`,
    },
    {
      zh: `代表大会代表 ${fmt(delegates.value)} 人，其中女性 ${women.value}%（${women.ratio!.done} 人），蒙古族 ${mongolian.value}%（${mongolian.ratio!.done} 人），少数民族 ${minority.value}%（${minority.ratio!.done} 人）；按界别：${delegates.parts!.filter((p) => p.value > 0).map((p) => `${p.label.zh} ${fmt(p.value)}`).join('，') || '无'}。`,
      mn: `${mnLine(delegates)}᠂ ${mnLine(women)}᠂ ${mnLine(mongolian)}᠃`,
    },
    ...top.map((a) => ({
      zh: `${a.starts_at.slice(0, 10)} ${KIND_LABELS[a.kind].zh}「${a.title_zh}」，受益 ${fmt(a.reported_beneficiaries ?? 0)} 人次。`,
      mn: `${a.starts_at.slice(0, 10)} ${a.title_mn ?? KIND_LABELS[a.kind].mn}: ${fmt(a.reported_beneficiaries ?? 0)} ${bens.unit.mn}᠃`,
    })),
  ];

  const charts = [
    { key: 'activities', title: '科普活动（按类型，场）', svg: barChart('科普活动（按类型，场）', acts.parts!.map((p) => ({ name: p.label.zh, value: p.value })), CHART_W, CHART_H) },
    { key: 'beneficiaries', title: '受益群众（按活动类型，人次）', svg: barChart('受益群众（按活动类型，人次）', bens.parts!.map((p) => ({ name: p.label.zh, value: p.value })), CHART_W, CHART_H) },
    {
      key: 'dissemination',
      title: '科普传播',
      svg: barChart('科普传播（次）', ['share_opens', 'station_clicks', 'views'].map((k) => ({ name: byKey(it, k).label.zh, value: byKey(it, k).value })), CHART_W, CHART_H),
    },
    { key: 'delegates', title: '代表大会代表构成（按界别）', svg: pieChart('代表大会代表构成（按界别）', delegates.parts!.filter((p) => p.value > 0).map((p) => ({ name: p.label.zh, value: p.value })), CHART_W, CHART_H) },
    { key: 'awards', title: '竞赛获奖（按级别）', svg: pieChart('竞赛获奖（按级别）', awards.parts!.map((p) => ({ name: p.label.zh, value: p.value })), CHART_W, CHART_H) },
  ].map((c) => ({ ...c, width: CHART_W, height: CHART_H }));

  return {
    figures,
    title: { zh: `${figures.org.name.zh}${years}工作报告`, mn: `${mnName} ${MN_REPORT}` },
    highlights,
    charts,
    generatedOn: localDay(),
  };
}
