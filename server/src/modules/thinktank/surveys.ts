import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { nowIso } from '../../kernel/db/time.js';
import { orgInSubtrees } from '../../kernel/scope/subtree.js';
import * as orgs from '../orgs/service.js';
import { THINKTANK_MANAGERS } from './policy.js';
import type { QuestionKind, SurveyStatus, SurveyTable } from './tables.js';

export interface Question {
  id: string;
  kind: QuestionKind;
  label: string;
  /** Choices of a single or multiple choice question. */
  options?: string[];
  required: boolean;
}

export type Answer = string | number | string[];

const MAX_TEXT = 2000;
const READERS = [...THINKTANK_MANAGERS, 'editor', 'reviewer'] as const;

/** The form's problems (question index and what is wrong), checked before a survey is saved. */
export function checkQuestions(qs: Question[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  qs.forEach((q, i) => {
    if (ids.has(q.id)) problems.push(`${i + 1}: duplicate id ${q.id}`);
    ids.add(q.id);
    const choice = q.kind === 'single' || q.kind === 'multiple';
    const opts = q.options ?? [];
    if (choice && (opts.length < 2 || new Set(opts).size !== opts.length)) problems.push(`${i + 1}: needs at least two different options`);
    if (!choice && opts.length) problems.push(`${i + 1}: options only for choice questions`);
  });
  return problems;
}

/** A response's answers, checked against the form; unknown questions and wrong shapes are refused. */
export function checkAnswers(qs: Question[], answers: Record<string, unknown>): { clean: Record<string, Answer>; problems: string[] } {
  const problems: string[] = [];
  const clean: Record<string, Answer> = {};
  const known = new Set(qs.map((q) => q.id));
  for (const k of Object.keys(answers)) if (!known.has(k)) problems.push(`${k}: unknown question`);
  for (const q of qs) {
    const v = answers[q.id];
    const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (q.required) problems.push(`${q.id}: required`);
      continue;
    }
    if (q.kind === 'single' && typeof v === 'string' && q.options!.includes(v)) clean[q.id] = v;
    else if (q.kind === 'multiple' && Array.isArray(v) && v.every((x) => typeof x === 'string' && q.options!.includes(x))) clean[q.id] = [...new Set(v as string[])];
    else if (q.kind === 'number' && typeof v === 'number' && Number.isFinite(v)) clean[q.id] = v;
    else if (q.kind === 'text' && typeof v === 'string' && v.trim().length <= MAX_TEXT) clean[q.id] = v.trim();
    else problems.push(`${q.id}: not a valid ${q.kind} answer`);
  }
  return { clean, problems };
}

const dto = (s: SurveyTable, responses?: number) => ({
  id: s.id,
  orgId: s.org_id,
  title: s.title,
  description: s.description,
  questions: JSON.parse(s.questions) as Question[],
  status: s.status,
  publicPath: `/survey/${s.public_key}`,
  ...(responses === undefined ? {} : { responses }),
  createdAt: s.created_at,
});

export async function createSurvey(ctx: AppContext, access: Access, input: { orgId: string; title: string; description?: string | null; questions: Question[] }, ip: string | null) {
  const org = await orgs.getOrg(ctx, access, input.orgId);
  access.authorize('thinktank.manage', { orgPath: org.path });
  const problems = checkQuestions(input.questions);
  if (problems.length) throw new AppError(400, 'survey.invalid', { count: problems.length, first: problems[0]! }, problems);
  const now = nowIso();
  const row: SurveyTable = { id: newId(), org_id: org.id, title: input.title.trim(), description: input.description?.trim() || null, questions: JSON.stringify(input.questions), public_key: randomBytes(12).toString('base64url'), status: 'open', created_by: access.user.userId, created_at: now, updated_at: now };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('tt_surveys').values(row).execute();
    await audit(trx, { actorId: access.user.userId, action: 'survey.create', entity: 'tt_survey', entityId: row.id, orgId: row.org_id, after: { ...row, public_key: undefined }, ip });
  });
  return dto(row, 0);
}

async function loadSurvey(ctx: AppContext, access: Access, id: string, action: string) {
  const s = await ctx.db.kysely.selectFrom('tt_surveys').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) {
    access.requireUser();
    throw notFound();
  }
  const paths = await orgs.pathsOf(ctx, [s.org_id]);
  access.authorize(action, { orgPath: paths.get(s.org_id)! }, { hide: true });
  return s;
}

export async function listSurveys(ctx: AppContext, access: Access) {
  const db = ctx.db.kysely;
  const rows = await db.selectFrom('tt_surveys').selectAll().where(orgInSubtrees('tt_surveys.org_id', access.scope(...READERS))).orderBy('created_at', 'desc').limit(500).execute();
  const counts = rows.length
    ? await db.selectFrom('tt_survey_responses').select((eb) => ['survey_id', eb.fn.countAll<number | string>().as('n')]).where('survey_id', 'in', rows.map((r) => r.id)).groupBy('survey_id').execute()
    : [];
  const n = new Map(counts.map((c) => [c.survey_id, Number(c.n)]));
  return rows.map((r) => dto(r, n.get(r.id) ?? 0));
}

export async function setStatus(ctx: AppContext, access: Access, id: string, status: SurveyStatus, ip: string | null) {
  const s = await loadSurvey(ctx, access, id, 'thinktank.manage');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.updateTable('tt_surveys').set({ status, updated_at: nowIso() }).where('id', '=', id).execute();
    await audit(trx, { actorId: access.user.userId, action: 'survey.status', entity: 'tt_survey', entityId: id, orgId: s.org_id, before: { status: s.status }, after: { status }, ip });
  });
  return dto({ ...s, status });
}

/** The QR code of the public link, for posters and slides at a symposium. */
export async function surveyQrSvg(ctx: AppContext, access: Access, id: string, origin: string): Promise<string> {
  const s = await loadSurvey(ctx, access, id, 'thinktank.read');
  return QRCode.toString(`${origin}/survey/${s.public_key}`, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}

/** The form as a respondent sees it (no org, no counts); 404 for an unknown or closed link. */
export async function publicSurvey(ctx: AppContext, key: string) {
  const s = await ctx.db.kysely.selectFrom('tt_surveys').selectAll().where('public_key', '=', key).executeTakeFirst();
  if (!s || s.status !== 'open') throw notFound();
  return { title: s.title, description: s.description, questions: JSON.parse(s.questions) as Question[] };
}

/** A response from the public link: checked against the form, stored once per device nonce. */
export async function respond(ctx: AppContext, key: string, input: { nonce: string; answers: Record<string, unknown> }) {
  const s = await ctx.db.kysely.selectFrom('tt_surveys').selectAll().where('public_key', '=', key).executeTakeFirst();
  if (!s || s.status !== 'open') throw notFound();
  const { clean, problems } = checkAnswers(JSON.parse(s.questions) as Question[], input.answers);
  if (problems.length) throw new AppError(400, 'survey.answers_invalid', { count: problems.length, first: problems[0]! }, problems);
  const r = await ctx.db.kysely
    .insertInto('tt_survey_responses')
    .values({ survey_id: s.id, nonce: input.nonce, org_id: s.org_id, answers: JSON.stringify(clean), at: nowIso() })
    .onConflict((oc) => oc.columns(['survey_id', 'nonce']).doNothing())
    .executeTakeFirst();
  return { counted: Number(r.numInsertedOrUpdatedRows ?? 0) === 1 };
}

/** Results per question: counts per option, or count / mean / min / max, or the latest texts. */
export async function results(ctx: AppContext, access: Access, id: string) {
  const s = await loadSurvey(ctx, access, id, 'thinktank.read');
  const rows = await ctx.db.kysely.selectFrom('tt_survey_responses').select(['answers', 'at']).where('survey_id', '=', id).orderBy('at', 'desc').execute();
  const answers = rows.map((r) => JSON.parse(r.answers) as Record<string, Answer>);
  const questions = (JSON.parse(s.questions) as Question[]).map((q) => {
    const given = answers.map((a) => a[q.id]).filter((v) => v !== undefined);
    if (q.kind === 'single' || q.kind === 'multiple') {
      const counts = Object.fromEntries(q.options!.map((o) => [o, 0]));
      for (const v of given) for (const o of Array.isArray(v) ? v : [v as string]) counts[o] = (counts[o] ?? 0) + 1;
      return { id: q.id, kind: q.kind, label: q.label, answered: given.length, options: q.options!.map((o) => ({ option: o, n: counts[o]! })) };
    }
    if (q.kind === 'number') {
      const ns = given as number[];
      return { id: q.id, kind: q.kind, label: q.label, answered: ns.length, mean: ns.length ? ns.reduce((a, b) => a + b, 0) / ns.length : null, min: ns.length ? Math.min(...ns) : null, max: ns.length ? Math.max(...ns) : null };
    }
    return { id: q.id, kind: q.kind, label: q.label, answered: given.length, texts: (given as string[]).slice(0, 50) };
  });
  return { survey: dto(s, rows.length), questions };
}
