import { foldChinese } from '@gerel/text';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../kernel/context.js';
import { Access } from '../../kernel/scope/access.js';
import { Policy } from '../../kernel/scope/policy.js';
import type { Actor } from '../../kernel/scope/actor.js';
import * as media from '../media/service.js';
import { attachmentOf, type AttachmentDto } from '../media/attachment.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { nowIso } from '../../kernel/db/time.js';
import { cleanText } from '../../kernel/text/clean.js';
import { orgOnPath } from './paths.js';
import * as orgs from '../orgs/service.js';
import * as store from './store.js';
import type { SpaceSubject } from './policy.js';
import type { PostCategory, PostStatus } from './tables.js';

const MAX_BODY = 20_000;
const MAX_TITLE = 200;

// ——— keyword screening (also used by messaging) ———

/** Text as keywords are compared: cleaned (legacy Mongolian converted, one spelling), traditional Chinese folded, lower case. */
export function foldForScreening(text: string): string {
  return foldChinese(cleanText(text)).toLowerCase();
}

/**
 * The screened keywords found in `text` written in the org at `orgPath`: the lists of the org and of
 * every org above it apply. A hit holds the text for a moderator; it is never silently dropped.
 */
export async function screen(ctx: AppContext, orgPath: string, text: string): Promise<string[]> {
  const words = await store.keywordsFor(ctx.db.kysely, orgOnPath(orgPath));
  if (words.length === 0) return [];
  const folded = foldForScreening(text);
  return [...new Set(words.filter((w) => folded.includes(w.word)).map((w) => w.word))];
}

// ——— profiles, directory, follows ———

export interface ProfileDto {
  id: string;
  name: string;
  orgId: string;
  org: { zh: string; mn: string | null };
  field: string | null;
  title: string | null;
  languages: string[];
  bio: string | null;
}

type ProfileRow = NonNullable<Awaited<ReturnType<typeof store.profile>>>;
const toProfile = (r: Pick<ProfileRow, 'id' | 'display_name' | 'org_id' | 'org_name_zh' | 'org_name_mn' | 'field' | 'title' | 'languages_json' | 'bio'>): ProfileDto => ({
  id: r.id,
  name: r.display_name,
  orgId: r.org_id,
  org: { zh: r.org_name_zh, mn: r.org_name_mn },
  field: r.field,
  title: r.title,
  languages: r.languages_json ? (JSON.parse(r.languages_json) as string[]) : [],
  bio: r.bio,
});

export async function myProfile(ctx: AppContext, access: Access): Promise<ProfileDto> {
  const actor = access.requireUser();
  const p = await store.profile(ctx.db.kysely, actor.userId);
  if (!p) throw notFound();
  return toProfile(p);
}

export interface ProfileInput {
  field?: string | null;
  title?: string | null;
  languages?: string[];
  bio?: string | null;
}

const cleanOpt = (s: string | null | undefined, max: number): string | null => {
  if (s === null || s === undefined) return null;
  const c = cleanText(s);
  if (c.length > max) throw new AppError(400, 'community.too_long', { max });
  return c || null;
};

export async function updateProfile(ctx: AppContext, access: Access, input: ProfileInput, ip: string | null): Promise<ProfileDto> {
  const actor = access.requireUser();
  const before = await store.profile(ctx.db.kysely, actor.userId);
  if (!before) throw notFound();
  const row = {
    user_id: actor.userId,
    org_id: before.org_id,
    field: input.field === undefined ? before.field : cleanOpt(input.field, 100),
    title: input.title === undefined ? before.title : cleanOpt(input.title, 100),
    languages_json: JSON.stringify(input.languages ?? (before.languages_json ? JSON.parse(before.languages_json) : [])),
    bio: input.bio === undefined ? before.bio : cleanOpt(input.bio, 2000),
    updated_at: nowIso(),
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.upsertProfile(trx, row);
    await audit(trx, { actorId: actor.userId, action: 'community.profile.update', entity: 'community_profile', entityId: actor.userId, orgId: before.org_id, before: { field: before.field, title: before.title, bio: before.bio }, after: { field: row.field, title: row.title, bio: row.bio, languages: row.languages_json }, ip });
  });
  return myProfile(ctx, access);
}

/** Someone else's profile, for people on their line of the tree (another banner's people do not exist here). */
export async function person(ctx: AppContext, access: Access, userId: string): Promise<ProfileDto & { followers: number; following: boolean }> {
  const p = await store.profile(ctx.db.kysely, userId);
  if (!p || p.status !== 'active') {
    access.requireUser();
    throw notFound();
  }
  access.authorize('community.person', { grantPaths: [p.org_path, ...(await store.grantPaths(ctx.db.kysely, userId))] }, { hide: true });
  const f = await store.followCounts(ctx.db.kysely, userId, access.user.userId);
  return { ...toProfile(p), ...f };
}

export interface DirectoryQuery {
  q?: string;
  field?: string;
  orgId?: string;
  limit: number;
  offset: number;
}

/** The sci-tech workers of the caller's subtrees (or of one org's subtree inside them). */
export async function directory(ctx: AppContext, access: Access, q: DirectoryQuery) {
  let prefixes = access.scope();
  if (q.orgId) {
    const org = await orgs.getOrg(ctx, access, q.orgId);
    prefixes = [org.path];
  }
  const { rows, total } = await store.directory(ctx.db.kysely, { prefixes, q: q.q ? cleanText(q.q) : undefined, field: q.field }, access.user.userId, q.limit, q.offset);
  return {
    total,
    items: rows.map((r) => ({ ...toProfile(r), followers: Number(r.followers ?? 0), following: Number(r.following ?? 0) > 0 })),
  };
}

/** Ancestor paths of a materialised path, itself included: '/a/b/' → ['/a/', '/a/b/']. */
function pathsAbove(path: string): string[] {
  const ids = orgOnPath(path);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

/**
 * People to mention in a space (or name its moderators): those who belong to it and whom the caller
 * may see anyway, i.e. of the caller's subtrees or above the caller. Never wider than the directory
 * and the profiles already are.
 */
export async function spacePeople(ctx: AppContext, access: Access, orgId: string, q: { q?: string; limit: number }) {
  const s = await space(ctx, access, orgId);
  const above = [...new Set(access.user.grants.flatMap((g) => pathsAbove(g.orgPath)))];
  const rows = await store.spacePeople(
    ctx.db.kysely,
    { seen: access.scope(), above, spaceAbove: pathsAbove(s.orgPath), below: s.subject.includeSubtree ? s.orgPath : null, q: q.q ? cleanText(q.q) : undefined },
    q.limit,
  );
  return rows.map((r) => ({ id: r.id, name: r.display_name, org: { zh: r.org_name_zh, mn: r.org_name_mn } }));
}

export async function follow(ctx: AppContext, access: Access, userId: string, on: boolean, ip: string | null): Promise<{ following: boolean }> {
  const actor = access.requireUser();
  if (userId === actor.userId) throw new AppError(400, 'community.self_follow');
  await person(ctx, access, userId);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (on) await store.follow(trx, actor.userId, userId, nowIso());
    else await store.unfollow(trx, actor.userId, userId);
    await audit(trx, { actorId: actor.userId, action: on ? 'community.follow' : 'community.unfollow', entity: 'user', entityId: userId, orgId: actor.orgId, ip });
  });
  return { following: on };
}

export async function myFollowing(ctx: AppContext, access: Access) {
  const rows = await store.following(ctx.db.kysely, access.requireUser().userId);
  return rows.map((r) => ({ id: r.id, name: r.display_name, since: r.created_at }));
}

// ——— spaces, threads, replies ———

interface Space {
  orgId: string;
  orgPath: string;
  subject: SpaceSubject;
}

async function space(ctx: AppContext, access: Access, orgId: string, action: 'community.read' | 'community.post' | 'community.moderate' = 'community.read'): Promise<Space> {
  const actor = access.requireUser();
  const path = (await orgs.pathsOf(ctx, [orgId])).get(orgId);
  if (!path) throw notFound();
  const [moderator, include] = await Promise.all([store.isModerator(ctx.db.kysely, orgId, actor.userId), store.includeSubtree(ctx.db.kysely, [orgId])]);
  const subject: SpaceSubject = { orgPath: path, includeSubtree: include.get(orgId)!, moderator };
  access.authorize('community.read', subject, { hide: true });
  if (action !== 'community.read') access.authorize(action, subject);
  return { orgId, orgPath: path, subject };
}

export interface SpaceDto {
  orgId: string;
  name: { zh: string; mn: string | null };
  includeSubtree: boolean;
  canModerate: boolean;
  /** May name moderators, keep the keyword list and change the space's setting. */
  canManage: boolean;
}

/**
 * The spaces on the caller's line: the orgs they hold roles on and every org above them, except the
 * spaces above that keep to their own org's people.
 */
export async function spaces(ctx: AppContext, access: Access): Promise<SpaceDto[]> {
  const actor = access.requireUser();
  const ids = [...new Set(actor.grants.flatMap((g) => orgOnPath(g.orgPath)))];
  const [names, paths, include, moderated] = await Promise.all([
    orgs.namesOf(ctx, ids),
    orgs.pathsOf(ctx, ids),
    store.includeSubtree(ctx.db.kysely, ids),
    store.moderatedBy(ctx.db.kysely, actor.userId),
  ]);
  return ids
    .filter((id) => paths.has(id))
    .map((id) => ({ id, subject: { orgPath: paths.get(id)!, includeSubtree: include.get(id)!, moderator: moderated.has(id) } satisfies SpaceSubject }))
    .filter(({ subject }) => access.can('community.read', subject))
    .sort((a, b) => a.subject.orgPath.length - b.subject.orgPath.length)
    .map(({ id, subject }) => ({
      orgId: id,
      name: names.get(id)!,
      includeSubtree: subject.includeSubtree,
      canModerate: access.can('community.moderate', subject),
      canManage: access.can('community.manage', { orgPath: subject.orgPath }),
    }));
}

/** The org's admins say whether the people of the orgs below belong to its space (audited). */
export async function updateSpace(ctx: AppContext, access: Access, orgId: string, input: { includeSubtree: boolean }, ip: string | null): Promise<SpaceDto> {
  await managed(ctx, access, orgId);
  const before = (await store.includeSubtree(ctx.db.kysely, [orgId])).get(orgId)!;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.setIncludeSubtree(trx, orgId, input.includeSubtree, access.user.userId, nowIso());
    await audit(trx, { actorId: access.user.userId, action: 'community.space.update', entity: 'org', entityId: orgId, orgId, before: { includeSubtree: before }, after: { includeSubtree: input.includeSubtree }, ip });
  });
  const [names, s] = await Promise.all([orgs.namesOf(ctx, [orgId]), space(ctx, access, orgId)]);
  return { orgId, name: names.get(orgId)!, includeSubtree: s.subject.includeSubtree, canModerate: access.can('community.moderate', s.subject), canManage: true };
}

export interface PostDto {
  id: string;
  orgId: string;
  parentId: string | null;
  author: { id: string; name: string };
  category: PostCategory;
  title: string | null;
  /** Empty when deleted, or hidden from this reader. */
  body: string;
  mentions: string[];
  attachments: AttachmentDto[];
  status: PostStatus;
  /** The keywords that held it (for its author and moderators). */
  heldFor: string[];
  replyCount: number;
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string;
  /** When its author last changed its text (null: never). */
  editedAt: string | null;
  /** The mentioned people with their names, in the order of `mentions`. */
  mentioned: { id: string; name: string }[];
}

/** Posts for one reader, with the names of the people they mention (one query for all of them). */
async function toPosts(ctx: AppContext, rows: store.PostRow[], viewerId: string, moderator: boolean): Promise<PostDto[]> {
  const names = await store.displayNames(ctx.db.kysely, [...new Set(rows.flatMap((r) => JSON.parse(r.mentions_json) as string[]))]);
  return rows.map((r) => {
    const p = toPost(r, viewerId, moderator);
    return { ...p, mentioned: p.mentions.filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id)! })) };
  });
}

function toPost(r: store.PostRow, viewerId: string, moderator: boolean): PostDto {
  const mine = r.author_id === viewerId;
  const readable = r.status === 'visible' || ((r.status === 'held' || r.status === 'hidden') && (moderator || mine));
  return {
    id: r.id,
    orgId: r.org_id,
    parentId: r.parent_id,
    author: { id: r.author_id, name: r.author_name },
    category: r.category,
    title: readable ? r.title : null,
    body: readable ? r.body : '',
    mentions: JSON.parse(r.mentions_json) as string[],
    attachments: readable ? (JSON.parse(r.attachments_json) as AttachmentDto[]) : [],
    status: r.status,
    heldFor: moderator || mine ? (JSON.parse(r.held_for_json) as string[]) : [],
    replyCount: Number(r.reply_count),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastActivityAt: r.last_activity_at,
    editedAt: r.edited_at,
    mentioned: [],
  };
}

export async function threads(ctx: AppContext, access: Access, orgId: string, q: { category?: PostCategory; limit: number; offset: number }): Promise<PostDto[]> {
  const s = await space(ctx, access, orgId);
  const moderator = access.can('community.moderate', s.subject);
  const rows = await store.threads(ctx.db.kysely, orgId, { ...q, viewerId: access.user.userId, moderator });
  return toPosts(ctx, rows, access.user.userId, moderator);
}

/** Mentioned people must belong to the space (by their home org): on its line, below it only when the subtree belongs. */
async function checkMentions(ctx: AppContext, s: SpaceSubject, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await store.usersByIds(ctx.db.kysely, unique);
  for (const id of unique) {
    const u = found.find((x) => x.id === id);
    if (!u || u.status !== 'active' || !(s.orgPath.startsWith(u.org_path) || (s.includeSubtree && u.org_path.startsWith(s.orgPath)))) throw new AppError(400, 'community.mention_unknown', { id });
  }
  return unique;
}

function cleanBody(text: string): string {
  const body = cleanText(text);
  if (!body) throw new AppError(400, 'community.empty');
  if (body.length > MAX_BODY) throw new AppError(400, 'community.too_long', { max: MAX_BODY });
  return body;
}

export interface ThreadInput {
  category: PostCategory;
  title: string;
  body: string;
  mentions?: string[];
}

/** A new thread; a screened keyword in its title or body holds it for the space's moderators. */
export async function createThread(ctx: AppContext, access: Access, orgId: string, input: ThreadInput, ip: string | null): Promise<PostDto> {
  const s = await space(ctx, access, orgId, 'community.post');
  const title = cleanText(input.title);
  if (!title || title.length > MAX_TITLE) throw new AppError(400, 'community.bad_title', { max: MAX_TITLE });
  const body = cleanBody(input.body);
  const mentions = await checkMentions(ctx, s.subject, input.mentions ?? []);
  const held = await screen(ctx, s.orgPath, `${title}\n${body}`);
  const at = nowIso();
  const id = newId();
  const status: PostStatus = held.length ? 'held' : 'visible';
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.insertPost(trx, { id, org_id: orgId, parent_id: null, author_id: access.user.userId, category: input.category, title, body, mentions_json: JSON.stringify(mentions), attachments_json: '[]', status, held_for_json: JSON.stringify(held), reply_count: 0, created_at: at, updated_at: at, last_activity_at: at, edited_at: null });
    await audit(trx, { actorId: access.user.userId, action: 'community.thread.create', entity: 'community_post', entityId: id, orgId, after: { title, status, heldFor: held }, ip });
  });
  return getPost(ctx, access, id);
}

async function getPost(ctx: AppContext, access: Access, id: string): Promise<PostDto> {
  const r = await store.findPost(ctx.db.kysely, id);
  if (!r) throw notFound();
  const s = await space(ctx, access, r.org_id);
  return (await toPosts(ctx, [r], access.user.userId, access.can('community.moderate', s.subject)))[0]!;
}

/** A thread with its replies (held and hidden ones only for their authors and moderators). */
export async function thread(ctx: AppContext, access: Access, id: string): Promise<{ thread: PostDto; replies: PostDto[] }> {
  const r = await store.findPost(ctx.db.kysely, id);
  if (!r || r.parent_id !== null) {
    access.requireUser();
    throw notFound();
  }
  const s = await space(ctx, access, r.org_id);
  const moderator = access.can('community.moderate', s.subject);
  const me = access.user.userId;
  if (r.status !== 'visible' && !moderator && r.author_id !== me) throw notFound();
  const replies = (await store.replies(ctx.db.kysely, id)).filter((x) => x.status === 'visible' || x.status === 'deleted' || moderator || x.author_id === me);
  const [t, ...rest] = await toPosts(ctx, [r, ...replies], me, moderator);
  return { thread: t!, replies: rest };
}

export async function reply(ctx: AppContext, access: Access, threadId: string, input: { body: string; mentions?: string[] }, ip: string | null): Promise<PostDto> {
  const t = await store.findPost(ctx.db.kysely, threadId);
  if (!t || t.parent_id !== null) {
    access.requireUser();
    throw notFound();
  }
  const s = await space(ctx, access, t.org_id, 'community.post');
  if (t.status !== 'visible') throw new AppError(409, 'community.closed');
  const body = cleanBody(input.body);
  const mentions = await checkMentions(ctx, s.subject, input.mentions ?? []);
  const held = await screen(ctx, s.orgPath, body);
  const at = nowIso();
  const id = newId();
  const status: PostStatus = held.length ? 'held' : 'visible';
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.insertPost(trx, { id, org_id: t.org_id, parent_id: threadId, author_id: access.user.userId, category: t.category, title: null, body, mentions_json: JSON.stringify(mentions), attachments_json: '[]', status, held_for_json: JSON.stringify(held), reply_count: 0, created_at: at, updated_at: at, last_activity_at: at, edited_at: null });
    if (status === 'visible') await store.bumpThread(trx, threadId, at);
    await audit(trx, { actorId: access.user.userId, action: 'community.reply.create', entity: 'community_post', entityId: id, orgId: t.org_id, after: { thread: threadId, status, heldFor: held }, ip });
  });
  return getPost(ctx, access, id);
}

/** The author edits (screened again) or deletes (soft) their post. */
export async function editPost(ctx: AppContext, access: Access, id: string, input: { title?: string; body?: string }, ip: string | null): Promise<PostDto> {
  const r = await store.findPost(ctx.db.kysely, id);
  if (!r) {
    access.requireUser();
    throw notFound();
  }
  const s = await space(ctx, access, r.org_id, 'community.post');
  if (r.author_id !== access.user.userId) throw new AppError(403, 'community.not_yours');
  if (r.status === 'deleted' || r.status === 'hidden') throw new AppError(409, 'community.closed');
  const title = input.title === undefined || r.parent_id !== null ? r.title : cleanText(input.title);
  if (r.parent_id === null && (!title || title.length > MAX_TITLE)) throw new AppError(400, 'community.bad_title', { max: MAX_TITLE });
  const body = input.body === undefined ? r.body : cleanBody(input.body);
  const held = await screen(ctx, s.orgPath, `${title ?? ''}\n${body}`);
  const status: PostStatus = held.length ? 'held' : r.status === 'held' ? 'held' : 'visible';
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const at = nowIso();
    await store.updatePost(trx, id, { title, body, status, held_for_json: JSON.stringify(held.length ? held : JSON.parse(r.held_for_json)), updated_at: at, edited_at: at });
    await audit(trx, { actorId: access.user.userId, action: 'community.post.edit', entity: 'community_post', entityId: id, orgId: r.org_id, before: { title: r.title, body: r.body, status: r.status }, after: { title, body, status }, ip });
  });
  return getPost(ctx, access, id);
}

export async function deletePost(ctx: AppContext, access: Access, id: string, ip: string | null): Promise<PostDto> {
  const r = await store.findPost(ctx.db.kysely, id);
  if (!r) {
    access.requireUser();
    throw notFound();
  }
  await space(ctx, access, r.org_id);
  if (r.author_id !== access.user.userId) throw new AppError(403, 'community.not_yours');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.updatePost(trx, id, { status: 'deleted', updated_at: nowIso() });
    await audit(trx, { actorId: access.user.userId, action: 'community.post.delete', entity: 'community_post', entityId: id, orgId: r.org_id, before: { status: r.status }, ip });
  });
  return getPost(ctx, access, id);
}

// ——— moderation ———

export async function report(ctx: AppContext, access: Access, postId: string, reason: string, ip: string | null): Promise<{ reported: true }> {
  const r = await store.findPost(ctx.db.kysely, postId);
  if (!r) {
    access.requireUser();
    throw notFound();
  }
  await space(ctx, access, r.org_id);
  if (r.status !== 'visible') throw notFound();
  const why = cleanText(reason);
  if (!why || why.length > 500) throw new AppError(400, 'community.bad_reason', { max: 500 });
  const id = newId();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.insertReport(trx, { id, post_id: postId, org_id: r.org_id, reporter_id: access.user.userId, reason: why, status: 'open', created_at: nowIso(), resolved_by: null, resolved_at: null });
    await audit(trx, { actorId: access.user.userId, action: 'community.report', entity: 'community_post', entityId: postId, orgId: r.org_id, after: { reason: why }, ip });
  });
  return { reported: true };
}

export type ModerationAction = 'hide' | 'show' | 'approve' | 'reject' | 'dismiss';

/**
 * hide/show a post; approve (publish) or reject (hide) a held one; dismiss reports and leave the
 * post as it is. Every action resolves the post's open reports and is audited.
 */
export async function moderate(ctx: AppContext, access: Access, postId: string, action: ModerationAction, ip: string | null): Promise<PostDto> {
  const r = await store.findPost(ctx.db.kysely, postId);
  if (!r) {
    access.requireUser();
    throw notFound();
  }
  await space(ctx, access, r.org_id, 'community.moderate');
  const next: PostStatus | null = { hide: 'hidden', show: 'visible', approve: 'visible', reject: 'hidden', dismiss: null }[action] as PostStatus | null;
  if ((action === 'approve' || action === 'reject') && r.status !== 'held') throw new AppError(409, 'community.not_held');
  if (r.status === 'deleted') throw new AppError(409, 'community.closed');
  const at = nowIso();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (next) await store.updatePost(trx, postId, { status: next, updated_at: at });
    if (action === 'approve' && r.parent_id) await store.bumpThread(trx, r.parent_id, at);
    await store.resolveReports(trx, postId, access.user.userId, at);
    await audit(trx, { actorId: access.user.userId, action: `community.moderate.${action}`, entity: 'community_post', entityId: postId, orgId: r.org_id, before: { status: r.status }, after: { status: next ?? r.status }, ip });
  });
  return getPost(ctx, access, postId);
}

export async function queue(ctx: AppContext, access: Access, orgId: string) {
  await space(ctx, access, orgId, 'community.moderate');
  const me = access.user.userId;
  const q = await store.queue(ctx.db.kysely, orgId);
  return {
    held: await toPosts(ctx, q.held, me, true),
    reports: q.reports.map((r) => ({ id: r.id, postId: r.post_id, reason: r.reason, reporter: r.reporter_name, createdAt: r.created_at })),
    reported: await toPosts(ctx, q.reported, me, true),
  };
}

async function managed(ctx: AppContext, access: Access, orgId: string) {
  const org = await orgs.getOrg(ctx, access, orgId);
  access.authorize('community.manage', { orgPath: org.path });
  return org;
}

export async function moderators(ctx: AppContext, access: Access, orgId: string) {
  await space(ctx, access, orgId);
  return (await store.moderators(ctx.db.kysely, orgId)).map((m) => ({ id: m.id, name: m.display_name, since: m.created_at }));
}

export async function setModerator(ctx: AppContext, access: Access, orgId: string, userId: string, on: boolean, ip: string | null) {
  const org = await managed(ctx, access, orgId);
  const [u] = await store.usersByIds(ctx.db.kysely, [userId]);
  if (!u || u.status !== 'active' || !(u.org_path.startsWith(org.path) || org.path.startsWith(u.org_path))) throw new AppError(400, 'community.moderator_out_of_scope');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (on) await store.addModerator(trx, orgId, userId, access.user.userId, nowIso());
    else await store.removeModerator(trx, orgId, userId);
    await audit(trx, { actorId: access.user.userId, action: on ? 'community.moderator.add' : 'community.moderator.remove', entity: 'org', entityId: orgId, orgId, after: { user: userId }, ip });
  });
  return moderators(ctx, access, orgId);
}

export async function keywords(ctx: AppContext, access: Access, orgId: string) {
  await managed(ctx, access, orgId);
  return (await store.keywordsOf(ctx.db.kysely, orgId)).map((k) => ({ id: k.id, word: k.word, createdAt: k.created_at }));
}

export async function addKeywords(ctx: AppContext, access: Access, orgId: string, words: string[], ip: string | null) {
  await managed(ctx, access, orgId);
  const folded = [...new Set(words.map(foldForScreening).filter(Boolean))];
  const bad = folded.find((w) => w.length > 100);
  if (bad) throw new AppError(400, 'community.too_long', { max: 100 });
  if (folded.length === 0) throw new AppError(400, 'community.empty');
  const at = nowIso();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    for (const word of folded) await store.insertKeyword(trx, { id: newId(), org_id: orgId, word, created_by: access.user.userId, created_at: at });
    await audit(trx, { actorId: access.user.userId, action: 'community.keyword.add', entity: 'org', entityId: orgId, orgId, after: { words: folded }, ip });
  });
  return keywords(ctx, access, orgId);
}

export async function removeKeyword(ctx: AppContext, access: Access, id: string, ip: string | null) {
  const k = await store.findKeyword(ctx.db.kysely, id);
  if (!k) {
    access.requireUser();
    throw notFound();
  }
  await managed(ctx, access, k.org_id);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.deleteKeyword(trx, id);
    await audit(trx, { actorId: access.user.userId, action: 'community.keyword.remove', entity: 'org', entityId: k.org_id, orgId: k.org_id, before: { word: k.word }, ip });
  });
  return keywords(ctx, access, k.org_id);
}

// ——— attachments ———

/** An Access that may do exactly what a poster needs from the media module for this space's org. */
function delegated(actor: Actor, orgPath: string): Access {
  const p = new Policy();
  p.allow<{ path: string }>('org.read', (_a, s) => s.path === orgPath);
  p.allow<{ orgPath: string }>('media.upload', (_a, s) => s.orgPath === orgPath);
  p.allow<{ orgPath: string }>('media.read', (_a, s) => s.orgPath === orgPath);
  return new Access(actor, p);
}

const MAX_ATTACHMENTS = 9;

/** Attaches an image or file to my post, through the media module (judged by content, images stripped of metadata). */
export async function attach(ctx: AppContext, access: Access, postId: string, file: { filename: string; stream: Readable }, ip: string | null): Promise<PostDto> {
  const r = await store.findPost(ctx.db.kysely, postId);
  if (!r) {
    access.requireUser();
    throw notFound();
  }
  const s = await space(ctx, access, r.org_id, 'community.post');
  if (r.author_id !== access.user.userId) throw new AppError(403, 'community.not_yours');
  if (r.status === 'deleted' || r.status === 'hidden') throw new AppError(409, 'community.closed');
  const list = JSON.parse(r.attachments_json) as AttachmentDto[];
  if (list.length >= MAX_ATTACHMENTS) throw new AppError(400, 'community.too_many_attachments', { max: MAX_ATTACHMENTS });
  const m = await media.upload(ctx, delegated(access.user, s.orgPath), { orgId: r.org_id, filename: file.filename, stream: file.stream }, ip);
  list.push(attachmentOf(m, `/api/community/posts/${postId}/attachments/${m.id}`));
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.updatePost(trx, postId, { attachments_json: JSON.stringify(list), updated_at: nowIso() });
    await audit(trx, { actorId: access.user.userId, action: 'community.post.attach', entity: 'community_post', entityId: postId, orgId: r.org_id, after: { media: m.id, mime: m.mime }, ip });
  });
  return getPost(ctx, access, postId);
}

/** An attachment of a post, for those who may read the post. */
export async function openAttachment(ctx: AppContext, access: Access, postId: string, mediaId: string, file: string) {
  const r = await store.findPost(ctx.db.kysely, postId);
  if (!r) {
    access.requireUser();
    throw notFound();
  }
  const s = await space(ctx, access, r.org_id);
  const moderator = access.can('community.moderate', s.subject);
  const post = toPost(r, access.user.userId, moderator);
  if (!post.attachments.some((a) => a.id === mediaId)) throw notFound();
  return media.openFile(ctx, delegated(access.user, s.orgPath), mediaId, file);
}
