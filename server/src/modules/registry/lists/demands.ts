import { defineList, ownerField, type RuleProblem } from '../fields.js';

/**
 * Technical demand matching: an enterprise posts a problem, experts are matched, it is solved (with
 * the cost saved). Status moves posted → matched → solved, or to closed; a closed demand may reopen.
 */
export const demands = defineList({
  key: 'demands',
  table: 'reg_demands',
  zh: '技术需求对接',
  en: 'Technical demands',
  fields: [
    ownerField({ zh: '受理组织', en: 'Handled by' }),
    { key: 'enterprise', type: 'text', zh: '需求企业', en: 'Enterprise', required: true, max: 200, column: true },
    { key: 'title', type: 'text', zh: '技术难题', en: 'Problem', required: true, max: 300, column: true },
    { key: 'description', type: 'longtext', zh: '需求描述', en: 'Description' },
    { key: 'posted_on', type: 'date', zh: '发布日期', en: 'Posted on', required: true, column: true, filter: true },
    {
      key: 'status',
      type: 'enum',
      zh: '状态',
      en: 'Status',
      required: true,
      column: true,
      filter: true,
      values: [
        { key: 'posted', zh: '已发布', en: 'Posted' },
        { key: 'matched', zh: '已对接', en: 'Matched' },
        { key: 'solved', zh: '已解决', en: 'Solved' },
        { key: 'closed', zh: '已关闭', en: 'Closed' },
      ],
    },
    { key: 'experts', type: 'text', zh: '对接专家', en: 'Matched experts', max: 300, column: true, note: { zh: '已对接、已解决时必填', en: 'required once matched' } },
    { key: 'solved_on', type: 'date', zh: '解决日期', en: 'Solved on', filter: true, note: { zh: '已解决时必填', en: 'required once solved' } },
    { key: 'cost_saved', type: 'decimal', zh: '节约成本（万元）', en: 'Cost saved (10k yuan)', min: 0, max: 1e9, column: true },
    { key: 'contact', type: 'person', zh: '联系人', en: 'Contact' },
    { key: 'phone', type: 'phone', zh: '联系电话', en: 'Phone', personal: true },
  ],
  title: 'title',
  order: { field: 'posted_on', dir: 'desc' },
  headline: { field: 'status', value: 'solved' },
  transitions: {
    field: 'status',
    allowed: { posted: ['matched', 'closed'], matched: ['posted', 'solved', 'closed'], solved: [], closed: ['posted'] },
  },
  rules: (v) => {
    const out: RuleProblem[] = [];
    if ((v.status === 'matched' || v.status === 'solved') && !v.experts) out.push({ field: 'experts', problem: 'experts_required' });
    if (v.status === 'solved' && !v.solved_on) out.push({ field: 'solved_on', problem: 'solved_on_required' });
    if (v.status !== 'solved' && v.solved_on) out.push({ field: 'solved_on', problem: 'solved_on_not_solved' });
    if (v.status !== 'solved' && v.cost_saved !== null && v.cost_saved !== undefined) out.push({ field: 'cost_saved', problem: 'cost_not_solved' });
    if (typeof v.solved_on === 'string' && typeof v.posted_on === 'string' && v.solved_on < v.posted_on) out.push({ field: 'solved_on', problem: 'date_before', other: 'posted_on' });
    return out;
  },
});
