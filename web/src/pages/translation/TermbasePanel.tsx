import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Form, Input, Modal, Popconfirm, Space, Table } from 'antd';
import { useState } from 'react';
import { errorText } from '../../api/errorText';
import { useMe } from '../../api/queries';
import { createTerm, deleteTerm, listTerms, termExportUrl, updateTerm, type Term, type TermInput, canManage, importTermFile } from '../../api/translation';
import { ErrorState } from '../../components/ErrorState';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { MongolText } from '../../mongol/MongolText';
import { FileImport } from './FileImport';

const PAGE = 50;
const EMPTY: TermInput = { zh: '', mnMong: null, mnCyrl: null, en: null, domain: null, notes: null };
/** Empty inputs are sent as null: "no equivalent yet", not an empty one. */
const clean = (v: TermInput): TermInput => ({
  zh: v.zh.trim(),
  mnMong: v.mnMong?.trim() || null,
  mnCyrl: v.mnCyrl?.trim() || null,
  en: v.en?.trim() || null,
  domain: v.domain?.trim() || null,
  notes: v.notes?.trim() || null,
});

/** The science-and-technology termbase: search, add/edit/delete, import (with a report first) and export. */
export function TermbasePanel() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const { data: me } = useMe();
  const manage = canManage(me?.roles);
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [domain, setDomain] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Term | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const filter = { q: q.trim() || undefined, domain: domain.trim() || undefined };
  const terms = useQuery({ queryKey: ['translation-terms', filter, page], queryFn: () => listTerms({ ...filter, limit: PAGE, offset: (page - 1) * PAGE }) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['translation-terms'] });
  const remove = useMutation({ mutationFn: (id: string) => deleteTerm(id), onSuccess: refresh, onError: (e) => void message.error(errorText(e, t)) });

  if (terms.isError) return <ErrorState error={terms.error} />;
  return (
    <div data-testid="termbase">
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('tr.term.search')} aria-label={t('tr.term.search')} onSearch={(v) => (setQ(v), setPage(1))} style={{ width: 240 }} data-testid="term-search" />
        <Input allowClear placeholder={t('tr.term.domain')} aria-label={t('tr.term.domain')} value={domain} onChange={(e) => (setDomain(e.target.value), setPage(1))} style={{ width: 160 }} />
        {manage && (
          <>
            <Button type="primary" onClick={() => setEditing('new')} data-testid="term-add">
              <Msg k="tr.term.add" />
            </Button>
            <Button onClick={() => setImporting(true)} data-testid="term-import">
              <Msg k="tr.term.import" />
            </Button>
          </>
        )}
        <span>
          <Msg k="tr.export" />:{' '}
          {(['csv', 'xlsx', 'tbx'] as const).map((f) => (
            <a key={f} href={termExportUrl(f, filter)} download style={{ marginInlineEnd: 8 }} data-testid={`term-export-${f}`}>
              {f.toUpperCase()}
            </a>
          ))}
        </span>
      </Space>
      <Table<Term>
        rowKey="id"
        size="small"
        loading={terms.isLoading}
        dataSource={terms.data?.items ?? []}
        data-testid="term-table"
        onRow={(r) => ({ 'data-testid': 'term-row', 'data-term': r.zh }) as React.HTMLAttributes<HTMLTableRowElement>}
        pagination={{ current: page, pageSize: PAGE, total: terms.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: '中文', dataIndex: 'zh', width: 160 },
          { title: t('tr.lang.mn-Mong'), dataIndex: 'mnMong', width: 90, render: (v: string | null) => (v ? <MongolText className="translation__cell-mn">{v}</MongolText> : null) },
          { title: t('tr.lang.mn-Cyrl'), dataIndex: 'mnCyrl', width: 150 },
          { title: 'English', dataIndex: 'en', width: 160 },
          { title: t('tr.term.domain'), dataIndex: 'domain', width: 110 },
          { title: t('tr.term.notes'), dataIndex: 'notes' },
          ...(manage
            ? [
                {
                  title: '',
                  width: 130,
                  render: (_: unknown, r: Term) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(r)} data-testid="term-edit">
                        <Msg k="tr.edit" />
                      </Button>
                      <Popconfirm title={t('tr.term.deleteConfirm')} onConfirm={() => remove.mutate(r.id)} okButtonProps={{ 'data-testid': 'term-delete-ok' } as Record<string, string>}>
                        <Button size="small" danger data-testid="term-delete">
                          <Msg k="tr.delete" />
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <TermForm term={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={refresh} />}
      <FileImport
        open={importing}
        title={<Msg k="tr.term.import" />}
        accept=".csv,.xlsx,.tbx,.xml,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        run={importTermFile}
        onClose={() => setImporting(false)}
        onImported={(n) => (refresh(), void message.success(t('tr.import.done', { n })))}
      />
    </div>
  );
}

function TermForm({ term, onClose, onSaved }: { term: Term | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<TermInput>();
  const save = useMutation({
    mutationFn: (v: TermInput) => (term ? updateTerm(term.id, clean(v)) : createTerm(clean(v))),
    onSuccess: () => (onSaved(), onClose(), void message.success(t('tr.saved'))),
    onError: (e) => void message.error(errorText(e, t)),
  });
  return (
    <Modal open title={<Msg k={term ? 'tr.term.edit' : 'tr.term.add'} />} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okButtonProps={{ 'data-testid': 'term-save' } as Record<string, string>}>
      <Form form={form} layout="vertical" initialValues={term ?? EMPTY} onFinish={(v) => save.mutate({ ...EMPTY, ...v })}>
        <Form.Item name="zh" label="中文" rules={[{ required: true, whitespace: true, message: t('tr.term.zhRequired') }]}>
          <Input data-testid="term-zh" maxLength={200} />
        </Form.Item>
        <Form.Item name="mnMong" label={t('tr.lang.mn-Mong')}>
          <Input.TextArea lang="mn-Mong" className="translation__mongol-input" data-testid="term-mnMong" maxLength={400} />
        </Form.Item>
        <Form.Item name="mnCyrl" label={t('tr.lang.mn-Cyrl')}>
          <Input lang="mn-Cyrl" data-testid="term-mnCyrl" maxLength={400} />
        </Form.Item>
        <Form.Item name="en" label="English">
          <Input lang="en" data-testid="term-en" maxLength={400} />
        </Form.Item>
        <Form.Item name="domain" label={t('tr.term.domain')}>
          <Input data-testid="term-domain" maxLength={100} />
        </Form.Item>
        <Form.Item name="notes" label={t('tr.term.notes')}>
          <Input.TextArea rows={2} data-testid="term-notes" maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
