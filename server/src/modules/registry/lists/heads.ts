import { defineList, ownerField } from '../fields.js';

/** "三长": heads of schools, hospitals and agri-stations holding posts in the association. */
export const heads = defineList({
  key: 'heads',
  table: 'reg_heads',
  zh: '“三长”',
  en: 'Heads of institutions',
  fields: [
    ownerField({ zh: '所属组织', en: 'Organisation' }),
    { key: 'person', type: 'person', zh: '姓名', en: 'Name', required: true, column: true },
    {
      key: 'institution_kind',
      type: 'enum',
      zh: '单位类型',
      en: 'Kind of institution',
      required: true,
      column: true,
      filter: true,
      values: [
        { key: 'school', zh: '学校（校长）', en: 'School (head teacher)' },
        { key: 'hospital', zh: '医院（院长）', en: 'Hospital (director)' },
        { key: 'agri_station', zh: '农技站（站长）', en: 'Agri-station (head)' },
      ],
    },
    { key: 'institution', type: 'text', zh: '单位名称', en: 'Institution', required: true, max: 200, column: true },
    { key: 'post', type: 'text', zh: '科协任职', en: 'Post in the association', required: true, max: 100, column: true, note: { zh: '如：兼职副主席、常委、委员', en: 'e.g. part-time vice-chair, standing committee member' } },
    { key: 'appointed_on', type: 'date', zh: '任职日期', en: 'Appointed on', filter: true },
    { key: 'phone', type: 'phone', zh: '联系电话', en: 'Phone', personal: true },
    { key: 'id_number', type: 'idnumber', zh: '身份证号', en: 'ID number', personal: true },
  ],
  title: 'person',
  order: { field: 'appointed_on', dir: 'desc' },
});
