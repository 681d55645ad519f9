import { defineList, ownerField } from '../fields.js';

/** Grassroots organisations (township, village, enterprise, university, park associations; rural technology associations), with their founding date. */
export const grassroots = defineList({
  key: 'grassroots',
  table: 'reg_grassroots',
  zh: '基层组织',
  en: 'Grassroots organisations',
  fields: [
    ownerField({ zh: '所属组织', en: 'Organisation' }),
    { key: 'name', type: 'text', zh: '名称', en: 'Name', required: true, max: 200, column: true },
    {
      key: 'kind',
      type: 'enum',
      zh: '类型',
      en: 'Kind',
      required: true,
      column: true,
      filter: true,
      values: [
        { key: 'township', zh: '苏木乡镇科协', en: 'Township association' },
        { key: 'village', zh: '嘎查村科普组织', en: 'Village group' },
        { key: 'enterprise', zh: '企业科协', en: 'Enterprise association' },
        { key: 'university', zh: '高校科协', en: 'University association' },
        { key: 'park', zh: '园区科协', en: 'Park association' },
        { key: 'rural_association', zh: '农村专业技术协会', en: 'Rural technology association' },
      ],
    },
    { key: 'founded_on', type: 'date', zh: '成立日期', en: 'Founded on', required: true, column: true, filter: true },
    { key: 'members', type: 'integer', zh: '会员数', en: 'Members', min: 0, max: 1_000_000, column: true },
    { key: 'leader', type: 'person', zh: '负责人', en: 'Leader', column: true },
    { key: 'phone', type: 'phone', zh: '联系电话', en: 'Phone', personal: true },
    { key: 'notes', type: 'longtext', zh: '备注', en: 'Notes' },
  ],
  title: 'name',
  unique: ['org_id', 'name'],
  order: { field: 'founded_on', dir: 'desc' },
});
