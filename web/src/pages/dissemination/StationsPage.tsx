import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Drawer, Input, InputNumber, Modal, Radio, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  can,
  createStation,
  importStations,
  listStations,
  STATION_KINDS,
  STATION_STATUSES,
  STATION_TEMPLATE_URL,
  stationExportUrl,
  stationUptime,
  updateStation,
  type Station,
  type StationFilter,
  type StationInput,
  type StationKind,
  type StationStatus,
} from '../../api/dissemination';
import { useMe } from '../../api/queries';
import { ErrorState } from '../../components/ErrorState';
import { formatTime } from '../content/parts';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { BiNameText, ButtonFilter, EChart, Field, ImportDialog, OrgPicker } from './parts';

const PAGE_SIZE = 20;
const pick = <T extends string>(v: string | null, all: readonly T[]) => (all.includes(v as T) ? (v as T) : undefined);

/** E-stations in the user's scope: filters, the list, create/edit, Excel import and export, uptime. */
export function StationsPage() {
  const { lang, t } = useI18n();
  const { data: me } = useMe();
  const manage = can.manageStations(me);
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filter: StationFilter = {
    status: pick<StationStatus>(params.get('status'), STATION_STATUSES),
    kind: pick<StationKind>(params.get('kind'), STATION_KINDS),
    q: params.get('q') || undefined,
    orgId: params.get('org') || undefined,
    silentHours: Number(params.get('silent')) || undefined,
  };
  const stations = useQuery({
    queryKey: ['stations', filter, page],
    queryFn: () => listStations({ ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  });
  const [editing, setEditing] = useState<Station | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [uptimeOf, setUptimeOf] = useState<Station | null>(null);
  const [text, setText] = useState(filter.q ?? '');

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next);
  };

  const columns: ColumnsType<Station> = [
    { key: 'code', title: <Msg k="station.code" />, dataIndex: 'code', render: (code: string) => <code data-testid="station-code">{code}</code> },
    { key: 'name', title: <Msg k="station.name" />, render: (_, s) => <BiNameText name={s.name} both /> },
    { key: 'org', title: <Msg k="dis.org" />, render: (_, s) => <BiNameText name={s.org.name} /> },
    { key: 'kind', title: <Msg k="station.kind" />, render: (_, s) => <Msg k={`station.kind.${s.kind}`} /> },
    {
      key: 'status',
      title: <Msg k="station.status" />,
      render: (_, s) => (
        <Tag color={s.status === 'active' ? 'green' : s.status === 'inactive' ? 'orange' : 'default'} data-status={s.status}>
          <Msg k={`station.status.${s.status}`} />
        </Tag>
      ),
    },
    {
      key: 'beat',
      title: <Msg k="station.lastHeartbeat" />,
      render: (_, s) => (s.lastHeartbeatAt ? formatTime(s.lastHeartbeatAt, lang) : <Msg k="station.never" />),
    },
    {
      key: 'owner',
      title: <Msg k="station.owner" />,
      render: (_, s) => (
        <span>
          {s.owner.name && <ScriptText text={s.owner.name} />} {s.owner.phone}
        </span>
      ),
    },
    {
      key: 'actions',
      title: <Msg k="dis.actions" />,
      render: (_, s) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setUptimeOf(s)} data-testid="station-uptime">
            <Msg k="station.uptime" />
          </Button>
          {manage && (
            <Button size="small" onClick={() => setEditing(s)} data-testid="station-edit">
              <Msg k="dis.edit" />
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="dis-page" data-testid="stations-page">
      <div className="dis-head">
        <h1 className="page-title">
          <Msg k="station.title" />
        </h1>
        <div className="dis-head__tools">
          {manage && (
            <>
              <Button type="primary" onClick={() => setEditing('new')} data-testid="station-new">
                <Msg k="station.new" />
              </Button>
              <Button onClick={() => setImporting(true)} data-testid="station-import">
                <Msg k="dis.import" />
              </Button>
              <Button href={STATION_TEMPLATE_URL} data-testid="station-template">
                <Msg k="dis.import.template" />
              </Button>
            </>
          )}
          <Button href={stationExportUrl('xlsx', filter)} data-testid="station-export-xlsx">
            <Msg k="dis.export" vars={{ format: 'Excel' }} />
          </Button>
          <Button href={stationExportUrl('csv', filter)} data-testid="station-export-csv">
            <Msg k="dis.export" vars={{ format: 'CSV' }} />
          </Button>
        </div>
      </div>
      <div className="dis-filters">
        <ButtonFilter label="station.status" values={STATION_STATUSES} value={filter.status} onChange={(v) => set('status', v)} itemLabel={(v) => `station.status.${v}`} testId="filter-status" />
        <ButtonFilter label="station.kind" values={STATION_KINDS} value={filter.kind} onChange={(v) => set('kind', v)} itemLabel={(v) => `station.kind.${v}`} testId="filter-kind" />
        <OrgPicker value={filter.orgId} onChange={(id) => set('org', id)} />
        <Field label="dis.search">
          <Input.Search
            size="small"
            allowClear
            value={text}
            style={{ width: 200 }}
            aria-label={t('dis.search')}
            data-testid="filter-q"
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => set('q', v.trim() || undefined)}
          />
        </Field>
        <Field label="station.silentHours">
          <InputNumber
            size="small"
            min={1}
            max={24 * 366}
            value={filter.silentHours ?? null}
            aria-label={t('station.silentHours')}
            data-testid="filter-silent"
            onChange={(v) => set('silent', v ? String(v) : undefined)}
          />
        </Field>
      </div>
      {stations.isError ? (
        <ErrorState error={stations.error} onRetry={() => void stations.refetch()} />
      ) : (
        <Table<Station>
          rowKey="id"
          size="middle"
          loading={stations.isPending}
          columns={columns}
          dataSource={stations.data?.items ?? []}
          data-testid="stations-table"
          locale={{ emptyText: <Msg k="station.empty" /> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: stations.data?.total ?? 0,
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
      {editing && (
        <StationForm
          station={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void queryClient.invalidateQueries({ queryKey: ['stations'] });
            void message.success(t('dis.saved'));
          }}
        />
      )}
      <ImportDialog
        open={importing}
        onClose={() => setImporting(false)}
        title="station.importTitle"
        run={importStations}
        templateUrl={STATION_TEMPLATE_URL}
        onImported={(n) => {
          void queryClient.invalidateQueries({ queryKey: ['stations'] });
          void message.success(t('dis.import.done', { n }));
        }}
      />
      <Drawer open={!!uptimeOf} onClose={() => setUptimeOf(null)} size="large" title={uptimeOf && <BiNameText name={uptimeOf.name} both />}>
        {uptimeOf && <Uptime station={uptimeOf} />}
      </Drawer>
    </div>
  );
}

/** Minutes up per day for the last 30 days, from the station's heartbeats. */
function Uptime({ station }: { station: Station }) {
  const uptime = useQuery({ queryKey: ['stations', 'uptime', station.id], queryFn: () => stationUptime(station.id) });
  const option = useMemo(
    () =>
      uptime.data && {
        grid: { left: 48, right: 12, top: 20, bottom: 40 },
        tooltip: { trigger: 'axis' as const },
        xAxis: { type: 'category' as const, data: uptime.data.map((d) => d.day.slice(5)) },
        yAxis: { type: 'value' as const, max: 1440 },
        series: [{ type: 'bar' as const, data: uptime.data.map((d) => d.minutes), itemStyle: { color: '#1677ff' } }],
      },
    [uptime.data],
  );
  if (uptime.isError) return <ErrorState error={uptime.error} onRetry={() => void uptime.refetch()} />;
  return (
    <div data-testid="uptime">
      <p>
        <Msg k="station.uptimeHint" />
      </p>
      {option && <EChart option={option} height={280} testId="uptime-chart" />}
    </div>
  );
}

function StationForm({ station, onClose, onSaved }: { station: Station | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState(station?.code ?? '');
  const [nameZh, setNameZh] = useState(station?.name.zh ?? '');
  const [nameMn, setNameMn] = useState(station?.name.mn ?? '');
  const [orgId, setOrgId] = useState<string | undefined>(station?.orgId);
  const [place, setPlace] = useState(station?.place ?? '');
  const [kind, setKind] = useState<StationKind>(station?.kind ?? 'kiosk');
  const [status, setStatus] = useState<StationStatus>(station?.status ?? 'active');
  const [ownerName, setOwnerName] = useState(station?.owner.name ?? '');
  const [ownerPhone, setOwnerPhone] = useState(station && !station.owner.phoneMasked ? (station.owner.phone ?? '') : '');

  const save = useMutation({
    mutationFn: () => {
      const body: StationInput = {
        name: { zh: nameZh.trim(), mn: nameMn.trim() || null },
        orgId: orgId!,
        place: place.trim() || null,
        kind,
        status,
        ...(station && station.owner.phoneMasked ? { owner: { name: ownerName.trim() || null } } : { owner: { name: ownerName.trim() || null, phone: ownerPhone.trim() || null } }),
      };
      return station ? updateStation(station.id, body) : createStation({ ...body, code: code.trim() });
    },
    onSuccess: onSaved,
  });
  const valid = nameZh.trim() && orgId && (station || /^[0-9A-Za-z_-]+$/.test(code.trim()));

  return (
    <Modal
      open
      title={<Msg k={station ? 'station.edit' : 'station.new'} />}
      onCancel={onClose}
      okText={t('common.save')}
      okButtonProps={{ disabled: !valid, loading: save.isPending, ...{ 'data-testid': 'station-save' } }}
      onOk={() => save.mutate()}
      width={680}
    >
      <div className="dis-form">
        {save.isError && <ErrorState error={save.error} />}
        <Field label="station.code">
          <Input value={code} disabled={!!station} onChange={(e) => setCode(e.target.value)} data-testid="station-form-code" aria-label={t('station.code')} />
        </Field>
        <Field label="station.nameZh">
          <Input lang="zh-Hans" value={nameZh} onChange={(e) => setNameZh(e.target.value)} data-testid="station-form-name" aria-label={t('station.nameZh')} />
        </Field>
        <Field label="station.nameMn">
          <Input.TextArea lang="mn-Mong" className="dis-mongol-input" value={nameMn} onChange={(e) => setNameMn(e.target.value.replace(/\n/g, ' '))} aria-label={t('station.nameMn')} />
        </Field>
        <OrgPicker value={orgId} onChange={setOrgId} allowClear={false} testId="station-form-org" />
        <Field label="station.place">
          <Input value={place} onChange={(e) => setPlace(e.target.value)} aria-label={t('station.place')} />
        </Field>
        <Field label="station.kind">
          <Radio.Group optionType="button" size="small" value={kind} onChange={(e) => setKind(e.target.value as StationKind)}>
            {STATION_KINDS.map((k) => (
              <Radio.Button key={k} value={k}>
                <Msg k={`station.kind.${k}`} />
              </Radio.Button>
            ))}
          </Radio.Group>
        </Field>
        <Field label="station.status">
          <Radio.Group optionType="button" size="small" value={status} onChange={(e) => setStatus(e.target.value as StationStatus)}>
            {STATION_STATUSES.map((k) => (
              <Radio.Button key={k} value={k}>
                <Msg k={`station.status.${k}`} />
              </Radio.Button>
            ))}
          </Radio.Group>
        </Field>
        <Field label="station.ownerName">
          <Input value={ownerName} onChange={(e) => setOwnerName(e.target.value)} aria-label={t('station.ownerName')} />
        </Field>
        {!(station && station.owner.phoneMasked) && (
          <Field label="station.ownerPhone">
            <Input value={ownerPhone} inputMode="tel" onChange={(e) => setOwnerPhone(e.target.value)} aria-label={t('station.ownerPhone')} />
          </Field>
        )}
      </div>
    </Modal>
  );
}
