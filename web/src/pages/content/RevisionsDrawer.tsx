import { useMutation, useQuery } from '@tanstack/react-query';
import { App as AntApp, Button, Drawer, Select, Space } from 'antd';
import { useState } from 'react';
import { fetchDiff, restoreRevision, useRevisions, type Change, type Resource, type Version } from '../../api/content';
import { errorText } from '../../api/errorText';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { formatTime } from './parts';

/** A diff as text with insertions and deletions marked; vertical for Mongolian. */
function Changes({ changes, vertical }: { changes: Change[]; vertical: boolean }) {
  return (
    <div className={vertical ? 'diff diff--vertical' : 'diff'} lang={vertical ? 'mn-Mong' : undefined} data-testid="diff">
      {changes.map((c, i) =>
        c.op === 'insert' ? (
          <ins key={i}>{c.text}</ins>
        ) : c.op === 'delete' ? (
          <del key={i}>{c.text}</del>
        ) : (
          <span key={i}>{c.text}</span>
        ),
      )}
    </div>
  );
}

/** The revisions of a version: compare any two (the server's diff) and restore one as a new revision. */
export function RevisionsDrawer({
  open,
  onClose,
  resource,
  version,
  canRestore,
  onRestored,
}: {
  open: boolean;
  onClose: () => void;
  resource: Resource;
  version: Version;
  canRestore: boolean;
  onRestored: (v: Version) => void;
}) {
  const { lang: uiLang, t } = useI18n();
  const { message } = AntApp.useApp();
  const revisions = useRevisions(resource.id, version.lang, open);
  const [pair, setPair] = useState<{ from?: number; to?: number }>({});
  const numbers = revisions.data?.map((r) => r.n) ?? [];
  const to = pair.to ?? numbers[0];
  const from = pair.from ?? numbers[1] ?? numbers[0];
  const [compared, setCompared] = useState<{ from: number; to: number } | null>(null);
  const diff = useQuery({
    queryKey: ['resources', 'one', resource.id, version.lang, 'diff', compared?.from, compared?.to],
    queryFn: () => fetchDiff(resource.id, version.lang, compared!.from, compared!.to),
    enabled: open && compared !== null,
  });
  const restore = useMutation({
    mutationFn: (n: number) => restoreRevision(resource.id, version.lang, n),
    onSuccess: (updated, n) => {
      void message.success(t('revisions.restored', { n }));
      setCompared(null);
      setPair({});
      onRestored(updated);
    },
    onError: (error) => void message.error(errorText(error, t)),
  });
  const vertical = version.lang === 'mn-Mong';
  const options = numbers.map((n) => ({ value: n, label: `#${n}` }));

  return (
    <Drawer open={open} onClose={onClose} size="large" title={<Msg k="revisions.title" />} destroyOnHidden>
      {revisions.isPending ? (
        <Loading />
      ) : revisions.isError ? (
        <ErrorState error={revisions.error} onRetry={() => void revisions.refetch()} />
      ) : revisions.data.length === 0 ? (
        <p className="muted">
          <Msg k="revisions.empty" />
        </p>
      ) : (
        <>
          <ol className="revisions" data-testid="revisions">
            {revisions.data.map((r) => (
              <li key={r.n} className="revisions__item" data-n={r.n}>
                <strong>#{r.n}</strong> <ScriptText text={r.title} />{' '}
                <span className="muted">{formatTime(r.createdAt, uiLang)}</span>{' '}
                {r.n === version.revision ? (
                  <span className="muted">
                    (<Msg k="revisions.current" />)
                  </span>
                ) : (
                  canRestore && (
                    <Button size="small" onClick={() => restore.mutate(r.n)} loading={restore.isPending && restore.variables === r.n}>
                      <Msg k="revisions.restore" />
                    </Button>
                  )
                )}
              </li>
            ))}
          </ol>
          <Space wrap className="revisions__compare">
            <Msg k="revisions.from" />
            <Select value={from} options={options} onChange={(n) => setPair((p) => ({ ...p, from: n }))} aria-label={t('revisions.from')} />
            <Msg k="revisions.to" />
            <Select value={to} options={options} onChange={(n) => setPair((p) => ({ ...p, to: n }))} aria-label={t('revisions.to')} />
            <Button
              disabled={from === undefined || to === undefined}
              onClick={() => from !== undefined && to !== undefined && setCompared({ from, to })}
              data-testid="compare-revisions"
            >
              <Msg k="revisions.compare" />
            </Button>
          </Space>
          {compared && diff.isPending && <Loading />}
          {diff.isError && <ErrorState error={diff.error} />}
          {compared && diff.data && (
            <div className="diff-view">
              <h3>
                <Msg k="revisions.diffTitle" vars={{ from: compared.from, to: compared.to }} />
              </h3>
              <div className="field-label">
                <Msg k="content.field.title" />
              </div>
              <Changes changes={diff.data.title} vertical={vertical} />
              <div className="field-label">
                <Msg k="content.field.body" />
              </div>
              <Changes changes={diff.data.body} vertical={vertical} />
            </div>
          )}
        </>
      )}
    </Drawer>
  );
}
