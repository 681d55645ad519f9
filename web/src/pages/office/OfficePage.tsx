import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Form, Input, Modal, Radio, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { errorText } from '../../api/errorText';
import { createDocument, decideDocument, documentDocxUrl, documentPdfUrl, issueDocument, listDocuments, submitDocument, type DocInput, type DocStatus, type OfficeDocument } from '../../api/office';
import { useMe } from '../../api/queries';
import { ErrorState } from '../../components/ErrorState';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { MONGOLIAN_FONT_FAMILY } from '../../mongol/fonts';

const STATUS_COLOR: Record<DocStatus, string> = { drafting: 'default', pending_review: 'orange', pending_signature: 'gold', approved: 'blue', issued: 'green' };
const mnStyle = { fontFamily: `'${MONGOLIAN_FONT_FAMILY}', sans-serif` };

/** Official documents of the user's orgs: the register, drafting from templates, the approval chain, PDF/DOCX. */
export function OfficePage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<DocStatus | ''>('');
  const [creating, setCreating] = useState(false);
  const docs = useQuery({ queryKey: ['office-documents', status], queryFn: () => listDocuments({ status: status || undefined, limit: 200 }) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['office-documents'] });
  const onError = (e: unknown) => void message.error(errorText(e, t));
  const act = useMutation({
    mutationFn: ({ doc, action }: { doc: OfficeDocument; action: 'submit' | 'approve' | 'return' | 'issue' }) =>
      action === 'submit' ? submitDocument(doc.id) : action === 'issue' ? issueDocument(doc.id) : decideDocument(doc.id, { approve: action === 'approve' }),
    onSuccess: refresh,
    onError,
  });
  const mine = (d: OfficeDocument) => d.createdBy === me?.id;

  const columns: ColumnsType<OfficeDocument> = [
    { key: 'number', title: <Msg k="off.number" />, render: (_, d) => d.number ?? '—' },
    { key: 'title', title: <Msg k="off.title" />, render: (_, d) => d.title.zh },
    {
      key: 'status',
      title: <Msg k="off.status" />,
      render: (_, d) => (
        <Tag color={STATUS_COLOR[d.status]} data-status={d.status}>
          <Msg k={`off.status.${d.status}`} />
        </Tag>
      ),
    },
    {
      key: 'actions',
      title: '',
      render: (_, d) => (
        <Space wrap>
          {d.status === 'drafting' && mine(d) && (
            <Button size="small" onClick={() => act.mutate({ doc: d, action: 'submit' })}>
              <Msg k="off.submit" />
            </Button>
          )}
          {(d.status === 'pending_review' || d.status === 'pending_signature') && !mine(d) && (
            <>
              <Button size="small" type="primary" onClick={() => act.mutate({ doc: d, action: 'approve' })}>
                <Msg k="off.approve" />
              </Button>
              <Button size="small" onClick={() => act.mutate({ doc: d, action: 'return' })}>
                <Msg k="off.return" />
              </Button>
            </>
          )}
          {d.status === 'approved' && (
            <Button size="small" type="primary" onClick={() => act.mutate({ doc: d, action: 'issue' })}>
              <Msg k="off.issue" />
            </Button>
          )}
          <a href={documentPdfUrl(d.id)} target="_blank" rel="noreferrer">
            PDF
          </a>
          <a href={documentDocxUrl(d.id)}>DOCX</a>
        </Space>
      ),
    },
  ];

  if (docs.isError) return <ErrorState error={docs.error} />;
  return (
    <div className="office">
      <h1>
        <Msg k="off.documents" />
      </h1>
      <Space style={{ marginBottom: 12 }} wrap>
        <Radio.Group value={status} onChange={(e) => setStatus(e.target.value as DocStatus | '')}>
          <Radio.Button value="">
            <Msg k="off.all" />
          </Radio.Button>
          {(['drafting', 'pending_review', 'pending_signature', 'approved', 'issued'] as const).map((s) => (
            <Radio.Button key={s} value={s}>
              <Msg k={`off.status.${s}`} />
            </Radio.Button>
          ))}
        </Radio.Group>
        <Button type="primary" onClick={() => setCreating(true)} data-testid="office-new">
          <Msg k="off.new" />
        </Button>
      </Space>
      <Table rowKey="id" columns={columns} dataSource={docs.data?.items ?? []} loading={docs.isLoading} pagination={false} data-testid="office-documents" />
      {creating && <NewDocument onClose={() => setCreating(false)} onCreated={refresh} />}
    </div>
  );
}

function NewDocument({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ kind: DocInput['kind']; layout: DocInput['layout']; titleZh?: string; titleMn?: string; bodyZh?: string; bodyMn?: string; recipients?: string }>();
  const layout = Form.useWatch('layout', form);
  const create = useMutation({
    mutationFn: (v: { kind: DocInput['kind']; layout: DocInput['layout']; titleZh?: string; titleMn?: string; bodyZh?: string; bodyMn?: string; recipients?: string }) =>
      createDocument({
        kind: v.kind,
        layout: v.layout,
        title: { ...(v.titleZh ? { zh: v.titleZh } : {}), ...(v.titleMn ? { mn: v.titleMn } : {}) },
        body: { ...(v.bodyZh ? { zh: v.bodyZh } : {}), ...(v.bodyMn ? { mn: v.bodyMn } : {}) },
        recipients: v.recipients || null,
      }),
    onSuccess: () => {
      onCreated();
      onClose();
    },
    onError: (e) => void message.error(errorText(e, t)),
  });
  return (
    <Modal open title={t('off.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} width={720}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'notice', layout: 'zh' }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="kind" label={t('off.kind')}>
          <Radio.Group>
            <Radio.Button value="notice">
              <Msg k="off.kind.notice" />
            </Radio.Button>
            <Radio.Button value="letter">
              <Msg k="off.kind.letter" />
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="layout" label={t('off.layout')}>
          <Radio.Group>
            <Radio.Button value="zh">
              <Msg k="off.layout.zh" />
            </Radio.Button>
            <Radio.Button value="bilingual">
              <Msg k="off.layout.bilingual" />
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="recipients" label={t('off.recipients')}>
          <Input />
        </Form.Item>
        <Form.Item name="titleZh" label={t('off.title')} extra={t('off.templateHint')}>
          <Input />
        </Form.Item>
        <Form.Item name="bodyZh" label={t('off.body')}>
          <Input.TextArea rows={6} />
        </Form.Item>
        {layout === 'bilingual' && (
          <>
            <Form.Item name="titleMn" label={t('off.titleMn')}>
              <Input lang="mn-Mong" style={mnStyle} />
            </Form.Item>
            <Form.Item name="bodyMn" label={t('off.bodyMn')}>
              <Input.TextArea rows={4} lang="mn-Mong" style={mnStyle} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
