import { useQuery } from '@tanstack/react-query';
import { Button, Table } from 'antd';
import { useMemo, useState } from 'react';
import { dashboardExportUrl, EVENT_KINDS, fetchByBanner, fetchTopResources, fetchTrend, todayUtc8, useTotals, type EventKind, type Range, type TopResource, type Totals } from '../../api/dissemination';
import { ErrorState } from '../../components/ErrorState';
import type { MessageKey } from '../../i18n/languages';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { Bar, BiNameText, ButtonFilter, EChart, PeriodOrgFilters } from './parts';

const TOTAL_FIELDS: { field: keyof Totals; label: MessageKey }[] = [
  { field: 'views', label: 'event.view' },
  { field: 'clicks', label: 'event.click' },
  { field: 'shareOpens', label: 'event.share-open' },
  { field: 'reads', label: 'event.read' },
  { field: 'heartbeats', label: 'event.heartbeat' },
];

/** Counts of views, clicks, share-opens, reads and heartbeats in the user's scope: totals, trend, top resources, banners. */
export function DashboardPage() {
  const { lang } = useI18n();
  const [from, setFrom] = useState(() => todayUtc8(-29));
  const [to, setTo] = useState(() => todayUtc8());
  const [orgId, setOrgId] = useState<string | undefined>();
  const [kind, setKind] = useState<EventKind>('view');
  const range: Range = useMemo(() => ({ from, to, ...(orgId ? { orgId } : {}) }), [from, to, orgId]);

  const totals = useTotals(range);
  const trend = useQuery({ queryKey: ['dissemination', 'trend', range, kind], queryFn: () => fetchTrend(range, kind) });
  const top = useQuery({ queryKey: ['dissemination', 'top', range, kind], queryFn: () => fetchTopResources(range, kind, 10) });
  const banners = useQuery({ queryKey: ['dissemination', 'banners', range, kind], queryFn: () => fetchByBanner(range, kind) });

  const trendOption = useMemo(
    () =>
      trend.data && {
        grid: { left: 48, right: 16, top: 20, bottom: 36 },
        tooltip: { trigger: 'axis' as const },
        xAxis: { type: 'category' as const, data: trend.data.map((d) => d.day.slice(5)) },
        yAxis: { type: 'value' as const, minInterval: 1 },
        series: [{ type: 'line' as const, smooth: true, areaStyle: { opacity: 0.15 }, data: trend.data.map((d) => d.n) }],
      },
    [trend.data],
  );

  const titleOf = (r: TopResource) => {
    const title = lang === 'mn-Mong' ? (r.title.mn ?? r.title.zh) : (r.title.zh ?? r.title.mn);
    return title ? <ScriptText text={title} /> : <code>{r.resourceId.slice(0, 8)}</code>;
  };
  const topMax = Math.max(0, ...(top.data ?? []).map((r) => r.n));
  const bannerMax = Math.max(0, ...(banners.data ?? []).map((r) => r.n));

  return (
    <div className="dis-page" data-testid="dashboard-page">
      <div className="dis-head">
        <h1 className="page-title">
          <Msg k="dash.title" />
        </h1>
        <div className="dis-head__tools">
          <Button href={dashboardExportUrl('xlsx', range)} data-testid="dash-export-xlsx">
            <Msg k="dis.export" vars={{ format: 'Excel' }} />
          </Button>
          <Button href={dashboardExportUrl('csv', range)} data-testid="dash-export-csv">
            <Msg k="dis.export" vars={{ format: 'CSV' }} />
          </Button>
        </div>
      </div>
      <PeriodOrgFilters label="dash.range" from={from} to={to} onFrom={setFrom} onTo={setTo} fromLabel="dash.from" toLabel="dash.to" testPrefix="dash" orgId={orgId} onOrg={setOrgId} />
      {totals.isError ? (
        <ErrorState error={totals.error} onRetry={() => void totals.refetch()} />
      ) : (
        <div className="dis-cards" data-testid="dash-totals" data-ready={totals.data ? 'true' : 'false'}>
          {TOTAL_FIELDS.map(({ field, label }) => (
            <div className="dis-card" key={field}>
              <span className="dis-card__label">
                <Msg k={label} />
              </span>
              <span className="dis-card__n" data-testid={`total-${field}`}>
                {totals.data ? totals.data[field] : '…'}
              </span>
            </div>
          ))}
        </div>
      )}
      <ButtonFilter label="dash.kind" values={EVENT_KINDS} value={kind} onChange={(v) => v && setKind(v)} itemLabel={(v) => `event.${v}`} testId="dash-kind" all={false} />
      <div className="dis-grid">
        <section className="dis-panel">
          <h2>
            <Msg k="dash.trend" />
          </h2>
          {trend.isError ? <ErrorState error={trend.error} /> : trendOption && <EChart option={trendOption} testId="dash-trend" />}
        </section>
        <section className="dis-panel">
          <h2>
            <Msg k="dash.top" />
          </h2>
          {top.isError ? (
            <ErrorState error={top.error} />
          ) : (
            <Table
              size="small"
              rowKey="resourceId"
              pagination={false}
              loading={top.isPending}
              dataSource={top.data ?? []}
              data-testid="dash-top"
              locale={{ emptyText: <Msg k="dash.none" /> }}
              columns={[
                { key: 'title', title: <Msg k="content.col.title" />, render: (_, r) => titleOf(r) },
                { key: 'n', title: <Msg k="dash.count" />, render: (_, r) => <Bar n={r.n} max={topMax} /> },
              ]}
            />
          )}
        </section>
        <section className="dis-panel">
          <h2>
            <Msg k="dash.byBanner" />
          </h2>
          {banners.isError ? (
            <ErrorState error={banners.error} />
          ) : (
            <Table
              size="small"
              rowKey="orgId"
              pagination={false}
              loading={banners.isPending}
              dataSource={banners.data ?? []}
              data-testid="dash-banners"
              locale={{ emptyText: <Msg k="dash.none" /> }}
              columns={[
                { key: 'name', title: <Msg k="kind.banner" />, render: (_, r) => <BiNameText name={r.name} /> },
                { key: 'n', title: <Msg k="dash.count" />, render: (_, r) => <Bar n={r.n} max={bannerMax} /> },
              ]}
            />
          )}
        </section>
      </div>
    </div>
  );
}
