import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, InputNumber, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { activitySignups, addSignup, cancelSignup, getActivity, reportBeneficiaries, updateActivity, venueQr, type Activity, type Signup } from '../../api/activities';
import { errorText } from '../../api/errorText';
import { listVolunteers } from '../../api/volunteers';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { formatTime } from '../content/parts';
import { BiNameText, Field } from '../dissemination/parts';
import { ActivityMeta, SIGNUP_COLOR } from '../volunteers/MyActivitiesPage';
import { ACTIVITY_STATUS_COLOR } from './ActivitiesPage';
import { HoursTable } from './HoursApprovalPage';
import '../volunteers/volunteers.css';

/** One activity for its staff: figures, sign-ups with the waiting list and check-ins, beneficiaries, hours to approve. */
export function ActivityPage() {
  const { id = '' } = useParams();
  const activity = useQuery({ queryKey: ['activities', id], queryFn: () => getActivity(id) });
  if (activity.isError) return <ErrorState error={activity.error} onRetry={() => void activity.refetch()} />;
  if (!activity.data) return <Loading />;
  return <ActivityView a={activity.data} />;
}

function Stat({ label, n, testId }: { label: Parameters<typeof Msg>[0]['k']; n: number | string; testId: string }) {
  return (
    <div className="act-stat">
      <div>
        <Msg k={label} />
      </div>
      <div className="act-stat__n" data-testid={testId}>
        {n}
      </div>
    </div>
  );
}

function ActivityView({ a }: { a: Activity }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['activities'] });
  const [reported, setReported] = useState<number | null>(a.beneficiaries.reported);
  const saveReported = useMutation({
    mutationFn: () => reportBeneficiaries(a.id, reported),
    onSuccess: () => {
      refresh();
      void message.success(t('dis.saved'));
    },
    onError: (e) => void message.error(errorText(e, t)),
  });
  const setStatus = useMutation({
    mutationFn: (status: Activity['status']) => updateActivity(a.id, { status }),
    onSuccess: refresh,
    onError: (e) => void message.error(errorText(e, t)),
  });

  return (
    <div className="dis-page" data-testid="activity-page" data-id={a.id}>
      <div className="dis-head">
        <h1 className="page-title">
          <BiNameText name={a.title} both />
        </h1>
        <div className="dis-head__tools">
          <Tag color={ACTIVITY_STATUS_COLOR[a.status]} data-testid="activity-status">
            <Msg k={`act.status.${a.status}`} />
          </Tag>
          {a.canManage && (
            <>
              <Link to={`/scanner?activity=${a.id}`}>
                <Button type="primary" data-testid="activity-scan">
                  <Msg k="scan.title" />
                </Button>
              </Link>
              {a.status === 'open' && (
                <Button onClick={() => setStatus.mutate('closed')}>
                  <Msg k="act.close" />
                </Button>
              )}
              {a.status === 'closed' && (
                <Button onClick={() => setStatus.mutate('open')}>
                  <Msg k="act.reopen" />
                </Button>
              )}
            </>
          )}
        </div>
      </div>
      <Space orientation="vertical" style={{ width: '100%' }} size={16}>
        <Card>
          <ActivityMeta a={a} />
          <div className="vol-activity__meta">
            <Msg k="act.organiser" />: <BiNameText name={a.org.name} /> · <Msg k={`act.audience.${a.audience}`} /> · <Msg k={`act.lang.${a.language}`} />
          </div>
          {a.description && <ScriptText text={a.description} />}
          <div className="act-stats" style={{ marginTop: 12 }}>
            <Stat label="act.stat.confirmed" n={`${a.signups.confirmed}/${a.capacity}`} testId="stat-confirmed" />
            <Stat label="act.stat.waiting" n={a.signups.waitlisted} testId="stat-waiting" />
            <Stat label="act.stat.checkedIn" n={a.attendance.checkedIn} testId="stat-checked-in" />
            <Stat label="act.stat.checkedOut" n={a.attendance.checkedOut} testId="stat-checked-out" />
            <Stat label="act.stat.counted" n={a.beneficiaries.counted} testId="stat-counted" />
            <Stat label="act.stat.reported" n={a.beneficiaries.reported ?? '—'} testId="stat-reported" />
          </div>
          {a.canManage && (
            <Field label="act.reportBeneficiaries">
              <InputNumber min={0} value={reported} onChange={setReported} aria-label={t('act.reportBeneficiaries')} data-testid="reported-input" />
              <Button size="small" onClick={() => saveReported.mutate()} loading={saveReported.isPending} data-testid="reported-save">
                <Msg k="common.save" />
              </Button>
            </Field>
          )}
        </Card>
        <Signups a={a} />
        {a.canManage && (
          <Card title={<Msg k="hours.approvalTitle" />}>
            <HoursTable activityId={a.id} />
          </Card>
        )}
        {a.canManage && <VenueQr id={a.id} />}
      </Space>
    </div>
  );
}

function Signups({ a }: { a: Activity }) {
  const { lang, t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const signups = useQuery({ queryKey: ['activities', a.id, 'signups'], queryFn: () => activitySignups(a.id) });
  const [adding, setAdding] = useState<string | undefined>();
  const volunteers = useQuery({ queryKey: ['volunteers', 'approved-picker'], queryFn: () => listVolunteers({ status: 'approved', limit: 500 }), enabled: a.canManage });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['activities'] });
  const add = useMutation({
    mutationFn: (volunteerId: string) => addSignup(a.id, volunteerId),
    onSuccess: () => {
      setAdding(undefined);
      refresh();
    },
    onError: (e) => void message.error(errorText(e, t)),
  });
  const cancel = useMutation({ mutationFn: cancelSignup, onSuccess: refresh, onError: (e) => void message.error(errorText(e, t)) });

  const columns: ColumnsType<Signup> = [
    { key: 'name', title: <Msg k="vol.name" />, render: (_, s) => <ScriptText text={s.volunteer.name} testId="signup-name" /> },
    { key: 'org', title: <Msg k="dis.org" />, render: (_, s) => <BiNameText name={s.volunteer.orgName} /> },
    { key: 'phone', title: <Msg k="vol.phone" />, render: (_, s) => s.volunteer.phone },
    {
      key: 'status',
      title: <Msg k="act.status" />,
      render: (_, s) => (
        <>
          <Tag color={SIGNUP_COLOR[s.status]} data-testid="signup-status">
            <Msg k={`act.signup.${s.status}`} />
          </Tag>
          {s.position && <Msg k="act.position" vars={{ n: s.position }} />}
        </>
      ),
    },
    { key: 'in', title: <Msg k="act.checkIn" />, render: (_, s) => <span data-testid="signup-in">{formatTime(s.checkedInAt, lang)}</span> },
    { key: 'out', title: <Msg k="act.checkOut" />, render: (_, s) => formatTime(s.checkedOutAt, lang) },
    ...(a.canManage
      ? [
          {
            key: 'actions',
            title: <Msg k="dis.actions" />,
            render: (_: unknown, s: Signup) =>
              s.status !== 'cancelled' && !s.checkedInAt ? (
                <Button size="small" danger onClick={() => cancel.mutate(s.id)} loading={cancel.isPending && cancel.variables === s.id}>
                  <Msg k="act.cancelSignup" />
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Card
      title={<Msg k="act.signupsTitle" />}
      extra={
        a.canManage && (
          <Space>
            <Select
              showSearch
              style={{ width: 220 }}
              value={adding}
              onChange={setAdding}
              optionFilterProp="label"
              aria-label={t('act.addVolunteer')}
              options={(volunteers.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.name} ${v.phone}` }))}
            />
            <Button disabled={!adding} loading={add.isPending} onClick={() => adding && add.mutate(adding)}>
              <Msg k="act.addVolunteer" />
            </Button>
          </Space>
        )
      }
    >
      {signups.isError ? (
        <ErrorState error={signups.error} onRetry={() => void signups.refetch()} />
      ) : (
        <Table<Signup> rowKey="id" size="small" loading={signups.isPending} columns={columns} dataSource={signups.data ?? []} pagination={false} data-testid="signups-table" locale={{ emptyText: <Msg k="act.noSignupsYet" /> }} />
      )}
    </Card>
  );
}

/** The venue QR the audience scans to be counted (beneficiaries, once per phone). */
function VenueQr({ id }: { id: string }) {
  const [shown, setShown] = useState(false);
  const qr = useQuery({ queryKey: ['activities', id, 'venue-qr'], queryFn: () => venueQr(id), enabled: shown });
  return (
    <Card title={<Msg k="act.venueQr" />}>
      <p>
        <Msg k="act.venueQrHint" />
      </p>
      {!shown ? (
        <Button onClick={() => setShown(true)} data-testid="venue-qr-show">
          <Msg k="act.venueQrShow" />
        </Button>
      ) : qr.data ? (
        <div data-testid="venue-qr" data-url={qr.data.url}>
          <img className="act-venue-qr" alt="QR" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.data.svg)}`} />
          <code>{qr.data.url}</code>
        </div>
      ) : (
        <Loading />
      )}
    </Card>
  );
}
