import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Editor } from '@tiptap/react';
import { App as AntApp, Button, Empty, Input, List, Select, Space, Tabs, Tag } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorText } from '../../api/errorText';
import { getEngines, getTask, listTasks, reviewTask, saveTaskDraft, submitTask, suggest, translate, type EngineId, type Lang, type TaskStatus, type Term, type TranslationTask, termIn } from '../../api/translation';
import { useMe } from '../../api/queries';
import { RichEditor, sanitize } from '../../components/editor/RichEditor';
import { ErrorState } from '../../components/ErrorState';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { MONGOLIAN_FONT_FAMILY } from '../../mongol/fonts';
import { MongolText } from '../../mongol/MongolText';
import { ScriptText } from '../../mongol/ScriptText';
import { AlignmentPanel } from './AlignmentPanel';
import { ConvertPanel } from './ConvertPanel';
import { markTerms } from './highlight';
import { TermbasePanel } from './TermbasePanel';
import './translation.css';

const STATUS_COLOR: Record<TaskStatus, string> = { assigned: 'blue', in_review: 'orange', done: 'green', cancelled: 'default' };

/** Sentences of the source text, as the server's memory splits them (。！？； and line breaks). */
function sentences(html: string): string[] {
  const text = new DOMParser().parseFromString(html, 'text/html').body.innerText ?? '';
  return text
    .split(/\n+/)
    .flatMap((p) => p.split(/(?<=[。！？；!?\u1803\u1809])/u))
    .map((s) => s.trim())
    .filter(Boolean);
}

const TABS = ['tasks', 'termbase', 'memory', 'convert'] as const;
type Tab = (typeof TABS)[number];

/** The workbench: tasks with the side-by-side editor, the termbase, the memory's alignments, script conversion. */
export function TranslationPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'tasks';
  return (
    <div className="translation">
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'tasks' ? {} : { tab: k })}
        items={[
          { key: 'tasks', label: <span data-testid="tr-tab-tasks">{t('tr.tasks')}</span>, children: <TasksPanel /> },
          { key: 'termbase', label: <span data-testid="tr-tab-termbase">{t('tr.tab.termbase')}</span>, children: <TermbasePanel /> },
          { key: 'memory', label: <span data-testid="tr-tab-memory">{t('tr.tab.memory')}</span>, children: <AlignmentPanel /> },
          { key: 'convert', label: <span data-testid="tr-tab-convert">{t('tr.tab.convert')}</span>, children: <ConvertPanel /> },
        ]}
      />
    </div>
  );
}

/** The translator's and reviewer's tasks; one opened task shows source and translation side by side. */
function TasksPanel() {
  const { data: me } = useMe();
  const [openId, setOpenId] = useState<string | null>(null);
  const tasks = useQuery({ queryKey: ['translation-tasks'], queryFn: () => listTasks({ limit: 100 }) });
  if (tasks.isError) return <ErrorState error={tasks.error} />;
  return (
    <div>
      <div className="translation__layout">
        <List
          className="translation__tasks"
          data-testid="translation-tasks"
          loading={tasks.isLoading}
          locale={{ emptyText: <Empty description={<Msg k="tr.empty" />} /> }}
          dataSource={tasks.data?.items ?? []}
          renderItem={(task: TranslationTask) => (
            <List.Item className={task.id === openId ? 'is-open' : undefined} onClick={() => setOpenId(task.id)} data-testid="translation-task" style={{ cursor: 'pointer' }}>
              <Space orientation="vertical" size={2}>
                <span>{task.sourceTitle}</span>
                <span>
                  <Tag color={STATUS_COLOR[task.status]} data-status={task.status}>
                    <Msg k={`tr.status.${task.status}`} />
                  </Tag>
                  {task.sourceLang} → {task.targetLang} · {task.assignee.name}
                </span>
              </Space>
            </List.Item>
          )}
        />
        {openId ? <TaskEditor key={openId} id={openId} userId={me?.id ?? ''} /> : null}
      </div>
    </div>
  );
}

function TaskEditor({ id, userId }: { id: string; userId: string }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const task = useQuery({ queryKey: ['translation-task', id], queryFn: () => getTask(id) });
  const editor = useRef<Editor | null>(null);
  const [title, setTitle] = useState<string | null>(null);
  const [body, setBody] = useState<string | null>(null);
  const data = task.data;
  const source = useMemo(() => (data?.source ? sentences(data.source.body) : []), [data?.source]);
  const hints = useQuery({
    queryKey: ['translation-suggest', id, source],
    enabled: !!data && source.length > 0,
    queryFn: async () => Promise.all(source.map((s) => suggest({ text: s, sourceLang: data!.task.sourceLang, targetLang: data!.task.targetLang, limit: 1 }))),
  });
  const engines = useQuery({ queryKey: ['translation-engines'], queryFn: getEngines });
  const [engine, setEngine] = useState<EngineId>('memory');
  const [activeTerm, setActiveTerm] = useState<string | null>(null);
  const machine = useMutation({ mutationFn: () => translate({ text: source.join(data!.task.sourceLang === 'zh-Hans' ? '' : ' '), sourceLang: data!.task.sourceLang, targetLang: data!.task.targetLang, engine }) });
  const done = () => void queryClient.invalidateQueries({ queryKey: ['translation-tasks'] }).then(() => queryClient.invalidateQueries({ queryKey: ['translation-task', id] }));
  const onError = (e: unknown) => void message.error(errorText(e, t));
  const save = useMutation({ mutationFn: () => saveTaskDraft(id, { title: title ?? data?.task.draft.title ?? '', body: body ?? data?.task.draft.body ?? '' }), onSuccess: () => void message.success(t('tr.saved')), onError });
  const submit = useMutation({ mutationFn: async () => (await save.mutateAsync(), submitTask(id)), onSuccess: done, onError });
  const decide = useMutation({ mutationFn: (approve: boolean) => reviewTask(id, { approve }), onSuccess: done, onError });

  if (task.isError) return <ErrorState error={task.error} />;
  if (!data) return null;
  const { task: tk } = data;
  const mine = tk.assignee.id === userId && tk.status === 'assigned';
  const vertical = tk.targetLang === 'mn-Mong';
  const terms = [...new Map((hints.data ?? []).flatMap((h) => h.terms).map((x) => [x.id, x])).values()];
  const insert = (text: string) => editor.current?.chain().focus().insertContent(text.replace(/</g, '&lt;')).run();
  const active = terms.find((x) => x.id === activeTerm);
  const equivalents = (x: Term) => [x.zh, x.mnMong, x.mnCyrl, x.en].filter(Boolean).join(' · ');
  return (
    <div className="translation__editor" data-testid="translation-editor">
      <section className="translation__source" lang={tk.sourceLang}>
        <h2>
          <Msg k="tr.source" />
        </h2>
        <h3>{data.source?.title}</h3>
        {/* Terms found in the termbase are marked; hover shows the equivalents, a click opens them beside. */}
        <div
          className={tk.sourceLang === 'mn-Mong' ? 'mongol translation__source-mn' : undefined}
          data-testid="translation-source"
          onClick={(e) => {
            const mark = (e.target as HTMLElement).closest('mark[data-term-id]');
            if (mark) setActiveTerm(mark.getAttribute('data-term-id'));
          }}
          dangerouslySetInnerHTML={{ __html: markTerms(sanitize(data.source?.body ?? ''), terms, tk.sourceLang, equivalents) }}
        />
      </section>
      <section className="translation__target">
        <h2>
          <Msg k="tr.target" />
        </h2>
        <Input
          aria-label={t('tr.title')}
          placeholder={t('tr.title')}
          value={title ?? tk.draft.title ?? ''}
          onChange={(e) => setTitle(e.target.value)}
          disabled={!mine}
          data-testid="translation-title"
          lang={tk.targetLang}
          style={vertical ? { fontFamily: `'${MONGOLIAN_FONT_FAMILY}', sans-serif` } : undefined}
        />
        <RichEditor lang={tk.targetLang} initialHtml={tk.draft.body ?? ''} editable={mine} onChange={setBody} onReady={(e) => (editor.current = e)} label={t('tr.target')} testId="translation-body" />
        <Space style={{ marginTop: 8 }}>
          {mine && (
            <>
              <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="translation-save">
                <Msg k="tr.saveDraft" />
              </Button>
              <Button type="primary" onClick={() => submit.mutate()} loading={submit.isPending} data-testid="translation-submit">
                <Msg k="tr.submit" />
              </Button>
            </>
          )}
          {tk.status === 'in_review' && tk.assignee.id !== userId && (
            <>
              <Button type="primary" onClick={() => decide.mutate(true)} data-testid="translation-approve">
                <Msg k="tr.approve" />
              </Button>
              <Button onClick={() => decide.mutate(false)} data-testid="translation-return">
                <Msg k="tr.return" />
              </Button>
            </>
          )}
        </Space>
      </section>
      <aside className="translation__hints" data-testid="translation-hints">
        {active && (
          <div className="translation__termcard" data-testid="term-card">
            <h2>
              <Msg k="tr.term.equivalents" />
            </h2>
            <TermLines term={active} />
            {mine && termIn(active, tk.targetLang) && (
              <Button size="small" type="primary" onClick={() => insert(termIn(active, tk.targetLang)!)} data-testid="term-insert">
                <Msg k="tr.term.insert" />
              </Button>
            )}
          </div>
        )}
        <div className="translation__engine">
          <h2>
            <Msg k="tr.engine" />
          </h2>
          <Space wrap>
            <Select<EngineId>
              size="small"
              style={{ width: 170 }}
              value={engine}
              onChange={(v) => (setEngine(v), machine.reset())}
              aria-label={t('tr.engine')}
              options={(engines.data?.engines ?? [{ id: 'memory' as const, configured: true }]).map((x) => ({ value: x.id, label: t(`tr.engine.${x.id}`), disabled: !x.configured }))}
              data-testid="translation-engine"
            />
            <Button size="small" disabled={source.length === 0} loading={machine.isPending} onClick={() => machine.mutate()} data-testid="translation-machine">
              <Msg k="tr.machine" />
            </Button>
          </Space>
          {machine.isError && <div className="translation__error" data-testid="translation-machine-error">{errorText(machine.error, t)}</div>}
          {machine.data && (
            <div className="translation__machine" data-testid="translation-machine-result">
              {/* Untranslated sentences come back in the source language: vertical only where Mongolian. */}
              <div className="translation__hint-mn">
                <ScriptText text={machine.data.text} />
              </div>
              {mine && (
                <Button size="small" onClick={() => insert(machine.data.text)} data-testid="translation-machine-insert">
                  <Msg k="tr.insert" />
                </Button>
              )}
            </div>
          )}
        </div>
        <h2>
          <Msg k="tr.suggestions" />
        </h2>
        {source.map((s, i) => {
          const best = hints.data?.[i]?.matches[0];
          return (
            <div key={i} className="translation__hint">
              <div>{s}</div>
              {best ? (
                <Space align="start">
                  <Tag data-testid="translation-score">{best.score}%</Tag>
                  {vertical ? <MongolText as="div" className="translation__hint-mn">{best.target}</MongolText> : <span>{best.target}</span>}
                  {mine && (
                    <Button size="small" onClick={() => editor.current?.chain().focus().insertContent(`<p>${best.target.replace(/</g, '&lt;')}</p>`).run()} data-testid="translation-insert">
                      <Msg k="tr.insert" />
                    </Button>
                  )}
                </Space>
              ) : (
                <span className="translation__none">
                  <Msg k="tr.noMatches" />
                </span>
              )}
            </div>
          );
        })}
        {terms.length > 0 && (
          <>
            <h2>
              <Msg k="tr.terms" />
            </h2>
            {terms.map((x) => (
              <div key={x.id} className={`translation__term${x.id === activeTerm ? ' is-active' : ''}`} data-testid="translation-term" onClick={() => setActiveTerm(x.id)}>
                {x.zh} · {x.mnMong ? <MongolText>{x.mnMong}</MongolText> : null} {x.mnCyrl ?? ''} {x.en ?? ''}
              </div>
            ))}
          </>
        )}
      </aside>
    </div>
  );
}

/** A term's equivalents, one language a line (Mongolian vertical). */
function TermLines({ term }: { term: Term }) {
  const { t } = useI18n();
  const line = (lang: Lang, text: string | null) =>
    text ? (
      <div key={lang} data-lang={lang}>
        <span className="translation__termlang">{t(`tr.lang.${lang}`)}</span> {lang === 'mn-Mong' ? <MongolText>{text}</MongolText> : text}
      </div>
    ) : null;
  return (
    <div className="translation__termlines">
      {line('zh-Hans', term.zh)}
      {line('mn-Mong', term.mnMong)}
      {line('mn-Cyrl', term.mnCyrl)}
      {line('en', term.en)}
      {term.domain && <div className="translation__none">{term.domain}</div>}
      {term.notes && <div className="translation__none">{term.notes}</div>}
    </div>
  );
}
