import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Empty, Input, Select, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { listResources } from '../../api/content';
import { errorText } from '../../api/errorText';
import { useMe } from '../../api/queries';
import { alignResource, listMemory, tmxExportUrl, type Lang, canManage, importTmxFile } from '../../api/translation';
import { ErrorState } from '../../components/ErrorState';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { FileImport } from './FileImport';

type Pair = { source: string; target: string };
const LANGS: Lang[] = ['zh-Hans', 'mn-Mong', 'mn-Cyrl', 'en'];

/** One side of a pair: vertical in Mongolian script, horizontal otherwise. */
function Side({ lang, value, onChange, testId, disabled }: { lang: Lang; value: string; onChange: (v: string) => void; testId: string; disabled: boolean }) {
  const vertical = lang === 'mn-Mong';
  return <Input.TextArea lang={lang} className={vertical ? 'translation__mongol-input translation__mongol-input--pair' : undefined} autoSize={vertical ? undefined : { minRows: 2 }} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} data-testid={testId} />;
}

/**
 * The memory's alignment of one resource's two language versions, editable: the stored pairs (or a
 * fresh automatic proposal) as rows; fix a side, merge a row into the next, delete or add rows, then
 * save (replacing the earlier alignment of that resource and pair).
 */
export function AlignmentPanel() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const { data: me } = useMe();
  const manage = canManage(me?.roles);
  const queryClient = useQueryClient();
  const [resourceId, setResourceId] = useState<string | null>(null);
  const [source, setSource] = useState<Lang>('zh-Hans');
  const [target, setTarget] = useState<Lang>('mn-Mong');
  const [pairs, setPairs] = useState<Pair[] | null>(null);
  const [importing, setImporting] = useState(false);
  const resources = useQuery({ queryKey: ['translation-align-resources'], queryFn: () => listResources({ kind: 'article', limit: 200 }) });
  const bilingual = (resources.data?.items ?? []).filter((r) => r.versions.length >= 2);
  const chosen = bilingual.find((r) => r.id === resourceId);
  const langs = chosen ? chosen.versions.map((v) => v.lang as Lang) : LANGS;
  const stored = useQuery({
    queryKey: ['translation-align-stored', resourceId, source, target],
    enabled: !!resourceId && source !== target,
    queryFn: () => listMemory({ source, target, resourceId: resourceId!, limit: 500 }),
  });
  // The stored alignment when there is one; the editor starts from it.
  useEffect(() => {
    if (!stored.data) return;
    const mine = stored.data.items.filter((u) => u.origin === 'aligned');
    setPairs(mine.length ? mine.map((u) => ({ source: u.source, target: u.target })) : null);
  }, [stored.data]);
  const onError = (e: unknown) => void message.error(errorText(e, t));
  const propose = useMutation({ mutationFn: () => alignResource({ resourceId: resourceId!, sourceLang: source, targetLang: target }), onSuccess: (r) => setPairs(r.pairs), onError });
  const save = useMutation({
    mutationFn: () => alignResource({ resourceId: resourceId!, sourceLang: source, targetLang: target, save: true, pairs: pairs!.filter((p) => p.source.trim() && p.target.trim()) }),
    onSuccess: (r) => (void message.success(t('tr.align.saved', { n: r.saved })), void queryClient.invalidateQueries({ queryKey: ['translation-align-stored'] })),
    onError,
  });
  const edit = (i: number, side: keyof Pair, v: string) => setPairs((ps) => ps!.map((p, j) => (j === i ? { ...p, [side]: v } : p)));
  const joiner = (lang: Lang) => (lang === 'zh-Hans' ? '' : ' ');
  const merge = (i: number) =>
    setPairs((ps) => {
      const a = ps![i]!;
      const b = ps![i + 1]!;
      const m = { source: [a.source, b.source].filter(Boolean).join(joiner(source)), target: [a.target, b.target].filter(Boolean).join(joiner(target)) };
      return [...ps!.slice(0, i), m, ...ps!.slice(i + 2)];
    });

  if (resources.isError) return <ErrorState error={resources.error} />;
  return (
    <div data-testid="alignment">
      <Space wrap style={{ marginBottom: 12 }}>
        <span data-testid="align-resource">
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: 320 }}
            placeholder={t('tr.align.resource')}
            aria-label={t('tr.align.resource')}
            loading={resources.isLoading}
            value={resourceId ?? undefined}
            onChange={(id: string) => {
              setResourceId(id);
              setPairs(null);
              const r = bilingual.find((x) => x.id === id);
              if (r) {
                const ls = r.versions.map((v) => v.lang as Lang);
                setSource(ls.includes('zh-Hans') ? 'zh-Hans' : ls[0]!);
                setTarget(ls.find((l) => l !== (ls.includes('zh-Hans') ? 'zh-Hans' : ls[0])) ?? ls[1]!);
              }
            }}
            options={bilingual.map((r) => ({ value: r.id, label: r.versions.find((v) => v.lang === 'zh-Hans')?.title ?? r.versions[0]!.title }))}
          />
        </span>
        <Select style={{ width: 150 }} value={source} onChange={(v: Lang) => (setSource(v), setPairs(null))} options={langs.map((l) => ({ value: l, label: t(`tr.lang.${l}`) }))} aria-label={t('tr.source')} />
        →
        <Select style={{ width: 150 }} value={target} onChange={(v: Lang) => (setTarget(v), setPairs(null))} options={langs.map((l) => ({ value: l, label: t(`tr.lang.${l}`) }))} aria-label={t('tr.target')} />
        <Button disabled={!resourceId || source === target} loading={propose.isPending} onClick={() => propose.mutate()} data-testid="align-propose">
          <Msg k="tr.align.propose" />
        </Button>
        <a href={tmxExportUrl(source, target)} download data-testid="tmx-export">
          <Msg k="tr.align.tmxExport" />
        </a>
        {manage && (
          <Button onClick={() => setImporting(true)} disabled={source === target} data-testid="tmx-import">
            <Msg k="tr.align.tmxImport" />
          </Button>
        )}
      </Space>
      {stored.data && pairs === null && resourceId && (
        <Empty description={<Msg k="tr.align.none" />} />
      )}
      {pairs && (
        <>
          <Tag>{stored.data?.items.some((u) => u.origin === 'aligned') ? <Msg k="tr.align.storedTag" /> : <Msg k="tr.align.proposalTag" />}</Tag>
          <div className="translation__pairs" data-testid="align-pairs">
            {pairs.map((p, i) => (
              <div key={i} className="translation__pair" data-testid="align-pair">
                <span className="translation__pair-n">{i + 1}</span>
                <Side lang={source} value={p.source} onChange={(v) => edit(i, 'source', v)} testId="align-source" disabled={!manage} />
                <Side lang={target} value={p.target} onChange={(v) => edit(i, 'target', v)} testId="align-target" disabled={!manage} />
                {manage && (
                  <Space orientation="vertical" size={4}>
                    <Button size="small" disabled={i === pairs.length - 1} onClick={() => merge(i)} data-testid="align-merge">
                      <Msg k="tr.align.merge" />
                    </Button>
                    <Button size="small" danger onClick={() => setPairs(pairs.filter((_, j) => j !== i))} data-testid="align-delete">
                      <Msg k="tr.delete" />
                    </Button>
                  </Space>
                )}
              </div>
            ))}
          </div>
          {manage && (
            <Space style={{ marginTop: 8 }}>
              <Button onClick={() => setPairs([...pairs, { source: '', target: '' }])} data-testid="align-add">
                <Msg k="tr.align.add" />
              </Button>
              <Button type="primary" loading={save.isPending} disabled={pairs.length === 0} onClick={() => save.mutate()} data-testid="align-save">
                <Msg k="tr.align.save" />
              </Button>
            </Space>
          )}
        </>
      )}
      <FileImport
        open={importing}
        title={<Msg k="tr.align.tmxImport" />}
        accept=".tmx,.xml"
        run={(f, dry) => importTmxFile(f, dry, source, target)}
        onClose={() => setImporting(false)}
        onImported={(n) => void message.success(t('tr.import.done', { n }))}
      />
    </div>
  );
}
