import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Input, Modal, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { createPairing, listPairings, updatePairing, type Pairing } from '../../api/activities';
import { errorText } from '../../api/errorText';
import { useMe, useOrgs } from '../../api/queries';
import { ErrorState } from '../../components/ErrorState';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { BiNameText, Field } from '../dissemination/parts';
import '../volunteers/volunteers.css';

/** Society ↔ banner pairings and what each produced: activities, volunteers checked in, beneficiaries (counted and reported, apart). */
export function PairingsPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const pairings = useQuery({ queryKey: ['pairings'], queryFn: listPairings });
  const orgs = useOrgs();
  const [creating, setCreating] = useState(false);
  const [society, setSociety] = useState<string | undefined>();
  const [banner, setBanner] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const isAdmin = !!me?.roles.some((g) => g.role === 'admin');
  const create = useMutation({
    mutationFn: () => createPairing({ societyOrgId: society!, bannerOrgId: banner!, note: note.trim() || null }),
    onSuccess: () => {
      setCreating(false);
      void queryClient.invalidateQueries({ queryKey: ['pairings'] });
      void message.success(t('dis.saved'));
    },
  });
  const end = useMutation({
    mutationFn: (p: Pairing) => updatePairing(p.id, { status: p.status === 'active' ? 'ended' : 'active' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['pairings'] }),
    onError: (e) => void message.error(errorText(e, t)),
  });
  const columns: ColumnsType<Pairing> = [
    { key: 'society', title: <Msg k="pair.society" />, render: (_, p) => <BiNameText name={p.society.name} /> },
    { key: 'banner', title: <Msg k="pair.banner" />, render: (_, p) => <BiNameText name={p.banner.name} /> },
    { key: 'since', title: <Msg k="pair.since" />, dataIndex: 'since' },
    {
      key: 'activities',
      title: <Msg k="pair.activities" />,
      render: (_, p) => (
        <Link to={`/activities?pairing=${p.id}`} data-testid="pairing-activities">
          {p.produced.activities}
        </Link>
      ),
    },
    { key: 'checkedIn', title: <Msg k="act.checkedIn" />, render: (_, p) => p.produced.checkedIn },
    { key: 'counted', title: <Msg k="act.stat.counted" />, render: (_, p) => p.produced.beneficiariesCounted },
    { key: 'reported', title: <Msg k="act.stat.reported" />, render: (_, p) => p.produced.beneficiariesReported },
    {
      key: 'status',
      title: <Msg k="act.status" />,
      render: (_, p) => (
        <Tag color={p.status === 'active' ? 'green' : 'default'}>
          <Msg k={`pair.status.${p.status}`} />
        </Tag>
      ),
    },
    {
      key: 'actions',
      title: <Msg k="dis.actions" />,
      render: (_, p) =>
        p.canManage && (
          <Button size="small" onClick={() => end.mutate(p)}>
            <Msg k={p.status === 'active' ? 'pair.end' : 'pair.resume'} />
          </Button>
        ),
    },
  ];
  const of = (kind: string) => (orgs.data ?? []).filter((o) => o.kind === kind).map((o) => ({ value: o.id, label: `${o.name.zh} ${o.code}` }));
  return (
    <div className="dis-page" data-testid="pairings-page">
      <div className="dis-head">
        <h1 className="page-title">
          <Msg k="pair.title" />
        </h1>
        <div className="dis-head__tools">
          {isAdmin && (
            <Button type="primary" onClick={() => setCreating(true)}>
              <Msg k="pair.new" />
            </Button>
          )}
        </div>
      </div>
      {pairings.isError ? <ErrorState error={pairings.error} onRetry={() => void pairings.refetch()} /> : <Table<Pairing> rowKey="id" loading={pairings.isPending} columns={columns} dataSource={pairings.data ?? []} pagination={false} locale={{ emptyText: <Msg k="pair.empty" /> }} />}
      <Modal open={creating} title={<Msg k="pair.new" />} onCancel={() => setCreating(false)} okText={t('common.save')} okButtonProps={{ disabled: !society || !banner, loading: create.isPending }} onOk={() => create.mutate()}>
        <div className="dis-form">
          {create.isError && <ErrorState error={create.error} />}
          <Field label="pair.society">
            <Select showSearch style={{ width: 300 }} value={society} onChange={setSociety} optionFilterProp="label" aria-label={t('pair.society')} options={of('society')} />
          </Field>
          <Field label="pair.banner">
            <Select showSearch style={{ width: 300 }} value={banner} onChange={setBanner} optionFilterProp="label" aria-label={t('pair.banner')} options={of('banner')} />
          </Field>
          <Field label="pair.note">
            <Input value={note} onChange={(e) => setNote(e.target.value)} aria-label={t('pair.note')} />
          </Field>
        </div>
      </Modal>
    </div>
  );
}
