import { App as AntApp, Button, Input, Popconfirm, Popover, Tag } from 'antd';
import { useState } from 'react';
import { useMe } from '../../api/queries';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { attachToPost, deletePost, editPost, moderatePost, reportPost, useThread, type Post } from '../../api/community';
import { Composer } from './Composer';
import { useAct, useHeldNotice } from './hooks';
import { PostText } from './PostText';

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** A post's text, mentions and attachments, or why it is not shown. */
export function PostBody({ p }: { p: Post }) {
  if (p.status === 'deleted') return <em className="com-muted"><Msg k="community.deleted" /></em>;
  return (
    <div className="com-post__body">
      {p.status === 'held' && (
        <Tag color="orange" data-testid="com-held">
          <Msg k="community.held" /> {p.heldFor.join('、')}
        </Tag>
      )}
      {p.status === 'hidden' && (
        <Tag color="red" data-testid="com-hidden">
          <Msg k="community.hidden" />
        </Tag>
      )}
      {p.mentioned.length > 0 && (
        <div className="com-mentions">
          {p.mentioned.map((m) => (
            <span key={m.id} className="com-mention" data-testid="com-mention">
              @<ScriptText text={m.name} />
            </span>
          ))}
        </div>
      )}
      <PostText text={p.body} />
      {p.attachments.map((a) =>
        a.kind === 'image' ? (
          <a key={a.id} href={a.url} target="_blank" rel="noreferrer" data-testid="com-attachment">
            <img className="com-post__image" src={a.thumbUrl ?? a.url} alt={a.name} />
          </a>
        ) : (
          <a key={a.id} href={a.url} className="com-post__file" data-testid="com-attachment">
            📎 {a.name}
          </a>
        ),
      )}
    </div>
  );
}

/** Report a post to the space's moderators, with a reason. */
function ReportButton({ postId }: { postId: string }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const report = useAct(
    () => reportPost(postId, reason.trim()),
    () => (setOpen(false), setReason(''), void message.success(t('community.reported'))),
  );
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      content={
        <div className="com-report">
          <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('community.reportPlaceholder')} maxLength={500} autoSize={{ minRows: 2 }} data-testid="com-report-reason" />
          <Button size="small" type="primary" danger disabled={!reason.trim()} loading={report.isPending} onClick={() => report.mutate(undefined)} data-testid="com-report-send">
            <Msg k="community.report" />
          </Button>
        </div>
      }
    >
      <Button size="small" type="link" onClick={() => setReason((r) => r || t('community.reportReason'))} data-testid="com-report">
        <Msg k="community.report" />
      </Button>
    </Popover>
  );
}

/** The author edits a post in place (title too, for a thread); screened again on saving. */
function EditForm({ p, onDone }: { p: Post; onDone: () => void }) {
  const notifyHeld = useHeldNotice();
  const [title, setTitle] = useState(p.title ?? '');
  const [body, setBody] = useState(p.body);
  const save = useAct(
    () => editPost(p.id, p.parentId ? { body: body.trim() } : { title: title.trim(), body: body.trim() }),
    (r) => (notifyHeld(r as Post), onDone()),
  );
  return (
    <div className="com-compose" data-testid="com-edit">
      {!p.parentId && <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} data-testid="com-edit-title" />}
      <Input.TextArea value={body} onChange={(e) => setBody(e.target.value)} autoSize={{ minRows: 2, maxRows: 10 }} data-testid="com-edit-body" />
      <div className="com-compose__buttons">
        <Button onClick={onDone}>
          <Msg k="community.cancel" />
        </Button>
        <Button type="primary" disabled={!body.trim() || (!p.parentId && !title.trim())} loading={save.isPending} onClick={() => save.mutate(undefined)} data-testid="com-edit-save">
          <Msg k="community.save" />
        </Button>
      </div>
    </div>
  );
}

function AttachButton({ postId }: { postId: string }) {
  const attach = useAct((file: File) => attachToPost(postId, file));
  return (
    <label className="com-attach">
      <Msg k="chat.attach" />
      <input type="file" hidden accept="image/*,application/pdf,.docx,.xlsx" onChange={(e) => e.target.files?.[0] && attach.mutate(e.target.files[0])} />
    </label>
  );
}

type Action = 'hide' | 'show' | 'approve' | 'reject' | 'dismiss';

export function PostItem({ p, canModerate }: { p: Post; canModerate: boolean }) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const [editing, setEditing] = useState(false);
  const remove = useAct(deletePost);
  const moderate = useAct((action: Action) => moderatePost(p.id, action));
  const mine = p.author.id === me?.id;
  const open = p.status !== 'deleted' && p.status !== 'hidden';
  return (
    <article className="com-post" data-testid="com-post" data-status={p.status} data-id={p.id}>
      <div className="com-post__meta">
        <ScriptText text={p.author.name} /> · {when(p.createdAt)}
        {p.editedAt && (
          <span className="com-edited" title={when(p.editedAt)} data-testid="com-edited">
            {' · '}
            <Msg k="community.edited" />
          </span>
        )}
      </div>
      {editing ? <EditForm p={p} onDone={() => setEditing(false)} /> : <PostBody p={p} />}
      {!editing && (
        <div className="com-post__actions">
          {mine && open && (
            <>
              <Button size="small" type="link" onClick={() => setEditing(true)} data-testid="com-edit-open">
                <Msg k="community.edit" />
              </Button>
              <AttachButton postId={p.id} />
            </>
          )}
          {mine && p.status !== 'deleted' && (
            <Popconfirm title={t('community.deleteConfirm')} onConfirm={() => remove.mutate(p.id)} okText={t('community.delete')} cancelText={t('community.cancel')}>
              <Button size="small" type="link" data-testid="com-delete">
                <Msg k="community.delete" />
              </Button>
            </Popconfirm>
          )}
          {!mine && p.status === 'visible' && <ReportButton postId={p.id} />}
          {canModerate && p.status === 'held' && (
            <>
              <Button size="small" type="link" onClick={() => moderate.mutate('approve')} data-testid="com-approve">
                <Msg k="community.approve" />
              </Button>
              <Button size="small" type="link" danger onClick={() => moderate.mutate('reject')} data-testid="com-reject">
                <Msg k="community.reject" />
              </Button>
            </>
          )}
          {canModerate && p.status === 'visible' && (
            <Button size="small" type="link" danger onClick={() => moderate.mutate('hide')} data-testid="com-hide">
              <Msg k="community.hide" />
            </Button>
          )}
          {canModerate && p.status === 'hidden' && (
            <Button size="small" type="link" onClick={() => moderate.mutate('show')} data-testid="com-show">
              <Msg k="community.show" />
            </Button>
          )}
        </div>
      )}
    </article>
  );
}

/** A thread with its replies, and the reply composer while it is open. */
export function ThreadView({ id, orgId, canModerate, onBack }: { id: string; orgId: string; canModerate: boolean; onBack: () => void }) {
  const thread = useThread(id);
  if (thread.isPending) return <Loading />;
  if (thread.isError) return <ErrorState error={thread.error} onRetry={() => void thread.refetch()} />;
  const t = thread.data.thread;
  const posts = [t, ...thread.data.replies];
  const known = [...new Map(posts.map((p) => [p.author.id, { id: p.author.id, name: p.author.name }])).values()];
  return (
    <div className="com-thread" data-testid="com-thread">
      <Button size="small" onClick={onBack} data-testid="com-back">
        <Msg k="community.back" />
      </Button>
      <h2 className="com-thread__title">
        <Tag>
          <Msg k={`community.category.${t.category}`} />
        </Tag>
        <ScriptText text={t.title ?? ''} testId="com-thread-title" />
      </h2>
      {posts.map((p) => (
        <PostItem key={p.id} p={p} canModerate={canModerate} />
      ))}
      {t.status === 'visible' && <Composer orgId={orgId} threadId={id} known={known} />}
    </div>
  );
}
