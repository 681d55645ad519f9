import { defineList, ownerField } from '../fields.js';

/** Learned societies: one row per society org (kind 'society'), with membership and party organisation. */
export const societies = defineList({
  key: 'societies',
  table: 'reg_societies',
  zh: '学会',
  en: 'Learned societies',
  fields: [
    ownerField({ zh: '学会', en: 'Society' }, ['society']),
    { key: 'members', type: 'integer', zh: '个人会员数', en: 'Individual members', required: true, min: 0, max: 10_000_000, column: true, filter: true },
    { key: 'unit_members', type: 'integer', zh: '单位会员数', en: 'Member units', min: 0, max: 1_000_000, column: true },
    { key: 'supervisor', type: 'text', zh: '业务主管单位', en: 'Supervising department', max: 200, note: { zh: '党组织依托业务主管单位时必填', en: 'required when the party organisation is via the department' } },
    {
      key: 'party_org',
      type: 'enum',
      zh: '党组织',
      en: 'Party organisation',
      required: true,
      filter: true,
      column: true,
      values: [
        { key: 'own', zh: '独立建立', en: 'Own' },
        { key: 'via_department', zh: '依托业务主管单位', en: 'Via the department' },
        { key: 'none', zh: '未建立', en: 'None' },
      ],
    },
    { key: 'secretary_general', type: 'person', zh: '秘书长', en: 'Secretary general', column: true },
    { key: 'phone', type: 'phone', zh: '联系电话', en: 'Phone', personal: true },
    { key: 'notes', type: 'longtext', zh: '备注', en: 'Notes' },
  ],
  title: 'org_id',
  unique: ['org_id'],
  order: { field: 'org_id', dir: 'asc' },
  rules: (v) => (v.party_org === 'via_department' && !v.supervisor ? [{ field: 'supervisor', problem: 'supervisor_required' }] : []),
});

/** A society's annual meetings (general assemblies, councils): date and attendance. */
export const societyMeetings = defineList({
  key: 'society_meetings',
  table: 'reg_society_meetings',
  zh: '学会年会',
  en: 'Society meetings',
  fields: [
    ownerField({ zh: '学会', en: 'Society' }, ['society']),
    { key: 'year', type: 'integer', zh: '年度', en: 'Year', required: true, min: 1949, max: 2100, column: true, filter: true },
    {
      key: 'kind',
      type: 'enum',
      zh: '会议类型',
      en: 'Kind of meeting',
      required: true,
      column: true,
      filter: true,
      values: [
        { key: 'annual', zh: '年会', en: 'Annual meeting' },
        { key: 'congress', zh: '会员代表大会', en: 'Members’ congress' },
        { key: 'council', zh: '理事会', en: 'Council meeting' },
      ],
    },
    { key: 'held_on', type: 'date', zh: '召开日期', en: 'Held on', required: true, column: true, filter: true },
    { key: 'attendance', type: 'integer', zh: '参会人数', en: 'Attendance', min: 0, max: 1_000_000, column: true },
    { key: 'place', type: 'text', zh: '地点', en: 'Place', max: 200 },
    { key: 'notes', type: 'longtext', zh: '备注', en: 'Notes' },
  ],
  title: 'held_on',
  order: { field: 'held_on', dir: 'desc' },
  rules: (v) => (typeof v.year === 'number' && typeof v.held_on === 'string' && Number(v.held_on.slice(0, 4)) !== v.year ? [{ field: 'held_on', problem: 'year_mismatch', params: { year: v.year } }] : []),
});
