import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Input } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  changesSince,
  chatKeys,
  deleteMessage,
  editMessage,
  heldMessages,
  latestMessages,
  markRead,
  messagesAfter,
  reviewMessage,
  sendAttachment,
  sendMessage,
  translateMessage,
  useMembers,
  useMessagingConfig,
  usePresence,
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

/**
 * Merges by id (a message may come by REST and by socket), in id order; of two copies of one message
 * the one with the higher revision is the newer. Changes to messages older than what is on screen
 * (`onlyKnown`) are not added: they would appear out of context.
 */
function merge(list: ChatMessage[], more: ChatMessage[], onlyKnown = false): ChatMessage[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  const oldest = list.length ? list[0]!.id : 0;
  let changed = false;
  for (const m of more) {
    const old = byId.get(m.id);
    if (old ? m.rev < old.rev : onlyKnown && m.id < oldest) continue;
    byId.set(m.id, m);
    changed = true;
  }
  return changed ? [...byId.values()].sort((a, b) => a.id - b.id) : list;
}

/** Text of a message or a translation: Mongolian in its own vertical columns, anything else as a line. */
function BubbleText({ text, lang, testId }: { text: string; lang?: string; testId: string }) {
  return hasMongolian(text) ? (
    <MongolText as="div" className="chat-bubble__mn" data-testid={testId}>
      {text}
    </MongolText>
  ) : (
    <div className="chat-bubble__text" lang={lang === 'zh' ? 'zh-Hans' : undefined} data-testid={testId}>
      {text}
    </div>
  );
}

interface BubbleProps {
  m: ChatMessage;
  mine: boolean;
  /** Mine, or any as a moderator (the server allows it). */
  canDelete: boolean;
  translatable: boolean;
  onDelete: () => void;
  onReply: () => void;
  onEdit: (text: string) => Promise<boolean>;
  onTranslate: () => Promise<string | null>;
}

function Bubble({ m, mine, canDelete, translatable, onDelete, onReply, onEdit, onTranslate }: BubbleProps) {
  const { t } = useI18n();
  const [latin, setLatin] = useState(false);
  const [draft, setDraft] = useState<string | null>(null);
  const [translation, setTranslation] = useState<string | null>(null);
  const [translating, setTranslating] = useState(false);
  const save = async () => {
    if (draft === null || !draft.trim()) return;
    if (draft.trim() === m.text || (await onEdit(draft.trim()))) setDraft(null);
  };
  const translate = async () => {
    setTranslating(true);
    setTranslation(await onTranslate());
    setTranslating(false);
  };
  const visible = m.status === 'visible';
  return (
    <div
      className={mine ? 'chat-bubble chat-bubble--mine' : 'chat-bubble'}
      data-testid="chat-bubble"
      data-id={m.id}
      data-status={m.status}
      data-edited={m.editedAt && visible ? 'true' : undefined}
    >
      <div className="chat-bubble__meta">
        <ScriptText text={m.sender.name} />
        {m.replyTo !== null && <span className="chat-bubble__reply">↩ {m.replyTo}</span>}
        {m.editedAt && visible && (
          <span className="chat-bubble__edited" data-testid="chat-edited">
            <Msg k="chat.edited" />
          </span>
        )}
      </div>
      {m.status === 'deleted' ? (
        <em className="chat-bubble__deleted" data-testid="chat-deleted">
          <Msg k="chat.deleted" />
        </em>
      ) : m.status === 'held' ? (
        <em className="chat-bubble__deleted">
          <Msg k="chat.held" />
        </em>
      ) : draft !== null ? (
        <div className="chat-bubble__editor">
          <Input.TextArea
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                void save();
              }
              if (e.key === 'Escape') setDraft(null);
            }}
            autoSize={{ minRows: 1, maxRows: 5 }}
            aria-label={t('chat.edit')}
            data-testid="chat-edit-input"
            autoFocus
          />
          <div className="chat-bubble__actions">
            <button type="button" className="chat-link" onClick={() => void save()} data-testid="chat-edit-save">
              <Msg k="chat.save" />
            </button>
            <button type="button" className="chat-link" onClick={() => setDraft(null)}>
              <Msg k="chat.cancel" />
            </button>
          </div>
        </div>
      ) : (
        // Mongolian stands in its own columns inside the bubble, as it is written.
        m.text && <BubbleText text={m.text} lang={m.lang} testId="chat-text" />
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
        {/* Only when a machine translation engine is configured; absent, not broken, otherwise. */}
        {translatable && visible && m.text && (
          <button type="button" className="chat-link" onClick={() => void translate()} disabled={translating} data-testid="chat-translate">
            <Msg k="chat.translate" />
          </button>
        )}
        {mine && visible && draft === null && m.text && (
          <button type="button" className="chat-link" onClick={() => setDraft(m.text)} data-testid="chat-edit">
            <Msg k="chat.edit" />
          </button>
        )}
        {canDelete && visible && (
          <button type="button" className="chat-link" onClick={onDelete} data-testid="chat-delete">
            <Msg k="chat.delete" />
          </button>
        )}
      </div>
      {translation !== null && visible && (
        <div className="chat-bubble__translation" data-testid="chat-translation">
          <span className="chat-bubble__translation-label">
            <Msg k="chat.translation" />
          </span>
          <BubbleText text={translation} testId="chat-translation-text" />
        </div>
      )}
      {latin && m.latin && (
        <div className="chat-bubble__latin" data-testid="chat-latin">
          {m.latin}
        </div>
      )}
    </div>
  );
}

/** How many shown in the header; the rest are counted. */
const SHOWN_MEMBERS = 12;

/** The members with an online dot (on any server process), those online first. */
function Presence({ conversationId, meId }: { conversationId: string; meId: string }) {
  const { t } = useI18n();
  const members = useMembers(conversationId);
  const presence = usePresence(conversationId);
  const online = new Set(presence.data?.online ?? []);
  const people = [...(members.data ?? [])].filter((p) => p.id !== meId).sort((a, b) => Number(online.has(b.id)) - Number(online.has(a.id)));
  if (people.length === 0) return null;
  const count = people.filter((p) => online.has(p.id)).length;
  return (
    <div className="chat-presence" data-testid="chat-presence">
      <span className="chat-presence__count">
        <Msg k="chat.onlineCount" vars={{ n: count }} />
      </span>
      {people.slice(0, SHOWN_MEMBERS).map((p) => {
        const on = online.has(p.id);
        return (
          <span key={p.id} className="chat-member" data-testid="chat-member" data-user={p.id} data-online={on ? 'true' : 'false'}>
            <span
              className={on ? 'chat-dot chat-dot--on' : 'chat-dot'}
              role="img"
              aria-label={t(on ? 'chat.presence.online' : 'chat.presence.offline')}
              title={t(on ? 'chat.presence.online' : 'chat.presence.offline')}
              data-testid="chat-dot"
            />
            <ScriptText text={p.name} />
          </span>
        );
      })}
      {people.length > SHOWN_MEMBERS && <span className="chat-presence__more">+{people.length - SHOWN_MEMBERS}</span>}
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
  /** Edits and deletes: applied to what is on screen (and to anything newer), never pulling in old messages. */
  const change = useCallback((more: ChatMessage[]) => setMessages((list) => merge(list, more, true)), []);

  useEffect(() => {
    let stop = false;
    // The first page's highest revision: whatever changes after the page was read has a higher one.
    let pageRev: number | null = null;
    void latestMessages(id).then((page) => {
      if (stop) return;
      pageRev = page.reduce((r, m) => Math.max(r, m.rev), 0);
      add(page);
    });
    const off = socket.on((e) => {
      if (e.type === 'message' && e.conversationId === id) add([e.message]);
      if (e.type === 'update' && e.conversationId === id) change([e.message]);
      // Back online: whatever the socket's resume did not cover (a conversation opened while offline).
      if (e.type === 'resumed') {
        const after = socket.lastSeen(id) ?? 0;
        void messagesAfter(id, after).then((more) => !stop && add(more));
        // Once: edits made between reading the first page and the socket taking over.
        if (pageRev !== null) {
          const since = pageRev;
          pageRev = null;
          void changesSince(id, since).then((r) => !stop && change(r.messages));
        }
      }
    });
    return () => {
      stop = true;
      off();
    };
  }, [id, socket, add, change]);

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
      change([await deleteMessage(id, m.id)]);
    } catch (e) {
      void message.error(errorText(e, t));
    }
  };

  const edit = async (m: ChatMessage, body: string) => {
    try {
      change([await editMessage(id, m.id, body)]);
      return true;
    } catch (e) {
      void message.error(errorText(e, t));
      return false;
    }
  };

  const translate = async (m: ChatMessage) => {
    try {
      return (await translateMessage(id, m.id, lang)).text;
    } catch (e) {
      void message.error(errorText(e, t));
      return null;
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
      change([await reviewMessage(id, m.id, approve)]);
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
        <Presence conversationId={id} meId={meId} />
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
          <Bubble
            key={m.id}
            m={m}
            mine={m.sender.id === meId}
            canDelete={m.sender.id === meId || conversation.canModerate}
            translatable={config.data?.translationAvailable === true}
            onDelete={() => void remove(m)}
            onReply={() => setReplyTo(m)}
            onEdit={(body) => edit(m, body)}
            onTranslate={() => translate(m)}
          />
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
