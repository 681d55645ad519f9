import { defineList, ownerField, type RuleProblem } from '../fields.js';

/**
 * Delegates to an association's congress (科协代表大会代表): who they are by gender, ethnicity, age
 * and sector, the composition the work report gives ("women 32 %, Mongolian and other minorities 45 %,
 * grassroots 30 %"). A row belongs to the org whose congress elected the delegate.
 */
export const delegates = defineList({
  key: 'delegates',
  table: 'reg_delegates',
  zh: '代表大会代表',
  en: 'Congress delegates',
  fields: [
    ownerField({ zh: '所属科协', en: 'Association' }),
    { key: 'congress', type: 'text', zh: '代表大会', en: 'Congress', required: true, max: 100, column: true, note: { zh: '如：第十次代表大会', en: 'e.g. the 10th Congress' } },
    { key: 'elected_on', type: 'date', zh: '当选日期', en: 'Elected on', required: true, column: true, filter: true },
    { key: 'name', type: 'person', zh: '姓名', en: 'Name', required: true, column: true },
    {
      key: 'gender',
      type: 'enum',
      zh: '性别',
      en: 'Gender',
      required: true,
      column: true,
      filter: true,
      values: [
        { key: 'female', zh: '女', en: 'Female' },
        { key: 'male', zh: '男', en: 'Male' },
      ],
    },
    {
      key: 'ethnicity',
      type: 'enum',
      zh: '民族',
      en: 'Ethnicity',
      required: true,
      column: true,
      filter: true,
      values: [
        { key: 'mongol', zh: '蒙古族', en: 'Mongolian' },
        { key: 'han', zh: '汉族', en: 'Han' },
        { key: 'daur', zh: '达斡尔族', en: 'Daur' },
        { key: 'ewenki', zh: '鄂温克族', en: 'Ewenki' },
        { key: 'oroqen', zh: '鄂伦春族', en: 'Oroqen' },
        { key: 'manchu', zh: '满族', en: 'Manchu' },
        { key: 'hui', zh: '回族', en: 'Hui' },
        { key: 'other', zh: '其他民族', en: 'Other' },
      ],
    },
    {
      key: 'age_band',
      type: 'enum',
      zh: '年龄段',
      en: 'Age',
      required: true,
      column: true,
      filter: true,
      values: [
        { key: 'under_35', zh: '35岁以下', en: 'Under 35' },
        { key: 'from_35_to_44', zh: '35—44岁', en: '35–44' },
        { key: 'from_45_to_54', zh: '45—54岁', en: '45–54' },
        { key: 'from_55', zh: '55岁及以上', en: '55 and over' },
      ],
    },
    {
      key: 'sector',
      type: 'enum',
      zh: '界别',
      en: 'Sector',
      required: true,
      column: true,
      filter: true,
      values: [
        { key: 'enterprise', zh: '企业', en: 'Enterprises' },
        { key: 'university', zh: '高等院校', en: 'Universities' },
        { key: 'research', zh: '科研院所', en: 'Research institutes' },
        { key: 'health', zh: '医疗卫生', en: 'Health' },
        { key: 'school', zh: '中小学', en: 'Schools' },
        { key: 'grassroots', zh: '基层一线', en: 'Grassroots' },
        { key: 'government', zh: '党政机关', en: 'Government' },
        { key: 'other', zh: '其他', en: 'Other' },
      ],
    },
    { key: 'workplace', type: 'text', zh: '工作单位', en: 'Workplace', max: 200, column: true },
    { key: 'notes', type: 'longtext', zh: '备注', en: 'Notes' },
  ],
  title: 'name',
  order: { field: 'elected_on', dir: 'desc' },
  rules: (v, today) => {
    const out: RuleProblem[] = [];
    if (typeof v.elected_on === 'string' && v.elected_on > today) out.push({ field: 'elected_on', problem: 'date_in_future' });
    return out;
  },
});
