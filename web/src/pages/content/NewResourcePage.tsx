import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Checkbox, Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  AUDIENCES,
  contentKeys,
  createResource,
  EDITOR_LANGS,
  RESOURCE_KINDS,
  type Audience,
  type ContentLang,
  type NewResource,
  type ResourceKind,
} from '../../api/content';
import { errorText } from '../../api/errorText';
import { useMe, useOrgs } from '../../api/queries';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { OrgTree } from '../../components/org/OrgTree';
import { RichEditor } from '../../components/editor/RichEditor';
import type { MessageKey } from '../../i18n/languages';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { MongolKeyboard } from '../../mongol/Keyboard';
import { ScriptText } from '../../mongol/ScriptText';
import { langKey } from './parts';
import { SummaryField, TitleField } from './TitleField';
import './content.css';

interface Values {
  kind: ResourceKind;
  category?: string;
  tags?: string[];
  audience?: Audience[];
  link?: string;
  lang: ContentLang;
}

/** A new resource: its org (from the tree), type, category, tags, audience and its first language version. */
export function NewResourcePage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const me = useMe();
  const orgs = useOrgs();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [orgId, setOrgId] = useState<string | null>(me.data?.orgId ?? null);
  const [orgMissing, setOrgMissing] = useState(false);
  const [title, setTitle] = useState('');
  const [titleMissing, setTitleMissing] = useState(false);
  const [body, setBody] = useState('');
  const [summary, setSummary] = useState('');
  const lang = Form.useWatch('lang', form) ?? 'zh-Hans';
  const kind = Form.useWatch('kind', form);

  const create = useMutation({
    mutationFn: (resource: NewResource) => createResource(resource),
    onSuccess: ({ id }) => {
      void queryClient.invalidateQueries({ queryKey: contentKeys.all });
      void message.success(t('content.created'));
      void navigate(`/content/${id}`);
    },
  });

  if (orgs.isPending) return <Loading />;
  if (orgs.isError) return <ErrorState error={orgs.error} onRetry={() => void orgs.refetch()} />;

  const submit = (values: Values) => {
    setOrgMissing(!orgId);
    setTitleMissing(!title.trim());
    if (!orgId || !title.trim()) return;
    create.mutate({
      orgId,
      kind: values.kind,
      ...(values.category?.trim() ? { category: values.category.trim() } : {}),
      ...(values.tags?.length ? { tags: values.tags } : {}),
      ...(values.audience?.length ? { audience: values.audience } : {}),
      ...(values.link?.trim() ? { link: values.link.trim() } : {}),
      versions: [
        {
          lang: values.lang,
          title: title.trim(),
          body: body || '<p></p>',
          ...(summary.trim() ? { summary: summary.trim() } : {}),
        },
      ],
    });
  };

  return (
    <div className="content-page">
      <h1 className="page-title">
        <Msg k="content.new" />
      </h1>
      <Form<Values>
        name="new-resource"
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: 'article', lang: 'zh-Hans' }}
        onFinish={submit}
        disabled={create.isPending}
        className="new-resource"
      >
        <div className="new-resource__meta panel">
          <div className="field-label">
            <Msg k="content.field.org" />
          </div>
          <div className="org-picker" data-testid="org-picker">
            <OrgTree
              orgs={orgs.data}
              selectedId={orgId}
              label={t('content.field.org')}
              onSelect={(org) => {
                setOrgId(org.id);
                setOrgMissing(false);
              }}
            />
          </div>
          {orgMissing && (
            <div className="field-error" role="alert">
              <Msg k="content.orgRequired" />
            </div>
          )}
          <Form.Item name="kind" label={<Msg k="content.field.kind" />}>
            <Radio.Group optionType="button" aria-label={t('content.field.kind')}>
              {RESOURCE_KINDS.map((k) => (
                <Radio.Button key={k} value={k}>
                  <Msg k={`resourceKind.${k}` as MessageKey} />
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          {kind === 'link' && (
            <Form.Item name="link" label={<Msg k="content.field.link" />}>
              <Input placeholder="https://" data-ime="off" aria-label={t('content.field.link')} />
            </Form.Item>
          )}
          <Form.Item name="category" label={<Msg k="content.field.category" />}>
            <Input aria-label={t('content.field.category')} />
          </Form.Item>
          <Form.Item name="tags" label={<Msg k="content.field.tags" />}>
            <Select mode="tags" aria-label={t('content.field.tags')} tokenSeparators={[',', '，']} open={false} />
          </Form.Item>
          <Form.Item name="audience" label={<Msg k="content.field.audience" />}>
            <Checkbox.Group
              aria-label={t('content.field.audience')}
              options={AUDIENCES.map((a) => ({ value: a, label: <Msg k={`audience.${a}` as MessageKey} /> }))}
            />
          </Form.Item>
        </div>
        <div className="new-resource__version panel">
          <Form.Item name="lang" label={<Msg k="content.field.lang" />}>
            <Radio.Group optionType="button" aria-label={t('content.field.lang')}>
              {EDITOR_LANGS.map((l) => (
                <Radio.Button key={l} value={l} data-testid={`first-lang-${l}`}>
                  <Msg k={langKey(l)} />
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <div className={lang === 'mn-Mong' ? 'version-fields version-fields--vertical' : 'version-fields'}>
            <div>
              <div className="field-label">
                <Msg k="content.field.title" />
              </div>
              <TitleField lang={lang} value={title} onChange={setTitle} testId="new-title" />
              {titleMissing && (
                <div className="field-error" role="alert">
                  <Msg k="content.titleRequired" />
                </div>
              )}
            </div>
            <div>
              <div className="field-label">
                <Msg k="content.field.summary" />
              </div>
              <SummaryField lang={lang} value={summary} onChange={setSummary} testId="new-summary" />
            </div>
            <div className="version-fields__body">
              <div className="field-label">
                <Msg k="content.field.body" />
              </div>
              {/* A new editor when the language changes: its writing mode is set when it is made. */}
              <RichEditor key={lang} lang={lang} initialHtml={body} onChange={setBody} label={t('content.field.body')} testId="new-body" />
            </div>
          </div>
          {create.isError && (
            <Alert className="form-error" type="error" showIcon role="alert" title={<ScriptText text={errorText(create.error, t)} />} />
          )}
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="create-resource">
            <Msg k="content.create" />
          </Button>
        </div>
      </Form>
      {lang === 'mn-Mong' && (
        <div className="keyboard-dock">
          <MongolKeyboard />
        </div>
      )}
    </div>
  );
}
