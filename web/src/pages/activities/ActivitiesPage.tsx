import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Input, InputNumber, Modal, Radio, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  AUDIENCES,
  canActivities,
  createActivity,
  DELIVERY_LANGUAGES,
  listActivities,
  type Activity,
  type ActivityKind,
  type ActivityStatus,
  type Audience,
  type DeliveryLanguage,
} from '../../api/activities';
import { useMe, useOrgs } from '../../api/queries';
import { ErrorState } from '../../components/ErrorState';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { formatTime } from '../content/parts';
import { BiNameText, ButtonFilter, Field, OrgPicker } from '../dissemination/parts';
import '../volunteers/volunteers.css';

const PAGE_SIZE = 20;
const pick = <T extends string>(v: string | null, all: readonly T[]) => (all.includes(v as T) ? (v as T) : undefined);
export const ACTIVITY_STATUS_COLOR: Record<ActivityStatus, string> = { open: 'green', closed: 'default', cancelled: 'red' };

/** Activities organised or held in the user's scope: filters, the list, and a new activity. */
export function ActivitiesPage() {
  const { lang, t } = useI18n();
  const { data: me } = useMe();
  const manage = canActivities.manage(me);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filter = { kind: pick<ActivityKind>(params.get('kind'), ACTIVITY_KINDS), status: pick<ActivityStatus>(params.get('status'), ACTIVITY_STATUSES), orgId: params.get('org') || undefined, q: params.get('q') || undefined, pairingId: params.get('pairing') || undefined };
  const activities = useQuery({ queryKey: ['activities', 'list', filter, page], queryFn: () => listActivities({ ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }) });
  const [creating, setCreating] = useState(false);
  const [text, setText] = useState(filter.q ?? '');
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next);
  };

  const columns: ColumnsType<Activity> = [
    {
      key: 'title',
      title: <Msg k="act.title" />,
      render: (_, a) => (
        <Link to={`/activities/${a.id}`} data-testid="activity-link">
          <BiNameText name={a.title} both />
        </Link>
      ),
    },
    { key: 'kind', title: <Msg k="act.kind" />, render: (_, a) => <Msg k={`act.kind.${a.kind}`} /> },
    { key: 'org', title: <Msg k="act.organiser" />, render: (_, a) => <BiNameText name={a.org.name} /> },
    { key: 'time', title: <Msg k="act.time" />, render: (_, a) => formatTime(a.startsAt, lang) },
    { key: 'place', title: <Msg k="act.place" />, render: (_, a) => (a.place ? <BiNameText name={a.place.name} /> : (a.placeText ?? '')) },
    { key: 'signups', title: <Msg k="act.signups" />, render: (_, a) => `${a.signups.confirmed}/${a.capacity}${a.signups.waitlisted ? ` +${a.signups.waitlisted}` : ''}` },
    { key: 'checkedIn', title: <Msg k="act.checkedIn" />, render: (_, a) => a.attendance.checkedIn },
    {
      key: 'status',
      title: <Msg k="act.status" />,
      render: (_, a) => (
        <Tag color={ACTIVITY_STATUS_COLOR[a.status]}>
          <Msg k={`act.status.${a.status}`} />
        </Tag>
      ),
    },
  ];

  return (
    <div className="dis-page" data-testid="activities-page">
      <div className="dis-head">
        <h1 className="page-title">
          <Msg k="act.pageTitle" />
        </h1>
        <div className="dis-head__tools">
          {manage && (
            <>
              <Button type="primary" onClick={() => setCreating(true)} data-testid="activity-new">
                <Msg k="act.new" />
              </Button>
              <Link to="/scanner">
                <Button data-testid="goto-scanner">
                  <Msg k="scan.title" />
                </Button>
              </Link>
              <Link to="/service-hours">
                <Button data-testid="goto-hours">
                  <Msg k="hours.approvalTitle" />
                </Button>
              </Link>
            </>
          )}
          <Link to="/pairings">
            <Button>
              <Msg k="pair.title" />
            </Button>
          </Link>
        </div>
      </div>
      <div className="dis-filters">
        <ButtonFilter label="act.kind" values={ACTIVITY_KINDS} value={filter.kind} onChange={(v) => set('kind', v)} itemLabel={(v) => `act.kind.${v}`} testId="filter-kind" />
        <ButtonFilter label="act.status" values={ACTIVITY_STATUSES} value={filter.status} onChange={(v) => set('status', v)} itemLabel={(v) => `act.status.${v}`} testId="filter-status" />
        <OrgPicker value={filter.orgId} onChange={(id) => set('org', id)} />
        <Field label="dis.search">
          <Input.Search size="small" allowClear value={text} style={{ width: 200 }} aria-label={t('dis.search')} onChange={(e) => setText(e.target.value)} onSearch={(v) => set('q', v.trim() || undefined)} />
        </Field>
      </div>
      {activities.isError ? (
        <ErrorState error={activities.error} onRetry={() => void activities.refetch()} />
      ) : (
        <Table<Activity>
          rowKey="id"
          size="middle"
          loading={activities.isPending}
          columns={columns}
          dataSource={activities.data?.items ?? []}
          locale={{ emptyText: <Msg k="act.empty" /> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: activities.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (n) => <Msg k="dis.total" vars={{ n }} />,
            onChange: (p) => {
              const next = new URLSearchParams(params);
              next.set('page', String(p));
              setParams(next);
            },
          }}
        />
      )}
      {creating && <ActivityForm onClose={() => setCreating(false)} onCreated={(a) => void navigate(`/activities/${a.id}`)} />}
    </div>
  );
}

/** A local date-time input value (YYYY-MM-DDTHH:mm) for an instant, in the browser's zone. */
export const toLocalInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

function ActivityForm({ onClose, onCreated }: { onClose: () => void; onCreated: (a: Activity) => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const orgs = useOrgs();
  const { data: me } = useMe();
  const [orgId, setOrgId] = useState<string | undefined>(me?.roles.find((g) => g.role === 'admin' || g.role === 'organizer')?.orgId);
  const [kind, setKind] = useState<ActivityKind>('training');
  const [titleZh, setTitleZh] = useState('');
  const [titleMn, setTitleMn] = useState('');
  const [placeOrgId, setPlaceOrgId] = useState<string | undefined>();
  const [placeText, setPlaceText] = useState('');
  const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 86_400_000);
  const [startsAt, setStartsAt] = useState(toLocalInput(start));
  const [endsAt, setEndsAt] = useState(toLocalInput(new Date(start.getTime() + 3 * 3_600_000)));
  const [capacity, setCapacity] = useState<number | null>(30);
  const [audience, setAudience] = useState<Audience>('farmers_herders');
  const [language, setLanguage] = useState<DeliveryLanguage>('both');
  const places = (orgs.data ?? []).filter((o) => o.kind === 'banner' || o.kind === 'township' || o.kind === 'village');

  const save = useMutation({
    mutationFn: () =>
      createActivity({
        orgId: orgId!,
        kind,
        title: { zh: titleZh.trim(), mn: titleMn.trim() || null },
        placeOrgId: placeOrgId ?? null,
        placeText: placeText.trim() || null,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
        capacity: capacity ?? 1,
        audience,
        language,
      }),
    onSuccess: (a) => {
      void queryClient.invalidateQueries({ queryKey: ['activities'] });
      void message.success(t('dis.saved'));
      onCreated(a);
    },
  });
  const valid = orgId && titleZh.trim() && startsAt && endsAt && capacity;

  return (
    <Modal open title={<Msg k="act.new" />} onCancel={onClose} okText={t('common.save')} okButtonProps={{ disabled: !valid, loading: save.isPending, ...{ 'data-testid': 'activity-save' } }} onOk={() => save.mutate()} width={720}>
      <div className="dis-form">
        {save.isError && <ErrorState error={save.error} />}
        <OrgPicker value={orgId} onChange={setOrgId} allowClear={false} testId="activity-form-org" />
        <Field label="act.kind">
          <Radio.Group optionType="button" size="small" value={kind} onChange={(e) => setKind(e.target.value as ActivityKind)} data-testid="activity-form-kind">
            {ACTIVITY_KINDS.map((k) => (
              <Radio.Button key={k} value={k}>
                <Msg k={`act.kind.${k}`} />
              </Radio.Button>
            ))}
          </Radio.Group>
        </Field>
        <Field label="act.titleZh">
          <Input lang="zh-Hans" value={titleZh} onChange={(e) => setTitleZh(e.target.value)} aria-label={t('act.titleZh')} data-testid="activity-form-title" />
        </Field>
        <Field label="act.titleMn">
          <Input.TextArea lang="mn-Mong" className="dis-mongol-input" value={titleMn} onChange={(e) => setTitleMn(e.target.value.replace(/\n/g, ' '))} aria-label={t('act.titleMn')} />
        </Field>
        <Field label="act.place">
          <Select
            showSearch
            allowClear
            style={{ width: 280 }}
            value={placeOrgId}
            onChange={setPlaceOrgId}
            optionFilterProp="label"
            aria-label={t('act.place')}
            data-testid="activity-form-place"
            options={places.map((o) => ({ value: o.id, label: `${o.name.zh} ${o.code}` }))}
          />
          <Input value={placeText} onChange={(e) => setPlaceText(e.target.value)} aria-label={t('act.placeText')} style={{ width: 220 }} />
        </Field>
        <Field label="act.startsAt">
          <Input type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} aria-label={t('act.startsAt')} data-testid="activity-form-start" style={{ width: 220 }} />
        </Field>
        <Field label="act.endsAt">
          <Input type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} aria-label={t('act.endsAt')} data-testid="activity-form-end" style={{ width: 220 }} />
        </Field>
        <Field label="act.capacity">
          <InputNumber min={1} max={100000} value={capacity} onChange={setCapacity} aria-label={t('act.capacity')} data-testid="activity-form-capacity" />
        </Field>
        <Field label="act.audience">
          <Radio.Group optionType="button" size="small" value={audience} onChange={(e) => setAudience(e.target.value as Audience)}>
            {AUDIENCES.map((a) => (
              <Radio.Button key={a} value={a}>
                <Msg k={`act.audience.${a}`} />
              </Radio.Button>
            ))}
          </Radio.Group>
        </Field>
        <Field label="act.language">
          <Radio.Group optionType="button" size="small" value={language} onChange={(e) => setLanguage(e.target.value as DeliveryLanguage)}>
            {DELIVERY_LANGUAGES.map((l) => (
              <Radio.Button key={l} value={l}>
                <Msg k={`act.lang.${l}`} />
              </Radio.Button>
            ))}
          </Radio.Group>
        </Field>
      </div>
    </Modal>
  );
}
