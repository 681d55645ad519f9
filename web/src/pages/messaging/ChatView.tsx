import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Input } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  chatKeys,
  deleteMessage,
  heldMessages,
  latestMessages,
  markRead,
  messagesAfter,
  reviewMessage,
  sendAttachment,
  sendMessage,
  useMessagingConfig,
  type ChatMessage,
  type ChatSocket,
  type Conversation,
} from '../../api/messaging';
import { errorText } from '../../api/errorText';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { MongolKeyboard } from '../../mongol/Keyboard';
import { MongolText } from '../../mongol/MongolText';
import { ScriptText } from '../../mongol/ScriptText';
import { hasMongolian } from '../../mongol/script';
import { conversationTitle } from './MessagingPage';

/** Merges by id (a message may come by REST and by socket), in id order. */
function merge(list: ChatMessage[], more: ChatMessage[]): ChatMessage[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of more) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

function Bubble({ m, mine, onDelete, onReply }: { m: ChatMessage; mine: boolean; onDelete: () => void; onReply: () => void }) {
  const { t } = useI18n();
  const [latin, setLatin] = useState(false);
  return (
    <div className={mine ? 'chat-bubble chat-bubble--mine' : 'chat-bubble'} data-testid="chat-bubble" data-id={m.id} data-status={m.status}>
      <div className="chat-bubble__meta">
        <ScriptText text={m.sender.name} />
        {m.replyTo !== null && <span className="chat-bubble__reply">↩ {m.replyTo}</span>}
        {m.editedAt && m.status === 'visible' && (
          <span className="chat-bubble__edited">
            <Msg k="chat.edited" />
          </span>
        )}
      </div>
      {m.status === 'deleted' ? (
        <em className="chat-bubble__deleted">
          <Msg k="chat.deleted" />
        </em>
      ) : m.status === 'held' ? (
        <em className="chat-bubble__deleted">
          <Msg k="chat.held" />
        </em>
      ) : hasMongolian(m.text) ? (
        // Mongolian stands in its own columns inside the bubble, as it is written.
        <MongolText as="div" className="chat-bubble__mn" data-testid="chat-text">
          {m.text}
        </MongolText>
      ) : (
        m.text && (
          <div className="chat-bubble__text" lang={m.lang === 'zh' ? 'zh-Hans' : undefined} data-testid="chat-text">
            {m.text}
          </div>
        )
      )}
      {m.attachments.map((a) =>
        a.kind === 'image' ? (
          <a key={a.id} href={a.url} target="_blank" rel="noreferrer">
            <img className="chat-bubble__image" src={a.thumbUrl ?? a.url} alt={a.name} />
          </a>
        ) : (
          <a key={a.id} href={a.url} className="chat-bubble__file">
            📎 {a.name}
          </a>
        ),
      )}
      {/* Translation: a button here once a translation engine is configured (config.translationAvailable, issue 9); absent until then. */}
      <div className="chat-bubble__actions">
        {m.latin && (
          <button type="button" className="chat-link" onClick={() => setLatin((v) => !v)} data-testid="chat-latin-toggle" title={t('chat.latin')}>
            <Msg k="chat.latin" />
          </button>
        )}
        {m.status === 'visible' && (
          <button type="button" className="chat-link" onClick={onReply} data-testid="chat-reply">
            <Msg k="chat.reply" />
          </button>
        )}
        {mine && m.status === 'visible' && (
          <button type="button" className="chat-link" onClick={onDelete} data-testid="chat-delete">
            <Msg k="chat.delete" />
          </button>
        )}
      </div>
      {latin && m.latin && (
        <div className="chat-bubble__latin" data-testid="chat-latin">
          {m.latin}
        </div>
      )}
    </div>
  );
}

/** One conversation: its messages (live, resumed after any disconnect) and the composer. */
export function ChatView({ conversation, socket, meId }: { conversation: Conversation; socket: ChatSocket; meId: string }) {
  const { lang, t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const config = useMessagingConfig();
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [keyboard, setKeyboard] = useState(false);
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [held, setHeld] = useState<ChatMessage[] | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const id = conversation.id;
  const lastId = messages.length ? messages[messages.length - 1]!.id : 0;

  const add = useCallback(
    (more: ChatMessage[]) => {
      if (more.length === 0) return;
      for (const m of more) socket.seen(id, m.id);
      setMessages((list) => merge(list, more));
    },
    [id, socket],
  );

  useEffect(() => {
    let stop = false;
    void latestMessages(id).then((page) => !stop && add(page));
    const off = socket.on((e) => {
      if ((e.type === 'message' || e.type === 'update') && e.conversationId === id) add([e.message]);
      // Back online: whatever the socket's resume did not cover (a conversation opened while offline).
      if (e.type === 'resumed') {
        const after = socket.lastSeen(id) ?? 0;
        void messagesAfter(id, after).then((more) => !stop && add(more));
      }
    });
    return () => {
      stop = true;
      off();
    };
  }, [id, socket, add]);

  // Read up to the last message on screen; scroll to it.
  useEffect(() => {
    if (!lastId) return;
    listRef.current?.scrollTo({ top: listRef.current.scrollHeight });
    if (lastId > conversation.lastReadId) void markRead(id, lastId).then(() => queryClient.invalidateQueries({ queryKey: chatKeys.conversations }));
  }, [id, lastId, conversation.lastReadId, queryClient]);

  const send = async () => {
    const body = text.trim();
    if (!body || sending) return;
    setSending(true);
    try {
      add([await sendMessage(id, { text: body, replyTo: replyTo?.id ?? null })]);
      setReplyTo(null);
      // Keep whatever was typed while the message was on its way.
      setText((current) => (current.trim() === body ? '' : current));
    } catch (e) {
      void message.error(errorText(e, t));
    } finally {
      setSending(false);
    }
  };

  const attach = async (file: File | undefined) => {
    if (!file) return;
    setSending(true);
    try {
      add([await sendAttachment(id, file, text.trim())]);
      setText('');
    } catch (e) {
      void message.error(errorText(e, t));
    } finally {
      setSending(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  const remove = async (m: ChatMessage) => {
    try {
      add([await deleteMessage(id, m.id)]);
    } catch (e) {
      void message.error(errorText(e, t));
    }
  };

  const loadHeld = async () => {
    try {
      setHeld(await heldMessages(id));
    } catch (e) {
      void message.error(errorText(e, t));
    }
  };

  const review = async (m: ChatMessage, approve: boolean) => {
    try {
      add([await reviewMessage(id, m.id, approve)]);
      setHeld((list) => (list ?? []).filter((x) => x.id !== m.id));
    } catch (e) {
      void message.error(errorText(e, t));
    }
  };

  const blocked = conversation.status === 'blocked';
  return (
    <div className="chat-view" data-testid="chat-view">
      <header className="chat-view__head">
        <h2>
          <ScriptText text={conversationTitle(conversation, lang)} />
        </h2>
        {conversation.canModerate && (
          <Button size="small" onClick={() => (held ? setHeld(null) : void loadHeld())} data-testid="chat-held-toggle">
            <Msg k="chat.heldReview" />
          </Button>
        )}
      </header>
      {held && (
        <div className="chat-held" data-testid="chat-held">
          {held.length === 0 && <Msg k="chat.heldNone" />}
          {held.map((m) => (
            <div key={m.id} className="chat-held__item">
              <ScriptText text={`${m.sender.name}: ${m.text}`} />
              <Button size="small" onClick={() => void review(m, true)}>
                <Msg k="chat.approve" />
              </Button>
              <Button size="small" danger onClick={() => void review(m, false)}>
                <Msg k="chat.reject" />
              </Button>
            </div>
          ))}
        </div>
      )}
      <div className="chat-view__messages" ref={listRef} data-testid="chat-messages">
        {messages.map((m) => (
          <Bubble key={m.id} m={m} mine={m.sender.id === meId} onDelete={() => void remove(m)} onReply={() => setReplyTo(m)} />
        ))}
      </div>
      {blocked ? (
        <div className="chat-view__blocked">
          <Msg k="chat.blockedNotice" />
        </div>
      ) : (
        <div className="chat-composer">
          {replyTo && (
            <div className="chat-composer__reply" data-testid="chat-replying">
              ↩ <ScriptText text={`${replyTo.sender.name}: ${replyTo.text.slice(0, 60)}`} />
              <button type="button" className="chat-link" onClick={() => setReplyTo(null)}>
                <Msg k="chat.cancel" />
              </button>
            </div>
          )}
          <Input.TextArea
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                void send();
              }
            }}
            autoSize={{ minRows: 1, maxRows: 5 }}
            maxLength={config.data?.maxText ?? 4000}
            placeholder={t('chat.placeholder')}
            aria-label={t('chat.placeholder')}
            data-testid="chat-input"
          />
          <div className="chat-composer__buttons">
            <Button onClick={() => setKeyboard((v) => !v)} aria-pressed={keyboard} data-testid="chat-keyboard-toggle">
              <Msg k="chat.keyboard" />
            </Button>
            <Button onClick={() => fileRef.current?.click()} disabled={sending} data-testid="chat-attach">
              <Msg k="chat.attach" />
            </Button>
            <input ref={fileRef} type="file" hidden accept="image/*,application/pdf,.docx" onChange={(e) => void attach(e.target.files?.[0])} />
            <Button type="primary" onClick={() => void send()} loading={sending} disabled={!text.trim()} data-testid="chat-send">
              <Msg k="chat.send" />
            </Button>
          </div>
          {keyboard && <MongolKeyboard />}
        </div>
      )}
    </div>
  );
}
