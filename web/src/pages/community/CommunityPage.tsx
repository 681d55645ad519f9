import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Badge, Button, Empty, Input, Select, Tabs, Tag } from 'antd';
import { useState } from 'react';
import {
  POST_CATEGORIES,
  addKeywords,
  attachToPost,
  createThread,
  deletePost,
  moderatePost,
  removeKeyword,
  replyTo,
  reportPost,
  saveProfile,
  setFollow,
  useKeywords,
  useModerationQueue,
  usePeople,
  useProfile,
  useSpaces,
  useThread,
  useThreads,
  type BiName,
  type Post,
  type PostCategory,
} from '../../api/community';
import { errorText } from '../../api/errorText';
import { useMe } from '../../api/queries';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { MongolKeyboard } from '../../mongol/Keyboard';
import { ScriptText } from '../../mongol/ScriptText';
import './community.css';

const nameOf = (n: BiName, lang: string) => (lang === 'mn-Mong' && n.mn ? n.mn : n.zh);

/** Re-reads everything of the community after a change (small lists: simpler than patching caches). */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ['community'] });
}

function useAct<T>(fn: (x: T) => Promise<unknown>, done?: () => void) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      refresh();
      done?.();
    },
    onError: (e) => void message.error(errorText(e, t)),
  });
}

function PostBody({ p }: { p: Post }) {
  if (p.status === 'deleted') return <em className="com-muted"><Msg k="community.deleted" /></em>;
  return (
    <div className="com-post__body">
      {p.status === 'held' && (
        <Tag color="orange" data-testid="com-held">
          <Msg k="community.held" /> {p.heldFor.join('、')}
        </Tag>
      )}
      {p.status === 'hidden' && (
        <Tag color="red">
          <Msg k="community.hidden" />
        </Tag>
      )}
      <ScriptText text={p.body} />
      {p.attachments.map((a) =>
        a.kind === 'image' ? (
          <a key={a.id} href={a.url} target="_blank" rel="noreferrer">
            <img className="com-post__image" src={a.thumbUrl ?? a.url} alt={a.name} />
          </a>
        ) : (
          <a key={a.id} href={a.url} className="com-post__file">
            📎 {a.name}
          </a>
        ),
      )}
    </div>
  );
}

/** Attach an image or file to one's own post. */
function AttachButton({ postId }: { postId: string }) {
  const attach = useAct((file: File) => attachToPost(postId, file));
  return (
    <label className="com-attach">
      <Msg k="chat.attach" />
      <input type="file" hidden accept="image/*,application/pdf,.docx" onChange={(e) => e.target.files?.[0] && attach.mutate(e.target.files[0])} />
    </label>
  );
}

function ThreadView({ id, canModerate, onBack }: { id: string; canModerate: boolean; onBack: () => void }) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const thread = useThread(id);
  const [text, setText] = useState('');
  const reply = useAct((body: string) => replyTo(id, body), () => setText(''));
  const remove = useAct(deletePost);
  const report = useAct((postId: string) => reportPost(postId, t('community.reportReason')));
  const moderate = useAct(({ postId, action }: { postId: string; action: 'hide' | 'show' | 'approve' | 'reject' }) => moderatePost(postId, action));
  if (thread.isPending) return <Loading />;
  if (thread.isError) return <ErrorState error={thread.error} onRetry={() => void thread.refetch()} />;
  const posts = [thread.data.thread, ...thread.data.replies];
  return (
    <div className="com-thread" data-testid="com-thread">
      <Button size="small" onClick={onBack}>
        <Msg k="community.back" />
      </Button>
      <h2>
        <ScriptText text={thread.data.thread.title ?? ''} />
      </h2>
      {posts.map((p) => (
        <article key={p.id} className="com-post" data-testid="com-post" data-status={p.status}>
          <div className="com-post__meta">
            <ScriptText text={p.author.name} /> · {p.createdAt.slice(0, 16).replace('T', ' ')}
          </div>
          <PostBody p={p} />
          <div className="com-post__actions">
            {p.author.id === me?.id && p.status !== 'deleted' && (
              <>
                <AttachButton postId={p.id} />
                <Button size="small" type="link" onClick={() => remove.mutate(p.id)}>
                  <Msg k="community.delete" />
                </Button>
              </>
            )}
            {p.author.id !== me?.id && p.status === 'visible' && (
              <Button size="small" type="link" onClick={() => report.mutate(p.id)}>
                <Msg k="community.report" />
              </Button>
            )}
            {canModerate && p.status === 'visible' && (
              <Button size="small" type="link" danger onClick={() => moderate.mutate({ postId: p.id, action: 'hide' })}>
                <Msg k="community.hide" />
              </Button>
            )}
            {canModerate && p.status === 'hidden' && (
              <Button size="small" type="link" onClick={() => moderate.mutate({ postId: p.id, action: 'show' })}>
                <Msg k="community.show" />
              </Button>
            )}
          </div>
        </article>
      ))}
      {thread.data.thread.status === 'visible' && (
        <div className="com-compose">
          <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} placeholder={t('community.replyPlaceholder')} data-testid="com-reply-input" />
          <Button type="primary" disabled={!text.trim()} loading={reply.isPending} onClick={() => reply.mutate(text.trim())} data-testid="com-reply-send">
            <Msg k="community.reply" />
          </Button>
        </div>
      )}
    </div>
  );
}

function NewThread({ orgId, onDone }: { orgId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [category, setCategory] = useState<PostCategory>('academic');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [keyboard, setKeyboard] = useState(false);
  const create = useAct(() => createThread(orgId, { category, title: title.trim(), body: body.trim() }), onDone);
  return (
    <div className="com-compose com-compose--thread" data-testid="com-new-thread">
      <Select value={category} onChange={setCategory} options={POST_CATEGORIES.map((c) => ({ value: c, label: t(`community.category.${c}`) }))} style={{ width: 160 }} />
      <Input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('community.titlePlaceholder')} data-testid="com-title" />
      <Input.TextArea value={body} onChange={(e) => setBody(e.target.value)} autoSize={{ minRows: 3, maxRows: 10 }} placeholder={t('community.bodyPlaceholder')} data-testid="com-body" />
      <div className="com-compose__buttons">
        <Button onClick={() => setKeyboard((v) => !v)} aria-pressed={keyboard}>
          <Msg k="chat.keyboard" />
        </Button>
        <Button type="primary" disabled={!title.trim() || !body.trim()} loading={create.isPending} onClick={() => create.mutate(undefined)} data-testid="com-post-send">
          <Msg k="community.post" />
        </Button>
      </div>
      {keyboard && <MongolKeyboard />}
    </div>
  );
}

function Moderation({ orgId }: { orgId: string }) {
  const { t } = useI18n();
  const queue = useModerationQueue(orgId, true);
  const keywords = useKeywords(orgId, true);
  const [words, setWords] = useState('');
  const moderate = useAct(({ postId, action }: { postId: string; action: 'hide' | 'approve' | 'reject' | 'dismiss' }) => moderatePost(postId, action));
  const add = useAct((list: string[]) => addKeywords(orgId, list), () => setWords(''));
  const remove = useAct(removeKeyword);
  return (
    <div className="com-moderation" data-testid="com-moderation">
      <h3>
        <Msg k="community.queue" />
      </h3>
      {queue.data && queue.data.held.length + queue.data.reports.length === 0 && <Empty description={<Msg k="community.queueEmpty" />} />}
      {queue.data?.held.map((p) => (
        <article key={p.id} className="com-post" data-testid="com-queue-held">
          <div className="com-post__meta">
            <ScriptText text={p.author.name} /> · <ScriptText text={p.title ?? ''} />
          </div>
          <PostBody p={p} />
          <Button size="small" onClick={() => moderate.mutate({ postId: p.id, action: 'approve' })}>
            <Msg k="community.approve" />
          </Button>
          <Button size="small" danger onClick={() => moderate.mutate({ postId: p.id, action: 'reject' })}>
            <Msg k="community.reject" />
          </Button>
        </article>
      ))}
      {queue.data?.reports.map((r) => {
        const p = queue.data.reported.find((x) => x.id === r.postId);
        return (
          <article key={r.id} className="com-post">
            <div className="com-post__meta">
              <Msg k="community.reportedBy" vars={{ name: r.reporter }} />: {r.reason}
            </div>
            {p && <PostBody p={p} />}
            <Button size="small" danger onClick={() => moderate.mutate({ postId: r.postId, action: 'hide' })}>
              <Msg k="community.hide" />
            </Button>
            <Button size="small" onClick={() => moderate.mutate({ postId: r.postId, action: 'dismiss' })}>
              <Msg k="community.dismiss" />
            </Button>
          </article>
        );
      })}
      {keywords.isSuccess && (
        <>
          <h3>
            <Msg k="community.keywords" />
          </h3>
          <div className="com-keywords">
            {keywords.data.map((k) => (
              <Tag key={k.id} closable onClose={() => remove.mutate(k.id)}>
                <ScriptText text={k.word} />
              </Tag>
            ))}
          </div>
          <div className="com-compose__buttons">
            <Input value={words} onChange={(e) => setWords(e.target.value)} placeholder={t('community.keywordsPlaceholder')} data-testid="com-keywords-input" />
            <Button disabled={!words.trim()} onClick={() => add.mutate(words.split(/[,，、\s]+/).filter(Boolean))}>
              <Msg k="community.addKeywords" />
            </Button>
          </div>
        </>
      )}
    </div>
  );
}

function Spaces() {
  const { lang, t } = useI18n();
  const spaces = useSpaces();
  const [orgId, setOrgId] = useState<string>();
  const [category, setCategory] = useState<PostCategory>();
  const [open, setOpen] = useState<string>();
  const [writing, setWriting] = useState(false);
  const current = spaces.data?.find((s) => s.orgId === orgId) ?? spaces.data?.[spaces.data.length - 1];
  const threads = useThreads(current?.orgId, category);
  if (spaces.isPending) return <Loading />;
  if (spaces.isError) return <ErrorState error={spaces.error} onRetry={() => void spaces.refetch()} />;
  return (
    <div className="com-spaces">
      <aside className="com-spaces__list">
        {spaces.data.map((s) => (
          <button key={s.orgId} type="button" className={s.orgId === current?.orgId ? 'com-space is-active' : 'com-space'} onClick={() => (setOrgId(s.orgId), setOpen(undefined))} data-testid="com-space">
            <ScriptText text={nameOf(s.name, lang)} />
          </button>
        ))}
      </aside>
      <section className="com-spaces__main">
        {open && current ? (
          <ThreadView id={open} canModerate={current.canModerate} onBack={() => setOpen(undefined)} />
        ) : current ? (
          <>
            <div className="com-toolbar">
              <Select allowClear value={category} onChange={setCategory} placeholder={t('community.allCategories')} options={POST_CATEGORIES.map((c) => ({ value: c, label: t(`community.category.${c}`) }))} style={{ width: 160 }} />
              <Button type="primary" onClick={() => setWriting((v) => !v)} data-testid="com-new">
                <Msg k="community.newThread" />
              </Button>
            </div>
            {writing && <NewThread orgId={current.orgId} onDone={() => setWriting(false)} />}
            <ul className="com-threads">
              {(threads.data ?? []).map((p) => (
                <li key={p.id}>
                  <button type="button" className="com-thread-item" onClick={() => setOpen(p.id)} data-testid="com-thread-item" data-status={p.status}>
                    <Tag>
                      <Msg k={`community.category.${p.category}`} />
                    </Tag>
                    <span className="com-thread-item__title">
                      <ScriptText text={p.title ?? ''} />
                    </span>
                    {p.status === 'held' && (
                      <Tag color="orange">
                        <Msg k="community.held" />
                      </Tag>
                    )}
                    <Badge count={p.replyCount} showZero color="#999" />
                    <span className="com-muted">
                      <ScriptText text={p.author.name} />
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            {current.canModerate && <Moderation orgId={current.orgId} />}
          </>
        ) : (
          <Empty />
        )}
      </section>
    </div>
  );
}

function People() {
  const { lang, t } = useI18n();
  const [q, setQ] = useState('');
  const people = usePeople(q);
  const follow = useAct(({ id, on }: { id: string; on: boolean }) => setFollow(id, on));
  return (
    <div className="com-people">
      <Input.Search allowClear placeholder={t('community.searchPeople')} onSearch={setQ} style={{ maxWidth: 320 }} />
      <ul className="com-people__list">
        {(people.data?.items ?? []).map((p) => (
          <li key={p.id} className="com-person" data-testid="com-person">
            <strong>
              <ScriptText text={p.name} />
            </strong>
            <span className="com-muted">
              <ScriptText text={nameOf(p.org, lang)} />
            </span>
            {p.title && <ScriptText text={p.title} />}
            {p.field && <ScriptText text={p.field} />}
            <span className="com-muted">
              <Msg k="community.followers" vars={{ n: p.followers }} />
            </span>
            <Button size="small" onClick={() => follow.mutate({ id: p.id, on: !p.following })}>
              <Msg k={p.following ? 'community.unfollow' : 'community.follow'} />
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}

const LANGS = ['zh-Hans', 'mn-Mong', 'mn-Cyrl', 'en', 'ru', 'ja'];

function MyProfile() {
  const { t } = useI18n();
  const profile = useProfile();
  const [draft, setDraft] = useState<{ field: string; title: string; languages: string[]; bio: string } | null>(null);
  const save = useAct(() => saveProfile({ field: draft!.field || null, title: draft!.title || null, languages: draft!.languages, bio: draft!.bio || null }), () => setDraft(null));
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />;
  const d = draft ?? { field: profile.data.field ?? '', title: profile.data.title ?? '', languages: profile.data.languages, bio: profile.data.bio ?? '' };
  return (
    <div className="com-profile" data-testid="com-profile">
      <label>
        <Msg k="community.field" />
        <Input value={d.field} onChange={(e) => setDraft({ ...d, field: e.target.value })} />
      </label>
      <label>
        <Msg k="community.jobTitle" />
        <Input value={d.title} onChange={(e) => setDraft({ ...d, title: e.target.value })} />
      </label>
      <label>
        <Msg k="community.languages" />
        <Select mode="multiple" value={d.languages} onChange={(v) => setDraft({ ...d, languages: v })} options={LANGS.map((l) => ({ value: l, label: l }))} />
      </label>
      <label>
        <Msg k="community.bio" />
        <Input.TextArea value={d.bio} onChange={(e) => setDraft({ ...d, bio: e.target.value })} autoSize={{ minRows: 3 }} />
      </label>
      <Button type="primary" disabled={!draft} loading={save.isPending} onClick={() => save.mutate(undefined)}>
        <Msg k="community.save" />
      </Button>
      <span className="com-muted">{t('community.profileHint')}</span>
    </div>
  );
}

/** The cloud community: spaces with threads, the directory of sci-tech workers, one's own profile. */
export function CommunityPage() {
  return (
    <div className="com-page" data-testid="community-page">
      <h1 className="page-title">
        <Msg k="community.title" />
      </h1>
      <Tabs
        items={[
          { key: 'spaces', label: <Msg k="community.spaces" />, children: <Spaces /> },
          { key: 'people', label: <Msg k="community.people" />, children: <People /> },
          { key: 'profile', label: <Msg k="community.profile" />, children: <MyProfile /> },
        ]}
      />
    </div>
  );
}
