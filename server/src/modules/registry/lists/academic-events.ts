import { defineList, ownerField, type RuleProblem } from '../fields.js';

/** Academic events: the annual conference and forums, with sessions, papers and attendees. */
export const academicEvents = defineList({
  key: 'academic_events',
  table: 'reg_academic_events',
  zh: '学术活动',
  en: 'Academic events',
  fields: [
    ownerField({ zh: '主办组织', en: 'Organiser' }),
    { key: 'name', type: 'text', zh: '活动名称', en: 'Event', required: true, max: 200, column: true },
    {
      key: 'kind',
      type: 'enum',
      zh: '类型',
      en: 'Kind',
      required: true,
      column: true,
      filter: true,
      values: [
        { key: 'annual_conference', zh: '学术年会', en: 'Annual conference' },
        { key: 'forum', zh: '学术论坛', en: 'Forum' },
        { key: 'seminar', zh: '研讨会', en: 'Seminar' },
      ],
    },
    { key: 'starts_on', type: 'date', zh: '开始日期', en: 'Starts on', required: true, column: true, filter: true },
    { key: 'ends_on', type: 'date', zh: '结束日期', en: 'Ends on' },
    { key: 'place', type: 'text', zh: '地点', en: 'Place', max: 200 },
    { key: 'sessions', type: 'integer', zh: '分会场数', en: 'Sessions', min: 0, max: 10_000, column: true },
    { key: 'papers', type: 'integer', zh: '交流论文数', en: 'Papers', min: 0, max: 1_000_000, column: true },
    { key: 'attendees', type: 'integer', zh: '参会人数', en: 'Attendees', min: 0, max: 10_000_000, column: true },
    { key: 'notes', type: 'longtext', zh: '备注', en: 'Notes' },
  ],
  title: 'name',
  order: { field: 'starts_on', dir: 'desc' },
  rules: (v) => {
    const out: RuleProblem[] = [];
    if (typeof v.ends_on === 'string' && typeof v.starts_on === 'string' && v.ends_on < v.starts_on) out.push({ field: 'ends_on', problem: 'date_before', other: 'starts_on' });
    return out;
  },
});
