import { defineList, ownerField, type RuleProblem } from '../fields.js';

/** Age in whole years on `day` (both YYYY-MM-DD). */
export function ageOn(birth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birth.slice(0, 4));
  return day.slice(5) < birth.slice(5) ? years - 1 : years;
}

/** Below this age a participant's personal data needs their guardian's recorded consent (PIPL art. 31). */
export const CONSENT_AGE = 14;

/**
 * Competition entries (youth robotics, youth innovation contest, innovation-method contest): the
 * participant, judging and the award by level. A participant under 14 is stored only with a guardian
 * named, consent given and its date recorded.
 */
export const competitions = defineList({
  key: 'competitions',
  table: 'reg_competitions',
  zh: '竞赛',
  en: 'Competitions',
  fields: [
    ownerField({ zh: '报送组织', en: 'Entered by' }),
    {
      key: 'competition',
      type: 'enum',
      zh: '赛事',
      en: 'Competition',
      required: true,
      column: true,
      filter: true,
      values: [
        { key: 'youth_robotics', zh: '青少年机器人竞赛', en: 'Youth robotics' },
        { key: 'youth_innovation', zh: '青少年科技创新大赛', en: 'Youth innovation contest' },
        { key: 'innovation_method', zh: '创新方法大赛', en: 'Innovation-method contest' },
      ],
    },
    { key: 'year', type: 'integer', zh: '届次年度', en: 'Year', required: true, min: 1980, max: 2100, column: true, filter: true },
    { key: 'entry_title', type: 'text', zh: '作品名称', en: 'Entry', required: true, max: 200, column: true },
    { key: 'participant', type: 'person', zh: '参赛者', en: 'Participant', required: true, personal: true, column: true },
    { key: 'birth_date', type: 'date', zh: '出生日期', en: 'Date of birth', required: true, personal: true },
    { key: 'school', type: 'text', zh: '学校或单位', en: 'School or workplace', max: 200, column: true },
    { key: 'guardian', type: 'person', zh: '监护人', en: 'Guardian', personal: true, note: { zh: '未满14周岁必填', en: 'required under 14' } },
    { key: 'guardian_consent', type: 'boolean', zh: '监护人同意', en: 'Guardian consent', note: { zh: '未满14周岁须为“是”', en: 'must be yes under 14' } },
    { key: 'consent_on', type: 'date', zh: '同意日期', en: 'Consent given on', note: { zh: '未满14周岁必填', en: 'required under 14' } },
    {
      key: 'stage',
      type: 'enum',
      zh: '评审状态',
      en: 'Judging',
      required: true,
      column: true,
      filter: true,
      values: [
        { key: 'entered', zh: '已报名', en: 'Entered' },
        { key: 'judged', zh: '已评审', en: 'Judged' },
      ],
    },
    { key: 'score', type: 'decimal', zh: '评分', en: 'Score', min: 0, max: 100 },
    {
      key: 'award_level',
      type: 'enum',
      zh: '获奖级别',
      en: 'Award level',
      column: true,
      filter: true,
      values: [
        { key: 'national', zh: '国家级', en: 'National' },
        { key: 'regional', zh: '自治区级', en: 'Regional' },
        { key: 'league', zh: '盟市级', en: 'League' },
      ],
    },
    {
      key: 'award_grade',
      type: 'enum',
      zh: '奖项等级',
      en: 'Award',
      column: true,
      values: [
        { key: 'first', zh: '一等奖', en: 'First prize' },
        { key: 'second', zh: '二等奖', en: 'Second prize' },
        { key: 'third', zh: '三等奖', en: 'Third prize' },
        { key: 'merit', zh: '优秀奖', en: 'Merit award' },
      ],
    },
  ],
  title: 'entry_title',
  order: { field: 'year', dir: 'desc' },
  rules: (v, today) => {
    const out: RuleProblem[] = [];
    if (typeof v.birth_date === 'string') {
      if (v.birth_date > today) out.push({ field: 'birth_date', problem: 'date_in_future' });
      else if (ageOn(v.birth_date, today) < CONSENT_AGE) {
        if (!v.guardian) out.push({ field: 'guardian', problem: 'consent_required', params: { age: CONSENT_AGE } });
        if (v.guardian_consent !== true) out.push({ field: 'guardian_consent', problem: 'consent_required', params: { age: CONSENT_AGE } });
        if (!v.consent_on) out.push({ field: 'consent_on', problem: 'consent_required', params: { age: CONSENT_AGE } });
      }
    }
    if (typeof v.consent_on === 'string' && v.consent_on > today) out.push({ field: 'consent_on', problem: 'date_in_future' });
    if (v.award_level && v.stage !== 'judged') out.push({ field: 'award_level', problem: 'award_before_judging' });
    if (v.award_grade && !v.award_level) out.push({ field: 'award_grade', problem: 'grade_without_level' });
    return out;
  },
});
