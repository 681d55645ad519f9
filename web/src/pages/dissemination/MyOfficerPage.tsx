import { useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Space } from 'antd';
import { useMemo } from 'react';
import { ApiError } from '../../api/client';
import { fetchMyPicks, fetchMyPoints, fetchOfficerMe, todayUtc8 } from '../../api/dissemination';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { BiNameText, EChart } from './parts';

/** The officer's own page: status, today's points, today's picks with the personal share link and poster. */
export function MyOfficerPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const me = useQuery({ queryKey: ['officers', 'me'], queryFn: fetchOfficerMe, retry: false });
  const approved = me.data?.status === 'approved';
  const picks = useQuery({ queryKey: ['officers', 'me', 'picks'], queryFn: () => fetchMyPicks(), enabled: approved });
  const from = todayUtc8(-29);
  const to = todayUtc8();
  const points = useQuery({ queryKey: ['officers', 'me', 'points', from, to], queryFn: () => fetchMyPoints(from, to), enabled: !!me.data });
  const option = useMemo(
    () =>
      points.data && {
        grid: { left: 40, right: 12, top: 16, bottom: 32 },
        tooltip: { trigger: 'axis' as const },
        xAxis: { type: 'category' as const, data: points.data.days.map((d) => d.day.slice(5)) },
        yAxis: { type: 'value' as const, minInterval: 1 },
        series: [{ type: 'bar' as const, data: points.data.days.map((d) => d.points) }],
      },
    [points.data],
  );

  if (me.isPending) return <Loading />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 404) return <Alert type="info" showIcon title={<Msg k="me.notOfficer" />} />;
    return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  }
  const o = me.data;
  const copy = (url: string) =>
    navigator.clipboard.writeText(url).then(
      () => void message.success(t('me.copied')),
      () => void message.info(url),
    );

  return (
    <div className="dis-page" data-testid="officer-me">
      <div className="dis-head">
        <h1 className="page-title">
          <Msg k="me.title" />
        </h1>
      </div>
      <Space size={16} wrap align="start">
        <ScriptText text={o.name} />
        <code>{o.code}</code>
        <BiNameText name={o.orgName} />
        <Msg k={`officer.status.${o.status}`} />
      </Space>
      <div className="dis-cards">
        <div className="dis-card">
          <Msg k="me.todayPoints" />
          <span className="dis-card__n" data-testid="me-points">
            {o.today.points}
          </span>
        </div>
        <div className="dis-card">
          <Msg k="event.share-open" />
          <span className="dis-card__n">{o.today.shareOpens}</span>
        </div>
        <div className="dis-card">
          <Msg k="event.read" />
          <span className="dis-card__n">{o.today.reads}</span>
        </div>
      </div>
      {!approved && <Alert type="warning" showIcon title={<Msg k="me.notApproved" />} />}
      {approved && (
        <section className="dis-panel">
          <h2>
            <Msg k="me.picks" />
          </h2>
          {picks.isError ? (
            <ErrorState error={picks.error} onRetry={() => void picks.refetch()} />
          ) : picks.data && picks.data.items.length === 0 ? (
            <Msg k="me.noPicks" />
          ) : (
            <div className="dis-picks">
              {(picks.data?.items ?? []).map((p) => (
                <div className="dis-pick" key={p.resourceId} data-testid="me-pick">
                  <a href={p.posterUrl} target="_blank" rel="noreferrer">
                    <img className="dis-pick__poster" src={p.posterUrl} alt={t('me.poster')} loading="lazy" />
                  </a>
                  <Space orientation="vertical" size={6}>
                    {p.versions.map((v) => (
                      <ScriptText key={v.lang} text={v.title} />
                    ))}
                    <Button size="small" onClick={() => void copy(p.shareUrl)} data-testid="me-copy">
                      <Msg k="me.copyLink" />
                    </Button>
                    <Button size="small" href={p.posterUrl} download={`poster-${p.resourceId.slice(0, 8)}.png`}>
                      <Msg k="me.downloadPoster" />
                    </Button>
                  </Space>
                </div>
              ))}
            </div>
          )}
        </section>
      )}
      <section className="dis-panel">
        <h2>
          <Msg k="me.points30" />
        </h2>
        {points.isError ? <ErrorState error={points.error} /> : option && <EChart option={option} height={220} />}
      </section>
    </div>
  );
}
