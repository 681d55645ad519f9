// Instant messaging (issue 7): conversations, messages, and the live socket that resumes from the
// last seen id per conversation. Types follow the server's route schemas.
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

const enc = encodeURIComponent;
const base = '/api/messaging';

export interface Attachment {
  id: string;
  kind: string;
  mime: string;
  name: string;
  size: number;
  width: number | null;
  height: number | null;
  url: string;
  thumbUrl: string | null;
}

export interface ChatMessage {
  /** Monotonic per conversation. */
  id: number;
  /** The conversation's revision at this message's last change: of two copies, the higher is newer. */
  rev: number;
  conversationId: string;
  sender: { id: string; name: string };
  text: string;
  lang: string;
  latin: string | null;
  replyTo: number | null;
  mentions: string[];
  attachments: Attachment[];
  status: 'visible' | 'deleted' | 'held';
  createdAt: string;
  editedAt: string | null;
}

export interface Conversation {
  id: string;
  kind: 'org' | 'group' | 'direct';
  orgId: string;
  org: { zh: string; mn: string | null };
  title: string | null;
  includeSubtree: boolean;
  lastId: number;
  lastRev: number;
  lastReadId: number;
  unread: number;
  role: 'owner' | 'member';
  status: 'active' | 'blocked' | 'removed';
  canModerate: boolean;
  last: { text: string; sender: string | null; at: string } | null;
  peer: { id: string; name: string } | null;
}

export interface Contact {
  id: string;
  name: string;
  org: { zh: string; mn: string | null };
}

export interface MessagingConfig {
  translationAvailable: boolean;
  maxText: number;
  rateLimit: { max: number; seconds: number };
}

export interface Member {
  id: string;
  name: string;
  role: 'owner' | 'member';
  status: 'active' | 'blocked' | 'removed';
}

export interface Translation {
  id: number;
  engine: string;
  sourceLang: string;
  targetLang: string;
  text: string;
}

export const chatKeys = {
  conversations: ['chat', 'conversations'] as const,
  members: (id: string) => ['chat', 'members', id] as const,
  presence: (id: string) => ['chat', 'presence', id] as const,
  config: ['chat', 'config'] as const,
  contacts: (q: string) => ['chat', 'contacts', q] as const,
};

export const listConversations = () => api<Conversation[]>(`${base}/conversations`);
export const messagesAfter = (id: string, after: number) => api<ChatMessage[]>(`${base}/conversations/${enc(id)}/messages?after=${after}&limit=200`);
export const latestMessages = (id: string, before?: number) =>
  api<ChatMessage[]>(`${base}/conversations/${enc(id)}/messages?limit=50${before ? `&before=${before}` : ''}`);
export const sendMessage = (id: string, body: { text: string; replyTo?: number | null; mentions?: string[] }) =>
  api<ChatMessage>(`${base}/conversations/${enc(id)}/messages`, { method: 'POST', body });
export const editMessage = (id: string, seq: number, text: string) =>
  api<ChatMessage>(`${base}/conversations/${enc(id)}/messages/${seq}`, { method: 'PATCH', body: { text } });
export const deleteMessage = (id: string, seq: number) => api<ChatMessage>(`${base}/conversations/${enc(id)}/messages/${seq}`, { method: 'DELETE' });
/** Every message changed after revision `since` (new, edited, deleted), in revision order, and the cursor to keep. */
export const changesSince = (id: string, since: number) =>
  api<{ messages: ChatMessage[]; rev: number; more: boolean }>(`${base}/conversations/${enc(id)}/changes?since=${since}&limit=200`);
export const translateMessage = (id: string, seq: number, targetLang?: string) =>
  api<Translation>(`${base}/conversations/${enc(id)}/messages/${seq}/translate`, { method: 'POST', body: targetLang ? { targetLang } : {} });
export const heldMessages = (id: string) => api<ChatMessage[]>(`${base}/conversations/${enc(id)}/held`);
export const reviewMessage = (id: string, seq: number, approve: boolean) =>
  api<ChatMessage>(`${base}/conversations/${enc(id)}/messages/${seq}/review`, { method: 'POST', body: { approve } });
export const markRead = (id: string, seq: number) =>
  api<{ lastReadId: number; unread: number }>(`${base}/conversations/${enc(id)}/read`, { method: 'POST', body: { id: seq } });
export const createGroup = (body: { orgId: string; title: string; memberIds: string[] }) => api<Conversation>(`${base}/groups`, { method: 'POST', body });
export const openDirect = (userId: string) => api<Conversation>(`${base}/direct`, { method: 'POST', body: { userId } });

export function sendAttachment(id: string, file: File, text = ''): Promise<ChatMessage> {
  const form = new FormData();
  if (text) form.append('text', text);
  form.append('file', file);
  return api<ChatMessage>(`${base}/conversations/${enc(id)}/attachments`, { method: 'POST', body: form });
}

export function useConversations() {
  return useQuery({ queryKey: chatKeys.conversations, queryFn: listConversations });
}

export function useMessagingConfig() {
  return useQuery({ queryKey: chatKeys.config, queryFn: () => api<MessagingConfig>(`${base}/config`), staleTime: 5 * 60_000 });
}

export function useMembers(id: string) {
  return useQuery({ queryKey: chatKeys.members(id), queryFn: () => api<Member[]>(`${base}/conversations/${enc(id)}/members`), staleTime: 60_000 });
}

/** Who of the members is online (on any server process), refreshed every 20 s. */
export function usePresence(id: string) {
  return useQuery({ queryKey: chatKeys.presence(id), queryFn: () => api<{ online: string[] }>(`${base}/conversations/${enc(id)}/presence`), refetchInterval: 20_000 });
}

export function useContacts(q: string) {
  return useQuery({ queryKey: chatKeys.contacts(q), queryFn: () => api<Contact[]>(`${base}/contacts${q ? `?q=${enc(q)}` : ''}`) });
}

/** What the socket pushes. */
export type ChatEvent =
  | { type: 'hello'; userId: string; conversations: string[] }
  | { type: 'resumed'; revs?: Record<string, number> }
  | { type: 'message'; conversationId: string; message: ChatMessage; cursor?: number }
  | { type: 'update'; conversationId: string; message: ChatMessage; cursor?: number }
  | { type: 'joined' | 'left'; conversationId: string }
  | { type: 'ack'; clientId: string; conversationId: string; id: number }
  | { type: 'error'; clientId?: string; status?: number; error: { code: string; message: string } }
  | { type: 'read'; conversationId: string; lastReadId: number; unread: number }
  | { type: 'pong' };

export type SocketState = 'connecting' | 'online' | 'offline';

/** The server's close code when it stops or restarts ("service restart"), and its reason. */
const RESTART_CODE = 1012;

/**
 * The live connection. It remembers the last message id seen per conversation, and the revision
 * cursor the server gave it, and after any reconnect (network loss, server restart, another server
 * behind the balancer) sends them first: the server then sends the edits and deletes it missed and
 * every new message, in order, before anything live.
 */
export class ChatSocket {
  private ws: WebSocket | null = null;
  private readonly cursors = new Map<string, number>();
  private readonly revs = new Map<string, number>();
  private readonly listeners = new Set<(e: ChatEvent) => void>();
  private readonly stateListeners = new Set<(s: SocketState) => void>();
  private retry = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  state: SocketState = 'connecting';

  constructor(private readonly url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${base}/ws`) {
    window.addEventListener('offline', this.onOffline);
    window.addEventListener('online', this.onOnline);
    this.connect();
  }

  /** Messages up to `id` of this conversation are on screen (loaded by REST or received here). */
  seen(conversationId: string, id: number): void {
    if (id > (this.cursors.get(conversationId) ?? 0)) this.cursors.set(conversationId, id);
  }

  lastSeen(conversationId: string): number | undefined {
    return this.cursors.get(conversationId);
  }

  on(listener: (e: ChatEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: (s: SocketState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('online', this.onOnline);
    if (this.timer) clearTimeout(this.timer);
    this.ws?.close();
  }

  private setState(s: SocketState) {
    this.state = s;
    for (const l of this.stateListeners) l(s);
  }

  private readonly onOffline = () => {
    // A dead network may leave the socket looking open for a long time: drop it now, resume later.
    this.ws?.close();
    this.setState('offline');
  };

  private readonly onOnline = () => {
    this.retry = 0;
    if (this.timer) clearTimeout(this.timer);
    this.connect();
  };

  private connect() {
    if (this.closed) return;
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) return;
    this.setState('connecting');
    const ws = new WebSocket(this.url);
    this.ws = ws;
    // A socket the browser blocks (a proxy that never answers, a policy) may never fire close:
    // give up on it after a while and go through the same retry path.
    const watchdog = setTimeout(() => {
      if (ws.readyState === WebSocket.OPEN) return;
      ws.onclose?.(new CloseEvent('close', { code: 1006 }));
      ws.close();
    }, 10_000);
    ws.onopen = () => {
      clearTimeout(watchdog);
      this.retry = 0;
      // Revisions only where messages are on hand: elsewhere there is nothing an edit could change.
      const revs = [...this.revs].filter(([id]) => this.cursors.has(id));
      ws.send(JSON.stringify({ type: 'resume', cursors: Object.fromEntries(this.cursors), revs: Object.fromEntries(revs) }));
    };
    ws.onmessage = (ev) => {
      const e = JSON.parse(String(ev.data)) as ChatEvent;
      if (e.type === 'resumed') {
        for (const [id, rev] of Object.entries(e.revs ?? {})) this.revs.set(id, rev);
        this.setState('online');
      }
      if (e.type === 'message') this.seen(e.conversationId, e.message.id);
      if ((e.type === 'message' || e.type === 'update') && e.cursor !== undefined) this.revs.set(e.conversationId, e.cursor);
      for (const l of this.listeners) l(e);
    };
    ws.onclose = (ev) => {
      clearTimeout(watchdog);
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.closed) return;
      if (this.state !== 'offline') this.setState('connecting');
      if (!navigator.onLine) return this.setState('offline');
      // The server is restarting (or another process takes over): come back soon, jittered so that
      // not everyone arrives at once. Otherwise back off up to 15 s.
      const delay = ev.code === RESTART_CODE ? 500 + Math.random() * 1500 : Math.min(15_000, 500 * 2 ** this.retry++) * (0.5 + Math.random() / 2);
      if (ev.code === RESTART_CODE) this.retry = 0;
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }
}
