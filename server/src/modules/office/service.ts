import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { nowIso } from '../../kernel/db/time.js';
import { cleanText } from '../../kernel/text/clean.js';
import * as orgs from '../orgs/service.js';
import * as store from './store.js';
import { OFFICE_READERS, type OfficeSubject } from './policy.js';
import { TEMPLATES } from './templates.js';
import { dateZh, type PrintedDoc } from './layout.js';
import type { ApprovalStep, DocKind, DocLayout, DocStatus, OfficeDocumentTable } from './tables.js';

const subject = (orgPath: string): OfficeSubject => ({ orgPath });
type Row = OfficeDocumentTable & { org_path: string };

export interface OfficeDocDto {
  id: string;
  orgId: string;
  kind: DocKind;
  layout: DocLayout;
  issuer: { zh: string; mn: string | null };
  numberPrefix: string;
  number: string | null;
  year: number | null;
  seq: number | null;
  title: { zh: string; mn: string | null };
  body: { zh: string; mn: string | null };
  recipients: string | null;
  attachments: string[];
  approvals: ApprovalStep[];
  status: DocStatus;
  createdBy: string;
  issuedAt: string | null;
  updatedAt: string;
}

/** 内科协发〔2026〕3号 (GB/T 9704: agency code, year in hexagonal brackets, serial without leading zeros). */
export const docNumber = (prefix: string, year: number, seq: number) => `${prefix}〔${year}〕${seq}号`;

const dto = (r: OfficeDocumentTable): OfficeDocDto => ({
  id: r.id,
  orgId: r.org_id,
  kind: r.kind,
  layout: r.layout,
  issuer: { zh: r.issuer_zh, mn: r.issuer_mn },
  numberPrefix: r.number_prefix,
  number: r.year && r.seq ? docNumber(r.number_prefix, r.year, r.seq) : null,
  year: r.year,
  seq: r.seq,
  title: { zh: r.title_zh, mn: r.title_mn },
  body: { zh: r.body_zh, mn: r.body_mn },
  recipients: r.recipients,
  attachments: JSON.parse(r.attachments_json) as string[],
  approvals: JSON.parse(r.approvals_json) as ApprovalStep[],
  status: r.status,
  createdBy: r.created_by,
  issuedAt: r.issued_at,
  updatedAt: r.updated_at,
});

export interface DocInput {
  orgId?: string;
  kind: DocKind;
  layout: DocLayout;
  numberPrefix?: string;
  title?: { zh?: string; mn?: string | null };
  body?: { zh?: string; mn?: string | null };
  recipients?: string | null;
  attachments?: string[];
}

function required(v: string, field: string): string {
  if (!v) throw new AppError(400, 'office.required', { field });
  return v;
}
/** Body text keeps its line breaks (paragraphs); each line is cleaned. */
const cleanBody = (s: string) => s.split(/\r?\n/).map((l) => cleanText(l)).join('\n').replace(/\n{3,}/g, '\n\n').trim();

function fields(input: DocInput, template = TEMPLATES[input.kind]) {
  const layout = input.layout;
  const titleMn = input.title?.mn !== undefined ? (input.title.mn ? cleanText(input.title.mn) || null : null) : layout === 'bilingual' ? template.titleMn : null;
  const bodyMn = input.body?.mn !== undefined ? (input.body.mn ? cleanBody(input.body.mn) || null : null) : layout === 'bilingual' ? template.bodyMn : null;
  if (layout === 'bilingual' && (!titleMn || !bodyMn)) throw new AppError(400, 'office.required', { field: 'mn' });
  return {
    layout,
    number_prefix: required(cleanText(input.numberPrefix ?? template.prefix), 'numberPrefix'),
    title_zh: required(cleanText(input.title?.zh ?? template.titleZh), 'title.zh'),
    title_mn: titleMn,
    body_zh: required(cleanBody(input.body?.zh ?? template.bodyZh), 'body.zh'),
    body_mn: bodyMn,
    recipients: input.recipients ? cleanText(input.recipients) || null : null,
    attachments_json: JSON.stringify((input.attachments ?? []).map((a) => cleanText(a)).filter(Boolean)),
  };
}

export async function list(ctx: AppContext, access: Access, q: { status?: DocStatus; year?: number; orgId?: string; limit: number; offset: number }) {
  const prefixes = access.scope(...OFFICE_READERS);
  const { rows, total } = await store.list(ctx.db.kysely, { prefixes, status: q.status, year: q.year, orgId: q.orgId }, q.limit, q.offset);
  return { total, items: rows.map(dto) };
}

async function load(ctx: AppContext, access: Access, id: string): Promise<Row> {
  const r = await store.find(ctx.db.kysely, id);
  if (!r) {
    access.requireUser();
    throw notFound();
  }
  access.authorize('office.read', subject(r.org_path), { hide: true });
  return r;
}

export async function get(ctx: AppContext, access: Access, id: string) {
  return dto(await load(ctx, access, id));
}

/** A new draft from the kind's template, in the caller's org (or one they draft for). */
export async function create(ctx: AppContext, access: Access, input: DocInput, ip: string | null): Promise<OfficeDocDto> {
  const org = await orgs.getOrg(ctx, access, input.orgId ?? access.user.orgId);
  access.authorize('office.draft', subject(org.path));
  const now = nowIso();
  const row: OfficeDocumentTable = {
    id: newId(),
    org_id: org.id,
    kind: input.kind,
    issuer_zh: org.name_zh,
    issuer_mn: org.name_mn,
    year: null,
    seq: null,
    ...fields(input),
    approvals_json: '[]',
    status: 'drafting',
    created_by: access.user.userId,
    issued_at: null,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.insert(trx, row);
    await audit(trx, { actorId: access.user.userId, action: 'office.create', entity: 'office_document', entityId: row.id, orgId: org.id, after: { kind: row.kind, title: row.title_zh }, ip });
  });
  return dto(row);
}

export async function update(ctx: AppContext, access: Access, id: string, input: DocInput, ip: string | null): Promise<OfficeDocDto> {
  const r = await load(ctx, access, id);
  access.authorize('office.draft', subject(r.org_path));
  if (r.status !== 'drafting') throw new AppError(409, 'office.bad_state', { status: r.status });
  const patch = { ...fields({ ...input, kind: r.kind }), updated_at: nowIso() };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.update(trx, id, patch);
    await audit(trx, { actorId: access.user.userId, action: 'office.update', entity: 'office_document', entityId: id, orgId: r.org_id, before: { title: r.title_zh }, after: { title: patch.title_zh }, ip });
  });
  return dto({ ...r, ...patch });
}

export async function submit(ctx: AppContext, access: Access, id: string, ip: string | null): Promise<OfficeDocDto> {
  const r = await load(ctx, access, id);
  access.authorize('office.draft', subject(r.org_path));
  if (r.status !== 'drafting') throw new AppError(409, 'office.bad_state', { status: r.status });
  const patch = { status: 'pending_review' as const, updated_at: nowIso() };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.update(trx, id, patch);
    await audit(trx, { actorId: access.user.userId, action: 'office.submit', entity: 'office_document', entityId: id, orgId: r.org_id, ip });
  });
  return dto({ ...r, ...patch });
}

/**
 * One step of the approval chain: 审核 (review: a reviewer or admin other than the drafter), then
 * 签发 (signature: the org's admin). Approving moves on; returning sends the draft back.
 */
export async function decide(ctx: AppContext, access: Access, id: string, input: { approve: boolean; note?: string | null }, ip: string | null): Promise<OfficeDocDto> {
  const r = await load(ctx, access, id);
  const step = r.status === 'pending_review' ? 'review' : r.status === 'pending_signature' ? 'sign' : null;
  if (!step) throw new AppError(409, 'office.bad_state', { status: r.status });
  if (step === 'review') access.authorize('office.review', { orgPath: r.org_path, authorId: r.created_by });
  else access.authorize('office.sign', subject(r.org_path));
  const now = nowIso();
  const approvals = [...(JSON.parse(r.approvals_json) as ApprovalStep[]), { step, by: access.user.userId, byName: access.user.displayName, approve: input.approve, note: input.note ? cleanText(input.note) || null : null, at: now }];
  const status: DocStatus = !input.approve ? 'drafting' : step === 'review' ? 'pending_signature' : 'approved';
  const patch = { status, approvals_json: JSON.stringify(approvals), updated_at: now };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.update(trx, id, patch);
    await audit(trx, { actorId: access.user.userId, action: `office.${step}.${input.approve ? 'approve' : 'return'}`, entity: 'office_document', entityId: id, orgId: r.org_id, after: { note: input.note ?? null }, ip });
  });
  return dto({ ...r, ...patch });
}

/** How often an issue retries after a concurrent issue took its register number. */
const ISSUE_ATTEMPTS = 4;

/** Issue: the next number of the org's register for this agency code and year, in one transaction. */
export async function issue(ctx: AppContext, access: Access, id: string, ip: string | null, now = new Date()): Promise<OfficeDocDto> {
  const r = await load(ctx, access, id);
  access.authorize('office.sign', subject(r.org_path));
  if (r.status !== 'approved') throw new AppError(409, 'office.bad_state', { status: r.status });
  const at = now.toISOString();
  const year = Number(dateZh(at).slice(0, 4));
  // Two issues at once can read the same last number; the unique index (org, agency code, year, serial)
  // refuses the second, which then takes the next number. A few attempts, then a clear 409.
  for (let attempt = 0; ; attempt++) {
    try {
      const patch = await ctx.db.kysely.transaction().execute(async (trx) => {
        const seq = (await store.lastSeq(trx, r.org_id, r.number_prefix, year)) + 1;
        const p = { status: 'issued' as const, year, seq, issued_at: at, updated_at: at };
        if (!(await store.markIssued(trx, id, p))) throw new AppError(409, 'office.bad_state', { status: 'issued' });
        await audit(trx, { actorId: access.user.userId, action: 'office.issue', entity: 'office_document', entityId: id, orgId: r.org_id, after: { number: docNumber(r.number_prefix, year, seq) }, ip });
        return p;
      });
      return dto({ ...r, ...patch });
    } catch (e) {
      if (!store.isUniqueViolation(e)) throw e;
      if (attempt >= ISSUE_ATTEMPTS - 1) throw new AppError(409, 'office.number_taken', { prefix: r.number_prefix, year });
    }
  }
}

export async function printable(ctx: AppContext, access: Access, id: string, format: string, ip: string | null): Promise<PrintedDoc> {
  const r = await load(ctx, access, id);
  const d = dto(r);
  await audit(ctx.db.kysely, { actorId: access.user.userId, action: 'office.export', entity: 'office_document', entityId: id, orgId: r.org_id, after: { format }, ip });
  return {
    layout: d.layout,
    issuerZh: d.issuer.zh,
    issuerMn: d.issuer.mn,
    number: d.number,
    titleZh: d.title.zh,
    titleMn: d.title.mn,
    recipients: d.recipients,
    bodyZh: d.body.zh,
    bodyMn: d.body.mn,
    attachments: d.attachments,
    dateZh: dateZh(d.issuedAt ?? d.updatedAt),
    draft: d.status !== 'issued',
  };
}
