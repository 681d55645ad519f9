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
/** Revisions delivered ahead of a missing one: this many, and the changes after the cursor are read from the database. */
const HEAL_AT = 32;
/** Close code on shutdown (RFC 6455 1012 "service restart") and the reason the web client recognises. */
export const RESTART_CODE = 1012;
export const RESTART_REASON = 'restart';

/**
 * Per client and conversation: `rev` is the revision cursor the client may resume from. Every change
 * up to it has been sent to the client (or a later state of the same message has). Revisions that
 * arrive ahead of a missing one wait in `ahead`. A revision that never comes (its message was sent in
 * a later state, or the bus lost it) holds the cursor back until the next resume, or until HEAL_AT
 * revisions wait and the changes are read from the database: that costs repeats, never a loss.
 */
interface RevCursor {
  rev: number;
  ahead: Set<number>;
  /** A database catch-up is queued. */
  healing?: boolean;
}

/** Live hubs of this process (one per app), for closing every socket on shutdown. */
const hubs = new Set<ChatHub>();

/** Shutdown: tells every chat socket of this process to reconnect (1012), and waits briefly for them to close. */
export async function closeChatSockets(): Promise<void> {
  await Promise.all([...hubs].map((h) => h.closeAll()));
}

interface Client {
  socket: WebSocket;
  actor: Actor;
  lang: Lang;
  /** Re-reads the session: a user logged out, disabled or stripped of a role stops at their next action. */
  refresh: () => Promise<Actor | null>;
  /** Per conversation: the last message id this client has been sent (null: none yet, take the next live one). */
  cursors: Map<string, number | null>;
  /** Per conversation: the revision cursor (see RevCursor). */
  revs: Map<string, RevCursor>;
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
  | { type: 'resume'; cursors?: Record<string, number>; revs?: Record<string, number> }
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
  /** Per conversation: message id → its frame and revision, the last RECENT of them. */
  private readonly recent = new Map<string, Map<number, Recent>>();
  /** Database reads for gaps in flight, shared by every client waiting for the same ids. */
  private readonly fetching = new Map<string, Promise<void>>();
  /** Database reads of changes in flight, shared by every client catching up from the same revision. */
  private readonly changesReads = new Map<string, Promise<service.MessageDto[]>>();
  /** Set by closeAll: a socket opened during shutdown is sent away at once. */
  private closing = false;

  constructor(
    private readonly ctx: AppContext,
    readonly presence: Presence,
  ) {
    hubs.add(this);
  }

  attach(socket: WebSocket, actor: Actor, lang: Lang, refresh: () => Promise<Actor | null>): void {
    if (this.closing) return socket.close(RESTART_CODE, RESTART_REASON);
    let start!: () => void;
    const ready = new Promise<void>((r) => (start = r));
    const client: Client = { socket, actor, lang, refresh, cursors: new Map(), revs: new Map(), chains: new Map(), pending: new Map(), started: false, ready, start, attached: Promise.resolve() };
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
    const convs = await service.listConversations(this.ctx, new Access(client.actor, this.ctx.policy));
    const ids = convs.map((c) => c.id);
    addTo(this.byUser, client.actor.userId, client);
    await this.subscribe(service.userTopic(client.actor.userId), (e) => this.onUserEvent(client.actor.userId, e as service.UserEvent));
    await Promise.all(convs.map((c) => this.joinConversation(client, c.id, c.lastRev)));
    await this.presence.connected(client.actor.userId);
    this.sendTo(client, JSON.stringify({ type: 'hello', userId: client.actor.userId, conversations: ids }));
  }

  /**
   * `lastRev`: the conversation's revision read before subscribing. A client that has not resumed this
   * conversation loads its messages afresh (in their state at or after it); a change between the read
   * and the subscription never arrives live and holds the cursor back (see RevCursor).
   */
  private async joinConversation(client: Client, id: string, lastRev: number): Promise<void> {
    if (client.cursors.has(id)) return;
    client.cursors.set(id, null);
    client.revs.set(id, { rev: lastRev, ahead: new Set() });
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
    const convs = await service.listConversations(this.ctx, new Access(actor, this.ctx.policy));
    const ids = new Set(convs.map((x) => x.id));
    for (const id of [...c.cursors.keys()]) {
      if (ids.has(id)) continue;
      this.leaveConversation(c, id);
      this.sendTo(c, JSON.stringify({ type: 'left', conversationId: id }));
    }
    for (const x of convs) if (!c.cursors.has(x.id)) await this.joinConversation(c, x.id, x.lastRev);
  }

  private leaveConversation(client: Client, id: string): void {
    client.cursors.delete(id);
    client.revs.delete(id);
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
    const rev = e.message.rev;
    if (e.type === 'message') this.remember(e.conversationId, e.message.id, frame, rev);
    for (const c of clients) {
      if (e.type === 'message') this.deliver(c, e.conversationId, e.message.id, frame, rev);
      else this.enqueue(c, e.conversationId, async () => this.sendChange(c, e.conversationId, frame, rev));
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
        const conv = (await service.listConversations(this.ctx, new Access(c.actor, this.ctx.policy))).find((x) => x.id === e.conversationId);
        if (!conv) return;
        await this.joinConversation(c, e.conversationId, conv.lastRev);
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
  private deliver(c: Client, conversationId: string, id: number, frame: string, rev: number): void {
    // The common case, without a queue: nothing waiting before it and it is the next id.
    const cursor = c.cursors.get(conversationId);
    if (c.started && !c.pending.get(conversationId) && cursor !== undefined && (cursor === null || id === cursor + 1)) {
      this.sendChange(c, conversationId, frame, rev);
      c.cursors.set(conversationId, id);
      return;
    }
    this.enqueue(c, conversationId, async () => {
      const cursor = c.cursors.get(conversationId);
      if (cursor === undefined) return;
      // Already sent (in this state or a later one): its revision is covered.
      if (cursor !== null && id <= cursor) return void this.advance(c, conversationId, rev);
      if (cursor !== null && id > cursor + 1) {
        for (const [seq, r] of await this.between(conversationId, cursor, id - 1)) {
          const cur = c.cursors.get(conversationId);
          if (cur === undefined) return;
          if (cur !== null && seq <= cur) continue;
          this.sendChange(c, conversationId, r.frame, r.rev);
          c.cursors.set(conversationId, seq);
        }
      }
      if (!c.cursors.has(conversationId)) return;
      this.sendChange(c, conversationId, frame, rev);
      c.cursors.set(conversationId, id);
    });
  }

  /** Moves the client's revision cursor over `rev`; the cursor after it (undefined: not in the conversation). */
  private advance(c: Client, conversationId: string, rev: number): number | undefined {
    const cur = c.revs.get(conversationId);
    if (!cur) return undefined;
    if (rev === cur.rev + 1) {
      cur.rev = rev;
      while (cur.ahead.delete(cur.rev + 1)) cur.rev++;
    } else if (rev > cur.rev + 1) {
      cur.ahead.add(rev);
      if (cur.ahead.size >= HEAL_AT) this.catchUp(c, conversationId, undefined);
    }
    return cur.rev;
  }

  /**
   * Sends, as updates in revision order, the messages changed after the client's revision cursor
   * that it has not been sent (those it has, by id, unless `had` is null: then all), and moves the
   * cursor to the highest revision read: revisions commit in order, so nothing below it can still
   * appear. Newer messages (id above what the client has) are left to the id cursor. `had`
   * undefined: what the socket has sent when the task runs.
   */
  private catchUp(c: Client, conversationId: string, had: number | null | undefined): void {
    const cur = c.revs.get(conversationId);
    if (!cur || cur.healing) return;
    cur.healing = true;
    this.enqueue(c, conversationId, async () => {
      try {
        if (c.revs.get(conversationId) !== cur) return;
        const changed = await this.changesSince(conversationId, cur.rev);
        if (c.revs.get(conversationId) !== cur) return;
        const known = had === undefined ? (c.cursors.get(conversationId) ?? null) : had;
        for (const m of changed) {
          if (cur.ahead.has(m.rev) || (known !== null && m.id > known)) continue;
          this.sendTo(c, JSON.stringify({ type: 'update', conversationId, message: m }));
        }
        const top = changed.length ? changed[changed.length - 1]!.rev : cur.rev;
        if (top > cur.rev) {
          cur.rev = top;
          for (const x of [...cur.ahead]) if (x <= top) cur.ahead.delete(x);
          while (cur.ahead.delete(cur.rev + 1)) cur.rev++;
        }
      } finally {
        cur.healing = false;
      }
    });
  }

  /** Sends a message or update frame with the client's revision cursor after it (`cursor`: keep it, resume from it). */
  private sendChange(c: Client, conversationId: string, frame: string, rev: number): void {
    const cursor = this.advance(c, conversationId, rev);
    this.sendTo(c, cursor === undefined ? frame : `${frame.slice(0, -1)},"cursor":${cursor}}`);
  }

  private changesSince(conversationId: string, since: number): Promise<service.MessageDto[]> {
    const key = `${conversationId}:${since}`;
    let read = this.changesReads.get(key);
    if (!read) {
      read = service.missedChanges(this.ctx, conversationId, since);
      this.changesReads.set(key, read);
      void read.finally(() => this.changesReads.delete(key)).catch(() => {});
    }
    return read;
  }

  private remember(conversationId: string, id: number, frame: string, rev: number): void {
    let m = this.recent.get(conversationId);
    if (!m) this.recent.set(conversationId, (m = new Map()));
    m.set(id, { frame, rev });
    if (m.size > RECENT) m.delete(m.keys().next().value!);
  }

  /**
   * Frames of messages after..upTo, in order. Messages sent through several processes (or several
   * transactions) may reach the bus out of order: wait a moment for the missing ones, then read what
   * is still missing from the database once for all clients.
   */
  private async between(conversationId: string, after: number, upTo: number): Promise<[number, Recent][]> {
    const want = Array.from({ length: upTo - after }, (_, i) => after + 1 + i);
    const have = () => {
      const m = this.recent.get(conversationId);
      return m && want.every((id) => m.has(id)) ? want.map((id): [number, Recent] => [id, m.get(id)!]) : null;
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
        for (const m of ms) this.remember(conversationId, m.id, JSON.stringify({ type: 'message', conversationId, message: m }), m.rev);
      });
      this.fetching.set(key, read);
      void read.finally(() => this.fetching.delete(key));
    }
    await read;
    const m = this.recent.get(conversationId);
    return want.filter((id) => m?.has(id)).map((id): [number, Recent] => [id, m!.get(id)!]);
  }

  private sendMissed(c: Client, conversationId: string, messages: service.MessageDto[]): void {
    if (!c.cursors.has(conversationId)) return;
    for (const m of messages) {
      const cur = c.cursors.get(conversationId);
      if (cur != null && m.id <= cur) {
        this.advance(c, conversationId, m.rev);
        continue;
      }
      this.sendChange(c, conversationId, JSON.stringify({ type: 'message', conversationId, message: m }), m.rev);
      c.cursors.set(conversationId, m.id);
    }
  }

  /**
   * The client's last seen id per conversation: it receives everything after, then live messages.
   * With `revs` (the last `cursor` it was given per conversation) it first receives, as updates in
   * revision order, the messages it already had that were edited, deleted or reviewed since.
   */
  private resume(c: Client, cursors: Record<string, number>, revs: Record<string, number>): void {
    const valid = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;
    const ids = [...new Set([...Object.keys(cursors), ...Object.keys(revs)])].filter((id) => c.cursors.has(id));
    for (const id of ids) {
      const after = cursors[id];
      const cur = c.cursors.get(id);
      if (valid(after) && (cur === null || (cur !== undefined && after > cur))) c.cursors.set(id, after);
    }
    for (const id of ids) {
      // What the client has now: changes to these go out as updates; anything newer as messages.
      const had = c.cursors.get(id) ?? null;
      const since = revs[id];
      if (valid(since)) {
        // What the socket counted before the resume counted for nothing the client kept: start from its word.
        c.revs.set(id, { rev: since, ahead: new Set() });
        this.catchUp(c, id, had);
      }
      if (had !== null) {
        this.enqueue(c, id, async () => {
          const from = c.cursors.get(id);
          if (from == null) return;
          this.sendMissed(c, id, await service.missed(this.ctx, id, from));
        });
      }
    }
    const done = Promise.all(ids.map((id) => c.chains.get(id)));
    c.start();
    // The revision cursor of every conversation of the socket: the client keeps them for its next resume.
    void done.then(() => this.sendTo(c, JSON.stringify({ type: 'resumed', revs: Object.fromEntries([...c.revs].map(([id, r]) => [id, r.rev])) })));
  }

  private async onMessage(c: Client, raw: string): Promise<void> {
    let msg: Incoming;
    try {
      msg = JSON.parse(raw) as Incoming;
    } catch {
      return this.sendTo(c, JSON.stringify({ type: 'error', error: errorBody('validation.failed', { detail: 'not JSON' }, c.lang).error }));
    }
    if (msg.type === 'ping') return this.sendTo(c, '{"type":"pong"}');
    if (msg.type === 'resume') return this.resume(c, isRecord(msg.cursors) ? msg.cursors : {}, isRecord(msg.revs) ? msg.revs : {});
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

  /**
   * Shutdown, before the HTTP server closes: every socket gets 1012 "restart" (the client reconnects
   * soon, to this process's successor or another one, and resumes). Waits up to `waitMs` for the
   * closing handshakes, so the frames are out before the process exits.
   */
  async closeAll(waitMs = 1000): Promise<void> {
    this.closing = true;
    const sockets = [...this.byUser.values()].flatMap((set) => [...set].map((c) => c.socket)).filter((s) => s.readyState === OPEN);
    const closed = sockets.map((s) => new Promise<void>((r) => s.once('close', () => r())));
    for (const s of sockets) s.close(RESTART_CODE, RESTART_REASON);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(closed), new Promise<void>((r) => (timer = setTimeout(r, waitMs)))]);
    clearTimeout(timer);
  }

  async close(): Promise<void> {
    hubs.delete(this);
    for (const set of this.byUser.values()) for (const c of set) c.socket.close(1001, 'server closing');
    for (const topic of [...this.subs.keys()]) await this.unsubscribe(topic).catch(() => {});
    await this.presence.close();
  }
}

interface Recent {
  frame: string;
  rev: number;
}

const isRecord = (v: unknown): v is Record<string, number> => typeof v === 'object' && v !== null && !Array.isArray(v);

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
