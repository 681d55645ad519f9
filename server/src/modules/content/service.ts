import type { Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError, badRequest, notFound } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { nowIso } from '../../kernel/db/time.js';
import { cleanText } from '../../kernel/text/clean.js';
import { cleanHtml, htmlToText } from '../../kernel/text/html.js';
import * as orgs from '../orgs/service.js';
import * as store from './store.js';
import { toResourceDto, toVersionDto, type ResourceDto, type VersionDto } from './dto.js';
import type { Audience, Kind, Lang, ResourceTable, ResourceVersionTable, Status } from './tables.js';
import type { ResourceSubject } from './policy.js';
import { indexVersions } from './indexing.js';
import { search, type SearchResult } from '../../kernel/search/index.js';
import { wordDiff, type Change } from './diff.js';
import * as media from '../media/service.js';
import { buildReportPackage } from './report-package.js';

type Trx = Transaction<Database>;
type LoadedResource = ResourceTable & { org_path: string };

export interface VersionInput {
  lang: Lang;
  title: string;
  body: string;
  summary?: string | null;
}

export interface CreateResourceInput {
  orgId: string;
  kind: Kind;
  category?: string | null;
  tags?: string[];
  audience?: Audience[];
  source?: string | null;
  licence?: string | null;
  link?: string | null;
  versions: VersionInput[];
}

const subject = (r: LoadedResource): ResourceSubject => ({ orgPath: r.org_path });

/** Cleans one version's text the way it is stored; refuses an empty title or body. */
function cleanVersion(v: Omit<VersionInput, 'lang'>) {
  const title = cleanText(v.title);
  const { html } = cleanHtml(v.body);
  const text = htmlToText(html);
  if (!title) throw badRequest('title must not be empty');
  const summary = v.summary ? cleanText(v.summary) || null : null;
  return { title, html, text, summary };
}

export async function createResource(ctx: AppContext, access: Access, input: CreateResourceInput, ip: string | null): Promise<{ id: string }> {
  const org = await orgs.getOrg(ctx, access, input.orgId);
  access.authorize('resource.create', { orgPath: org.path });
  if (input.versions.length === 0) throw badRequest('at least one language version is required');
  const langs = new Set(input.versions.map((v) => v.lang));
  if (langs.size !== input.versions.length) throw badRequest('one version per language');
  // Validate everything before writing anything.
  const cleaned = input.versions.map((v) => ({ lang: v.lang, ...cleanVersion(v) }));
  const actor = access.user;
  const now = nowIso();
  const resource: ResourceTable = {
    id: newId(),
    org_id: org.id,
    kind: input.kind,
    category: input.category ? cleanText(input.category) || null : null,
    tags_json: JSON.stringify((input.tags ?? []).map(cleanText).filter(Boolean)),
    audience_json: JSON.stringify(input.audience ?? []),
    source: input.source ? cleanText(input.source) || null : null,
    licence: input.licence ? cleanText(input.licence) || null : null,
    link: input.link ?? null,
    cover_url: null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
  const versions = cleaned.map((c) => newDraft(resource.id, c, actor.userId, now));
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.insertResource(trx, resource);
    for (const v of versions) {
      await store.insertVersion(trx, v);
      await store.insertRevision(trx, revisionOf(v, 1, actor.userId, now));
    }
    await indexVersions(ctx, trx, resource, versions);
    await audit(trx, {
      actorId: actor.userId,
      action: 'resource.create',
      entity: 'resource',
      entityId: resource.id,
      orgId: org.id,
      after: { kind: resource.kind, versions: versions.map((v) => ({ lang: v.lang, title: v.title })) },
      ip,
    });
  });
  return { id: resource.id };
}

/** A new language version: a draft at revision 1. */
function newDraft(
  resourceId: string,
  c: { lang: Lang; title: string; summary: string | null; html: string; text: string },
  authorId: string,
  now: string,
): ResourceVersionTable {
  return {
    id: newId(),
    resource_id: resourceId,
    lang: c.lang,
    title: c.title,
    summary: c.summary,
    body_html: c.html,
    body_text: c.text,
    status: 'draft',
    revision: 1,
    publish_at: null,
    published_at: null,
    author_id: authorId,
    created_at: now,
    updated_at: now,
  };
}

function revisionOf(v: Pick<ResourceVersionTable, 'id' | 'title' | 'summary' | 'body_html'>, n: number, authorId: string, at: string) {
  return { id: newId(), version_id: v.id, n, title: v.title, summary: v.summary, body_html: v.body_html, author_id: authorId, created_at: at };
}

/** A resource the caller may read, or 404 (also for anonymous callers when nothing is published). */
async function loadReadable(ctx: AppContext, access: Access, id: string): Promise<LoadedResource> {
  const r = await store.findResource(ctx.db.kysely, id);
  if (!r) {
    access.checked = true;
    throw notFound();
  }
  if (access.actor) access.authorize('resource.read', subject(r), { hide: true });
  else access.checked = true;
  return r;
}

/** Staff in scope see every version; everyone else sees published versions only. */
export async function getResource(ctx: AppContext, access: Access, id: string): Promise<ResourceDto> {
  const r = await store.findResource(ctx.db.kysely, id);
  const staff = !!r && access.can('resource.read', subject(r));
  if (!r) throw notFound();
  const versions = await store.versionsOf(ctx.db.kysely, [r.id], !staff);
  if (versions.length === 0) throw notFound();
  return toResourceDto(r, versions, await permissionsFor(ctx, access, r, versions));
}

async function permissionsFor(ctx: AppContext, access: Access, r: LoadedResource, versions: ResourceVersionTable[]) {
  if (!access.actor) return { edit: false, review: false, publish: false };
  const s = subject(r);
  return {
    edit: access.can('resource.edit', s),
    // Whether the caller may review some version here; the per-version check happens on transition.
    review: access.can('resource.review', { ...s, authorIds: [] }) && versions.some((v) => v.author_id !== access.actor!.userId),
    publish: access.can('resource.publish', s),
  };
}

export async function listResources(
  ctx: AppContext,
  access: Access,
  f: { orgId?: string; status?: Status; lang?: Lang; kind?: Kind; limit: number; offset: number },
): Promise<{ items: ResourceDto[]; total: number }> {
  let prefixes = access.scope();
  if (f.orgId) {
    const org = await orgs.getOrg(ctx, access, f.orgId);
    prefixes = prefixes.some((p) => org.path.startsWith(p)) ? [org.path] : [];
  }
  const { rows, total } = await store.listResources(ctx.db.kysely, { orgPrefixes: prefixes, status: f.status, lang: f.lang, kind: f.kind }, f.limit, f.offset);
  const versions = await store.versionsOf(ctx.db.kysely, rows.map((r) => r.id));
  const byResource = new Map<string, ResourceVersionTable[]>();
  for (const v of versions) byResource.set(v.resource_id, [...(byResource.get(v.resource_id) ?? []), v]);
  const orgPaths = await orgs.pathsOf(ctx, rows.map((r) => r.org_id));
  const items = await Promise.all(
    rows.map((r) =>
      permissionsFor(ctx, access, { ...r, org_path: orgPaths.get(r.org_id)! }, byResource.get(r.id) ?? []).then((p) =>
        toResourceDto(r, byResource.get(r.id) ?? [], p),
      ),
    ),
  );
  return { items, total };
}

export async function patchResource(
  ctx: AppContext,
  access: Access,
  id: string,
  patch: { category?: string | null; tags?: string[]; audience?: Audience[]; source?: string | null; licence?: string | null; link?: string | null; coverUrl?: string | null },
  ip: string | null,
): Promise<ResourceDto> {
  const r = await loadReadable(ctx, access, id);
  access.authorize('resource.edit', subject(r));
  const set: Partial<ResourceTable> = { updated_at: nowIso() };
  if (patch.category !== undefined) set.category = patch.category ? cleanText(patch.category) || null : null;
  if (patch.tags !== undefined) set.tags_json = JSON.stringify(patch.tags.map(cleanText).filter(Boolean));
  if (patch.audience !== undefined) set.audience_json = JSON.stringify(patch.audience);
  if (patch.source !== undefined) set.source = patch.source ? cleanText(patch.source) || null : null;
  if (patch.licence !== undefined) set.licence = patch.licence ? cleanText(patch.licence) || null : null;
  if (patch.link !== undefined) set.link = patch.link;
  if (patch.coverUrl !== undefined) set.cover_url = patch.coverUrl;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.updateResource(trx, id, set);
    const after = { ...r, ...set };
    const versions = await store.versionsOf(trx, [id]);
    await indexVersions(ctx, trx, after, versions);
    // A new cover on an already published resource is public at once.
    if (set.cover_url && versions.some((v) => v.status === 'published')) await media.publishUsedIn(trx, set.cover_url);
    await audit(trx, { actorId: access.user.userId, action: 'resource.update', entity: 'resource', entityId: id, orgId: r.org_id, before: pick(r, set), after: set, ip });
  });
  return getResource(ctx, access, id);
}

function pick(r: ResourceTable, keys: Partial<ResourceTable>): Partial<ResourceTable> {
  return Object.fromEntries(Object.keys(keys).map((k) => [k, r[k as keyof ResourceTable]]));
}

export async function addVersion(ctx: AppContext, access: Access, id: string, input: VersionInput, ip: string | null): Promise<VersionDto> {
  const r = await loadReadable(ctx, access, id);
  access.authorize('resource.edit', subject(r));
  const c = cleanVersion(input);
  const actor = access.user;
  const now = nowIso();
  const v = newDraft(id, { lang: input.lang, ...c }, actor.userId, now);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (await store.findVersion(trx, id, input.lang)) throw new AppError(409, 'content.version_exists', { lang: input.lang });
    await store.insertVersion(trx, v);
    await store.insertRevision(trx, revisionOf(v, 1, actor.userId, now));
    await touch(trx, id, now);
    await indexVersions(ctx, trx, r, [v]);
    await audit(trx, { actorId: actor.userId, action: 'version.create', entity: 'resource', entityId: id, orgId: r.org_id, after: { lang: v.lang, title: v.title }, ip });
  });
  return toVersionDto(v);
}

async function touch(trx: Trx, id: string, now: string) {
  await store.updateResource(trx, id, { updated_at: now });
}

async function loadVersion(ctx: AppContext, access: Access, id: string, lang: Lang) {
  const r = await loadReadable(ctx, access, id);
  if (!access.actor) throw new AppError(401, 'auth.required');
  const v = await store.findVersion(ctx.db.kysely, id, lang);
  if (!v) throw notFound();
  return { r, v };
}

/** Every save is a new revision. A save based on an older revision is refused (409) instead of overwriting. */
export async function saveVersion(
  ctx: AppContext,
  access: Access,
  id: string,
  lang: Lang,
  input: { title: string; body: string; summary?: string | null; baseRevision: number },
  ip: string | null,
): Promise<VersionDto> {
  const { r, v } = await loadVersion(ctx, access, id, lang);
  access.authorize('resource.edit', subject(r));
  if (v.status === 'published') throw new AppError(409, 'content.published_locked');
  if (input.baseRevision !== v.revision) throw new AppError(409, 'content.stale', { current: v.revision });
  const c = cleanVersion(input);
  return writeRevision(ctx, access, r, v, c, 'version.save', ip);
}

async function writeRevision(
  ctx: AppContext,
  access: Access,
  r: LoadedResource,
  v: ResourceVersionTable,
  c: { title: string; html: string; text: string; summary: string | null },
  action: string,
  ip: string | null,
): Promise<VersionDto> {
  const actor = access.user;
  const now = nowIso();
  const n = v.revision + 1;
  // Changing text under review or approval sends it back to draft: reviewers approve what they read.
  const status: Status = v.status === 'withdrawn' ? 'withdrawn' : 'draft';
  const next: ResourceVersionTable = {
    ...v,
    title: c.title,
    summary: c.summary,
    body_html: c.html,
    body_text: c.text,
    revision: n,
    status,
    publish_at: status === 'draft' ? null : v.publish_at,
    updated_at: now,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const ok = await store.updateVersionAt(trx, v.id, v.revision, {
      title: next.title,
      summary: next.summary,
      body_html: next.body_html,
      body_text: next.body_text,
      revision: n,
      status,
      publish_at: next.publish_at,
      updated_at: now,
    });
    if (!ok) throw new AppError(409, 'content.stale', { current: v.revision });
    await store.insertRevision(trx, revisionOf(next, n, actor.userId, now));
    await touch(trx, r.id, now);
    await indexVersions(ctx, trx, r, [next]);
    await audit(trx, {
      actorId: actor.userId,
      action,
      entity: 'resource',
      entityId: r.id,
      orgId: r.org_id,
      before: { lang: v.lang, revision: v.revision, status: v.status },
      after: { lang: v.lang, revision: n, status },
      ip,
    });
  });
  return toVersionDto(next);
}

export async function listRevisions(ctx: AppContext, access: Access, id: string, lang: Lang) {
  const { r, v } = await loadVersion(ctx, access, id, lang);
  access.authorize('resource.read', subject(r), { hide: true });
  const rows = await store.listRevisions(ctx.db.kysely, v.id);
  return rows.map((x) => ({ n: x.n, title: x.title, authorId: x.author_id, createdAt: x.created_at }));
}

async function revisionOrThrow(ctx: AppContext, versionId: string, n: number) {
  const rev = await store.findRevision(ctx.db.kysely, versionId, n);
  if (!rev) throw notFound();
  return rev;
}

export async function getRevision(ctx: AppContext, access: Access, id: string, lang: Lang, n: number) {
  const { r, v } = await loadVersion(ctx, access, id, lang);
  access.authorize('resource.read', subject(r), { hide: true });
  const rev = await revisionOrThrow(ctx, v.id, n);
  return { n: rev.n, title: rev.title, summary: rev.summary, body: rev.body_html, authorId: rev.author_id, createdAt: rev.created_at };
}

export async function diffRevisions(ctx: AppContext, access: Access, id: string, lang: Lang, from: number, to: number) {
  const { r, v } = await loadVersion(ctx, access, id, lang);
  access.authorize('resource.read', subject(r), { hide: true });
  const [a, b] = await Promise.all([revisionOrThrow(ctx, v.id, from), revisionOrThrow(ctx, v.id, to)]);
  return {
    from,
    to,
    title: wordDiff(a.title, b.title, lang) as Change[],
    body: wordDiff(htmlToText(a.body_html), htmlToText(b.body_html), lang) as Change[],
  };
}

export async function restoreRevision(ctx: AppContext, access: Access, id: string, lang: Lang, n: number, ip: string | null): Promise<VersionDto> {
  const { r, v } = await loadVersion(ctx, access, id, lang);
  access.authorize('resource.edit', subject(r));
  if (v.status === 'published') throw new AppError(409, 'content.published_locked');
  const rev = await revisionOrThrow(ctx, v.id, n);
  return writeRevision(ctx, access, r, v, { title: rev.title, summary: rev.summary, html: rev.body_html, text: htmlToText(rev.body_html) }, 'version.restore', ip);
}

/** Which policy action each move needs; a move not listed is refused. */
const MOVES: Partial<Record<Status, Partial<Record<Status, readonly string[]>>>> = {
  draft: { in_review: ['resource.edit'] },
  in_review: { approved: ['resource.review'], draft: ['resource.edit', 'resource.review'] },
  approved: { published: ['resource.publish'], draft: ['resource.edit', 'resource.review'] },
  published: { withdrawn: ['resource.publish'] },
  withdrawn: { draft: ['resource.edit'] },
};

export async function transition(
  ctx: AppContext,
  access: Access,
  id: string,
  lang: Lang,
  input: { to: Status; publishAt?: string; note?: string },
  ip: string | null,
): Promise<VersionDto> {
  const { r, v } = await loadVersion(ctx, access, id, lang);
  const actions = MOVES[v.status]?.[input.to];
  if (!actions) throw new AppError(409, 'content.bad_transition', { from: v.status, to: input.to });
  const authorIds = input.to === 'approved' ? await authorsOf(ctx, v) : [];
  const s = { orgPath: r.org_path, authorIds };
  if (!actions.some((a) => access.can(a, s))) {
    const selfReview = input.to === 'approved' && authorIds.includes(access.user.userId) && access.can('resource.publish', s);
    throw new AppError(403, selfReview ? 'content.self_review' : 'forbidden');
  }
  const now = nowIso();
  let publishAt: string | null = null;
  if (input.to === 'published' && input.publishAt) {
    const at = new Date(input.publishAt);
    if (Number.isNaN(at.getTime())) throw badRequest('publishAt must be an ISO date-time');
    if (at.getTime() > Date.now()) publishAt = at.toISOString();
  }
  // A future publishAt keeps the version approved; the scheduler publishes it then.
  const status: Status = publishAt ? 'approved' : input.to;
  const patch: Partial<ResourceVersionTable> = { status, updated_at: now, publish_at: publishAt };
  if (status === 'published') patch.published_at = now;
  const next = { ...v, ...patch } as ResourceVersionTable;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await store.moveStatus(trx, v.id, v.status, patch))) throw new AppError(409, 'content.stale', { current: v.revision });
    if (status === 'published') {
      await recordPublication(trx, r.id, lang, now);
      await media.publishUsedIn(trx, r.cover_url, v.body_html);
    }
    await indexVersions(ctx, trx, r, [next]);
    await audit(trx, {
      actorId: access.user.userId,
      action: publishAt ? 'version.schedule' : `version.${input.to}`,
      entity: 'resource',
      entityId: r.id,
      orgId: r.org_id,
      before: { lang, status: v.status },
      after: { lang, status, publishAt, note: input.note ?? null },
      ip,
    });
  });
  if (status === 'published') await ctx.bus.publish('content.published', { resourceId: r.id, lang, orgId: r.org_id });
  return toVersionDto(next);
}

async function authorsOf(ctx: AppContext, v: ResourceVersionTable): Promise<string[]> {
  const rows = await store.listRevisions(ctx.db.kysely, v.id);
  return [...new Set([v.author_id, ...rows.map((x) => x.author_id)])];
}

/** The outlets a published version goes out through at once; kiosks and upward reports add their own later. */
const PUBLIC_CHANNELS = ['portal', 'app', 'feeds', 'share', 'estation'] as const;

const CHANNEL_DETAIL: Record<(typeof PUBLIC_CHANNELS)[number], (page: string, lang: Lang) => string> = {
  portal: (page) => page,
  share: (page) => page,
  feeds: (_, lang) => `/feeds/feed.json?lang=${lang}`,
  app: (_, lang) => `/api/public/resources?lang=${lang}`,
  estation: (_, lang) => `/api/public/estation/feed?lang=${lang}`,
};

async function recordPublication(trx: Trx, resourceId: string, lang: Lang, at: string) {
  const page = lang === 'mn-Mong' ? `/mn/r/${resourceId}` : `/r/${resourceId}`;
  await store.insertOutlets(
    trx,
    PUBLIC_CHANNELS.map((channel) => ({
      id: newId(),
      resource_id: resourceId,
      lang,
      channel,
      at,
      detail: CHANNEL_DETAIL[channel](page, lang),
    })),
  );
}

/**
 * Publishes approved versions whose time has come. Each version moves only if it is still
 * approved, so several processes running this at once publish it exactly once.
 */
export async function publishDue(ctx: AppContext, now = new Date()): Promise<number> {
  const at = now.toISOString();
  const due = await store.dueVersions(ctx.db.kysely, at);
  let published = 0;
  for (const d of due) {
    const moved = await ctx.db.kysely.transaction().execute(async (trx) => {
      if (!(await store.moveStatus(trx, d.id, 'approved', { status: 'published', published_at: at, updated_at: at }))) return false;
      await recordPublication(trx, d.resource_id, d.lang, at);
      const r = await store.findResource(trx, d.resource_id);
      const v = await store.findVersion(trx, d.resource_id, d.lang);
      if (r && v) {
        await indexVersions(ctx, trx, r, [v]);
        await media.publishUsedIn(trx, r.cover_url, v.body_html);
      }
      await audit(trx, { actorId: null, action: 'version.published', entity: 'resource', entityId: d.resource_id, orgId: d.org_id, after: { lang: d.lang, scheduledFor: d.publish_at } });
      return true;
    });
    if (moved) {
      published++;
      await ctx.bus.publish('content.published', { resourceId: d.resource_id, lang: d.lang, orgId: d.org_id });
    }
  }
  return published;
}

export async function listComments(ctx: AppContext, access: Access, id: string, lang: Lang) {
  const { r, v } = await loadVersion(ctx, access, id, lang);
  access.authorize('resource.comment', subject(r), { hide: true });
  const rows = await store.listComments(ctx.db.kysely, v.id);
  return rows.map((c) => ({ id: c.id, authorId: c.author_id, authorName: c.display_name, body: c.body, createdAt: c.created_at }));
}

export async function addComment(ctx: AppContext, access: Access, id: string, lang: Lang, body: string, ip: string | null) {
  const { r, v } = await loadVersion(ctx, access, id, lang);
  access.authorize('resource.comment', subject(r), { hide: true });
  const text = cleanText(body);
  if (!text) throw badRequest('comment must not be empty');
  const actor = access.user;
  const row = { id: newId(), version_id: v.id, author_id: actor.userId, body: text, created_at: nowIso() };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.insertComment(trx, row);
    await audit(trx, { actorId: actor.userId, action: 'version.comment', entity: 'resource', entityId: id, orgId: r.org_id, after: { lang, commentId: row.id }, ip });
  });
  return { id: row.id, authorId: actor.userId, authorName: actor.displayName, body: text, createdAt: row.created_at };
}

export async function listOutlets(ctx: AppContext, access: Access, id: string) {
  const r = await loadReadable(ctx, access, id);
  if (!access.actor) throw new AppError(401, 'auth.required');
  access.authorize('resource.read', subject(r), { hide: true });
  const rows = await store.listOutlets(ctx.db.kysely, id);
  return rows.map((o) => ({ channel: o.channel, lang: o.lang, at: o.at, detail: o.detail }));
}

/** Plain text of a published (or, for staff, any) version, for radio and TV hosts to read out. */
export async function broadcastScript(ctx: AppContext, access: Access, id: string, lang: Lang): Promise<string> {
  const r = await store.findResource(ctx.db.kysely, id);
  if (!r) throw notFound();
  const staff = access.can('resource.read', subject(r));
  const v = await store.findVersion(ctx.db.kysely, id, lang);
  if (!v || (!staff && v.status !== 'published')) throw notFound();
  return `${v.title}\n\n${v.summary ? `${v.summary}\n\n` : ''}${v.body_text}\n`;
}

export interface PublishedItem {
  resourceId: string;
  lang: Lang;
  title: string;
  summary: string | null;
  excerpt: string;
  publishedAt: string;
  kind: Kind;
  category: string | null;
  coverUrl: string | null;
  orgId: string;
}

/** Published versions, newest first: the portal, feeds and the app API read this. */
export async function latestPublished(
  ctx: AppContext,
  opts: { lang?: Lang; category?: string; limit: number; offset: number },
): Promise<PublishedItem[]> {
  const rows = await store.latestPublished(ctx.db.kysely, opts);
  return rows.map((r) => ({
    resourceId: r.resource_id,
    lang: r.lang,
    title: r.title,
    summary: r.summary,
    excerpt: excerpt(r.summary ?? r.body_text, 160),
    publishedAt: r.published_at!,
    kind: r.kind,
    category: r.category,
    coverUrl: r.cover_url,
    orgId: r.org_id,
  }));
}

function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max)}…`;
}

/** One published version with what its public page shows, or null when it is not published. */
export async function publishedPage(ctx: AppContext, id: string, lang: Lang) {
  const r = await store.findResource(ctx.db.kysely, id);
  if (!r) return null;
  const versions = await store.versionsOf(ctx.db.kysely, [id], true);
  const v = versions.find((x) => x.lang === lang);
  if (!v) return null;
  return { resource: r, version: v, otherLangs: versions.filter((x) => x.lang !== lang).map((x) => x.lang) };
}

/**
 * One query over all resources and languages. Staff see what their scope allows, drafts included
 * (narrowed to one org's subtree with orgId); anonymous callers see published versions only.
 */
export async function searchResources(
  ctx: AppContext,
  access: Access,
  q: { q: string; lang?: string; orgId?: string; kind?: string; category?: string; year?: string; limit: number; offset: number },
): Promise<SearchResult> {
  let orgPrefixes: string[] | null = null;
  if (access.actor) {
    orgPrefixes = access.scope();
    if (q.orgId) {
      const org = await orgs.getOrg(ctx, access, q.orgId);
      orgPrefixes = orgPrefixes.some((p) => org.path.startsWith(p)) ? [org.path] : [];
    }
  } else access.checked = true;
  return search(ctx.db, {
    q: q.q,
    orgPrefixes,
    limit: q.limit,
    offset: q.offset,
    ...(q.lang ? { lang: q.lang } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.category ? { category: q.category } : {}),
    ...(q.year ? { year: q.year } : {}),
  });
}

/**
 * The upward report package of a resource (published versions only), recorded as an outlet so the
 * resource page shows when it was submitted upward.
 */
export async function reportPackage(ctx: AppContext, access: Access, id: string, ip: string | null): Promise<Buffer> {
  const r = await loadReadable(ctx, access, id);
  access.authorize('resource.report', subject(r));
  const versions = await store.versionsOf(ctx.db.kysely, [id], true);
  if (versions.length === 0) throw new AppError(409, 'content.not_published');
  const org = await orgs.getOrg(ctx, access, r.org_id);
  const zip = await buildReportPackage(r, versions, { code: org.code, name: { zh: org.name_zh, mn: org.name_mn } });
  const now = nowIso();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.insertOutlets(trx, versions.map((v) => ({ id: newId(), resource_id: id, lang: v.lang, channel: 'report', at: now, detail: `${zip.length} bytes` })));
    await audit(trx, { actorId: access.user.userId, action: 'resource.report', entity: 'resource', entityId: id, orgId: r.org_id, after: { langs: versions.map((v) => v.lang) }, ip });
  });
  return zip;
}

/** What e-station kiosks download to play offline: published versions with their full bodies. */
export async function estationFeed(ctx: AppContext, opts: { lang?: Lang; limit: number }) {
  const items = await latestPublished(ctx, { ...opts, offset: 0 });
  const bodies = await store.publishedBodies(ctx.db.kysely, items.map((i) => ({ resourceId: i.resourceId, lang: i.lang })));
  return items.map((i) => ({ ...i, bodyHtml: bodies.get(`${i.resourceId}:${i.lang}`) ?? '' }));
}

/** Org of each resource and whether anything of it is published (events may only count published ones). */
export async function resourcesForEvents(db: Trx | AppContext['db']['kysely'], ids: string[]) {
  const rows = await store.resourceStates(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, { orgId: r.org_id, published: !!r.published }]));
}

/** Published titles of many resources at once (dashboards name their top resources in one query). */
export async function publishedTitles(db: Trx | AppContext['db']['kysely'], ids: string[]): Promise<Map<string, { zh: string | null; mn: string | null }>> {
  const out = new Map<string, { zh: string | null; mn: string | null }>(ids.map((id) => [id, { zh: null, mn: null }]));
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('resource_versions')
    .select(['resource_id', 'lang', 'title'])
    .where('resource_id', 'in', [...new Set(ids)])
    .where('status', '=', 'published')
    .where('lang', 'in', ['zh-Hans', 'mn-Mong'])
    .execute();
  for (const r of rows) {
    const t = out.get(r.resource_id)!;
    if (r.lang === 'zh-Hans') t.zh = r.title;
    else t.mn = r.title;
  }
  return out;
}
