import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { nowIso } from '../../kernel/db/time.js';
import { escapeLike, orgInSubtrees } from '../../kernel/scope/subtree.js';
import * as orgs from '../orgs/service.js';
import * as files from './files.js';
import { THINKTANK_MANAGERS } from './policy.js';
import {
  NEXT_STAGES,
  type Availability,
  type ExpertTable,
  type InstructionLevel,
  type SuggestionCategory,
  type SuggestionStage,
  type SuggestionTable,
  type SymposiumTable,
} from './tables.js';

const READERS = [...THINKTANK_MANAGERS, 'editor', 'reviewer'] as const;

/** The org (404 outside the caller's scope) and a check of `action` on it. */
async function orgChecked(ctx: AppContext, access: Access, orgId: string, action: string) {
  const org = await orgs.getOrg(ctx, access, orgId);
  access.authorize(action, { orgPath: org.path });
  return org;
}

// Experts ------------------------------------------------------------------------------------------

export interface ExpertInput {
  orgId: string;
  name: string;
  title?: string | null;
  workplace?: string | null;
  fields: string[];
  languages: ('mn' | 'zh')[];
  availability: Availability;
  bio?: string | null;
}

export const expertDto = (e: ExpertTable) => ({
  id: e.id,
  orgId: e.org_id,
  name: e.name,
  title: e.title,
  workplace: e.workplace,
  fields: JSON.parse(e.fields) as string[],
  languages: e.languages ? e.languages.split(',') : [],
  availability: e.availability,
  bio: e.bio,
  updatedAt: e.updated_at,
});

/** The pool in the caller's scope: by org subtree, field of expertise, availability or words in name, title, fields. */
export async function listExperts(ctx: AppContext, access: Access, q: { orgId?: string; q?: string; field?: string; availability?: Availability; limit: number; offset: number }) {
  let prefixes = access.scope(...READERS);
  if (q.orgId) {
    const org = await orgs.getOrg(ctx, access, q.orgId);
    prefixes = prefixes.some((p) => org.path.startsWith(p)) ? [org.path] : [];
  }
  let query = ctx.db.kysely.selectFrom('tt_experts').where(orgInSubtrees('tt_experts.org_id', prefixes));
  if (q.availability) query = query.where('availability', '=', q.availability);
  if (q.field) query = query.where('fields', 'like', `%${escapeLike(JSON.stringify(q.field).slice(1, -1))}%`);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    query = query.where((eb) => eb.or([eb('name', 'like', like), eb('title', 'like', like), eb('workplace', 'like', like), eb('fields', 'like', like)]));
  }
  const [rows, total] = await Promise.all([
    query.selectAll().orderBy('name').orderBy('id').limit(q.limit).offset(q.offset).execute(),
    query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(expertDto), total: Number(total.n) };
}

export async function createExpert(ctx: AppContext, access: Access, input: ExpertInput, ip: string | null) {
  await orgChecked(ctx, access, input.orgId, 'thinktank.manage');
  const now = nowIso();
  const row: ExpertTable = {
    id: newId(),
    org_id: input.orgId,
    name: input.name.trim(),
    title: input.title?.trim() || null,
    workplace: input.workplace?.trim() || null,
    fields: JSON.stringify([...new Set(input.fields.map((f) => f.trim()).filter(Boolean))]),
    languages: [...new Set(input.languages)].join(','),
    availability: input.availability,
    bio: input.bio?.trim() || null,
    created_by: access.user.userId,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('tt_experts').values(row).execute();
    await audit(trx, { actorId: access.user.userId, action: 'expert.create', entity: 'tt_expert', entityId: row.id, orgId: row.org_id, after: row, ip });
  });
  return expertDto(row);
}

export async function updateExpert(ctx: AppContext, access: Access, id: string, input: Partial<Omit<ExpertInput, 'orgId'>>, ip: string | null) {
  const before = await ctx.db.kysely.selectFrom('tt_experts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) {
    access.requireUser();
    throw notFound();
  }
  await orgChecked(ctx, access, before.org_id, 'thinktank.manage');
  const patch: Partial<ExpertTable> = { updated_at: nowIso() };
  if (input.name !== undefined) patch.name = input.name.trim();
  if (input.title !== undefined) patch.title = input.title?.trim() || null;
  if (input.workplace !== undefined) patch.workplace = input.workplace?.trim() || null;
  if (input.fields !== undefined) patch.fields = JSON.stringify([...new Set(input.fields.map((f) => f.trim()).filter(Boolean))]);
  if (input.languages !== undefined) patch.languages = [...new Set(input.languages)].join(',');
  if (input.availability !== undefined) patch.availability = input.availability;
  if (input.bio !== undefined) patch.bio = input.bio?.trim() || null;
  const after = { ...before, ...patch };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.updateTable('tt_experts').set(patch).where('id', '=', id).execute();
    await audit(trx, { actorId: access.user.userId, action: 'expert.update', entity: 'tt_expert', entityId: id, orgId: before.org_id, before, after, ip });
  });
  return expertDto(after);
}

// Symposiums ---------------------------------------------------------------------------------------

export const symposiumDto = (s: SymposiumTable) => ({ id: s.id, orgId: s.org_id, title: s.title, topic: s.topic, heldOn: s.held_on, place: s.place });

export async function listSymposiums(ctx: AppContext, access: Access) {
  const rows = await ctx.db.kysely.selectFrom('tt_symposiums').selectAll().where(orgInSubtrees('tt_symposiums.org_id', access.scope(...READERS))).orderBy('held_on', 'desc').limit(500).execute();
  return rows.map(symposiumDto);
}

export async function createSymposium(ctx: AppContext, access: Access, input: { orgId: string; title: string; topic?: string | null; heldOn: string; place?: string | null }, ip: string | null) {
  await orgChecked(ctx, access, input.orgId, 'thinktank.manage');
  const now = nowIso();
  const row: SymposiumTable = { id: newId(), org_id: input.orgId, title: input.title.trim(), topic: input.topic?.trim() || null, held_on: input.heldOn, place: input.place?.trim() || null, created_by: access.user.userId, created_at: now, updated_at: now };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('tt_symposiums').values(row).execute();
    await audit(trx, { actorId: access.user.userId, action: 'symposium.create', entity: 'tt_symposium', entityId: row.id, orgId: row.org_id, after: row, ip });
  });
  return symposiumDto(row);
}

async function loadSymposium(ctx: AppContext, access: Access, id: string, action: string) {
  const s = await ctx.db.kysely.selectFrom('tt_symposiums').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) {
    access.requireUser();
    throw notFound();
  }
  const org = await orgs.getOrg(ctx, access, s.org_id);
  access.authorize(action, { orgPath: org.path }, { hide: true });
  return { s, org };
}

/**
 * Invites experts to a symposium: each must be in the pool of an org the caller manages. Inviting
 * an expert again changes nothing (idempotent).
 */
export async function invite(ctx: AppContext, access: Access, symposiumId: string, expertIds: string[], ip: string | null) {
  const { s } = await loadSymposium(ctx, access, symposiumId, 'thinktank.manage');
  const ids = [...new Set(expertIds)];
  const experts = ids.length ? await ctx.db.kysely.selectFrom('tt_experts').select(['id', 'org_id']).where('id', 'in', ids).where(orgInSubtrees('tt_experts.org_id', access.scope(...THINKTANK_MANAGERS))).execute() : [];
  if (experts.length !== ids.length) throw new AppError(400, 'thinktank.expert_unknown', { count: ids.length - experts.length });
  const now = nowIso();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const existing = new Set((await trx.selectFrom('tt_invitations').select('expert_id').where('symposium_id', '=', s.id).execute()).map((r) => r.expert_id));
    const fresh = ids.filter((id) => !existing.has(id));
    if (fresh.length) {
      await trx.insertInto('tt_invitations').values(fresh.map((expert_id) => ({ symposium_id: s.id, expert_id, org_id: s.org_id, status: 'invited' as const, invited_by: access.user.userId, invited_at: now, answered_at: null }))).execute();
      await audit(trx, { actorId: access.user.userId, action: 'symposium.invite', entity: 'tt_symposium', entityId: s.id, orgId: s.org_id, after: { experts: fresh }, ip });
    }
    return { invited: fresh.length, already: ids.length - fresh.length };
  });
}

/** A symposium with its invitations (expert names) and the suggestions it gathered. */
export async function getSymposium(ctx: AppContext, access: Access, id: string) {
  const { s } = await loadSymposium(ctx, access, id, 'thinktank.read');
  const [invitations, suggestions] = await Promise.all([
    ctx.db.kysely.selectFrom('tt_invitations as i').innerJoin('tt_experts as e', 'e.id', 'i.expert_id').select(['e.id', 'e.name', 'e.title', 'i.status', 'i.invited_at']).where('i.symposium_id', '=', id).orderBy('e.name').execute(),
    ctx.db.kysely.selectFrom('tt_suggestions').selectAll().where('symposium_id', '=', id).orderBy('created_at').execute(),
  ]);
  return { ...symposiumDto(s), invitations: invitations.map((i) => ({ expertId: i.id, name: i.name, title: i.title, status: i.status, invitedAt: i.invited_at })), suggestions: suggestions.map(suggestionDto) };
}

// Suggestions --------------------------------------------------------------------------------------

export const suggestionDto = (s: SuggestionTable) => ({
  id: s.id,
  orgId: s.org_id,
  author: s.author_name,
  lang: s.lang,
  title: s.title,
  body: s.body,
  category: s.category,
  symposiumId: s.symposium_id,
  stage: s.stage,
  forwardedTo: s.forwarded_to,
  adoptingBody: s.adopting_body,
  adoptedOn: s.adopted_on,
  instructionLevel: s.instruction_level,
  evidence: s.evidence,
  createdAt: s.created_at,
  updatedAt: s.updated_at,
});

export interface SuggestionInput {
  orgId: string;
  lang: 'zh' | 'mn';
  title: string;
  body: string;
  category: SuggestionCategory;
  symposiumId?: string | null;
}

/** A member submits a suggestion to their org (or one above it); it starts as received. */
export async function submit(ctx: AppContext, access: Access, input: SuggestionInput, ip: string | null) {
  const actor = access.requireUser();
  // An org above one's own is outside one's read scope, so it is looked up without the read check.
  const orgPath = (await orgs.pathsOf(ctx, [input.orgId])).get(input.orgId);
  if (!orgPath) throw notFound();
  access.authorize('suggestion.submit', { orgPath }, { hide: true });
  const org = { id: input.orgId };
  if (input.symposiumId) {
    const s = await ctx.db.kysely.selectFrom('tt_symposiums').select('org_id').where('id', '=', input.symposiumId).executeTakeFirst();
    if (!s || s.org_id !== org.id) throw new AppError(400, 'thinktank.symposium_other_org');
  }
  const now = nowIso();
  const row: SuggestionTable = {
    id: newId(),
    org_id: org.id,
    author_id: actor.userId,
    author_name: actor.displayName,
    lang: input.lang,
    title: input.title.trim(),
    body: input.body.trim(),
    category: input.category,
    symposium_id: input.symposiumId ?? null,
    stage: 'received',
    forwarded_to: null,
    adopting_body: null,
    adopted_on: null,
    instruction_level: null,
    evidence: null,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('tt_suggestions').values(row).execute();
    await trx.insertInto('tt_suggestion_stages').values({ id: newId(), suggestion_id: row.id, org_id: row.org_id, stage: 'received', note: null, actor_id: actor.userId, at: now }).execute();
    await audit(trx, { actorId: actor.userId, action: 'suggestion.submit', entity: 'tt_suggestion', entityId: row.id, orgId: row.org_id, after: row, ip });
  });
  return suggestionDto(row);
}

/** The caller's own suggestions with their stage. */
export async function mySuggestions(ctx: AppContext, access: Access) {
  const actor = access.requireUser();
  const rows = await ctx.db.kysely.selectFrom('tt_suggestions').selectAll().where('author_id', '=', actor.userId).orderBy('created_at', 'desc').limit(500).execute();
  return rows.map(suggestionDto);
}

/** Suggestions submitted to orgs in the caller's scope (staff), filtered by stage or category. */
export async function listSuggestions(ctx: AppContext, access: Access, q: { stage?: SuggestionStage; category?: SuggestionCategory; limit: number; offset: number }) {
  let query = ctx.db.kysely.selectFrom('tt_suggestions').where(orgInSubtrees('tt_suggestions.org_id', access.scope(...READERS)));
  if (q.stage) query = query.where('stage', '=', q.stage);
  if (q.category) query = query.where('category', '=', q.category);
  const [rows, total] = await Promise.all([
    query.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(q.limit).offset(q.offset).execute(),
    query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(suggestionDto), total: Number(total.n) };
}

/** One suggestion and its stages: for its author, and for staff of its org. */
export async function getSuggestion(ctx: AppContext, access: Access, id: string) {
  const actor = access.requireUser();
  const s = await ctx.db.kysely.selectFrom('tt_suggestions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) throw notFound();
  if (s.author_id !== actor.userId) {
    const paths = await orgs.pathsOf(ctx, [s.org_id]);
    access.authorize('thinktank.read', { orgPath: paths.get(s.org_id)! }, { hide: true });
  }
  const [stages, attachments] = await Promise.all([
    ctx.db.kysely.selectFrom('tt_suggestion_stages').select(['stage', 'note', 'at']).where('suggestion_id', '=', id).orderBy('at').orderBy('id').execute(),
    files.filesOf(ctx, id),
  ]);
  return { ...suggestionDto(s), stages, files: attachments };
}

export interface StageInput {
  to: SuggestionStage;
  note?: string | null;
  forwardedTo?: string | null;
  adoptingBody?: string | null;
  adoptedOn?: string | null;
  instructionLevel?: InstructionLevel | null;
  evidence?: string | null;
}

/**
 * Moves a suggestion one stage on (received → under review → forwarded → adopted / partly adopted /
 * not adopted). Forwarding names the body; adoption names the adopting body, the date, the level of
 * instruction and the evidence. Checked first; the change, its stage row and the audit commit together.
 */
export async function moveStage(ctx: AppContext, access: Access, id: string, input: StageInput, ip: string | null) {
  const before = await ctx.db.kysely.selectFrom('tt_suggestions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) {
    access.requireUser();
    throw notFound();
  }
  const paths = await orgs.pathsOf(ctx, [before.org_id]);
  access.authorize('thinktank.manage', { orgPath: paths.get(before.org_id)! }, { hide: true });
  if (!NEXT_STAGES[before.stage].includes(input.to)) throw new AppError(409, 'thinktank.stage', { from: before.stage, to: input.to });
  const patch: Partial<SuggestionTable> = { stage: input.to, updated_at: nowIso() };
  const need = (field: string, v: string | null | undefined) => {
    if (!v || !v.trim()) throw new AppError(400, 'thinktank.field_required', { field });
    return v.trim();
  };
  if (input.to === 'forwarded') patch.forwarded_to = need('forwardedTo', input.forwardedTo);
  if (input.to === 'adopted' || input.to === 'partly_adopted') {
    patch.adopting_body = need('adoptingBody', input.adoptingBody);
    patch.adopted_on = need('adoptedOn', input.adoptedOn);
    patch.instruction_level = need('instructionLevel', input.instructionLevel) as InstructionLevel;
    patch.evidence = need('evidence', input.evidence);
    if (patch.adopted_on < before.created_at.slice(0, 10)) throw new AppError(400, 'thinktank.adopted_before_submitted', { date: patch.adopted_on });
  }
  const after = { ...before, ...patch };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    // Only from the stage read above: a concurrent move makes this update touch nothing.
    const r = await trx.updateTable('tt_suggestions').set(patch).where('id', '=', id).where('stage', '=', before.stage).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError(409, 'thinktank.stage', { from: before.stage, to: input.to });
    await trx.insertInto('tt_suggestion_stages').values({ id: newId(), suggestion_id: id, org_id: before.org_id, stage: input.to, note: input.note?.trim() || null, actor_id: access.user.userId, at: patch.updated_at! }).execute();
    await audit(trx, { actorId: access.user.userId, action: 'suggestion.stage', entity: 'tt_suggestion', entityId: id, orgId: before.org_id, before, after, ip });
  });
  return suggestionDto(after);
}

/**
 * Suggestions adopted or partly adopted with an adoption date in the period, submitted to orgs under
 * `prefix` (the indicators catalogue reads this; the caller has authorised that org).
 */
export async function adoptedCounts(ctx: AppContext, prefix: string, p: { from: string; to: string }) {
  const rows = await ctx.db.kysely
    .selectFrom('tt_suggestions')
    .select((eb) => ['stage', eb.fn.countAll<number | string>().as('n')])
    .where('stage', 'in', ['adopted', 'partly_adopted'])
    .where('adopted_on', '>=', p.from)
    .where('adopted_on', '<=', p.to)
    .where(orgInSubtrees('tt_suggestions.org_id', [prefix]))
    .groupBy('stage')
    .execute();
  const n = (stage: string) => Number(rows.find((r) => r.stage === stage)?.n ?? 0);
  return { adopted: n('adopted'), partlyAdopted: n('partly_adopted') };
}
