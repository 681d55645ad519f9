import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Switch, Table } from 'antd';
import { useState } from 'react';
import { can, fetchLeaderboard, setLeaderboard, todayUtc8 } from '../../api/dissemination';
import { errorText } from '../../api/errorText';
import { useMe } from '../../api/queries';
import { ErrorState } from '../../components/ErrorState';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { BiNameText, DayInput, OrgPicker } from './parts';

/** Officers ranked by points in a banner (or league, or the region); admins switch it on or off. */
export function LeaderboardPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [orgId, setOrgId] = useState<string | undefined>(() => me?.roles[0]?.orgId ?? me?.orgId);
  const [from, setFrom] = useState(() => todayUtc8(-29));
  const [to, setTo] = useState(() => todayUtc8());
  const board = useQuery({
    queryKey: ['leaderboard', orgId, from, to],
    queryFn: () => fetchLeaderboard(orgId!, from, to),
    enabled: !!orgId,
  });
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => setLeaderboard(orgId!, enabled),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['leaderboard'] }),
    onError: (e) => void message.error(errorText(e, t)),
  });

  return (
    <div className="dis-page" data-testid="leaderboard-page">
      <div className="dis-head">
        <h1 className="page-title">
          <Msg k="board.title" />
        </h1>
        {can.manageOfficers(me) && board.data && (
          <div className="dis-head__tools">
            <label className="dis-filter">
              <span className="dis-filter__label">
                <Msg k="board.enabled" />
              </span>
              <Switch checked={board.data.enabled} loading={toggle.isPending} onChange={(v) => toggle.mutate(v)} data-testid="board-switch" />
            </label>
          </div>
        )}
      </div>
      <div className="dis-filters">
        <OrgPicker value={orgId} onChange={setOrgId} allowClear={false} />
        <div className="dis-filter">
          <span className="dis-filter__label">
            <Msg k="dash.range" />
          </span>
          <DayInput value={from} onChange={setFrom} label="dash.from" />
          <span>–</span>
          <DayInput value={to} onChange={setTo} label="dash.to" />
        </div>
      </div>
      {board.isError ? (
        <ErrorState error={board.error} onRetry={() => void board.refetch()} />
      ) : board.data && !board.data.enabled && board.data.items.length === 0 ? (
        <Alert type="info" showIcon title={<Msg k="board.off" />} />
      ) : (
        <Table
          rowKey="officerId"
          loading={board.isPending && !!orgId}
          dataSource={board.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Msg k="dash.none" /> }}
          columns={[
            { key: 'rank', title: <Msg k="board.rank" />, dataIndex: 'rank', width: 70 },
            { key: 'name', title: <Msg k="officer.name" />, render: (_, r) => <ScriptText text={r.name} /> },
            { key: 'org', title: <Msg k="dis.org" />, render: (_, r) => <BiNameText name={r.orgName} /> },
            { key: 'points', title: <Msg k="board.points" />, dataIndex: 'points' },
            { key: 'opens', title: <Msg k="event.share-open" />, dataIndex: 'shareOpens' },
            { key: 'reads', title: <Msg k="event.read" />, dataIndex: 'reads' },
          ]}
        />
      )}
    </div>
  );
}
