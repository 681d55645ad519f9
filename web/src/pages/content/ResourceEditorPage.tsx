import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Checkbox, Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  addVersion,
  AUDIENCES,
  contentKeys,
  EDITOR_LANGS,
  updateResource,
  useResource,
  type Audience,
  type ContentLang,
  type Resource,
} from '../../api/content';
import { errorText } from '../../api/errorText';
import { useOrgs } from '../../api/queries';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { OrgName } from '../../components/org/OrgName';
import type { MessageKey } from '../../i18n/languages';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { MongolKeyboard } from '../../mongol/Keyboard';
import { CoverPanel } from './CoverPanel';
import { OutletsPanel } from './OutletsPanel';
import { langKey } from './parts';
import { TitleField } from './TitleField';
import { VersionPanel } from './VersionPanel';
import './content.css';

/** One resource: its details and its language versions side by side (Chinese horizontal, Mongolian vertical). */
export function ResourceEditorPage() {
  const { id = '' } = useParams();
  const resource = useResource(id);
  if (resource.isPending) return <Loading />;
  if (resource.isError) return <ErrorState error={resource.error} onRetry={() => void resource.refetch()} />;
  return <ResourceEditor resource={resource.data} />;
}

/** Chinese first, then Mongolian, then the rest: the order readers compare them in. */
const ORDER: ContentLang[] = ['zh-Hans', 'mn-Mong', 'mn-Cyrl', 'en'];

function ResourceEditor({ resource }: { resource: Resource }) {
  const { lang } = useI18n();
  const orgs = useOrgs();
  const org = orgs.data?.find((o) => o.id === resource.orgId);
  const versions = [...resource.versions].sort((a, b) => ORDER.indexOf(a.lang) - ORDER.indexOf(b.lang));
  const hasMongolian = versions.some((v) => v.lang === 'mn-Mong');

  return (
    <div className="content-page" data-testid="resource-editor" data-resource-id={resource.id}>
      <div className="content-page__head">
        <Link to="/content">
          <Msg k="content.backToList" />
        </Link>
        <span className="content-page__meta">
          <Msg k={`resourceKind.${resource.kind}` as MessageKey} />
          {org && (
            <>
              {' · '}
              <OrgName org={org} lang={lang} />
            </>
          )}
        </span>
      </div>
      <MetaForm resource={resource} />
      <div className="resource-extras">
        <CoverPanel resource={resource} />
        <OutletsPanel resource={resource} />
      </div>
      <div className="versions" data-testid="versions">
        {versions.map((v) => (
          <VersionPanel key={v.lang} resource={resource} version={v} />
        ))}
        {resource.permissions.edit && <AddVersion resource={resource} />}
      </div>
      {hasMongolian && resource.permissions.edit && (
        <div className="keyboard-dock">
          <MongolKeyboard />
        </div>
      )}
    </div>
  );
}

interface MetaValues {
  category: string;
  tags: string[];
  audience: Audience[];
  link: string;
}

function MetaForm({ resource }: { resource: Resource }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<MetaValues>();
  const save = useMutation({
    mutationFn: (v: MetaValues) =>
      updateResource(resource.id, {
        category: v.category.trim() || null,
        tags: v.tags,
        audience: v.audience,
        ...(resource.kind === 'link' ? { link: v.link.trim() || null } : {}),
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(contentKeys.one(resource.id), updated);
      void queryClient.invalidateQueries({ queryKey: contentKeys.all });
      void message.success(t('content.metaSaved'));
    },
    onError: (error) => void message.error(errorText(error, t)),
  });
  return (
    <details className="panel meta-panel">
      <summary>
        <Msg k="content.meta" />
      </summary>
      <Form
        form={form}
        layout="inline"
        disabled={!resource.permissions.edit || save.isPending}
        initialValues={{ category: resource.category ?? '', tags: resource.tags, audience: resource.audience, link: resource.link ?? '' }}
        onFinish={(v) => save.mutate(v)}
        className="meta-form"
      >
        {resource.kind === 'link' && (
          <Form.Item name="link" label={<Msg k="content.field.link" />}>
            <Input placeholder="https://" data-ime="off" aria-label={t('content.field.link')} />
          </Form.Item>
        )}
        <Form.Item name="category" label={<Msg k="content.field.category" />}>
          <Input aria-label={t('content.field.category')} />
        </Form.Item>
        <Form.Item name="tags" label={<Msg k="content.field.tags" />}>
          <Select mode="tags" style={{ minWidth: 200 }} aria-label={t('content.field.tags')} open={false} />
        </Form.Item>
        <Form.Item name="audience" label={<Msg k="content.field.audience" />}>
          <Checkbox.Group options={AUDIENCES.map((a) => ({ value: a, label: <Msg k={`audience.${a}` as MessageKey} /> }))} />
        </Form.Item>
        {resource.permissions.edit && (
          <Button htmlType="submit" loading={save.isPending}>
            <Msg k="common.save" />
          </Button>
        )}
      </Form>
    </details>
  );
}

function AddVersion({ resource }: { resource: Resource }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const missing = EDITOR_LANGS.filter((l) => !resource.versions.some((v) => v.lang === l));
  const [lang, setLang] = useState<ContentLang | undefined>(missing[0]);
  const [title, setTitle] = useState('');
  const add = useMutation({
    mutationFn: (l: ContentLang) => addVersion(resource.id, { lang: l, title: title.trim(), body: '<p></p>' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: contentKeys.one(resource.id) });
      void message.success(t('version.added'));
      setTitle('');
    },
    onError: (error) => void message.error(errorText(error, t)),
  });
  if (missing.length === 0) return null;
  const chosen = lang && missing.includes(lang as (typeof missing)[number]) ? lang : missing[0]!;
  return (
    <section className="panel version-add" data-testid="add-version">
      <h2 className="panel-title">
        <Msg k="version.add" />
      </h2>
      <Radio.Group optionType="button" value={chosen} onChange={(e) => setLang(e.target.value as ContentLang)} aria-label={t('content.filter.lang')}>
        {missing.map((l) => (
          <Radio.Button key={l} value={l}>
            <Msg k={langKey(l)} />
          </Radio.Button>
        ))}
      </Radio.Group>
      <div className="field-label">
        <Msg k="content.field.title" />
      </div>
      <TitleField lang={chosen} value={title} onChange={setTitle} testId="add-version-title" />
      <Button
        className="version-add__submit"
        disabled={!title.trim()}
        loading={add.isPending}
        onClick={() => {
          setLang(chosen);
          add.mutate(chosen);
        }}
      >
        <Msg k="version.add" />
      </Button>
    </section>
  );
}
