import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Editor } from '@tiptap/react';
import { Alert, App as AntApp, Button, DatePicker, Input, Modal, Space } from 'antd';
import { useRef, useState } from 'react';
import {
  contentKeys,
  fetchResource,
  importDocx,
  importText,
  mediaUrl,
  saveVersion,
  transitionVersion,
  uploadMedia,
  type Resource,
  type Status,
  type Version,
} from '../../api/content';
import { ApiError } from '../../api/client';
import { errorText } from '../../api/errorText';
import { RichEditor, sanitize } from '../../components/editor/RichEditor';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { Comments } from './Comments';
import { flatText, formatTime, langKey, StatusTag } from './parts';
import { RevisionsDrawer } from './RevisionsDrawer';
import { textToHtml } from './textToHtml';
import { SummaryField, TitleField } from './TitleField';

/** One language version: its title and body in the editor, its status and workflow, comments, revisions. */
export function VersionPanel({ resource, version }: { resource: Resource; version: Version }) {
  const { lang: uiLang, t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const vertical = version.lang === 'mn-Mong';
  const [title, setTitle] = useState(version.title);
  const [body, setBody] = useState(version.body);
  const [summary, setSummary] = useState(version.summary ?? '');
  const [dirty, setDirty] = useState(false);
  const [editorKey, setEditorKey] = useState(0);
  const [publishAt, setPublishAt] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [revisionsOpen, setRevisionsOpen] = useState(false);
  const [textImport, setTextImport] = useState<string | null>(null);
  const editorRef = useRef<Editor | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const { edit, review, publish } = resource.permissions;

  /** Puts a version the server sent back into the cached resource. */
  const store = (updated: Version) => {
    queryClient.setQueryData<Resource>(contentKeys.one(resource.id), (old) =>
      old ? { ...old, versions: old.versions.map((v) => (v.lang === updated.lang ? updated : v)) } : old,
    );
    void queryClient.invalidateQueries({ queryKey: contentKeys.all, refetchType: 'none' });
    void queryClient.invalidateQueries({ queryKey: contentKeys.revisions(resource.id, version.lang) });
  };

  /** Shows what the server holds now (after a restore, or when someone else saved). */
  const reload = (updated?: Version) => {
    if (updated) {
      setTitle(updated.title);
      setBody(updated.body);
      setSummary(updated.summary ?? '');
    }
    setDirty(false);
    setEditorKey((k) => k + 1);
  };

  const save = useMutation({
    mutationFn: () =>
      saveVersion(resource.id, version.lang, {
        title: title.trim(),
        body,
        summary: summary.trim(),
        baseRevision: version.revision,
      }),
    onSuccess: (updated) => {
      store(updated);
      setDirty(false);
      void message.success(t('version.saved', { n: updated.revision }));
    },
  });

  const transition = useMutation({
    mutationFn: (input: { to: Status; publishAt?: string; note?: string }) => transitionVersion(resource.id, version.lang, input),
    onSuccess: (updated) => {
      store(updated);
      // Publishing sends it out (portal, app, feeds…): the outlets panel shows where.
      void queryClient.invalidateQueries({ queryKey: contentKeys.outlets(resource.id) });
      setNote('');
      setPublishAt(null);
      void message.success(t('workflow.done', { status: t(`status.${updated.status}`) }));
    },
    onError: (error) => void message.error(errorText(error, t)),
  });

  const imported = ({ menksoft, unconverted }: { menksoft: number; unconverted: number }) => {
    void message.info(t('import.done', { n: menksoft }));
    if (unconverted > 0) void message.warning(t('import.unconverted', { n: unconverted }));
  };
  const insertHtml = (html: string) => {
    const editor = editorRef.current;
    if (!editor) return;
    editor.chain().focus().insertContent(sanitize(html)).run();
  };
  const docx = useMutation({
    mutationFn: (file: File) => importDocx(file),
    onSuccess: (result) => {
      insertHtml(result.html ?? textToHtml(result.text));
      imported(result.converted);
    },
    onError: (error) => void message.error(errorText(error, t)),
  });
  const text = useMutation({
    mutationFn: (value: string) => importText(value),
    onSuccess: (result) => {
      insertHtml(textToHtml(result.text));
      imported(result.converted);
      setTextImport(null);
    },
    onError: (error) => void message.error(errorText(error, t)),
  });

  /** After a stale save: fetch what the server holds now and show it (local changes are dropped). */
  const refresh = async () => {
    const fresh = await queryClient.fetchQuery({
      queryKey: contentKeys.one(resource.id),
      queryFn: () => fetchResource(resource.id),
      staleTime: 0,
    });
    save.reset();
    const current = fresh.versions.find((v) => v.lang === version.lang);
    if (current) reload(current);
  };

  const stale = save.error instanceof ApiError && save.error.code === 'content.stale';
  const busy = transition.isPending;
  const move = (to: Status, extra: { publishAt?: string; note?: string } = {}) => transition.mutate({ to, ...extra });

  return (
    <section
      className={vertical ? 'panel version version--vertical' : 'panel version'}
      data-testid={`version-${version.lang}`}
      data-lang={version.lang}
      aria-label={t(langKey(version.lang))}
    >
      <header className="version__head">
        <h2 className="panel-title">
          <Msg k={langKey(version.lang)} />
        </h2>
        <StatusTag status={version.status} testId="version-status" />
        <span className="muted" data-testid="version-revision" data-revision={version.revision}>
          <Msg k="version.revision" vars={{ n: version.revision }} />
        </span>
        {version.status === 'approved' && version.publishAt && (
          <span className="muted">
            <Msg k="workflow.scheduled" vars={{ time: formatTime(version.publishAt, uiLang) }} />
          </span>
        )}
        {version.publishedAt && version.status === 'published' && (
          <span className="muted">
            <Msg k="version.publishedAt" vars={{ time: formatTime(version.publishedAt, uiLang) }} />
          </span>
        )}
        {dirty && (
          <span className="version__dirty" data-testid="version-dirty">
            <Msg k="version.unsaved" />
          </span>
        )}
      </header>

      <div className={vertical ? 'version-fields version-fields--vertical' : 'version-fields'}>
        <div>
          <div className="field-label">
            <Msg k="content.field.title" />
          </div>
          <TitleField
            lang={version.lang}
            value={title}
            disabled={!edit}
            testId="version-title"
            onChange={(v) => {
              setTitle(v);
              setDirty(true);
            }}
          />
        </div>
        <div>
          <div className="field-label">
            <Msg k="content.field.summary" />
          </div>
          <SummaryField
            lang={version.lang}
            value={summary}
            disabled={!edit}
            testId="version-summary"
            onChange={(v) => {
              setSummary(v);
              setDirty(true);
            }}
          />
        </div>
        <div className="version-fields__body">
          <div className="field-label">
            <Msg k="content.field.body" />
          </div>
          <RichEditor
            key={editorKey}
            lang={version.lang}
            initialHtml={body}
            editable={edit}
            label={`${t(langKey(version.lang))} ${t('content.field.body')}`}
            testId="version-body"
            onReady={(e) => (editorRef.current = e)}
            onUploadImage={async (file) => mediaUrl(await uploadMedia(resource.orgId, file), [640])}
            onChange={(html) => {
              setBody(html);
              setDirty(true);
            }}
          />
        </div>
      </div>

      {stale && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={<Msg k="version.stale" />}
          action={
            <Button size="small" onClick={() => void refresh()} data-testid="reload-version">
              <Msg k="version.reload" />
            </Button>
          }
        />
      )}
      {save.isError && !stale && (
        <Alert type="error" showIcon role="alert" title={<ScriptText text={errorText(save.error, t)} />} />
      )}

      <input
        ref={fileInput}
        type="file"
        hidden
        accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        data-testid="import-docx-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) docx.mutate(file);
          e.target.value = '';
        }}
      />
      <div className="version__actions">
        {edit && (
          <Space wrap>
            <Button type="primary" onClick={() => save.mutate()} loading={save.isPending} disabled={!title.trim()} data-testid="save-version">
              <Msg k="version.save" />
            </Button>
            <Button onClick={() => fileInput.current?.click()} loading={docx.isPending}>
              <Msg k="import.docx" />
            </Button>
            <Button onClick={() => setTextImport('')}>
              <Msg k="import.text" />
            </Button>
          </Space>
        )}
        <Space wrap className="version__workflow" data-testid="workflow">
          {version.status === 'draft' && edit && (
            <Button onClick={() => move('in_review')} loading={busy} disabled={dirty} data-testid="wf-submit">
              <Msg k="workflow.submit" />
            </Button>
          )}
          {version.status === 'in_review' && review && (
            <>
              <Button type="primary" onClick={() => move('approved', note ? { note } : {})} loading={busy} data-testid="wf-approve">
                <Msg k="workflow.approve" />
              </Button>
              <Button danger onClick={() => move('draft', note ? { note } : {})} loading={busy} data-testid="wf-send-back">
                <Msg k="workflow.sendBack" />
              </Button>
              <Input
                value={note}
                onChange={(e) => setNote(e.target.value)}
                placeholder={flatText(uiLang, t('workflow.note'))}
                aria-label={t('workflow.note')}
                style={{ width: 200 }}
              />
            </>
          )}
          {version.status === 'approved' && publish && (
            <>
              <Button type="primary" onClick={() => move('published')} loading={busy} data-testid="wf-publish">
                <Msg k="workflow.publish" />
              </Button>
              <DatePicker
                key={version.updatedAt} // cleared once the move is made
                showTime
                aria-label={t('workflow.scheduleAt')}
                placeholder={flatText(uiLang, t('workflow.scheduleAt'))}
                onChange={(value) => setPublishAt(value ? value.toISOString() : null)}
              />
              <Button
                disabled={!publishAt}
                onClick={() => publishAt && move('published', { publishAt })}
                loading={busy}
                data-testid="wf-schedule"
              >
                <Msg k="workflow.schedule" />
              </Button>
            </>
          )}
          {version.status === 'published' && publish && (
            <Button danger onClick={() => move('withdrawn')} loading={busy} data-testid="wf-withdraw">
              <Msg k="workflow.withdraw" />
            </Button>
          )}
          {version.status === 'withdrawn' && edit && (
            <Button onClick={() => move('draft')} loading={busy} data-testid="wf-reopen">
              <Msg k="workflow.reopen" />
            </Button>
          )}
          <Button onClick={() => setRevisionsOpen(true)} data-testid="open-revisions">
            <Msg k="revisions.title" />
          </Button>
        </Space>
      </div>

      <Comments resourceId={resource.id} lang={version.lang} />

      <RevisionsDrawer
        open={revisionsOpen}
        onClose={() => setRevisionsOpen(false)}
        resource={resource}
        version={version}
        canRestore={edit}
        onRestored={(updated) => {
          store(updated);
          reload(updated);
        }}
      />

      <Modal
        open={textImport !== null}
        title={t('import.textTitle')}
        onCancel={() => setTextImport(null)}
        onOk={() => textImport && text.mutate(textImport)}
        okText={t('import.text')}
        cancelText={t('common.cancel')}
        confirmLoading={text.isPending}
        destroyOnHidden
      >
        <Input.TextArea
          rows={8}
          value={textImport ?? ''}
          onChange={(e) => setTextImport(e.target.value)}
          aria-label={t('import.textTitle')}
          data-testid="import-text-area"
        />
      </Modal>
    </section>
  );
}
