import { Badge, Button, Empty, Input, Select, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import type { MessageKey } from '../../i18n/languages';
import { ScriptText } from '../../mongol/ScriptText';
import {
  POST_CATEGORIES,
  saveProfile,
  setFollow,
  useFollowing,
  useModerationQueue,
  useModerators,
  usePeople,
  useProfile,
  useSpaces,
  useThreads,
  type PostCategory,
  type Space,
} from '../../api/community';
import { Composer } from './Composer';
import { nameOf, useAct } from './hooks';
import { Moderation } from './Moderation';
import { SpaceAdmin } from './SpaceAdmin';
import { ThreadView } from './ThreadView';
import './community.css';

const LANGS = ['zh-Hans', 'mn-Mong', 'mn-Cyrl', 'en', 'ru', 'ja'] as const;
const LANG_KEYS: Record<(typeof LANGS)[number], MessageKey> = {
  'zh-Hans': 'lang.zh-Hans',
  'mn-Mong': 'lang.mn-Mong',
  'mn-Cyrl': 'lang.mn-Cyrl',
  en: 'lang.en',
  ru: 'community.lang.ru',
  ja: 'community.lang.ja',
};
const langKey = (l: string): MessageKey => LANG_KEYS[l as (typeof LANGS)[number]] ?? 'lang.en';

/** The threads of a space, newest activity first, with the composer for a new one. */
function Threads({ space, onOpen }: { space: Space; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const [category, setCategory] = useState<PostCategory>();
  const [writing, setWriting] = useState(false);
  const threads = useThreads(space.orgId, category);
  return (
    <>
      <div className="com-toolbar">
        <Select allowClear value={category} onChange={setCategory} placeholder={t('community.allCategories')} options={POST_CATEGORIES.map((c) => ({ value: c, label: t(`community.category.${c}`) }))} style={{ width: 160 }} />
        <Button type="primary" onClick={() => setWriting((v) => !v)} data-testid="com-new">
          <Msg k="community.newThread" />
        </Button>
      </div>
      {writing && <Composer orgId={space.orgId} onDone={() => setWriting(false)} />}
      {threads.isError && <ErrorState error={threads.error} onRetry={() => void threads.refetch()} />}
      <ul className="com-threads">
        {(threads.data ?? []).map((p) => (
          <li key={p.id}>
            <button type="button" className="com-thread-item" onClick={() => onOpen(p.id)} data-testid="com-thread-item" data-status={p.status} data-id={p.id}>
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
              {p.status === 'hidden' && (
                <Tag color="red">
                  <Msg k="community.hidden" />
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
      {threads.data?.length === 0 && <Empty />}
    </>
  );
}

/** One space: its threads; its review queue for moderators; its settings for the org's admins. */
function SpaceView({ space }: { space: Space }) {
  const [open, setOpen] = useState<string>();
  const [tab, setTab] = useState('threads');
  const moderators = useModerators(space.orgId);
  const queue = useModerationQueue(space.orgId, space.canModerate);
  const waiting = (queue.data?.held.length ?? 0) + (queue.data?.reports.length ?? 0);
  return (
    <div className="com-space-view" data-testid="com-space-view" data-org={space.orgId}>
      <div className="com-space-view__moderators com-muted" data-testid="com-space-moderators">
        <Msg k="community.moderators" />:{' '}
        {moderators.data?.length ? moderators.data.map((m, i) => <span key={m.id}>{i > 0 && '、'}<ScriptText text={m.name} /></span>) : <Msg k="community.noModerators" />}
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => (setTab(k), setOpen(undefined))}
        items={[
          {
            key: 'threads',
            label: <Msg k="community.tabThreads" />,
            children: open ? <ThreadView id={open} orgId={space.orgId} canModerate={space.canModerate} onBack={() => setOpen(undefined)} /> : <Threads space={space} onOpen={setOpen} />,
          },
          ...(space.canModerate
            ? [
                {
                  key: 'moderation',
                  label: (
                    <span data-testid="com-tab-moderation">
                      <Msg k="community.tabModeration" /> <Badge count={waiting} size="small" />
                    </span>
                  ),
                  children: <Moderation queue={queue} />,
                },
              ]
            : []),
          ...(space.canManage ? [{ key: 'manage', label: <span data-testid="com-tab-manage"><Msg k="community.tabManage" /></span>, children: <SpaceAdmin space={space} /> }] : []),
        ]}
      />
    </div>
  );
}

function Spaces() {
  const { lang } = useI18n();
  const spaces = useSpaces();
  const [orgId, setOrgId] = useState<string>();
  if (spaces.isPending) return <Loading />;
  if (spaces.isError) return <ErrorState error={spaces.error} onRetry={() => void spaces.refetch()} />;
  const current = spaces.data.find((s) => s.orgId === orgId) ?? spaces.data.at(-1);
  return (
    <div className="com-spaces">
      <aside className="com-spaces__list">
        {spaces.data.map((s) => (
          <button key={s.orgId} type="button" className={s.orgId === current?.orgId ? 'com-space is-active' : 'com-space'} onClick={() => setOrgId(s.orgId)} data-testid="com-space" data-org={s.orgId}>
            <ScriptText text={nameOf(s.name, lang)} />
          </button>
        ))}
      </aside>
      <section className="com-spaces__main">{current ? <SpaceView key={current.orgId} space={current} /> : <Empty />}</section>
    </div>
  );
}

function People() {
  const { lang, t } = useI18n();
  const [q, setQ] = useState('');
  const people = usePeople(q);
  const following = useFollowing();
  const follow = useAct(({ id, on }: { id: string; on: boolean }) => setFollow(id, on));
  return (
    <div className="com-people">
      <Input.Search allowClear placeholder={t('community.searchPeople')} onSearch={setQ} style={{ maxWidth: 320 }} data-testid="com-people-search" />
      <ul className="com-people__list">
        {(people.data?.items ?? []).map((p) => (
          <li key={p.id} className="com-person" data-testid="com-person" data-id={p.id}>
            <strong>
              <ScriptText text={p.name} />
            </strong>
            <span className="com-muted">
              <ScriptText text={nameOf(p.org, lang)} />
            </span>
            {p.title && <ScriptText text={p.title} />}
            {p.field && <ScriptText text={p.field} />}
            {p.languages.map((l) => (
              <Tag key={l}>
                <Msg k={langKey(l)} />
              </Tag>
            ))}
            <span className="com-muted">
              <Msg k="community.followers" vars={{ n: p.followers }} />
            </span>
            <Button size="small" onClick={() => follow.mutate({ id: p.id, on: !p.following })} data-testid="com-follow">
              <Msg k={p.following ? 'community.unfollow' : 'community.follow'} />
            </Button>
          </li>
        ))}
      </ul>
      <h3>
        <Msg k="community.following" />
      </h3>
      <ul className="com-people__list" data-testid="com-following">
        {(following.data ?? []).map((f) => (
          <li key={f.id} className="com-person">
            <ScriptText text={f.name} />
            <Button size="small" onClick={() => follow.mutate({ id: f.id, on: false })}>
              <Msg k="community.unfollow" />
            </Button>
          </li>
        ))}
        {following.data?.length === 0 && (
          <li className="com-muted">
            <Msg k="community.noFollowing" />
          </li>
        )}
      </ul>
    </div>
  );
}

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
        <Input value={d.field} onChange={(e) => setDraft({ ...d, field: e.target.value })} maxLength={100} data-testid="com-profile-field" />
      </label>
      <label>
        <Msg k="community.jobTitle" />
        <Input value={d.title} onChange={(e) => setDraft({ ...d, title: e.target.value })} maxLength={100} data-testid="com-profile-title" />
      </label>
      <label>
        <Msg k="community.languages" />
        <Select mode="multiple" value={d.languages} onChange={(v) => setDraft({ ...d, languages: v })} options={LANGS.map((l) => ({ value: l, label: t(langKey(l)) }))} data-testid="com-profile-languages" />
      </label>
      <label>
        <Msg k="community.bio" />
        <Input.TextArea value={d.bio} onChange={(e) => setDraft({ ...d, bio: e.target.value })} autoSize={{ minRows: 3 }} maxLength={2000} />
      </label>
      <Button type="primary" disabled={!draft} loading={save.isPending} onClick={() => save.mutate(undefined)} data-testid="com-profile-save">
        <Msg k="community.save" />
      </Button>
      <span className="com-muted">{t('community.profileHint')}</span>
    </div>
  );
}

/** The cloud community: spaces with threads and moderation, the directory of sci-tech workers, one's own profile. */
export function CommunityPage() {
  return (
    <div className="com-page" data-testid="community-page">
      <h1 className="page-title">
        <Msg k="community.title" />
      </h1>
      <Tabs
        items={[
          { key: 'spaces', label: <Msg k="community.spaces" />, children: <Spaces /> },
          { key: 'people', label: <span data-testid="com-tab-people"><Msg k="community.people" /></span>, children: <People /> },
          { key: 'profile', label: <span data-testid="com-tab-profile"><Msg k="community.profile" /></span>, children: <MyProfile /> },
        ]}
      />
    </div>
  );
}
