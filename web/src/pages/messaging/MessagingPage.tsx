import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useParams, useNavigate } from 'react-router';
import { ChatSocket, chatKeys, useConversations, type Conversation, type SocketState } from '../../api/messaging';
import { useMe } from '../../api/queries';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { ChatView } from './ChatView';
import { NewConversation } from './NewConversation';
import './messaging.css';

/** A conversation's name: the org (channel), the group's title, or the other person. */
export function conversationTitle(c: Conversation, lang: string): string {
  if (c.kind === 'direct') return c.peer?.name ?? '—';
  if (c.kind === 'group') return c.title ?? '—';
  return lang === 'mn-Mong' && c.org.mn ? c.org.mn : c.org.zh;
}

/** Conversations with unread counts on the left, the open one on the right; one live socket for all. */
export function MessagingPage() {
  const { lang } = useI18n();
  const { id } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const conversations = useConversations();
  const [socket, setSocket] = useState<ChatSocket | null>(null);
  const [state, setState] = useState<SocketState>('connecting');
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    const s = new ChatSocket();
    setSocket(s);
    const offState = s.onState(setState);
    // Unread counts and previews follow what arrives.
    const off = s.on((e) => {
      if (e.type === 'message' || e.type === 'update' || e.type === 'resumed' || e.type === 'joined' || e.type === 'left' || e.type === 'read') {
        void queryClient.invalidateQueries({ queryKey: chatKeys.conversations });
      }
    });
    return () => {
      off();
      offState();
      s.close();
    };
  }, [queryClient]);

  const list = useMemo(() => conversations.data ?? [], [conversations.data]);
  const current = list.find((c) => c.id === id) ?? null;

  return (
    <div className="chat-page" data-testid="messaging-page">
      <aside className="chat-list" aria-label="conversations">
        <div className="chat-list__head">
          <h1 className="page-title">
            <Msg k="chat.title" />
          </h1>
          <span className={`chat-state chat-state--${state}`} data-testid="chat-state" data-state={state}>
            <Msg k={`chat.state.${state}`} />
          </span>
          <Button size="small" onClick={() => setCreating(true)} data-testid="chat-new">
            <Msg k="chat.new" />
          </Button>
        </div>
        {conversations.isPending ? (
          <Loading />
        ) : conversations.isError ? (
          <ErrorState error={conversations.error} onRetry={() => void conversations.refetch()} />
        ) : list.length === 0 ? (
          <Empty description={<Msg k="chat.none" />} />
        ) : (
          <ul className="chat-list__items">
            {list.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className={c.id === id ? 'chat-list__item is-active' : 'chat-list__item'}
                  onClick={() => navigate(`/messages/${c.id}`)}
                  data-testid="chat-conversation"
                  data-kind={c.kind}
                  data-title={conversationTitle(c, 'zh-Hans')}
                >
                  <span className="chat-list__kind">
                    <Msg k={`chat.kind.${c.kind}`} />
                  </span>
                  <span className="chat-list__title">
                    <ScriptText text={conversationTitle(c, lang)} />
                  </span>
                  <Badge count={c.unread} size="small" data-testid="chat-unread" />
                  {c.last && (
                    <span className="chat-list__last">
                      <ScriptText text={c.last.text} />
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        )}
      </aside>
      <section className="chat-main">
        {current && socket && me ? (
          <ChatView key={current.id} conversation={current} socket={socket} meId={me.id} />
        ) : (
          <div className="chat-main__empty">
            <Msg k="chat.pick" />
          </div>
        )}
      </section>
      <NewConversation
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          void queryClient.invalidateQueries({ queryKey: chatKeys.conversations });
          navigate(`/messages/${c.id}`);
        }}
      />
    </div>
  );
}
