import type { WebSocket } from 'ws';
import type { AppContext } from '../../kernel/context.js';
import { Access } from '../../kernel/scope/access.js';
import type { Actor } from '../../kernel/scope/actor.js';
import { AppError, errorBody, type Lang } from '../../kernel/http/errors.js';
import * as service from './service.js';
import type { Presence } from './presence.js';

/** A socket is closed (the client reconnects and resumes) when this much is waiting to be sent to it. */
const MAX_BUFFERED = 4 * 1024 * 1024;
/** A client that says nothing gets live messages from this long after connecting (no resume). */
const RESUME_WAIT_MS = 2000;
/** How often a socket's session and conversations are checked again (a lost role closes an org channel); tests shorten it. */
export const hubTiming = { recheckMs: 120_000 };
const OPEN = 1;
/** Recent message frames kept per conversation, so a client that sees a gap fills it without a query. */
const RECENT = 256;
/** How long a gap may wait for the missing message to arrive by the bus before it is read from the database. */
const GAP_WAIT_MS = 250;

interface Client {
  socket: WebSocket;
  actor: Actor;
  lang: Lang;
  /** Re-reads the session: a user logged out, disabled or stripped of a role stops at their next action. */
  refresh: () => Promise<Actor | null>;
  /** Per conversation: the last message id this client has been sent (null: none yet, take the next live one). */
  cursors: Map<string, number | null>;
  /** Per conversation: deliveries run one after another, so ids go out in order, without gaps or repeats. */
  chains: Map<string, Promise<void>>;
  /** Per conversation: deliveries queued and not yet done (none: the next in-order message goes out at once). */
  pending: Map<string, number>;
  started: boolean;
  ready: Promise<void>;
  start: () => void;
  attached: Promise<void>;
}

/** What a client may send over the socket. */
type Incoming =
  | { type: 'resume'; cursors?: Record<string, number> }
  | { type: 'send'; clientId?: string; conversationId: string; text?: string; replyTo?: number | null; mentions?: string[] }
  | { type: 'read'; conversationId: string; id: number }
  | { type: 'ping' };

/**
 * One per process: the sockets connected here, grouped by conversation, fed from the bus (in-process,
 * or Redis pub/sub across processes). Every delivery is checked against the client's cursor: a message
 * after a gap (another process's messages can overtake each other) first fetches what is missing
 * from the database, an old one is dropped.
 */
export class ChatHub {
  private readonly byConv = new Map<string, Set<Client>>();
  private readonly byUser = new Map<string, Set<Client>>();
  private readonly subs = new Map<string, Promise<() => Promise<void>>>();
  /** Per conversation: message id → its frame, the last RECENT of them. */
  private readonly recent = new Map<string, Map<number, string>>();
  /** Database reads for gaps in flight, shared by every client waiting for the same ids. */
  private readonly fetching = new Map<string, Promise<void>>();

  constructor(
    private readonly ctx: AppContext,
    readonly presence: Presence,
  ) {}

  attach(socket: WebSocket, actor: Actor, lang: Lang, refresh: () => Promise<Actor | null>): void {
    let start!: () => void;
    const ready = new Promise<void>((r) => (start = r));
    const client: Client = { socket, actor, lang, refresh, cursors: new Map(), chains: new Map(), pending: new Map(), started: false, ready, start, attached: Promise.resolve() };
    void ready.then(() => (client.started = true));
    const timer = setTimeout(start, RESUME_WAIT_MS);
    void ready.then(() => clearTimeout(timer));
    // Jittered, so that thousands of sockets opened together are not all checked in the same second.
    const recheck = setInterval(() => void client.attached.then(() => this.recheck(client)).catch((err) => this.ctx.log.warn({ err }, 'chat recheck')), hubTiming.recheckMs * (0.75 + Math.random() / 2));
    recheck.unref();
    socket.on('message', (raw) => {
      void client.attached.then(() => this.onMessage(client, raw.toString())).catch((err) => this.ctx.log.warn({ err }, 'chat socket message'));
    });
    socket.on('close', () => {
      clearTimeout(timer);
      clearInterval(recheck);
      void client.attached.then(() => this.detach(client));
    });
    client.attached = this.join(client);
  }

  private async join(client: Client): Promise<void> {
    const ids = await service.readableIds(this.ctx, new Access(client.actor, this.ctx.policy));
    addTo(this.byUser, client.actor.userId, client);
    await this.subscribe(service.userTopic(client.actor.userId), (e) => this.onUserEvent(client.actor.userId, e as service.UserEvent));
    await Promise.all(ids.map((id) => this.joinConversation(client, id)));
    await this.presence.connected(client.actor.userId);
    this.sendTo(client, JSON.stringify({ type: 'hello', userId: client.actor.userId, conversations: ids }));
  }

  private async joinConversation(client: Client, id: string): Promise<void> {
    if (client.cursors.has(id)) return;
    client.cursors.set(id, null);
    addTo(this.byConv, id, client);
    await this.subscribe(service.convTopic(id), (e) => this.onConversationEvent(e as service.ConversationEvent));
  }

  /** The session still valid, the conversations still readable: leaves those that are not, joins new ones. */
  private async recheck(c: Client): Promise<void> {
    const actor = await c.refresh();
    if (!actor) {
      c.socket.close(4401, 'session ended');
      return;
    }
    c.actor = actor;
    const ids = new Set(await service.readableIds(this.ctx, new Access(actor, this.ctx.policy)));
    for (const id of [...c.cursors.keys()]) {
      if (ids.has(id)) continue;
      this.leaveConversation(c, id);
      this.sendTo(c, JSON.stringify({ type: 'left', conversationId: id }));
    }
    for (const id of ids) if (!c.cursors.has(id)) await this.joinConversation(c, id);
  }

  private leaveConversation(client: Client, id: string): void {
    client.cursors.delete(id);
    client.chains.delete(id);
    client.pending.delete(id);
    if (removeFrom(this.byConv, id, client)) {
      this.recent.delete(id);
      void this.unsubscribe(service.convTopic(id));
    }
  }

  private async detach(client: Client): Promise<void> {
    for (const id of [...client.cursors.keys()]) this.leaveConversation(client, id);
    if (removeFrom(this.byUser, client.actor.userId, client)) await this.unsubscribe(service.userTopic(client.actor.userId));
    await this.presence.disconnected(client.actor.userId).catch(() => {});
  }

  private async subscribe(topic: string, handler: (m: unknown) => void): Promise<void> {
    if (!this.subs.has(topic)) this.subs.set(topic, this.ctx.bus.subscribe(topic, handler));
    await this.subs.get(topic);
  }

  private async unsubscribe(topic: string): Promise<void> {
    const sub = this.subs.get(topic);
    this.subs.delete(topic);
    if (sub) await (await sub)();
  }

  private onConversationEvent(e: service.ConversationEvent): void {
    const clients = this.byConv.get(e.conversationId);
    if (!clients) return;
    const frame = JSON.stringify(e);
    if (e.type === 'message') this.remember(e.conversationId, e.message.id, frame);
    for (const c of clients) {
      if (e.type === 'message') this.deliver(c, e.conversationId, e.message.id, frame);
      else this.enqueue(c, e.conversationId, async () => this.sendTo(c, frame));
    }
  }

  private onUserEvent(userId: string, e: service.UserEvent): void {
    for (const c of this.byUser.get(userId) ?? []) {
      if (e.type === 'left') {
        this.leaveConversation(c, e.conversationId);
        this.sendTo(c, JSON.stringify(e));
        continue;
      }
      void (async () => {
        // Only what the user may read now (the event says where to look, not what is allowed).
        const ids = await service.readableIds(this.ctx, new Access(c.actor, this.ctx.policy));
        if (!ids.includes(e.conversationId)) return;
        await this.joinConversation(c, e.conversationId);
        this.sendTo(c, JSON.stringify(e));
      })().catch((err) => this.ctx.log.warn({ err }, 'chat join'));
    }
  }

  private enqueue(c: Client, conversationId: string, task: () => Promise<void>): void {
    const prev = c.chains.get(conversationId) ?? c.ready;
    c.pending.set(conversationId, (c.pending.get(conversationId) ?? 0) + 1);
    const next = prev
      .then(task)
      .catch((err) => this.ctx.log.warn({ err }, 'chat delivery'))
      .finally(() => c.pending.set(conversationId, (c.pending.get(conversationId) ?? 1) - 1));
    c.chains.set(conversationId, next);
  }

  /** Sends message `id` unless already sent; fills any gap before it from the database first. */
  private deliver(c: Client, conversationId: string, id: number, frame: string): void {
    // The common case, without a queue: nothing waiting before it and it is the next id.
    const cursor = c.cursors.get(conversationId);
    if (c.started && !c.pending.get(conversationId) && cursor !== undefined && (cursor === null || id === cursor + 1)) {
      this.sendTo(c, frame);
      c.cursors.set(conversationId, id);
      return;
    }
    this.enqueue(c, conversationId, async () => {
      const cursor = c.cursors.get(conversationId);
      if (cursor === undefined) return;
      if (cursor !== null && id <= cursor) return;
      if (cursor !== null && id > cursor + 1) {
        for (const [seq, f] of await this.between(conversationId, cursor, id - 1)) {
          const cur = c.cursors.get(conversationId);
          if (cur === undefined) return;
          if (cur !== null && seq <= cur) continue;
          this.sendTo(c, f);
          c.cursors.set(conversationId, seq);
        }
      }
      if (!c.cursors.has(conversationId)) return;
      this.sendTo(c, frame);
      c.cursors.set(conversationId, id);
    });
  }

  private remember(conversationId: string, id: number, frame: string): void {
    let m = this.recent.get(conversationId);
    if (!m) this.recent.set(conversationId, (m = new Map()));
    m.set(id, frame);
    if (m.size > RECENT) m.delete(m.keys().next().value!);
  }

  /**
   * Frames of messages after..upTo, in order. Messages sent through several processes (or several
   * transactions) may reach the bus out of order: wait a moment for the missing ones, then read what
   * is still missing from the database once for all clients.
   */
  private async between(conversationId: string, after: number, upTo: number): Promise<[number, string][]> {
    const want = Array.from({ length: upTo - after }, (_, i) => after + 1 + i);
    const have = () => {
      const m = this.recent.get(conversationId);
      return m && want.every((id) => m.has(id)) ? want.map((id): [number, string] => [id, m.get(id)!]) : null;
    };
    for (const deadline = Date.now() + GAP_WAIT_MS; Date.now() < deadline; ) {
      const got = have();
      if (got) return got;
      await new Promise((r) => setTimeout(r, 10));
    }
    const key = `${conversationId}:${after}:${upTo}`;
    let read = this.fetching.get(key);
    if (!read) {
      read = service.missed(this.ctx, conversationId, after, upTo).then((ms) => {
        for (const m of ms) this.remember(conversationId, m.id, JSON.stringify({ type: 'message', conversationId, message: m }));
      });
      this.fetching.set(key, read);
      void read.finally(() => this.fetching.delete(key));
    }
    await read;
    const m = this.recent.get(conversationId);
    return want.filter((id) => m?.has(id)).map((id): [number, string] => [id, m!.get(id)!]);
  }

  private sendMissed(c: Client, conversationId: string, messages: service.MessageDto[]): void {
    if (!c.cursors.has(conversationId)) return;
    for (const m of messages) {
      const cur = c.cursors.get(conversationId);
      if (cur != null && m.id <= cur) continue;
      this.sendTo(c, JSON.stringify({ type: 'message', conversationId, message: m }));
      c.cursors.set(conversationId, m.id);
    }
  }

  /** The client's last seen id per conversation: it receives everything after, then live messages. */
  private resume(c: Client, cursors: Record<string, number>): void {
    for (const [id, after] of Object.entries(cursors)) {
      if (!c.cursors.has(id) || !Number.isInteger(after) || after < 0) continue;
      const cur = c.cursors.get(id);
      if (cur === null || (cur !== undefined && after > cur)) c.cursors.set(id, after);
      this.enqueue(c, id, async () => {
        const from = c.cursors.get(id);
        if (from == null) return;
        this.sendMissed(c, id, await service.missed(this.ctx, id, from));
      });
    }
    const done = Promise.all(Object.keys(cursors).map((id) => c.chains.get(id)));
    c.start();
    void done.then(() => this.sendTo(c, JSON.stringify({ type: 'resumed' })));
  }

  private async onMessage(c: Client, raw: string): Promise<void> {
    let msg: Incoming;
    try {
      msg = JSON.parse(raw) as Incoming;
    } catch {
      return this.sendTo(c, JSON.stringify({ type: 'error', error: errorBody('validation.failed', { detail: 'not JSON' }, c.lang).error }));
    }
    if (msg.type === 'ping') return this.sendTo(c, '{"type":"pong"}');
    if (msg.type === 'resume') return this.resume(c, msg.cursors ?? {});
    const clientId = 'clientId' in msg ? msg.clientId : undefined;
    try {
      const actor = await c.refresh();
      if (!actor) {
        c.socket.close(4401, 'session ended');
        return;
      }
      c.actor = actor;
      const access = new Access(actor, this.ctx.policy);
      if (msg.type === 'send') {
        if (typeof msg.conversationId !== 'string') throw new AppError(400, 'validation.failed', { detail: 'conversationId' });
        const m = await service.send(this.ctx, access, msg.conversationId, { text: String(msg.text ?? ''), replyTo: msg.replyTo ?? null, mentions: Array.isArray(msg.mentions) ? msg.mentions.map(String) : [] });
        this.sendTo(c, JSON.stringify({ type: 'ack', clientId, conversationId: msg.conversationId, id: m.id }));
      } else if (msg.type === 'read') {
        const r = await service.markRead(this.ctx, access, msg.conversationId, Number(msg.id));
        this.sendTo(c, JSON.stringify({ type: 'read', conversationId: msg.conversationId, ...r }));
      }
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError(500, 'internal');
      if (!(err instanceof AppError)) this.ctx.log.error({ err }, 'chat socket');
      this.sendTo(c, JSON.stringify({ type: 'error', clientId, status: e.status, error: errorBody(e.code, e.params, c.lang).error }));
    }
  }

  private sendTo(c: Client, frame: string): void {
    if (c.socket.readyState !== OPEN) return;
    if (c.socket.bufferedAmount > MAX_BUFFERED) {
      c.socket.close(4008, 'too slow');
      return;
    }
    c.socket.send(frame);
  }

  async close(): Promise<void> {
    for (const set of this.byUser.values()) for (const c of set) c.socket.close(1001, 'server closing');
    for (const topic of [...this.subs.keys()]) await this.unsubscribe(topic).catch(() => {});
    await this.presence.close();
  }
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, v: V): void {
  let s = map.get(key);
  if (!s) map.set(key, (s = new Set()));
  s.add(v);
}

/** Removes; true when the set became empty (and was dropped). */
function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, v: V): boolean {
  const s = map.get(key);
  if (!s) return false;
  s.delete(v);
  if (s.size > 0) return false;
  map.delete(key);
  return true;
}
