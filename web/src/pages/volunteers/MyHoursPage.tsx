import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Empty, Input, InputNumber, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { hoursText, myHours, mySignups, MY_CERTIFICATE_URL, reportHours, type Hours } from '../../api/activities';
import { ApiError } from '../../api/client';
import { errorText } from '../../api/errorText';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { BiNameText, Field } from '../dissemination/parts';
import './volunteers.css';

export const HOURS_COLOR = { pending: 'gold', approved: 'green', rejected: 'red' } as const;

/** Downloads a file the server makes (a PDF), showing the server's message when it cannot. */
export async function download(url: string, filename: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin', headers: { 'Accept-Language': document.documentElement.lang || 'zh-Hans' } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? `http.${res.status}`, body?.error?.message ?? '');
  }
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** The volunteer's hours (phone-sized): totals, a self-report for approval, the list, and the certificate. */
export function MyHoursPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const hours = useQuery({ queryKey: ['hours', 'mine'], queryFn: myHours });
  const signups = useQuery({ queryKey: ['activities', 'mine'], queryFn: mySignups });
  const [activityId, setActivityId] = useState<string | undefined>();
  const [amount, setAmount] = useState<number | null>(null);
  const [description, setDescription] = useState('');
  const report = useMutation({
    mutationFn: () => reportHours({ activityId: activityId ?? null, minutes: Math.round((amount ?? 0) * 60), description: description.trim() || null }),
    onSuccess: () => {
      setAmount(null);
      setDescription('');
      setActivityId(undefined);
      void queryClient.invalidateQueries({ queryKey: ['hours'] });
      void message.success(t('hours.reported'));
    },
  });
  const certificate = useMutation({
    mutationFn: () => download(MY_CERTIFICATE_URL, 'certificate.pdf'),
    onError: (e) => void message.error(errorText(e, t)),
  });

  if (hours.isError) return <ErrorState error={hours.error} onRetry={() => void hours.refetch()} />;
  if (!hours.data) return <Loading />;
  const started = (signups.data ?? []).filter((s) => s.status === 'confirmed' && Date.parse(s.activity.startsAt) <= Date.now());

  return (
    <div className="vol-phone" data-testid="my-hours-page">
      <h1 className="page-title">
        <Msg k="vol.my.hours" />
      </h1>
      <Card>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <div>
            <Msg k="hours.approvedTotal" />
            <div className="vol-total" data-testid="hours-approved" data-minutes={hours.data.approvedMinutes}>
              {hoursText(hours.data.approvedMinutes)}
            </div>
          </div>
          <div data-testid="hours-pending" data-minutes={hours.data.pendingMinutes}>
            <Msg k="hours.pendingTotal" vars={{ h: hoursText(hours.data.pendingMinutes) }} />
          </div>
          <Button type="primary" size="large" block disabled={hours.data.approvedMinutes === 0} loading={certificate.isPending} onClick={() => certificate.mutate()} data-testid="certificate-download">
            <Msg k="hours.certificate" />
          </Button>
        </Space>
      </Card>
      <Card title={<Msg k="hours.report" />}>
        <div className="vol-form" data-testid="hours-report">
          {report.isError && <ErrorState error={report.error} />}
          <Field label="hours.activity">
            <Select
              allowClear
              style={{ width: '100%' }}
              value={activityId}
              onChange={setActivityId}
              aria-label={t('hours.activity')}
              data-testid="hours-activity"
              options={started.map((s) => ({ value: s.activity.id, label: s.activity.title.zh }))}
            />
          </Field>
          <Field label="hours.amount">
            <InputNumber min={0.1} max={24} step={0.5} value={amount} onChange={(v) => setAmount(v)} aria-label={t('hours.amount')} data-testid="hours-amount" />
          </Field>
          {!activityId && (
            <span className="vol-activity__meta">
              <Msg k="hours.noActivity" />
            </span>
          )}
          {!activityId && (
            <Field label="hours.description">
              <Input.TextArea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} aria-label={t('hours.description')} />
            </Field>
          )}
          <Button type="primary" block disabled={!amount || (!activityId && !description.trim())} loading={report.isPending} onClick={() => report.mutate()} data-testid="hours-submit">
            <Msg k="hours.submit" />
          </Button>
        </div>
      </Card>
      <Card title={<Msg k="hours.records" />}>
        {hours.data.items.length === 0 ? <Empty description={<Msg k="hours.none" />} /> : <HoursList items={hours.data.items} />}
      </Card>
    </div>
  );
}

function HoursList({ items }: { items: Hours[] }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="hours-list">
      {items.map((h) => (
        <div key={h.id} className="vol-activity" data-testid="hours-item" data-status={h.status}>
          <b>{h.activity ? <BiNameText name={h.activity.title} /> : <ScriptText text={h.description ?? ''} />}</b>
          <div className="vol-activity__meta">
            {h.serviceDate} · <Msg k="hours.h" vars={{ h: hoursText(h.minutes) }} /> · <Msg k={`hours.source.${h.source}`} />
          </div>
          <div>
            <Tag color={HOURS_COLOR[h.status]}>
              <Msg k={`hours.status.${h.status}`} />
            </Tag>
            {h.reason && <ScriptText text={h.reason} />}
          </div>
        </div>
      ))}
    </Space>
  );
}
