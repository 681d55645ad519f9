import { defineList, ownerField, type RuleProblem } from '../fields.js';

/** The reform plan's tasks: owner, status, progress and evidence; the summary gives "done of total = %". */
export const reformTasks = defineList({
  key: 'reform_tasks',
  table: 'reg_reform_tasks',
  zh: '改革任务',
  en: 'Reform tasks',
  fields: [
    ownerField({ zh: '牵头单位', en: 'Lead organisation' }),
    { key: 'task_no', type: 'text', zh: '任务编号', en: 'Task no.', required: true, max: 32, column: true },
    { key: 'title', type: 'text', zh: '任务名称', en: 'Task', required: true, max: 300, column: true },
    {
      key: 'status',
      type: 'enum',
      zh: '状态',
      en: 'Status',
      required: true,
      column: true,
      filter: true,
      values: [
        { key: 'not_started', zh: '未启动', en: 'Not started' },
        { key: 'in_progress', zh: '推进中', en: 'In progress' },
        { key: 'done', zh: '已完成', en: 'Done' },
      ],
    },
    { key: 'progress', type: 'integer', zh: '进度（%）', en: 'Progress (%)', min: 0, max: 100, column: true },
    { key: 'due_on', type: 'date', zh: '完成时限', en: 'Due', filter: true },
    { key: 'completed_on', type: 'date', zh: '完成日期', en: 'Completed on', filter: true },
    { key: 'evidence', type: 'longtext', zh: '完成佐证', en: 'Evidence', note: { zh: '状态为已完成时必填', en: 'required when done' } },
  ],
  title: 'title',
  unique: ['org_id', 'task_no'],
  order: { field: 'task_no', dir: 'asc' },
  headline: { field: 'status', value: 'done' },
  rules: (v) => {
    const out: RuleProblem[] = [];
    if (v.status === 'done') {
      if (v.progress !== null && v.progress !== undefined && v.progress !== 100) out.push({ field: 'progress', problem: 'progress_done' });
      if (!v.evidence) out.push({ field: 'evidence', problem: 'evidence_required' });
    } else if (v.completed_on) out.push({ field: 'completed_on', problem: 'completed_not_done' });
    if (v.status === 'not_started' && typeof v.progress === 'number' && v.progress > 0) out.push({ field: 'progress', problem: 'progress_not_started' });
    return out;
  },
});
