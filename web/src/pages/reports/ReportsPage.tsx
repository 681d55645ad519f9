import { Button } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { todayUtc8 } from '../../api/dissemination';
import { labelIn, reportUrl, useIndicators, type Indicator, type Period } from '../../api/reports';
import { ErrorState } from '../../components/ErrorState';
import type { MessageKey } from '../../i18n/languages';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { MongolText } from '../../mongol/MongolText';
import { EChart, PeriodOrgFilters } from '../dissemination/parts';
import '../dissemination/dissemination.css';
import './reports.css';

const GROUPS: Indicator['group'][] = ['dissemination', 'activities', 'volunteers', 'organisation', 'thinktank'];

/** The indicators dashboard of an org (its subtree) for a period, and the work report's downloads. */
export function ReportsPage() {
  const { lang } = useI18n();
  const year = Number(todayUtc8().slice(0, 4));
  const [from, setFrom] = useState(`${year - 4}-01-01`);
  const [to, setTo] = useState(() => todayUtc8());
  const [orgId, setOrgId] = useState<string | undefined>();
  const period: Period = useMemo(() => ({ from, to, ...(orgId ? { orgId } : {}) }), [from, to, orgId]);
  const figures = useIndicators(period);
  const text = (l: Indicator['label']) => (lang === 'mn-Mong' ? <MongolText>{l.mn}</MongolText> : labelIn(l, lang));

  const chartOf = (key: string, pie = false) => {
    const item = figures.data?.items.find((i) => i.key === key);
    if (!item?.parts) return null;
    const names = item.parts.map((p) => (lang === 'mn-Mong' ? p.label.zh : labelIn(p.label, lang)));
    return pie
      ? { tooltip: { trigger: 'item' as const }, series: [{ type: 'pie' as const, radius: ['35%', '65%'], data: item.parts.map((p, i) => ({ name: names[i]!, value: p.value })), label: { formatter: '{b}: {c}' } }] }
      : {
          grid: { left: 48, right: 16, top: 20, bottom: 36 },
          tooltip: { trigger: 'axis' as const },
          xAxis: { type: 'category' as const, data: names, axisLabel: { interval: 0 } },
          yAxis: { type: 'value' as const, minInterval: 1 },
          series: [{ type: 'bar' as const, data: item.parts.map((p) => p.value), barMaxWidth: 40 }],
        };
  };
  const activities = useMemo(() => chartOf('activities'), [figures.data, lang]);
  const beneficiaries = useMemo(() => chartOf('beneficiaries'), [figures.data, lang]);
  const awards = useMemo(() => chartOf('awards', true), [figures.data, lang]);
  const delegates = useMemo(() => chartOf('delegates', true), [figures.data, lang]);

  return (
    <div className="dis-page" data-testid="reports-page">
      <div className="dis-head">
        <h1 className="page-title">
          <Msg k="reports.title" />
        </h1>
        <div className="dis-head__tools">
          {(['pdf', 'docx', 'html'] as const).map((f) => (
            <Button key={f} href={reportUrl(f, period)} target={f === 'html' ? '_blank' : undefined} data-testid={`report-${f}`} type={f === 'pdf' ? 'primary' : 'default'}>
              <Msg k="reports.download" vars={{ format: f.toUpperCase() }} />
            </Button>
          ))}
        </div>
      </div>
      <PeriodOrgFilters label="reports.period" from={from} to={to} onFrom={setFrom} onTo={setTo} fromLabel="reports.from" toLabel="reports.to" testPrefix="reports" orgId={orgId} onOrg={setOrgId} />
      {figures.isError ? (
        <ErrorState error={figures.error} onRetry={() => void figures.refetch()} />
      ) : (
        <div data-testid="indicators" data-ready={figures.data ? 'true' : 'false'}>
          {GROUPS.map((g) => {
            const items = figures.data?.items.filter((i) => i.group === g) ?? [];
            if (!items.length) return null;
            return (
              <section key={g} className="rep-group">
                <h2>
                  <Msg k={`reports.group.${g}` as MessageKey} />
                </h2>
                <div className="dis-cards">
                  {items.map((i) => (
                    <Link to={i.link} className="dis-card rep-card" key={i.key} data-testid={`indicator-${i.key}`}>
                      <span className="dis-card__label">{text(i.label)}</span>
                      <span className="dis-card__n" data-value={i.value}>
                        {i.value.toLocaleString()}
                        <small> {text(i.unit)}</small>
                      </span>
                      {i.ratio && (
                        <span className="rep-card__ratio">
                          {i.ratio.done} / {i.ratio.total}
                        </span>
                      )}
                    </Link>
                  ))}
                </div>
              </section>
            );
          })}
          <div className="dis-grid">
            {activities && (
              <section className="dis-panel">
                <h2>
                  <Msg k="reports.chart.activities" />
                </h2>
                <EChart option={activities} testId="chart-activities" />
              </section>
            )}
            {beneficiaries && (
              <section className="dis-panel">
                <h2>
                  <Msg k="reports.chart.beneficiaries" />
                </h2>
                <EChart option={beneficiaries} testId="chart-beneficiaries" />
              </section>
            )}
            {delegates && (
              <section className="dis-panel">
                <h2>
                  <Msg k="reports.chart.delegates" />
                </h2>
                <EChart option={delegates} testId="chart-delegates" />
              </section>
            )}
            {awards && (
              <section className="dis-panel">
                <h2>
                  <Msg k="reports.chart.awards" />
                </h2>
                <EChart option={awards} testId="chart-awards" />
              </section>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
