import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Empty } from 'antd';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { Msg } from '../../i18n/Msg';
import { ScriptText } from '../../mongol/ScriptText';
import { moderatePost, type ModerationQueue, type Post } from '../../api/community';
import { useAct } from './hooks';
import { PostBody } from './ThreadView';

type Action = 'hide' | 'approve' | 'reject' | 'dismiss';

/** What waits for a space's moderators: posts held by a screened word, and reported posts. */
export function Moderation({ queue }: { queue: UseQueryResult<ModerationQueue> }) {
  const moderate = useAct(({ postId, action }: { postId: string; action: Action }) => moderatePost(postId, action));
  if (queue.isPending) return <Loading />;
  if (queue.isError) return <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />;
  const { held, reports, reported } = queue.data;
  return (
    <div className="com-moderation" data-testid="com-moderation">
      {held.length + reports.length === 0 && <Empty description={<Msg k="community.queueEmpty" />} />}
      {held.map((p) => (
        <article key={p.id} className="com-post" data-testid="com-queue-held" data-id={p.id}>
          <QueuedPost p={p} />
          <div className="com-post__actions">
            <Button size="small" onClick={() => moderate.mutate({ postId: p.id, action: 'approve' })} data-testid="com-queue-approve">
              <Msg k="community.approve" />
            </Button>
            <Button size="small" danger onClick={() => moderate.mutate({ postId: p.id, action: 'reject' })} data-testid="com-queue-reject">
              <Msg k="community.reject" />
            </Button>
          </div>
        </article>
      ))}
      {reports.map((r) => {
        const p = reported.find((x) => x.id === r.postId);
        return (
          <article key={r.id} className="com-post" data-testid="com-queue-report" data-id={r.postId}>
            <div className="com-post__meta">
              <Msg k="community.reportedBy" vars={{ name: r.reporter }} />: <ScriptText text={r.reason} testId="com-queue-reason" />
            </div>
            {p && <QueuedPost p={p} />}
            <div className="com-post__actions">
              <Button size="small" danger onClick={() => moderate.mutate({ postId: r.postId, action: 'hide' })} data-testid="com-queue-hide">
                <Msg k="community.hide" />
              </Button>
              <Button size="small" onClick={() => moderate.mutate({ postId: r.postId, action: 'dismiss' })} data-testid="com-queue-dismiss">
                <Msg k="community.dismiss" />
              </Button>
            </div>
          </article>
        );
      })}
    </div>
  );
}

/** A post as a moderator weighs it: who wrote it, its title, and its text. */
function QueuedPost({ p }: { p: Post }) {
  return (
    <>
      <div className="com-post__meta">
        <ScriptText text={p.author.name} />
        {p.title && (
          <>
            {' · '}
            <ScriptText text={p.title} />
          </>
        )}
      </div>
      <PostBody p={p} />
    </>
  );
}
