import { defineList, ownerField, type RuleProblem } from '../fields.js';

/** Talent recommendations: a candidate put forward for a programme, the stage it reached and the result. */
export const talent = defineList({
  key: 'talent',
  table: 'reg_talent',
  zh: '人才举荐',
  en: 'Talent recommendations',
  fields: [
    ownerField({ zh: '推荐单位', en: 'Recommending organisation' }),
    { key: 'candidate', type: 'person', zh: '候选人', en: 'Candidate', required: true, column: true },
    { key: 'workplace', type: 'text', zh: '工作单位', en: 'Workplace', max: 200, column: true },
    { key: 'speciality', type: 'text', zh: '专业领域', en: 'Field', max: 100 },
    {
      key: 'programme',
      type: 'enum',
      zh: '推荐项目',
      en: 'Programme',
      required: true,
      column: true,
      filter: true,
      values: [
        { key: 'academician', zh: '两院院士候选人', en: 'Academician candidate' },
        { key: 'young_talent', zh: '青年人才托举工程', en: 'Young talent support' },
        { key: 'grassland_talent', zh: '草原英才', en: 'Grassland talents' },
        { key: 'award', zh: '科技奖项', en: 'Science award' },
        { key: 'other', zh: '其他', en: 'Other' },
      ],
    },
    { key: 'year', type: 'integer', zh: '年度', en: 'Year', required: true, min: 1949, max: 2100, column: true, filter: true },
    {
      key: 'stage',
      type: 'enum',
      zh: '进展',
      en: 'Stage',
      required: true,
      column: true,
      filter: true,
      values: [
        { key: 'nominated', zh: '已推荐', en: 'Nominated' },
        { key: 'reviewing', zh: '评审中', en: 'Under review' },
        { key: 'decided', zh: '已出结果', en: 'Decided' },
      ],
    },
    {
      key: 'result',
      type: 'enum',
      zh: '结果',
      en: 'Result',
      column: true,
      filter: true,
      values: [
        { key: 'selected', zh: '入选', en: 'Selected' },
        { key: 'not_selected', zh: '未入选', en: 'Not selected' },
      ],
    },
    { key: 'notes', type: 'longtext', zh: '备注', en: 'Notes' },
  ],
  title: 'candidate',
  order: { field: 'year', dir: 'desc' },
  rules: (v) => {
    const out: RuleProblem[] = [];
    if (v.stage === 'decided' && !v.result) out.push({ field: 'result', problem: 'result_required' });
    if (v.stage !== 'decided' && v.result) out.push({ field: 'result', problem: 'result_before_decision' });
    return out;
  },
});
