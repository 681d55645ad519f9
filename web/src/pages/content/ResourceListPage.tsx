import { Button, Radio, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  CONTENT_LANGS,
  RESOURCE_KINDS,
  STATUSES,
  useResources,
  type ContentLang,
  type ListFilter,
  type Resource,
  type ResourceKind,
  type Status,
} from '../../api/content';
import { useOrgs } from '../../api/queries';
import { ErrorState } from '../../components/ErrorState';
import { OrgName } from '../../components/org/OrgName';
import type { MessageKey } from '../../i18n/languages';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { formatTime, langKey, StatusTag } from './parts';
import './content.css';

const PAGE_SIZE = 20;

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

/** The staff list of resources: what the server lets this user see, filtered by status, language and type. */
export function ResourceListPage() {
  const { lang, t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filter: ListFilter = {
    status: pick<Status>(params.get('status'), STATUSES),
    lang: pick<ContentLang>(params.get('lang'), CONTENT_LANGS),
    kind: pick<ResourceKind>(params.get('kind'), RESOURCE_KINDS),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const resources = useResources(filter);
  const orgs = useOrgs();

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next);
  };

  // Button groups rather than drop-downs: vertical Mongolian labels fit in buttons, not in select rows.
  const filterButtons = <T extends string>(key: 'status' | 'lang' | 'kind', values: readonly T[], label: (v: T) => MessageKey) => (
    <div className="content-filter" role="group" aria-label={t(`content.filter.${key}`)}>
      <span className="content-filter__label">
        <Msg k={`content.filter.${key}`} />
      </span>
      <Radio.Group
        optionType="button"
        size="small"
        data-testid={`filter-${key}`}
        value={filter[key] ?? ''}
        onChange={(e) => setFilter(key, (e.target.value as string) || undefined)}
      >
        <Radio.Button value="">
          <Msg k="common.all" />
        </Radio.Button>
        {values.map((v) => (
          <Radio.Button key={v} value={v} data-value={v}>
            <Msg k={label(v)} />
          </Radio.Button>
        ))}
      </Radio.Group>
    </div>
  );

  const columns: ColumnsType<Resource> = [
    {
      key: 'title',
      title: <Msg k="content.col.title" />,
      render: (_, r) => {
        const first = r.versions.find((v) => v.lang === (lang === 'mn-Mong' ? 'mn-Mong' : 'zh-Hans')) ?? r.versions[0];
        return (
          <Link to={`/content/${r.id}`} data-testid="resource-link">
            {first?.title ? <ScriptText text={first.title} /> : <Msg k="content.untitled" />}
          </Link>
        );
      },
    },
    { key: 'kind', title: <Msg k="content.col.kind" />, render: (_, r) => <Msg k={`resourceKind.${r.kind}` as MessageKey} /> },
    {
      key: 'org',
      title: <Msg k="content.col.org" />,
      render: (_, r) => {
        const org = orgs.data?.find((o) => o.id === r.orgId);
        return org ? <OrgName org={org} lang={lang} /> : null;
      },
    },
    {
      key: 'versions',
      title: <Msg k="content.col.versions" />,
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          {r.versions.map((v) => (
            <span key={v.lang} className="content-version-line" data-lang={v.lang}>
              <Msg k={langKey(v.lang)} /> <StatusTag status={v.status} />
            </span>
          ))}
        </Space>
      ),
    },
    { key: 'updated', title: <Msg k="content.col.updated" />, render: (_, r) => formatTime(r.updatedAt, lang) },
  ];

  return (
    <div className="content-page">
      <div className="content-page__head">
        <h1 className="page-title">
          <Msg k="content.title" />
        </h1>
        <Button type="primary" onClick={() => void navigate('/content/new')} data-testid="new-resource">
          <Msg k="content.new" />
        </Button>
      </div>
      <div className="content-filters">
        {filterButtons('status', STATUSES, (s) => `status.${s}` as MessageKey)}
        {filterButtons('lang', CONTENT_LANGS, langKey)}
        {filterButtons('kind', RESOURCE_KINDS, (k) => `resourceKind.${k}` as MessageKey)}
      </div>
      {resources.isError ? (
        <ErrorState error={resources.error} onRetry={() => void resources.refetch()} />
      ) : (
        <Table<Resource>
          rowKey="id"
          loading={resources.isPending}
          columns={columns}
          dataSource={resources.data?.items ?? []}
          locale={{ emptyText: <Msg k="content.empty" /> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: resources.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (p) => {
              const next = new URLSearchParams(params);
              next.set('page', String(p));
              setParams(next);
            },
          }}
        />
      )}
    </div>
  );
}
