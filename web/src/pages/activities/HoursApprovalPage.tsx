import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useSearchParams } from 'react-router';
import { decideHours, hoursText, listHours, type Hours, type HoursStatus } from '../../api/activities';
import { errorText } from '../../api/errorText';
import { ErrorState } from '../../components/ErrorState';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { BiNameText, ButtonFilter } from '../dissemination/parts';
import { HOURS_COLOR } from '../volunteers/MyHoursPage';
import '../volunteers/volunteers.css';

const STATUSES = ['pending', 'approved', 'rejected'] as const;

/** Service hours in the orgs the user runs, to approve or reject (measured at check-out or reported). */
export function HoursApprovalPage() {
  const [params, setParams] = useSearchParams();
  const status = (STATUSES as readonly string[]).includes(params.get('status') ?? 'pending') ? ((params.get('status') ?? 'pending') as HoursStatus) : 'pending';
  return (
    <div className="dis-page" data-testid="hours-approval-page">
      <div className="dis-head">
        <h1 className="page-title">
          <Msg k="hours.approvalTitle" />
        </h1>
      </div>
      <div className="dis-filters">
        <ButtonFilter label="act.status" values={STATUSES} value={status} all={false} onChange={(v) => setParams(v ? { status: v } : {})} itemLabel={(v) => `hours.status.${v}`} testId="filter-hours-status" />
      </div>
      <HoursTable status={status} />
    </div>
  );
}

/** Hours records with approve/reject for pending ones; all of an activity, or one status everywhere. */
export function HoursTable({ activityId, status }: { activityId?: string; status?: HoursStatus }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const hours = useQuery({ queryKey: ['hours', 'list', activityId, status], queryFn: () => listHours({ activityId, status, limit: 500 }) });
  const decide = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'approve' | 'reject' }) => decideHours(id, action),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['hours'] });
      void message.success(t('dis.saved'));
    },
    onError: (e) => void message.error(errorText(e, t)),
  });
  const columns: ColumnsType<Hours> = [
    { key: 'name', title: <Msg k="vol.name" />, render: (_, h) => <ScriptText text={h.volunteer.name} /> },
    { key: 'what', title: <Msg k="hours.what" />, render: (_, h) => (h.activity ? <BiNameText name={h.activity.title} /> : <ScriptText text={h.description ?? ''} />) },
    { key: 'date', title: <Msg k="hours.date" />, dataIndex: 'serviceDate' },
    { key: 'hours', title: <Msg k="hours.amount" />, render: (_, h) => <span data-testid="hours-value">{hoursText(h.minutes)}</span> },
    { key: 'source', title: <Msg k="hours.sourceTitle" />, render: (_, h) => <Msg k={`hours.source.${h.source}`} /> },
    {
      key: 'status',
      title: <Msg k="act.status" />,
      render: (_, h) => (
        <Tag color={HOURS_COLOR[h.status]} data-testid="hours-status">
          <Msg k={`hours.status.${h.status}`} />
        </Tag>
      ),
    },
    {
      key: 'actions',
      title: <Msg k="dis.actions" />,
      render: (_, h) =>
        h.status === 'pending' && (
          <Space size={4}>
            <Button size="small" type="primary" onClick={() => decide.mutate({ id: h.id, action: 'approve' })} data-testid="hours-approve">
              <Msg k="hours.approve" />
            </Button>
            <Button size="small" danger onClick={() => decide.mutate({ id: h.id, action: 'reject' })} data-testid="hours-reject">
              <Msg k="hours.reject" />
            </Button>
          </Space>
        ),
    },
  ];
  if (hours.isError) return <ErrorState error={hours.error} onRetry={() => void hours.refetch()} />;
  return <Table<Hours> rowKey="id" size="small" loading={hours.isPending} columns={columns} dataSource={hours.data?.items ?? []} pagination={false} data-testid="hours-table" locale={{ emptyText: <Msg k="hours.none" /> }} />;
}
