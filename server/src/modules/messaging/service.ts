import type { Readable } from 'node:stream';
import { detectLanguage, highlight, indexTokens, queryTokens } from '@gerel/text';
import { toLatin } from '@gerel/mongol';
import type { AppContext } from '../../kernel/context.js';
import { Access } from '../../kernel/scope/access.js';
import { Policy } from '../../kernel/scope/policy.js';
import type { Actor } from '../../kernel/scope/actor.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { nowIso } from '../../kernel/db/time.js';
import { cleanText } from '../../kernel/text/clean.js';
import * as orgs from '../orgs/service.js';
import * as media from '../media/service.js';
import { attachmentOf, type AttachmentDto } from '../media/attachment.js';
import { screen } from '../community/service.js';
import * as store from './store.js';
import { eligibleForOrgChannel, isMember, type ConversationSubject } from './policy.js';
import type { ChatConversationTable, ChatMemberTable, ConversationKind, MemberStatus } from './tables.js';

export const MAX_TEXT = 4000;
/** At most this many messages per sender in RATE_WINDOW_MS, counted in the database so every process agrees. */
export const RATE_LIMIT = 20;
export const RATE_WINDOW_MS = 10_000;
const MAX_PAGE = 200;

export const convTopic = (id: string) => `chat.c.${id}`;
export const userTopic = (id: string) => `chat.u.${id}`;

export interface MessageDto {
  /** Monotonic per conversation. */
  id: number;
  /** The conversation's revision at this message's last change (new, edit, delete, review). */
  rev: number;
  conversationId: string;
  sender: { id: string; name: string };
  /** Empty when deleted or held for review (shown as such). */
  text: string;
  lang: string;
  /** The Latin transliteration of Mongolian text (toLatin), else null. */
  latin: string | null;
  replyTo: number | null;
  mentions: string[];
  attachments: AttachmentDto[];
  status: 'visible' | 'deleted' | 'held';
  createdAt: string;
  editedAt: string | null;
}

export interface ConversationDto {
  id: string;
  kind: ConversationKind;
  orgId: string;
  org: { zh: string; mn: string | null };
  title: string | null;
  includeSubtree: boolean;
  lastId: number;
  /** The conversation's latest revision. */
  lastRev: number;
  lastReadId: number;
  unread: number;
  role: 'owner' | 'member';
  status: MemberStatus;
  canModerate: boolean;
  last: { text: string; sender: string | null; at: string } | null;
  /** Direct conversations: the other person. */
  peer: { id: string; name: string } | null;
}

/** Bus events on chat.c.<conversationId>; the socket hub fans them out to local clients. */
export type ConversationEvent =
  | { type: 'message'; conversationId: string; message: MessageDto }
  | { type: 'update'; conversationId: string; message: MessageDto };
/** Bus events on chat.u.<userId>: the user's set of conversations changed. */
export type UserEvent = { type: 'joined' | 'left'; conversationId: string };

const hasMongolian = (lang: string) => lang === 'mn' || lang === 'mixed';

/** `reveal`: a moderator reviewing held messages sees their text. */
export function toMessageDto(r: store.MessageRow, reveal = false): MessageDto {
  const shown = r.status === 'visible' || (reveal && r.status === 'held');
  return {
    id: Number(r.seq),
    rev: Number(r.rev),
    conversationId: r.conversation_id,
    sender: { id: r.sender_id, name: r.sender_name },
    text: shown ? r.body : '',
    lang: r.lang,
    latin: shown && hasMongolian(r.lang) ? toLatin(r.body, { scheme: 'display' }) : null,
    replyTo: r.reply_to === null ? null : Number(r.reply_to),
    mentions: JSON.parse(r.mentions_json) as string[],
    attachments: shown ? (JSON.parse(r.attachments_json) as AttachmentDto[]) : [],
    status: r.status,
    createdAt: r.created_at,
    editedAt: r.edited_at,
  };
}

type ConvRow = ChatConversationTable & { org_path: string };
type MemberRow = ChatMemberTable | null | undefined;

function subjectOf(c: ConvRow, m: MemberRow): ConversationSubject {
  return {
    kind: c.kind,
    orgPath: c.org_path,
    includeSubtree: c.include_subtree === 1,
    member: m ? { role: m.role, status: m.status } : null,
  };
}

/**
 * Makes sure the org channels the actor belongs to exist (created on first use, once even when two
 * processes race) and that the actor has a membership row (for read state) in each.
 */
export async function ensureOrgChannels(ctx: AppContext, actor: Actor): Promise<void> {
  const direct = [...new Set(actor.grants.map((g) => g.orgId))];
  const ancestors = [...new Set(actor.grants.flatMap((g) => g.orgPath.split('/').filter(Boolean)))];
  const db = ctx.db.kysely;
  let channels = await store.orgChannels(db, ancestors);
  const missing = direct.filter((id) => !channels.some((c) => c.org_id === id));
  if (missing.length) {
    const at = nowIso();
    for (const orgId of missing) {
      await store.insertConversation(db, {
        id: newId(),
        kind: 'org',
        org_id: orgId,
        title: null,
        include_subtree: 0,
        unique_key: `org:${orgId}`,
        last_seq: 0,
        last_rev: 0,
        created_by: null,
        created_at: at,
        updated_at: at,
      });
    }
    channels = await store.orgChannels(db, ancestors);
  }
  const eligible = channels.filter((c) => eligibleForOrgChannel(actor, c.org_path, c.include_subtree === 1));
  // Write only when a row is missing: listing conversations is frequent, joining a channel is not.
  const have = new Set(await store.memberships(db, actor.userId, eligible.map((c) => c.id)));
  const mine = eligible.filter((c) => !have.has(c.id));
  if (mine.length === 0) return;
  await store.insertMembers(
    db,
    mine.map((c) => ({ conversation_id: c.id, user_id: actor.userId, role: 'member' as const, status: 'active' as const, last_read_seq: 0, joined_at: nowIso() })),
  );
}

/** The conversations the actor may read now (org channels re-checked against their current roles). */
export async function listConversations(ctx: AppContext, access: Access): Promise<ConversationDto[]> {
  const actor = access.requireUser();
  await ensureOrgChannels(ctx, actor);
  const rows = await store.conversationsOf(ctx.db.kysely, actor.userId);
  const visible = rows.filter((r) => access.can('chat.read', subjectOf(r, { conversation_id: r.id, user_id: actor.userId, role: r.member_role, status: r.member_status, last_read_seq: r.last_read_seq, joined_at: '' })));
  const peers = await store.otherParties(ctx.db.kysely, visible.filter((r) => r.kind === 'direct').map((r) => r.id), actor.userId);
  return visible.map((r) => {
    const member = { role: r.member_role, status: r.member_status };
    const subject: ConversationSubject = { kind: r.kind, orgPath: r.org_path, includeSubtree: r.include_subtree === 1, member };
    const peer = peers.find((p) => p.conversation_id === r.id);
    const lastId = Number(r.last_seq);
    const lastRead = Math.min(Number(r.last_read_seq), lastId);
    return {
      id: r.id,
      kind: r.kind,
      orgId: r.org_id,
      org: { zh: r.org_name_zh, mn: r.org_name_mn },
      title: r.title,
      includeSubtree: r.include_subtree === 1,
      lastId,
      lastRev: Number(r.last_rev),
      lastReadId: lastRead,
      unread: lastId - lastRead,
      role: r.member_role,
      status: r.member_status,
      canModerate: access.can('chat.moderate', subject),
      last:
        r.last_at === null
          ? null
          : { text: r.last_status === 'visible' ? (r.last_body ?? '').slice(0, 120) : '', sender: r.last_sender, at: r.last_at },
      peer: peer ? { id: peer.id, name: peer.display_name } : null,
    };
  });
}

/** Ids of every conversation the actor may read (the socket subscribes to these; search looks in them). */
export async function readableIds(ctx: AppContext, access: Access): Promise<string[]> {
  return (await listConversations(ctx, access)).map((c) => c.id);
}

interface Opened {
  conv: ConvRow;
  member: ChatMemberTable | null;
  subject: ConversationSubject;
}

/** One conversation the actor may read, or 404 (another banner's channel does not exist for them). */
export async function open(ctx: AppContext, access: Access, id: string, action: 'chat.read' | 'chat.send' | 'chat.moderate' = 'chat.read'): Promise<Opened> {
  const actor = access.requireUser();
  const conv = await store.findConversation(ctx.db.kysely, id);
  if (!conv) throw notFound();
  let member = (await store.memberRow(ctx.db.kysely, id, actor.userId)) ?? null;
  let subject = subjectOf(conv, member);
  access.authorize('chat.read', subject, { hide: true });
  if (!member && conv.kind === 'org') {
    await store.insertMembers(ctx.db.kysely, [{ conversation_id: id, user_id: actor.userId, role: 'member', status: 'active', last_read_seq: 0, joined_at: nowIso() }]);
    member = (await store.memberRow(ctx.db.kysely, id, actor.userId)) ?? null;
    subject = subjectOf(conv, member);
  }
  if (action === 'chat.send' && member?.status === 'blocked') throw new AppError(403, 'chat.blocked');
  if (action !== 'chat.read') access.authorize(action, subject);
  return { conv, member, subject };
}

export async function getConversation(ctx: AppContext, access: Access, id: string): Promise<ConversationDto> {
  await open(ctx, access, id);
  const found = (await listConversations(ctx, access)).find((c) => c.id === id);
  if (!found) throw notFound();
  return found;
}

function cleanBody(text: string): string {
  const body = cleanText(text);
  if (body.length > MAX_TEXT) throw new AppError(400, 'chat.too_long', { max: MAX_TEXT });
  return body;
}

async function checkRate(ctx: AppContext, userId: string): Promise<void> {
  const since = new Date(Date.now() - RATE_WINDOW_MS).toISOString();
  if ((await store.countSince(ctx.db.kysely, userId, since)) >= RATE_LIMIT) {
    throw new AppError(429, 'chat.rate_limited', { max: RATE_LIMIT, seconds: RATE_WINDOW_MS / 1000 });
  }
}

export interface SendInput {
  text: string;
  replyTo?: number | null;
  mentions?: string[];
  attachments?: AttachmentDto[];
}

/**
 * Sends a message: text cleaned as stored everywhere (legacy Menksoft converted, Mongolian in one
 * spelling), numbered next in its conversation, then published on the bus for every process's sockets.
 */
export async function send(ctx: AppContext, access: Access, conversationId: string, input: SendInput): Promise<MessageDto> {
  const { conv } = await open(ctx, access, conversationId, 'chat.send');
  const actor = access.user;
  const body = cleanBody(input.text);
  const attachments = input.attachments ?? [];
  if (!body && attachments.length === 0) throw new AppError(400, 'chat.empty');
  await checkRate(ctx, actor.userId);
  if (input.replyTo != null) {
    const target = await store.findMessage(ctx.db.kysely, conversationId, input.replyTo);
    if (!target) throw new AppError(400, 'chat.reply_unknown', { id: input.replyTo });
  }
  const mentions = [...new Set(input.mentions ?? [])];
  if (mentions.length) {
    const members = conv.kind === 'org'
      ? await store.orgChannelPeople(ctx.db.kysely, conv.org_id, conv.org_path, conv.include_subtree === 1)
      : await store.membersOf(ctx.db.kysely, conversationId);
    const ids = new Set(members.map((m) => m.id));
    const stranger = mentions.find((m) => !ids.has(m));
    if (stranger) throw new AppError(400, 'chat.mention_unknown', { id: stranger });
  }
  const lang = detectLanguage(body);
  // The org's keyword list (and those of the orgs above it): a hit is kept for a moderator, shown as held.
  const held = body ? await screen(ctx, conv.org_path, body) : [];
  const at = nowIso();
  const seq = await ctx.db.kysely.transaction().execute(async (trx) => {
    const { seq: n, rev } = await store.nextSeq(trx, conversationId, at);
    await store.insertMessage(trx, {
      conversation_id: conversationId,
      seq: n,
      rev,
      sender_id: actor.userId,
      body,
      lang,
      reply_to: input.replyTo ?? null,
      mentions_json: JSON.stringify(mentions),
      attachments_json: JSON.stringify(attachments),
      tokens: ` ${indexTokens(body).join(' ')} `,
      status: held.length ? 'held' : 'visible',
      created_at: at,
      edited_at: null,
    });
    await store.advanceRead(trx, conversationId, actor.userId, n);
    if (held.length) await audit(trx, { actorId: actor.userId, action: 'chat.held', entity: 'chat_message', entityId: `${conversationId}:${n}`, orgId: conv.org_id, after: { keywords: held }, ip: null });
    return n;
  });
  const message = toMessageDto((await store.findMessage(ctx.db.kysely, conversationId, seq))!);
  await publish(ctx, { type: 'message', conversationId, message });
  return message;
}

async function publish(ctx: AppContext, event: ConversationEvent): Promise<void> {
  try {
    await ctx.bus.publish(convTopic(event.conversationId), event);
  } catch (err) {
    // The message is stored; clients that missed the push get it when they resume.
    ctx.log.warn({ err }, 'chat: publish failed');
  }
}

/**
 * Uploads a file through the media module (checked by content, images stripped of metadata) on the
 * conversation's behalf, then sends it as a message. Membership was checked here, so the upload is
 * granted for exactly this conversation's org.
 */
export async function sendAttachment(
  ctx: AppContext,
  access: Access,
  conversationId: string,
  file: { filename: string; stream: Readable },
  text: string,
  ip: string | null,
): Promise<MessageDto> {
  const { conv } = await open(ctx, access, conversationId, 'chat.send');
  await checkRate(ctx, access.user.userId);
  const m = await media.upload(ctx, delegated(access.user, conv), { orgId: conv.org_id, filename: file.filename, stream: file.stream }, ip);
  const attachment = attachmentOf(m, `/api/messaging/conversations/${conversationId}/attachments/${m.id}`);
  return send(ctx, access, conversationId, { text, attachments: [attachment] });
}

/** An Access that may do exactly what a member needs from the media module for this conversation's org. */
function delegated(actor: Actor, conv: ConvRow): Access {
  const p = new Policy();
  p.allow<{ path: string }>('org.read', (_a, s) => s.path === conv.org_path);
  p.allow<{ orgPath: string }>('media.upload', (_a, s) => s.orgPath === conv.org_path);
  p.allow<{ orgPath: string }>('media.read', (_a, s) => s.orgPath === conv.org_path);
  return new Access(actor, p);
}

/** An attachment of a message in this conversation, for its members only. */
export async function openAttachment(ctx: AppContext, access: Access, conversationId: string, mediaId: string, file: string) {
  const { conv } = await open(ctx, access, conversationId);
  const msg = await store.messageWithAttachment(ctx.db.kysely, conversationId, mediaId);
  if (!msg || msg.status !== 'visible') throw notFound();
  return media.openFile(ctx, delegated(access.user, conv), mediaId, file);
}

export interface PageQuery {
  after?: number;
  before?: number;
  limit: number;
}

/** `after`: everything after that id, oldest first (resume). Otherwise the latest page (before `before`). */
export async function listMessages(ctx: AppContext, access: Access, conversationId: string, q: PageQuery): Promise<MessageDto[]> {
  await open(ctx, access, conversationId);
  const limit = Math.min(q.limit, MAX_PAGE);
  const rows = q.after !== undefined
    ? await store.messagesAfter(ctx.db.kysely, conversationId, q.after, limit)
    : await store.messagesBefore(ctx.db.kysely, conversationId, q.before, limit);
  return rows.map((r) => toMessageDto(r));
}

/** For the socket: messages after `after` up to `upTo`, oldest first, without re-checking access. */
export async function missed(ctx: AppContext, conversationId: string, after: number, upTo?: number): Promise<MessageDto[]> {
  const out: MessageDto[] = [];
  for (let from = after; ; ) {
    const rows = await store.messagesAfter(ctx.db.kysely, conversationId, from, MAX_PAGE, upTo);
    out.push(...rows.map((r) => toMessageDto(r)));
    if (rows.length < MAX_PAGE) return out;
    from = Number(rows[rows.length - 1]!.seq);
  }
}

export interface ChangesDto {
  /** Every message changed (sent, edited, deleted, reviewed) after `since`, in revision order, each once in its latest state. */
  messages: MessageDto[];
  /** The revision to ask from next time. */
  rev: number;
  /** More changes wait: ask again from `rev`. */
  more: boolean;
}

/**
 * Changes since a revision. Revisions are committed in the order they are handed out (the
 * conversation row is locked while one is taken), so the highest revision read is a safe cursor:
 * nothing below it can still appear.
 */
export async function changes(ctx: AppContext, access: Access, conversationId: string, since: number, limit: number): Promise<ChangesDto> {
  await open(ctx, access, conversationId);
  const rows = await store.changesSince(ctx.db.kysely, conversationId, since, Math.min(limit, MAX_PAGE));
  const messages = rows.map((r) => toMessageDto(r));
  return { messages, rev: messages.length ? messages[messages.length - 1]!.rev : since, more: rows.length === Math.min(limit, MAX_PAGE) };
}

/** For the socket: every change after `since`, in revision order, without re-checking access. */
export async function missedChanges(ctx: AppContext, conversationId: string, since: number): Promise<MessageDto[]> {
  const out: MessageDto[] = [];
  for (let from = since; ; ) {
    const rows = await store.changesSince(ctx.db.kysely, conversationId, from, MAX_PAGE);
    out.push(...rows.map((r) => toMessageDto(r)));
    if (rows.length < MAX_PAGE) return out;
    from = Number(rows[rows.length - 1]!.rev);
  }
}

async function ownMessage(ctx: AppContext, access: Access, conversationId: string, seq: number, moderatorMay: boolean) {
  const opened = await open(ctx, access, conversationId);
  const msg = await store.findMessage(ctx.db.kysely, conversationId, seq);
  if (!msg) throw notFound();
  const mine = msg.sender_id === access.user.userId;
  if (!mine && !(moderatorMay && access.can('chat.moderate', opened.subject))) throw new AppError(403, 'chat.not_yours');
  if (mine && opened.member?.status === 'blocked') throw new AppError(403, 'chat.blocked');
  return { ...opened, msg };
}

export async function edit(ctx: AppContext, access: Access, conversationId: string, seq: number, text: string, ip: string | null): Promise<MessageDto> {
  const { conv, msg } = await ownMessage(ctx, access, conversationId, seq, false);
  if (msg.status !== 'visible') throw new AppError(409, 'chat.deleted');
  const body = cleanBody(text);
  if (!body && JSON.parse(msg.attachments_json).length === 0) throw new AppError(400, 'chat.empty');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const rev = await store.nextRev(trx, conversationId);
    await store.updateMessage(trx, conversationId, seq, { body, lang: detectLanguage(body), tokens: ` ${indexTokens(body).join(' ')} `, edited_at: nowIso(), rev });
    await audit(trx, { actorId: access.user.userId, action: 'chat.edit', entity: 'chat_message', entityId: `${conversationId}:${seq}`, orgId: conv.org_id, before: { text: msg.body }, after: { text: body }, ip });
  });
  const message = toMessageDto((await store.findMessage(ctx.db.kysely, conversationId, seq))!);
  await publish(ctx, { type: 'update', conversationId, message });
  return message;
}

/** Soft delete: the message keeps its place (and id) and shows as deleted. Its author or a moderator. */
export async function remove(ctx: AppContext, access: Access, conversationId: string, seq: number, ip: string | null): Promise<MessageDto> {
  const { conv, msg } = await ownMessage(ctx, access, conversationId, seq, true);
  if (msg.status === 'deleted') return toMessageDto(msg);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const rev = await store.nextRev(trx, conversationId);
    await store.updateMessage(trx, conversationId, seq, { status: 'deleted', tokens: '  ', edited_at: nowIso(), rev });
    await audit(trx, { actorId: access.user.userId, action: 'chat.delete', entity: 'chat_message', entityId: `${conversationId}:${seq}`, orgId: conv.org_id, before: { text: msg.body, sender: msg.sender_id }, ip });
  });
  const message = toMessageDto((await store.findMessage(ctx.db.kysely, conversationId, seq))!);
  await publish(ctx, { type: 'update', conversationId, message });
  return message;
}

/** Held messages of a conversation, with their text, for its moderators. */
export async function heldMessages(ctx: AppContext, access: Access, conversationId: string): Promise<MessageDto[]> {
  await open(ctx, access, conversationId, 'chat.moderate');
  return (await store.heldMessages(ctx.db.kysely, conversationId)).map((r) => toMessageDto(r, true));
}

/** A moderator releases a held message (everyone sees it) or rejects it (shown as deleted). */
export async function review(ctx: AppContext, access: Access, conversationId: string, seq: number, approve: boolean, ip: string | null): Promise<MessageDto> {
  const { conv } = await open(ctx, access, conversationId, 'chat.moderate');
  const msg = await store.findMessage(ctx.db.kysely, conversationId, seq);
  if (!msg) throw notFound();
  if (msg.status !== 'held') throw new AppError(409, 'chat.not_held');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const rev = await store.nextRev(trx, conversationId);
    await store.updateMessage(trx, conversationId, seq, approve ? { status: 'visible', rev } : { status: 'deleted', tokens: '  ', rev });
    await audit(trx, { actorId: access.user.userId, action: approve ? 'chat.release' : 'chat.reject', entity: 'chat_message', entityId: `${conversationId}:${seq}`, orgId: conv.org_id, before: { status: 'held' }, ip });
  });
  const message = toMessageDto((await store.findMessage(ctx.db.kysely, conversationId, seq))!);
  await publish(ctx, { type: 'update', conversationId, message });
  return message;
}

export async function markRead(ctx: AppContext, access: Access, conversationId: string, seq: number): Promise<{ lastReadId: number; unread: number }> {
  const { conv } = await open(ctx, access, conversationId);
  const last = Number(conv.last_seq);
  await store.advanceRead(ctx.db.kysely, conversationId, access.user.userId, Math.min(seq, last));
  const m = await store.memberRow(ctx.db.kysely, conversationId, access.user.userId);
  const read = Math.min(Number(m?.last_read_seq ?? 0), last);
  return { lastReadId: read, unread: last - read };
}

export interface GroupInput {
  orgId: string;
  title: string;
  memberIds: string[];
}

/** Who may be put in a group of this org: active people whose home org lies in the org's subtree. */
async function checkPeople(ctx: AppContext, orgPath: string, ids: string[]) {
  const people = await store.usersWithPaths(ctx.db.kysely, ids);
  for (const id of ids) {
    const p = people.find((u) => u.id === id);
    if (!p || p.status !== 'active' || !p.org_path.startsWith(orgPath)) throw new AppError(400, 'chat.member_out_of_scope', { id });
  }
}

export async function createGroup(ctx: AppContext, access: Access, input: GroupInput, ip: string | null): Promise<ConversationDto> {
  const org = await orgs.getOrg(ctx, access, input.orgId);
  access.authorize('chat.create_group', { orgPath: org.path });
  const actor = access.user;
  const title = cleanText(input.title);
  if (!title || title.length > 200) throw new AppError(400, 'chat.bad_title', { max: 200 });
  const others = [...new Set(input.memberIds)].filter((id) => id !== actor.userId);
  await checkPeople(ctx, org.path, others);
  const id = newId();
  const at = nowIso();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.insertConversation(trx, { id, kind: 'group', org_id: org.id, title, include_subtree: 0, unique_key: null, last_seq: 0, last_rev: 0, created_by: actor.userId, created_at: at, updated_at: at });
    await store.insertMembers(trx, [
      { conversation_id: id, user_id: actor.userId, role: 'owner', status: 'active', last_read_seq: 0, joined_at: at },
      ...others.map((u) => ({ conversation_id: id, user_id: u, role: 'member' as const, status: 'active' as const, last_read_seq: 0, joined_at: at })),
    ]);
    await audit(trx, { actorId: actor.userId, action: 'chat.group.create', entity: 'chat_conversation', entityId: id, orgId: org.id, after: { title, members: others }, ip });
  });
  await Promise.all([actor.userId, ...others].map((u) => ctx.bus.publish(userTopic(u), { type: 'joined', conversationId: id } satisfies UserEvent)));
  return getConversation(ctx, access, id);
}

/** The direct conversation with another person (one per pair; created on first use). */
export async function openDirect(ctx: AppContext, access: Access, userId: string, ip: string | null): Promise<ConversationDto> {
  const actor = access.requireUser();
  if (userId === actor.userId) throw new AppError(400, 'chat.self');
  const [other] = await store.usersWithPaths(ctx.db.kysely, [userId]);
  if (!other || other.status !== 'active') throw notFound();
  access.authorize('chat.direct', { grantPaths: [other.org_path, ...other.grantPaths] }, { hide: true });
  const key = `dm:${[actor.userId, userId].sort().join(':')}`;
  const [existing] = await store.findByUniqueKeys(ctx.db.kysely, [key]);
  if (existing) return getConversation(ctx, access, existing.id);
  const at = nowIso();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const id = newId();
    await store.insertConversation(trx, { id, kind: 'direct', org_id: actor.orgId, title: null, include_subtree: 0, unique_key: key, last_seq: 0, last_rev: 0, created_by: actor.userId, created_at: at, updated_at: at });
    const [row] = await store.findByUniqueKeys(trx, [key]);
    await store.insertMembers(trx, [actor.userId, userId].map((u) => ({ conversation_id: row!.id, user_id: u, role: 'member' as const, status: 'active' as const, last_read_seq: 0, joined_at: at })));
    if (row!.id === id) await audit(trx, { actorId: actor.userId, action: 'chat.direct.create', entity: 'chat_conversation', entityId: id, orgId: actor.orgId, after: { with: userId }, ip });
  });
  const [row] = await store.findByUniqueKeys(ctx.db.kysely, [key]);
  await Promise.all([actor.userId, userId].map((u) => ctx.bus.publish(userTopic(u), { type: 'joined', conversationId: row!.id } satisfies UserEvent)));
  return getConversation(ctx, access, row!.id);
}

/** Org channel: whether the whole subtree belongs. Group: its title. Moderators only. */
export async function updateConversation(ctx: AppContext, access: Access, id: string, input: { title?: string; includeSubtree?: boolean }, ip: string | null): Promise<ConversationDto> {
  const { conv } = await open(ctx, access, id, 'chat.moderate');
  const patch: Partial<ChatConversationTable> = { updated_at: nowIso() };
  if (input.title !== undefined) {
    if (conv.kind !== 'group') throw new AppError(400, 'chat.not_group');
    const title = cleanText(input.title);
    if (!title || title.length > 200) throw new AppError(400, 'chat.bad_title', { max: 200 });
    patch.title = title;
  }
  if (input.includeSubtree !== undefined) {
    if (conv.kind !== 'org') throw new AppError(400, 'chat.not_org');
    patch.include_subtree = input.includeSubtree ? 1 : 0;
  }
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.updateConversation(trx, id, patch);
    await audit(trx, { actorId: access.user.userId, action: 'chat.conversation.update', entity: 'chat_conversation', entityId: id, orgId: conv.org_id, before: { title: conv.title, includeSubtree: conv.include_subtree }, after: patch, ip });
  });
  return getConversation(ctx, access, id);
}

export interface MemberDto {
  id: string;
  name: string;
  role: 'owner' | 'member';
  status: MemberStatus;
}

export async function members(ctx: AppContext, access: Access, id: string): Promise<MemberDto[]> {
  const { conv } = await open(ctx, access, id);
  const rows = await store.membersOf(ctx.db.kysely, id);
  if (conv.kind !== 'org') return rows.map((r) => ({ id: r.id, name: r.display_name, role: r.role, status: r.status }));
  // An org channel's members are whoever holds a role there now; a row only records read state or a block.
  const people = await store.orgChannelPeople(ctx.db.kysely, conv.org_id, conv.org_path, conv.include_subtree === 1);
  return people.map((p) => {
    const r = rows.find((x) => x.id === p.id);
    return { id: p.id, name: p.display_name, role: 'member' as const, status: r?.status ?? ('active' as const) };
  });
}

export async function addMembers(ctx: AppContext, access: Access, id: string, userIds: string[], ip: string | null): Promise<MemberDto[]> {
  const { conv } = await open(ctx, access, id, 'chat.moderate');
  if (conv.kind !== 'group') throw new AppError(400, 'chat.not_group');
  const ids = [...new Set(userIds)];
  await checkPeople(ctx, conv.org_path, ids);
  const at = nowIso();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.insertMembers(trx, ids.map((u) => ({ conversation_id: id, user_id: u, role: 'member' as const, status: 'active' as const, last_read_seq: Number(conv.last_seq), joined_at: at })));
    // Someone removed earlier and added again is active again.
    for (const u of ids) await store.setMember(trx, id, u, { status: 'active' });
    await audit(trx, { actorId: access.user.userId, action: 'chat.member.add', entity: 'chat_conversation', entityId: id, orgId: conv.org_id, after: { members: ids }, ip });
  });
  await Promise.all(ids.map((u) => ctx.bus.publish(userTopic(u), { type: 'joined', conversationId: id } satisfies UserEvent)));
  return members(ctx, access, id);
}

/**
 * Block (still reads, cannot write), remove (gone from the conversation) or restore a member;
 * moderators only, except that anyone may leave a group (remove themselves).
 */
export async function setMemberStatus(ctx: AppContext, access: Access, id: string, userId: string, status: MemberStatus, ip: string | null): Promise<MemberDto[]> {
  const actor = access.requireUser();
  const leaving = userId === actor.userId && status === 'removed';
  const { conv } = await open(ctx, access, id, leaving ? 'chat.read' : 'chat.moderate');
  if (conv.kind === 'direct') throw new AppError(400, 'chat.not_group');
  if (conv.kind === 'org' && status === 'removed' && !leaving) throw new AppError(400, 'chat.org_remove');
  if (conv.kind === 'org' && leaving) throw new AppError(400, 'chat.org_remove');
  const before = await store.memberRow(ctx.db.kysely, id, userId);
  if (!before) {
    if (conv.kind !== 'org') throw notFound();
    // Blocking someone in an org channel who never opened it: record the row first.
    const people = await store.orgChannelPeople(ctx.db.kysely, conv.org_id, conv.org_path, conv.include_subtree === 1);
    if (!people.some((p) => p.id === userId)) throw notFound();
    await store.insertMembers(ctx.db.kysely, [{ conversation_id: id, user_id: userId, role: 'member', status: 'active', last_read_seq: 0, joined_at: nowIso() }]);
  }
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.setMember(trx, id, userId, { status });
    await audit(trx, { actorId: actor.userId, action: `chat.member.${status}`, entity: 'chat_conversation', entityId: id, orgId: conv.org_id, before: { user: userId, status: before?.status ?? 'active' }, after: { user: userId, status }, ip });
  });
  if (status === 'removed') await ctx.bus.publish(userTopic(userId), { type: 'left', conversationId: id } satisfies UserEvent);
  return leaving ? [] : members(ctx, access, id);
}

export interface SearchHitDto {
  message: MessageDto;
  snippet: string;
}

/** Bilingual search (the same tokens as the content search: Chinese words, pinyin, Mongolian spellings) over the caller's conversations. */
export async function search(ctx: AppContext, access: Access, q: string, conversationId: string | undefined, limit: number): Promise<SearchHitDto[]> {
  access.requireUser();
  let ids = await readableIds(ctx, access);
  if (conversationId !== undefined) ids = ids.filter((i) => i === conversationId);
  const groups = queryTokens(q);
  const rows = await store.searchMessages(ctx.db.kysely, ids, groups, Math.min(limit, 100));
  return rows.map((r) => ({ message: toMessageDto(r), snippet: highlight(r.body, q) }));
}

/** People one may start a conversation with or add to a group: those in one's own subtrees. */
export async function contacts(ctx: AppContext, access: Access, q: string | undefined): Promise<{ id: string; name: string; org: { zh: string; mn: string | null } }[]> {
  const rows = await store.usersUnder(ctx.db.kysely, access.scope(), q ? cleanText(q) : undefined, 50);
  return rows.filter((r) => r.id !== access.user.userId).map((r) => ({ id: r.id, name: r.display_name, org: { zh: r.org_name_zh, mn: r.org_name_mn } }));
}

export { isMember };
