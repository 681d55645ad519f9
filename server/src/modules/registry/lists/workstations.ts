import { defineList, ownerField } from '../fields.js';

/** Expert workstations (academician, overseas experts): the host and the experts brought in. */
export const workstations = defineList({
  key: 'workstations',
  table: 'reg_workstations',
  zh: '专家工作站',
  en: 'Expert workstations',
  fields: [
    ownerField({ zh: '所属组织', en: 'Organisation' }),
    { key: 'name', type: 'text', zh: '工作站名称', en: 'Workstation', required: true, max: 200, column: true },
    {
      key: 'kind',
      type: 'enum',
      zh: '类型',
      en: 'Kind',
      required: true,
      column: true,
      filter: true,
      values: [
        { key: 'academician', zh: '院士专家工作站', en: 'Academician workstation' },
        { key: 'overseas', zh: '海外专家工作站', en: 'Overseas experts workstation' },
        { key: 'expert', zh: '专家服务站', en: 'Expert service station' },
      ],
    },
    { key: 'host', type: 'text', zh: '建站单位', en: 'Host', required: true, max: 200, column: true },
    { key: 'established_on', type: 'date', zh: '建站日期', en: 'Established on', column: true, filter: true },
    { key: 'lead_expert', type: 'person', zh: '首席专家', en: 'Lead expert', column: true },
    { key: 'experts', type: 'integer', zh: '进站专家数', en: 'Experts brought in', min: 0, max: 10_000, column: true },
    { key: 'projects', type: 'integer', zh: '合作项目数', en: 'Joint projects', min: 0, max: 10_000 },
    { key: 'notes', type: 'longtext', zh: '备注', en: 'Notes' },
  ],
  title: 'name',
  unique: ['org_id', 'name'],
  order: { field: 'established_on', dir: 'desc' },
});
