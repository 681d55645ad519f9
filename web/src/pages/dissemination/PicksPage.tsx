import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Table } from 'antd';
import { useState } from 'react';
import { useResources, type Resource } from '../../api/content';
import { addPick, deletePick, listPicks, todayUtc8, type Pick } from '../../api/dissemination';
import { errorText } from '../../api/errorText';
import { useMe, useOrgs } from '../../api/queries';
import { ErrorState } from '../../components/ErrorState';
import { OrgName } from '../../components/org/OrgName';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { DayInput, OrgPicker } from './parts';

/** Today's picks (admins): published resources pushed to the officers of an org's subtree for a day. */
export function PicksPage() {
  const { lang, t } = useI18n();
  const { data: me } = useMe();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const orgs = useOrgs();
  const [day, setDay] = useState(() => todayUtc8());
  const [orgId, setOrgId] = useState<string | undefined>(() => me?.roles.find((g) => g.role === 'admin')?.orgId);
  const picks = useQuery({ queryKey: ['picks', day], queryFn: () => listPicks(day) });
  const published = useResources({ status: 'published', limit: 50 });

  const add = useMutation({
    mutationFn: (resourceId: string) => addPick({ resourceId, orgId: orgId!, day }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['picks'] });
      void message.success(t('picks.added'));
    },
    onError: (e) => void message.error(errorText(e, t)),
  });
  const remove = useMutation({
    mutationFn: deletePick,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['picks'] }),
    onError: (e) => void message.error(errorText(e, t)),
  });

  const titleOf = (r: Resource | undefined, id: string) => {
    const v = r?.versions.find((x) => x.lang === (lang === 'mn-Mong' ? 'mn-Mong' : 'zh-Hans')) ?? r?.versions[0];
    return v ? <ScriptText text={v.title} /> : <code>{id.slice(0, 8)}</code>;
  };
  const resources = published.data?.items ?? [];
  const picked = new Set((picks.data ?? []).filter((p) => p.orgId === orgId).map((p) => p.resourceId));

  return (
    <div className="dis-page" data-testid="picks-page">
      <div className="dis-head">
        <h1 className="page-title">
          <Msg k="picks.title" />
        </h1>
      </div>
      <div className="dis-filters">
        <div className="dis-filter">
          <span className="dis-filter__label">
            <Msg k="picks.day" />
          </span>
          <DayInput value={day} onChange={setDay} label="picks.day" testId="picks-day" />
        </div>
        <OrgPicker value={orgId} onChange={setOrgId} allowClear={false} />
      </div>
      <div className="dis-grid">
        <section className="dis-panel">
          <h2>
            <Msg k="picks.current" />
          </h2>
          {picks.isError ? (
            <ErrorState error={picks.error} onRetry={() => void picks.refetch()} />
          ) : (
            <Table<Pick>
              size="small"
              rowKey="id"
              pagination={false}
              loading={picks.isPending}
              dataSource={picks.data ?? []}
              data-testid="picks-list"
              locale={{ emptyText: <Msg k="dash.none" /> }}
              columns={[
                { key: 'title', title: <Msg k="content.col.title" />, render: (_, p) => titleOf(resources.find((r) => r.id === p.resourceId), p.resourceId) },
                {
                  key: 'org',
                  title: <Msg k="dis.org" />,
                  render: (_, p) => {
                    const org = orgs.data?.find((o) => o.id === p.orgId);
                    return org ? <OrgName org={org} lang={lang} /> : null;
                  },
                },
                {
                  key: 'x',
                  title: <Msg k="dis.actions" />,
                  render: (_, p) => (
                    <Button size="small" danger onClick={() => remove.mutate(p.id)}>
                      <Msg k="picks.remove" />
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </section>
        <section className="dis-panel">
          <h2>
            <Msg k="picks.published" />
          </h2>
          {published.isError ? (
            <ErrorState error={published.error} />
          ) : (
            <Table<Resource>
              size="small"
              rowKey="id"
              loading={published.isPending}
              dataSource={resources}
              pagination={{ pageSize: 10, showSizeChanger: false }}
              columns={[
                { key: 'title', title: <Msg k="content.col.title" />, render: (_, r) => titleOf(r, r.id) },
                {
                  key: 'x',
                  title: <Msg k="dis.actions" />,
                  render: (_, r) => (
                    <Button size="small" type="primary" disabled={!orgId || picked.has(r.id)} loading={add.isPending && add.variables === r.id} onClick={() => add.mutate(r.id)} data-testid="pick-add">
                      <Msg k={picked.has(r.id) ? 'picks.picked' : 'picks.add'} />
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </section>
      </div>
    </div>
  );
}
