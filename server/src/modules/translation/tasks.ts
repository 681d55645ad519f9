import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import type { Actor } from '../../kernel/scope/actor.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { nowIso } from '../../kernel/db/time.js';
import { cleanText } from '../../kernel/text/clean.js';
import { htmlToText } from '../../kernel/text/html.js';
import * as content from '../content/service.js';
import * as orgs from '../orgs/service.js';
import * as users from '../users/store.js';
import type { Lang } from '../content/tables.js';
import * as store from './tasks-store.js';
import * as memory from './store.js';
import { TRANSLATION_USERS, type TranslationSubject } from './policy.js';
import { alignSentences, splitSentences } from './align.js';
import type { TaskStatus, TranslationTaskTable, TranslationUnitTable } from './tables.js';

/**
 * Translation tasks inside the publishing workflow. The resource's versions are only ever created and
 * moved through the content module's service functions, with the caller's own access: the translator
 * adds the version and sends it to review, the reviewer approves or returns it there.
 */

const subject = (orgPath: string): TranslationSubject => ({ orgPath });
type Row = NonNullable<Awaited<ReturnType<typeof store.findTask>>>;

export interface TaskDto {
  id: string;
  orgId: string;
  resourceId: string;
  sourceLang: Lang;
  targetLang: Lang;
  sourceTitle: string;
  assignee: { id: string; name: string };
  requestedBy: string;
  status: TaskStatus;
  note: string | null;
  draft: { title: string | null; body: string | null };
  reviewNote: string | null;
  createdAt: string;
  updatedAt: string;
}

const dto = (t: TranslationTaskTable & { assignee_name: string }): TaskDto => ({
  id: t.id,
  orgId: t.org_id,
  resourceId: t.resource_id,
  sourceLang: t.source_lang,
  targetLang: t.target_lang,
  sourceTitle: t.source_title,
  assignee: { id: t.assignee_id, name: t.assignee_name },
  requestedBy: t.requested_by,
  status: t.status,
  note: t.note,
  draft: { title: t.draft_title, body: t.draft_body },
  reviewNote: t.review_note,
  createdAt: t.created_at,
  updatedAt: t.updated_at,
});

export async function listTasks(ctx: AppContext, access: Access, q: { status?: TaskStatus; mine?: boolean; limit: number; offset: number }) {
  const prefixes = access.scope(...TRANSLATION_USERS);
  if (prefixes.length === 0) throw new AppError(403, 'forbidden');
  const { rows, total } = await store.listTasks(ctx.db.kysely, { prefixes, status: q.status, assigneeId: q.mine ? access.user.userId : undefined }, q.limit, q.offset);
  return { total, items: rows.map(dto) };
}

async function load(ctx: AppContext, access: Access, id: string): Promise<Row> {
  const t = await store.findTask(ctx.db.kysely, id);
  if (!t) {
    access.requireUser();
    throw notFound();
  }
  access.authorize('translation.read', subject(t.org_path), { hide: true });
  return t;
}

/** The task with the source version to translate (title and HTML body). */
export async function getTask(ctx: AppContext, access: Access, id: string) {
  const t = await load(ctx, access, id);
  const r = await content.getResource(ctx, access, t.resource_id);
  const src = r.versions.find((v) => v.lang === t.source_lang);
  return { task: dto(t), source: src ? { title: src.title, body: src.body } : null, target: r.versions.find((v) => v.lang === t.target_lang) ?? null };
}

export async function createTask(
  ctx: AppContext,
  access: Access,
  input: { resourceId: string; sourceLang: Lang; targetLang: Lang; assigneeId: string; note?: string | null },
  ip: string | null,
): Promise<TaskDto> {
  if (input.sourceLang === input.targetLang) throw new AppError(400, 'translation.same_lang');
  const r = await content.getResource(ctx, access, input.resourceId);
  const org = await orgs.getOrg(ctx, access, r.orgId);
  access.authorize('translation.manage', subject(org.path));
  const src = r.versions.find((v) => v.lang === input.sourceLang);
  if (!src) throw new AppError(400, 'translation.no_version', { lang: input.sourceLang });
  if (r.versions.some((v) => v.lang === input.targetLang)) throw new AppError(409, 'content.version_exists', { lang: input.targetLang });
  // The assignee must be an active user who may write versions of this resource.
  const u = await users.findUser(ctx.db.kysely, input.assigneeId);
  const assignee: Actor | null = u && u.status === 'active' ? { userId: u.id, username: u.username, displayName: u.displayName, orgId: u.orgId, grants: await users.grantsOf(ctx.db.kysely, u.id) } : null;
  if (!assignee || !ctx.policy.can(assignee, 'resource.edit', { orgPath: org.path })) throw new AppError(400, 'translation.bad_assignee');
  const now = nowIso();
  const row: TranslationTaskTable = {
    id: newId(),
    org_id: org.id,
    resource_id: r.id,
    source_lang: input.sourceLang,
    target_lang: input.targetLang,
    source_title: src.title,
    assignee_id: assignee.userId,
    requested_by: access.user.userId,
    status: 'assigned',
    note: input.note ? cleanText(input.note) || null : null,
    draft_title: null,
    draft_body: null,
    review_note: null,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (await store.openTaskFor(trx, r.id, input.targetLang)) throw new AppError(409, 'translation.task_open', { lang: input.targetLang });
    await store.insertTask(trx, row);
    await audit(trx, { actorId: access.user.userId, action: 'translation_task.create', entity: 'translation_task', entityId: row.id, orgId: org.id, after: { resourceId: r.id, sourceLang: row.source_lang, targetLang: row.target_lang, assigneeId: row.assignee_id }, ip });
  });
  return dto({ ...row, assignee_name: assignee.displayName });
}

function requireAssignee(access: Access, t: Row, status: TaskStatus) {
  if (t.assignee_id !== access.user.userId) throw new AppError(403, 'translation.not_assignee');
  if (t.status !== status) throw new AppError(409, 'translation.task_state', { status: t.status });
}

export async function saveDraft(ctx: AppContext, access: Access, id: string, input: { title: string; body: string }, ip: string | null): Promise<TaskDto> {
  const t = await load(ctx, access, id);
  requireAssignee(access, t, 'assigned');
  const patch = { draft_title: cleanText(input.title) || null, draft_body: input.body, updated_at: nowIso() };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.updateTask(trx, id, patch);
    await audit(trx, { actorId: access.user.userId, action: 'translation_task.draft', entity: 'translation_task', entityId: id, orgId: t.org_id, ip });
  });
  return dto({ ...t, ...patch });
}

/**
 * The translator hands in: the draft becomes the resource's version in the target language (a new
 * version, or a new revision of the one a reviewer sent back) and goes to review.
 */
export async function submit(ctx: AppContext, access: Access, id: string, ip: string | null): Promise<TaskDto> {
  const t = await load(ctx, access, id);
  requireAssignee(access, t, 'assigned');
  if (!t.draft_title || !t.draft_body || !htmlToText(t.draft_body).trim()) throw new AppError(400, 'translation.required', { field: 'draft' });
  const r = await content.getResource(ctx, access, t.resource_id);
  const existing = r.versions.find((v) => v.lang === t.target_lang);
  if (!existing) await content.addVersion(ctx, access, t.resource_id, { lang: t.target_lang, title: t.draft_title, body: t.draft_body }, ip);
  else await content.saveVersion(ctx, access, t.resource_id, t.target_lang, { title: t.draft_title, body: t.draft_body, baseRevision: existing.revision }, ip);
  await content.transition(ctx, access, t.resource_id, t.target_lang, { to: 'in_review' }, ip);
  const patch = { status: 'in_review' as const, updated_at: nowIso() };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.updateTask(trx, id, patch);
    await audit(trx, { actorId: access.user.userId, action: 'translation_task.submit', entity: 'translation_task', entityId: id, orgId: t.org_id, ip });
  });
  return dto({ ...t, ...patch });
}

/**
 * The reviewer's decision, made through the content workflow (which checks the reviewer's right and
 * that nobody approves their own work). Approving also adds the translated sentence pairs to the
 * memory; returning sends the version back to draft and the task back to the translator.
 */
export async function review(ctx: AppContext, access: Access, id: string, input: { approve: boolean; note?: string | null }, ip: string | null): Promise<TaskDto> {
  const t = await load(ctx, access, id);
  if (t.status !== 'in_review') throw new AppError(409, 'translation.task_state', { status: t.status });
  await content.transition(ctx, access, t.resource_id, t.target_lang, { to: input.approve ? 'approved' : 'draft', note: input.note ?? undefined }, ip);
  const now = nowIso();
  const patch = { status: input.approve ? ('done' as const) : ('assigned' as const), review_note: input.note ? cleanText(input.note) || null : null, updated_at: now };
  let units: TranslationUnitTable[] = [];
  if (input.approve) {
    const r = await content.getResource(ctx, access, t.resource_id);
    const src = r.versions.find((v) => v.lang === t.source_lang);
    const tgt = r.versions.find((v) => v.lang === t.target_lang);
    if (src && tgt) {
      const pairs = alignSentences(splitSentences(htmlToText(src.body), t.source_lang), splitSentences(htmlToText(tgt.body), t.target_lang), {
        source: t.source_lang === 'zh-Hans' ? '' : ' ',
        target: t.target_lang === 'zh-Hans' ? '' : ' ',
      });
      units = pairs.map((p, i) => ({ id: newId(), org_id: t.org_id, source_lang: t.source_lang, target_lang: t.target_lang, source_text: p.source, target_text: p.target, resource_id: t.resource_id, origin: 'task', position: i, created_by: t.assignee_id, created_at: now, updated_at: now }));
    }
  }
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.updateTask(trx, id, patch);
    if (units.length) {
      await memory.deleteUnitsOf(trx, t.resource_id, t.source_lang, t.target_lang, 'task');
      await memory.insertUnits(trx, units);
    }
    await audit(trx, { actorId: access.user.userId, action: input.approve ? 'translation_task.approve' : 'translation_task.return', entity: 'translation_task', entityId: id, orgId: t.org_id, after: { note: patch.review_note, memoryUnits: units.length }, ip });
  });
  return dto({ ...t, ...patch });
}
