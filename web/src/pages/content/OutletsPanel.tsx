import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Table } from 'antd';
import { contentKeys, fetchReportPackage, useOutlets, type Outlet, type Resource } from '../../api/content';
import { errorText } from '../../api/errorText';
import { ErrorState } from '../../components/ErrorState';
import type { MessageKey } from '../../i18n/languages';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { formatTime, langKey } from './parts';

const CHANNELS = ['portal', 'app', 'feeds', 'share', 'estation', 'report'];

/** Saves a blob under a name, as a download (an object URL on a temporary <a download>). */
function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The server writes a report's size as "N bytes": shown as kilobytes, the same in every language. */
function detailText(detail: string): string {
  const bytes = /^(\d+) bytes$/.exec(detail);
  return bytes ? `${(Number(bytes[1]) / 1024).toFixed(1)} KB` : detail;
}

/** Where the resource went out (docs/api/content.md, outlets), and the upward report package. */
export function OutletsPanel({ resource }: { resource: Resource }) {
  const { lang: uiLang, t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const outlets = useOutlets(resource.id);
  const published = resource.versions.some((v) => v.status === 'published');

  const report = useMutation({
    mutationFn: () => fetchReportPackage(resource.id, uiLang),
    onSuccess: ({ blob, filename }) => {
      saveBlob(blob, filename);
      void message.success(t('outlets.reported'));
      void queryClient.invalidateQueries({ queryKey: contentKeys.outlets(resource.id) });
    },
    onError: (error) => void message.error(errorText(error, t)),
  });

  return (
    <section className="panel outlets-panel" data-testid="outlets">
      <header className="outlets-panel__head">
        <h2 className="panel-title">
          <Msg k="outlets.title" />
        </h2>
        {published && resource.permissions.edit && (
          <Button onClick={() => report.mutate()} loading={report.isPending} data-testid="report-package">
            <Msg k="outlets.report" />
          </Button>
        )}
      </header>
      {outlets.isError ? (
        <ErrorState error={outlets.error} onRetry={() => void outlets.refetch()} />
      ) : (
        <Table<Outlet>
          size="small"
          rowKey={(o) => `${o.channel}:${o.lang}:${o.at}:${o.detail ?? ''}`}
          loading={outlets.isPending}
          dataSource={outlets.data ?? []}
          pagination={false}
          locale={{ emptyText: <Msg k="outlets.empty" /> }}
          onRow={(o) => ({ 'data-channel': o.channel, 'data-lang': o.lang }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              key: 'channel',
              title: <Msg k="outlets.col.channel" />,
              render: (_, o) => (CHANNELS.includes(o.channel) ? <Msg k={`outlets.channel.${o.channel}` as MessageKey} /> : o.channel),
            },
            { key: 'lang', title: <Msg k="outlets.col.lang" />, render: (_, o) => <Msg k={langKey(o.lang)} /> },
            { key: 'at', title: <Msg k="outlets.col.at" />, render: (_, o) => formatTime(o.at, uiLang) },
            {
              key: 'detail',
              title: <Msg k="outlets.col.detail" />,
              render: (_, o) =>
                o.detail?.startsWith('/') ? (
                  <a href={o.detail} target="_blank" rel="noreferrer">
                    {o.detail}
                  </a>
                ) : (
                  detailText(o.detail ?? '')
                ),
            },
          ]}
        />
      )}
    </section>
  );
}
