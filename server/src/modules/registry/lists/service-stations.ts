import { defineList, ownerField } from '../fields.js';

/** Enterprise innovation service stations: firms served, cases and the economic benefit. */
export const serviceStations = defineList({
  key: 'service_stations',
  table: 'reg_service_stations',
  zh: '企业创新服务站',
  en: 'Innovation service stations',
  fields: [
    ownerField({ zh: '所属组织', en: 'Organisation' }),
    { key: 'name', type: 'text', zh: '服务站名称', en: 'Station', required: true, max: 200, column: true },
    { key: 'host', type: 'text', zh: '依托单位', en: 'Host', required: true, max: 200, column: true },
    { key: 'established_on', type: 'date', zh: '建站日期', en: 'Established on', filter: true },
    { key: 'firms_served', type: 'integer', zh: '服务企业数', en: 'Firms served', min: 0, max: 1_000_000, column: true },
    { key: 'cases', type: 'integer', zh: '服务案例数', en: 'Cases', min: 0, max: 1_000_000, column: true },
    { key: 'benefit', type: 'decimal', zh: '经济效益（万元）', en: 'Economic benefit (10k yuan)', min: 0, max: 1e9, column: true },
    { key: 'notes', type: 'longtext', zh: '备注', en: 'Notes' },
  ],
  title: 'name',
  unique: ['org_id', 'name'],
  order: { field: 'established_on', dir: 'desc' },
});
