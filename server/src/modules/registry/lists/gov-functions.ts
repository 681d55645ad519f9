import { defineList, ownerField } from '../fields.js';

/** Government functions taken over by societies: society × function × department. */
export const govFunctions = defineList({
  key: 'gov_functions',
  table: 'reg_gov_functions',
  zh: '承接政府职能',
  en: 'Government functions taken over',
  fields: [
    ownerField({ zh: '学会', en: 'Society' }, ['society']),
    { key: 'function_name', type: 'text', zh: '职能事项', en: 'Function', required: true, max: 200, column: true },
    { key: 'department', type: 'text', zh: '转移部门', en: 'Government department', required: true, max: 200, column: true },
    {
      key: 'kind',
      type: 'enum',
      zh: '职能类别',
      en: 'Kind of function',
      required: true,
      column: true,
      filter: true,
      values: [
        { key: 'assessment', zh: '评估评价', en: 'Assessment' },
        { key: 'qualification', zh: '资质认定', en: 'Qualification' },
        { key: 'standards', zh: '标准制定', en: 'Standards' },
        { key: 'awards', zh: '评选表彰', en: 'Awards' },
        { key: 'training', zh: '培训', en: 'Training' },
        { key: 'other', zh: '其他', en: 'Other' },
      ],
    },
    { key: 'taken_over_on', type: 'date', zh: '承接日期', en: 'Taken over on', column: true, filter: true },
    {
      key: 'status',
      type: 'enum',
      zh: '状态',
      en: 'Status',
      required: true,
      column: true,
      filter: true,
      values: [
        { key: 'ongoing', zh: '承接中', en: 'Ongoing' },
        { key: 'ended', zh: '已终止', en: 'Ended' },
      ],
    },
    { key: 'notes', type: 'longtext', zh: '备注', en: 'Notes' },
  ],
  title: 'function_name',
  unique: ['org_id', 'function_name', 'department'],
  order: { field: 'taken_over_on', dir: 'desc' },
});
