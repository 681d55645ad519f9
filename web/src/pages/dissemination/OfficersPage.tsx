import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { can, decideOfficer, importOfficers, listOfficers, officerContact, OFFICER_STATUSES, type OfficerRow, type OfficerStatus } from '../../api/dissemination';
import { errorText } from '../../api/errorText';
import { useMe } from '../../api/queries';
import { ErrorState } from '../../components/ErrorState';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { BiNameText, ButtonFilter, ImportDialog } from './parts';

const PAGE_SIZE = 20;
const STATUS_COLOR: Record<OfficerStatus, string> = { pending: 'gold', approved: 'green', rejected: 'red', suspended: 'default' };

/** Science information officers in scope: approve, reject or suspend; import; the full phone number on request (audited). */
export function OfficersPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const manage = can.manageOfficers(me);
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = (OFFICER_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as OfficerStatus) : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const officers = useQuery({
    queryKey: ['officers', status, page],
    queryFn: () => listOfficers({ status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  });
  const [contacts, setContacts] = useState<Record<string, string>>({});
  const [importing, setImporting] = useState(false);

  const decide = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'approve' | 'reject' | 'suspend' }) => decideOfficer(id, action),
    onSuccess: (o) => {
      void queryClient.invalidateQueries({ queryKey: ['officers'] });
      void message.success(o.username ? t('officer.approvedWithLogin', { username: o.username }) : t('dis.saved'));
    },
    onError: (e) => void message.error(errorText(e, t)),
  });
  const contact = useMutation({
    mutationFn: officerContact,
    onSuccess: (c) => setContacts((prev) => ({ ...prev, [c.id]: c.phone })),
    onError: (e) => void message.error(errorText(e, t)),
  });

  const columns: ColumnsType<OfficerRow> = [
    { key: 'code', title: <Msg k="officer.code" />, render: (_, o) => <code>{o.code}</code> },
    { key: 'name', title: <Msg k="officer.name" />, render: (_, o) => <ScriptText text={o.name} /> },
    { key: 'org', title: <Msg k="dis.org" />, render: (_, o) => <BiNameText name={o.orgName} /> },
    {
      key: 'phone',
      title: <Msg k="officer.phone" />,
      render: (_, o) => (
        <Space size={6}>
          <span data-testid="officer-phone">{contacts[o.id] ?? o.phone}</span>
          {manage && !contacts[o.id] && (
            <Button size="small" type="link" loading={contact.isPending && contact.variables === o.id} onClick={() => contact.mutate(o.id)} data-testid="officer-contact">
              <Msg k="officer.showContact" />
            </Button>
          )}
        </Space>
      ),
    },
    {
      key: 'status',
      title: <Msg k="officer.status" />,
      render: (_, o) => (
        <Tag color={STATUS_COLOR[o.status]} data-status={o.status}>
          <Msg k={`officer.status.${o.status}`} />
        </Tag>
      ),
    },
    ...(manage
      ? [
          {
            key: 'actions',
            title: <Msg k="dis.actions" />,
            render: (_: unknown, o: OfficerRow) => (
              <Space size={4} wrap>
                {(o.status === 'pending' || o.status === 'suspended' || o.status === 'rejected') && (
                  <Button size="small" type="primary" onClick={() => decide.mutate({ id: o.id, action: 'approve' })} data-testid="officer-approve">
                    <Msg k="officer.approve" />
                  </Button>
                )}
                {o.status === 'pending' && (
                  <Button size="small" danger onClick={() => decide.mutate({ id: o.id, action: 'reject' })} data-testid="officer-reject">
                    <Msg k="officer.reject" />
                  </Button>
                )}
                {o.status === 'approved' && (
                  <Button size="small" onClick={() => decide.mutate({ id: o.id, action: 'suspend' })} data-testid="officer-suspend">
                    <Msg k="officer.suspend" />
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="dis-page" data-testid="officers-page">
      <div className="dis-head">
        <h1 className="page-title">
          <Msg k="officer.title" />
        </h1>
        {manage && (
          <div className="dis-head__tools">
            <Button onClick={() => setImporting(true)} data-testid="officer-import">
              <Msg k="dis.import" />
            </Button>
          </div>
        )}
      </div>
      <div className="dis-filters">
        <ButtonFilter
          label="officer.status"
          values={OFFICER_STATUSES}
          value={status}
          itemLabel={(v) => `officer.status.${v}`}
          testId="filter-status"
          onChange={(v) => {
            const next = new URLSearchParams(params);
            if (v) next.set('status', v);
            else next.delete('status');
            next.delete('page');
            setParams(next);
          }}
        />
      </div>
      {officers.isError ? (
        <ErrorState error={officers.error} onRetry={() => void officers.refetch()} />
      ) : (
        <Table<OfficerRow>
          rowKey="id"
          loading={officers.isPending}
          columns={columns}
          dataSource={officers.data?.items ?? []}
          locale={{ emptyText: <Msg k="officer.empty" /> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: officers.data?.total ?? 0,
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
      <ImportDialog
        open={importing}
        onClose={() => setImporting(false)}
        title="officer.importTitle"
        run={importOfficers}
        onImported={(n) => {
          void queryClient.invalidateQueries({ queryKey: ['officers'] });
          void message.success(t('dis.import.done', { n }));
        }}
      />
    </div>
  );
}
