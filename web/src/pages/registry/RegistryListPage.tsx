import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Input, InputNumber, Modal, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { deleteRow, exportUrl, fetchLists, fetchSummary, listRows, templateUrl, type FieldDef, type Filter, type ListInfo, type Row } from '../../api/registry';
import { errorText } from '../../api/errorText';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { formatTime } from '../content/parts';
import { ButtonFilter, Field, OrgPicker } from '../dissemination/parts';
import { HistoryDrawer } from './HistoryDrawer';
import { ImportDialog } from './ImportDialog';
import { fieldKey, filterFields, listKey, valueKey } from './labels';
import { RowForm } from './RowForm';
import { ValueView } from './ValueView';
import './registry.css';

const PAGE_SIZE = 20;

/** One registry list, driven by its definition: filters, the table, the form, history, import and export. */
export function RegistryListPage() {
  const { list: key = '' } = useParams();
  const lists = useQuery({ queryKey: ['registry', 'lists'], queryFn: fetchLists, staleTime: 60_000 });
  if (lists.isError) return <ErrorState error={lists.error} onRetry={() => void lists.refetch()} />;
  if (!lists.data) return <Loading />;
  const list = lists.data.find((l) => l.key === key);
  if (!list) return <ErrorState error={new Error('not found')} />;
  return <ListView key={list.key} list={list} />;
}

function ListView({ list }: { list: ListInfo }) {
  const { lang, t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const { choice, range } = filterFields(list.fields);
  const filter: Filter = {};
  for (const [k, v] of params) if (k !== 'page' && v) filter[k] = v;
  const rows = useQuery({ queryKey: ['registry', list.key, 'rows', filter, page], queryFn: () => listRows(list.key, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }) });
  const summary = useQuery({ queryKey: ['registry', list.key, 'summary', filter], queryFn: () => fetchSummary(list.key, filter) });
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [text, setText] = useState(filter.q ?? '');
  const orgs = rows.data?.orgs ?? {};

  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('page');
    setParams(next);
  };
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['registry'] });
  const remove = useMutation({
    mutationFn: (id: string) => deleteRow(list.key, id),
    onSuccess: () => {
      refresh();
      void message.success(t('registry.deleted'));
    },
    onError: (e) => void message.error(errorText(e, t)),
  });

  const columns: ColumnsType<Row> = [
    ...list.fields
      .filter((f) => f.column)
      .map((f) => ({
        key: f.key,
        title: <Msg k={fieldKey(list.key, f.key)} />,
        render: (_: unknown, r: Row) => <ValueView list={list.key} field={f} value={r.values[f.key]} orgs={orgs} />,
      })),
    { key: 'updated', title: <Msg k="registry.updated" />, render: (_, r) => <span className="reg-time">{formatTime(r.updatedAt, lang)}</span> },
    {
      key: 'actions',
      title: <Msg k="dis.actions" />,
      render: (_, r) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setHistoryOf(r.id)} data-testid="reg-history-open">
            <Msg k="registry.history" />
          </Button>
          {r.canWrite && (
            <Button size="small" onClick={() => setEditing(r)} data-testid="reg-edit">
              <Msg k="registry.edit" />
            </Button>
          )}
          {r.canWrite && (
            <Button
              size="small"
              danger
              data-testid="reg-delete"
              onClick={() =>
                Modal.confirm({
                  title: <Msg k="registry.deleteConfirm" />,
                  okText: t('registry.delete'),
                  cancelText: t('common.cancel'),
                  okButtonProps: { danger: true },
                  onOk: () => remove.mutateAsync(r.id),
                })
              }
            >
              <Msg k="registry.delete" />
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const headline = summary.data?.headline;
  return (
    <div className="dis-page reg-page" data-testid="registry-list" data-list={list.key}>
      <div className="dis-head">
        <h1 className="page-title">
          <Link to="/registry" className="reg-crumb">
            <Msg k="registry.title" />
          </Link>
          <span className="reg-crumb-sep">/</span>
          <Msg k={listKey(list.key)} />
        </h1>
        <div className="dis-head__tools">
          {list.canWrite && (
            <>
              <Button type="primary" onClick={() => setEditing('new')} data-testid="reg-new">
                <Msg k="registry.new" />
              </Button>
              <Button onClick={() => setImporting(true)} data-testid="reg-import">
                <Msg k="registry.import" />
              </Button>
              <Button href={templateUrl(list.key, 'xlsx')} data-testid="reg-template">
                <Msg k="dis.import.template" />
              </Button>
            </>
          )}
          <Button href={exportUrl(list.key, 'xlsx', filter)} data-testid="reg-export-xlsx">
            <Msg k="dis.export" vars={{ format: 'Excel' }} />
          </Button>
          <Button href={exportUrl(list.key, 'csv', filter)} data-testid="reg-export-csv">
            <Msg k="dis.export" vars={{ format: 'CSV' }} />
          </Button>
        </div>
      </div>
      {summary.data && (
        <div className="dis-cards" data-testid="reg-summary">
          <div className="dis-card">
            <span className="dis-card__n" data-testid="reg-total">
              {summary.data.total}
            </span>
            <Msg k="registry.entries" />
          </div>
          {headline && (
            <div className="dis-card" data-testid="reg-headline" data-count={headline.count} data-total={headline.total} data-percent={headline.percent}>
              <span className="dis-card__n">{headline.percent}%</span>
              <Msg k="registry.headline" vars={{ value: t(valueKey(list.key, headline.field, headline.value)), count: headline.count, total: headline.total, percent: headline.percent }} />
            </div>
          )}
        </div>
      )}
      <div className="dis-filters">
        <OrgPicker value={filter.orgId} onChange={(id) => set('orgId', id)} />
        {choice.map((f) => (
          <ButtonFilter
            key={f.key}
            label={fieldKey(list.key, f.key)}
            values={f.type === 'enum' ? (f.values ?? []) : ['true', 'false']}
            value={filter[f.key]}
            onChange={(v) => set(f.key, v)}
            itemLabel={(v) => (f.type === 'enum' ? valueKey(list.key, f.key, v) : v === 'true' ? 'registry.yes' : 'registry.no')}
            testId={`reg-filter-${f.key}`}
          />
        ))}
        {range.map((f) => (
          <RangeFilter key={f.key} list={list.key} field={f} from={filter[`${f.key}_from`]} to={filter[`${f.key}_to`]} onChange={(edge, v) => set(`${f.key}_${edge}`, v)} />
        ))}
        <Field label="dis.search">
          <Input.Search size="small" allowClear value={text} style={{ width: 200 }} aria-label={t('dis.search')} data-testid="reg-filter-q" onChange={(e) => setText(e.target.value)} onSearch={(v) => set('q', v.trim() || undefined)} />
        </Field>
      </div>
      {rows.isError ? (
        <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />
      ) : (
        <Table<Row>
          rowKey="id"
          size="middle"
          loading={rows.isPending}
          columns={columns}
          dataSource={rows.data?.items ?? []}
          data-testid="reg-table"
          scroll={{ x: true }}
          locale={{ emptyText: <Msg k="registry.empty" /> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: rows.data?.total ?? 0,
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
        <RowForm
          list={list}
          row={editing === 'new' ? null : editing}
          orgs={orgs}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
            void message.success(t('dis.saved'));
          }}
        />
      )}
      {historyOf && <HistoryDrawer list={list} rowId={historyOf} orgs={orgs} onClose={() => setHistoryOf(null)} />}
      <ImportDialog
        list={list.key}
        open={importing}
        onClose={() => setImporting(false)}
        onImported={(n) => {
          refresh();
          void message.success(t('dis.import.done', { n }));
        }}
      />
    </div>
  );
}

/** From–to for a date or number field ("founded since …"). */
function RangeFilter({ list, field, from, to, onChange }: { list: string; field: FieldDef; from?: string; to?: string; onChange: (edge: 'from' | 'to', v: string | undefined) => void }) {
  const { t } = useI18n();
  const label = t(fieldKey(list, field.key));
  const input = (edge: 'from' | 'to', value: string | undefined) =>
    field.type === 'date' ? (
      <Input type="date" size="small" value={value ?? ''} style={{ width: 150 }} aria-label={`${label} ${t(`registry.${edge}`)}`} data-testid={`reg-filter-${field.key}-${edge}`} onChange={(e) => onChange(edge, e.target.value || undefined)} />
    ) : (
      <InputNumber size="small" value={value === undefined ? null : Number(value)} style={{ width: 110 }} aria-label={`${label} ${t(`registry.${edge}`)}`} data-testid={`reg-filter-${field.key}-${edge}`} onChange={(v) => onChange(edge, v === null ? undefined : String(v))} />
    );
  return (
    <Field label={fieldKey(list, field.key)}>
      <Space size={4} wrap>
        <Msg k="registry.from" />
        {input('from', from)}
        <Msg k="registry.to" />
        {input('to', to)}
      </Space>
    </Field>
  );
}
