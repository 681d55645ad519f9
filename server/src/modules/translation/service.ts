import { shapeKey } from '@gerel/mongol';
import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError, messageFor, notFound, type ErrorCode, type Lang as UiLang } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { nowIso } from '../../kernel/db/time.js';
import { cleanText } from '../../kernel/text/clean.js';
import { htmlToText } from '../../kernel/text/html.js';
import * as orgs from '../orgs/service.js';
import * as content from '../content/service.js';
import type { Lang } from '../content/tables.js';
import * as store from './store.js';
import { TRANSLATION_MANAGERS, TRANSLATION_USERS, type TranslationSubject } from './policy.js';
import type { TranslationTermTable, TranslationUnitTable, UnitOrigin } from './tables.js';
import { alignSentences, splitSentences, type AlignedPair } from './align.js';
import { matchKey, similarity } from './fuzzy.js';
import { ENGINE_IDS, libreTranslate, openAiChat, type EngineId, type TranslationEngine } from './engines.js';
import { MAX_TERM_ROWS, TERM_COLUMNS, type TermColumn, type TermExportRow, type TermFile } from './termfiles.js';
import { MAX_TMX_UNITS, type TmxPair, type TmxUnit } from './tmx.js';

const subject = (orgPath: string): TranslationSubject => ({ orgPath });
export const MANAGERS = TRANSLATION_MANAGERS;
export const USERS = TRANSLATION_USERS;

// ---------------------------------------------------------------- termbase

export interface TermDto {
  id: string;
  orgId: string;
  zh: string;
  mnMong: string | null;
  mnCyrl: string | null;
  en: string | null;
  domain: string | null;
  notes: string | null;
  updatedAt: string;
}

const termDto = (t: TranslationTermTable): TermDto => ({
  id: t.id,
  orgId: t.org_id,
  zh: t.zh,
  mnMong: t.mn_mong,
  mnCyrl: t.mn_cyrl,
  en: t.en,
  domain: t.domain,
  notes: t.notes,
  updatedAt: t.updated_at,
});

export interface TermInput {
  orgId?: string;
  zh: string;
  mnMong?: string | null;
  mnCyrl?: string | null;
  en?: string | null;
  domain?: string | null;
  notes?: string | null;
}

const MAX: Record<TermColumn, number> = Object.fromEntries(TERM_COLUMNS.map((c) => [c.key, c.max])) as Record<TermColumn, number>;

function optField(v: string | null | undefined, field: TermColumn): string | null {
  const s = v ? cleanText(v) : '';
  if (s.length > MAX[field]) throw new AppError(400, 'translation.too_long', { field, max: MAX[field] });
  return s || null;
}

function termFields(input: TermInput) {
  const zh = optField(input.zh, 'zh');
  if (!zh) throw new AppError(400, 'translation.required', { field: 'zh' });
  return {
    zh,
    mn_mong: optField(input.mnMong, 'mn_mong'),
    mn_cyrl: optField(input.mnCyrl, 'mn_cyrl'),
    en: optField(input.en, 'en'),
    domain: optField(input.domain, 'domain'),
    notes: optField(input.notes, 'notes'),
  };
}

/** The org a row is written to: the given one (or the caller's own), visible (else 404) and managed by the caller (else 403). */
async function writableOrg(ctx: AppContext, access: Access, orgId: string | undefined) {
  const org = await orgs.getOrg(ctx, access, orgId ?? access.user.orgId);
  access.authorize('translation.manage', subject(org.path));
  return org;
}

function readScope(access: Access): string[] {
  const scope = access.scope(...TRANSLATION_USERS);
  if (scope.length === 0) throw new AppError(403, 'forbidden');
  return scope;
}

export async function listTerms(ctx: AppContext, access: Access, q: { q?: string; domain?: string; limit: number; offset: number }) {
  const prefixes = readScope(access);
  const text = q.q ? cleanText(q.q) : '';
  const { rows, total } = await store.listTerms(ctx.db.kysely, { prefixes, q: text || undefined, domain: q.domain }, q.limit, q.offset);
  return { total, items: rows.map(termDto) };
}

export async function createTerm(ctx: AppContext, access: Access, input: TermInput, ip: string | null): Promise<TermDto> {
  const org = await writableOrg(ctx, access, input.orgId);
  const now = nowIso();
  const row: TranslationTermTable = { id: newId(), org_id: org.id, ...termFields(input), created_by: access.user.userId, created_at: now, updated_at: now };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.insertTerms(trx, [row]);
    await audit(trx, { actorId: access.user.userId, action: 'term.create', entity: 'translation_term', entityId: row.id, orgId: org.id, after: termDto(row), ip });
  });
  return termDto(row);
}

async function loadTerm(ctx: AppContext, access: Access, id: string) {
  const t = await store.findTerm(ctx.db.kysely, id);
  if (!t) {
    access.requireUser();
    throw notFound();
  }
  access.authorize('translation.read', subject(t.org_path), { hide: true });
  access.authorize('translation.manage', subject(t.org_path));
  return t;
}

export async function updateTerm(ctx: AppContext, access: Access, id: string, input: TermInput, ip: string | null): Promise<TermDto> {
  const t = await loadTerm(ctx, access, id);
  const patch = { ...termFields(input), updated_at: nowIso() };
  const { org_path: _path, ...before } = t;
  const after: TranslationTermTable = { ...before, ...patch };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.updateTerm(trx, id, patch);
    await audit(trx, { actorId: access.user.userId, action: 'term.update', entity: 'translation_term', entityId: id, orgId: t.org_id, before: termDto(before), after: termDto(after), ip });
  });
  return termDto(after);
}

export async function deleteTerm(ctx: AppContext, access: Access, id: string, ip: string | null): Promise<void> {
  const t = await loadTerm(ctx, access, id);
  const { org_path: _path, ...before } = t;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.deleteTerm(trx, id);
    await audit(trx, { actorId: access.user.userId, action: 'term.delete', entity: 'translation_term', entityId: id, orgId: t.org_id, before: termDto(before), ip });
  });
}

export async function exportTerms(ctx: AppContext, access: Access, q: { q?: string; domain?: string }, format: string, ip: string | null): Promise<TermExportRow[]> {
  const prefixes = readScope(access);
  const text = q.q ? cleanText(q.q) : '';
  const { rows } = await store.listTerms(ctx.db.kysely, { prefixes, q: text || undefined, domain: q.domain }, 100_000, 0);
  await audit(ctx.db.kysely, { actorId: access.user.userId, action: 'term.export', entity: 'translation_term', entityId: null, orgId: access.user.orgId, after: { format, count: rows.length }, ip });
  return rows.map((r) => ({ id: r.id, zh: r.zh, mn_mong: r.mn_mong ?? '', mn_cyrl: r.mn_cyrl ?? '', en: r.en ?? '', domain: r.domain ?? '', notes: r.notes ?? '' }));
}

export interface ImportError {
  row: number;
  column: string;
  problem: string;
  message: string;
  messages: { zh: string; en: string };
}
export interface ImportReport {
  rows: number;
  valid: number;
  errors: ImportError[];
  created: number;
}

function reporter(lang: UiLang, errors: ImportError[]) {
  return (row: number, column: string, problem: string, params: Record<string, string | number> = {}) => {
    const code = `translation.import.${problem}` as ErrorCode;
    const p = { column, ...params };
    errors.push({ row, column, problem, message: messageFor(code, p, lang), messages: { zh: messageFor(code, p, 'zh'), en: messageFor(code, p, 'en') } });
  };
}

/**
 * Terms from a parsed CSV/XLSX/TBX file into one org: a report first (row, column, problem in
 * Chinese and English); written only when dryRun is false and no row has an error, all in one
 * transaction. A term is the same when its Chinese form and domain are.
 */
export async function importTerms(ctx: AppContext, access: Access, file: TermFile, opts: { orgId?: string; dryRun: boolean; lang: UiLang; ip: string | null }): Promise<ImportReport> {
  const org = await writableOrg(ctx, access, opts.orgId);
  if (file.rows.length > MAX_TERM_ROWS) throw new AppError(400, 'translation.import_too_many', { max: MAX_TERM_ROWS });
  const errors: ImportError[] = [];
  const fail = reporter(opts.lang, errors);
  const header = (k: TermColumn) => TERM_COLUMNS.find((c) => c.key === k)!.zh;
  for (const k of file.missing) fail(1, header(k), 'missing_column');
  if (file.missing.length) return { rows: file.rows.length, valid: 0, errors, created: 0 };
  const keyOf = (zh: string, domain: string | null) => `${zh}\u0000${domain ?? ''}`;
  const run = async (db: typeof ctx.db.kysely) => {
    const zhs = [...new Set(file.rows.map((r) => (r.values.zh ? cleanText(r.values.zh) : '')).filter(Boolean))];
    const existing = new Set((await store.termsByZh(db, org.id, zhs)).map((t) => keyOf(t.zh, t.domain)));
    const first = new Map<string, number>();
    const now = nowIso();
    const out: TranslationTermTable[] = [];
    for (const { row, values } of file.rows) {
      const before = errors.length;
      const v = Object.fromEntries(TERM_COLUMNS.map((c) => [c.key, values[c.key] ? cleanText(values[c.key]!) : ''])) as Record<TermColumn, string>;
      if (!v.zh) fail(row, header('zh'), 'required');
      for (const c of TERM_COLUMNS) if (v[c.key].length > c.max) fail(row, c.zh, 'too_long', { max: c.max });
      if (v.zh) {
        const k = keyOf(v.zh, v.domain || null);
        if (first.has(k)) fail(row, header('zh'), 'duplicate_in_file', { value: v.zh, first: first.get(k)! });
        else if (existing.has(k)) fail(row, header('zh'), 'exists', { value: v.zh });
        if (!first.has(k)) first.set(k, row);
      }
      if (errors.length > before) continue;
      out.push({ id: newId(), org_id: org.id, zh: v.zh, mn_mong: v.mn_mong || null, mn_cyrl: v.mn_cyrl || null, en: v.en || null, domain: v.domain || null, notes: v.notes || null, created_by: access.user.userId, created_at: now, updated_at: now });
    }
    return out;
  };
  if (opts.dryRun) {
    const out = await run(ctx.db.kysely);
    return { rows: file.rows.length, valid: out.length, errors, created: 0 };
  }
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const out = await run(trx as unknown as typeof ctx.db.kysely);
    if (errors.length) return { rows: file.rows.length, valid: out.length, errors, created: 0 };
    await store.insertTerms(trx, out);
    await audit(trx, { actorId: access.user.userId, action: 'term.import', entity: 'translation_term', entityId: null, orgId: org.id, after: { count: out.length }, ip: opts.ip });
    return { rows: file.rows.length, valid: out.length, errors, created: out.length };
  });
}

// ---------------------------------------------------------------- memory

export interface UnitDto {
  id: string;
  orgId: string;
  sourceLang: Lang;
  targetLang: Lang;
  source: string;
  target: string;
  resourceId: string | null;
  origin: UnitOrigin;
  updatedAt: string;
}

const unitDto = (u: TranslationUnitTable): UnitDto => ({
  id: u.id,
  orgId: u.org_id,
  sourceLang: u.source_lang,
  targetLang: u.target_lang,
  source: u.source_text,
  target: u.target_text,
  resourceId: u.resource_id,
  origin: u.origin,
  updatedAt: u.updated_at,
});

export const MAX_SEGMENT = 4000;

function segment(v: string, field: string): string {
  const s = cleanText(v);
  if (!s) throw new AppError(400, 'translation.required', { field });
  if (s.length > MAX_SEGMENT) throw new AppError(400, 'translation.too_long', { field, max: MAX_SEGMENT });
  return s;
}

function pair(source: Lang, target: Lang) {
  if (source === target) throw new AppError(400, 'translation.same_lang');
}

export async function listUnits(ctx: AppContext, access: Access, q: { source: Lang; target: Lang; q?: string; resourceId?: string; limit: number; offset: number }) {
  const prefixes = readScope(access);
  const text = q.q ? cleanText(q.q) : '';
  const { rows, total } = await store.listUnits(ctx.db.kysely, { prefixes, source: q.source, target: q.target, q: text || undefined, resourceId: q.resourceId }, q.limit, q.offset);
  return { total, items: rows.map(unitDto) };
}

export interface UnitInput {
  orgId?: string;
  sourceLang: Lang;
  targetLang: Lang;
  source: string;
  target: string;
}

export async function createUnit(ctx: AppContext, access: Access, input: UnitInput, ip: string | null, origin: UnitOrigin = 'manual'): Promise<UnitDto> {
  pair(input.sourceLang, input.targetLang);
  const org = await writableOrg(ctx, access, input.orgId);
  const now = nowIso();
  const row: TranslationUnitTable = {
    id: newId(),
    org_id: org.id,
    source_lang: input.sourceLang,
    target_lang: input.targetLang,
    source_text: segment(input.source, 'source'),
    target_text: segment(input.target, 'target'),
    resource_id: null,
    origin,
    position: 0,
    created_by: access.user.userId,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.insertUnits(trx, [row]);
    await audit(trx, { actorId: access.user.userId, action: 'tm.create', entity: 'translation_unit', entityId: row.id, orgId: org.id, after: unitDto(row), ip });
  });
  return unitDto(row);
}

async function loadUnit(ctx: AppContext, access: Access, id: string) {
  const u = await store.findUnit(ctx.db.kysely, id);
  if (!u) {
    access.requireUser();
    throw notFound();
  }
  access.authorize('translation.read', subject(u.org_path), { hide: true });
  access.authorize('translation.manage', subject(u.org_path));
  const { org_path: _p, ...row } = u;
  return row;
}

/** Editing an aligned pair: fix either side (the alignment proposal is never perfect). */
export async function updateUnit(ctx: AppContext, access: Access, id: string, input: { source?: string; target?: string }, ip: string | null): Promise<UnitDto> {
  const u = await loadUnit(ctx, access, id);
  const patch: Partial<TranslationUnitTable> = { updated_at: nowIso() };
  if (input.source !== undefined) patch.source_text = segment(input.source, 'source');
  if (input.target !== undefined) patch.target_text = segment(input.target, 'target');
  const after = { ...u, ...patch };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.updateUnit(trx, id, patch);
    await audit(trx, { actorId: access.user.userId, action: 'tm.update', entity: 'translation_unit', entityId: id, orgId: u.org_id, before: unitDto(u), after: unitDto(after), ip });
  });
  return unitDto(after);
}

export async function deleteUnit(ctx: AppContext, access: Access, id: string, ip: string | null): Promise<void> {
  const u = await loadUnit(ctx, access, id);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.deleteUnit(trx, id);
    await audit(trx, { actorId: access.user.userId, action: 'tm.delete', entity: 'translation_unit', entityId: id, orgId: u.org_id, before: unitDto(u), ip });
  });
}

/**
 * Sentence pairs from a resource's two linked language versions. Without `save` it only proposes
 * (the user corrects the pairs); with `save` the given (edited) pairs – or the proposal – replace
 * whatever was aligned from this resource and language pair before, in the resource's org.
 */
export async function alignResource(
  ctx: AppContext,
  access: Access,
  input: { resourceId: string; sourceLang: Lang; targetLang: Lang; save: boolean; pairs?: AlignedPair[] },
  ip: string | null,
): Promise<{ pairs: AlignedPair[]; saved: number }> {
  pair(input.sourceLang, input.targetLang);
  const r = await content.getResource(ctx, access, input.resourceId);
  const src = r.versions.find((v) => v.lang === input.sourceLang);
  const tgt = r.versions.find((v) => v.lang === input.targetLang);
  if (!src) throw new AppError(400, 'translation.no_version', { lang: input.sourceLang });
  if (!tgt) throw new AppError(400, 'translation.no_version', { lang: input.targetLang });
  const org = await orgs.getOrg(ctx, access, r.orgId);
  if (!input.save) access.authorize('translation.read', subject(org.path));
  const proposal = alignSentences(splitSentences(htmlToText(src.body), input.sourceLang), splitSentences(htmlToText(tgt.body), input.targetLang), {
    source: input.sourceLang === 'zh-Hans' ? '' : ' ',
    target: input.targetLang === 'zh-Hans' ? '' : ' ',
  });
  if (!input.save) return { pairs: proposal, saved: 0 };
  access.authorize('translation.manage', subject(org.path));
  const pairs = (input.pairs ?? proposal).map((p, i) => ({ source: segment(p.source, `pairs[${i}].source`), target: segment(p.target, `pairs[${i}].target`) }));
  const now = nowIso();
  const rows: TranslationUnitTable[] = pairs.map((p, i) => ({
    id: newId(),
    org_id: org.id,
    source_lang: input.sourceLang,
    target_lang: input.targetLang,
    source_text: p.source,
    target_text: p.target,
    resource_id: r.id,
    origin: 'aligned',
    position: i,
    created_by: access.user.userId,
    created_at: now,
    updated_at: now,
  }));
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.deleteUnitsOf(trx, r.id, input.sourceLang, input.targetLang, 'aligned');
    await store.insertUnits(trx, rows);
    await audit(trx, { actorId: access.user.userId, action: 'tm.align', entity: 'resource', entityId: r.id, orgId: org.id, after: { sourceLang: input.sourceLang, targetLang: input.targetLang, count: rows.length }, ip });
  });
  return { pairs, saved: rows.length };
}

/** How many units fuzzy matching looks at, newest first: bounded work per keystroke-ish request. */
const CANDIDATE_CAP = 20_000;
export const MIN_SCORE = 50;

export interface MemoryMatch {
  id: string;
  source: string;
  target: string;
  score: number;
  origin: UnitOrigin;
}

type Candidate = Awaited<ReturnType<typeof store.candidateUnits>>[number] & { key: string[] };

async function candidates(ctx: AppContext, prefixes: string[], from: Lang, to: Lang): Promise<Candidate[]> {
  const rows = await store.candidateUnits(ctx.db.kysely, { prefixes, source: from, target: to }, CANDIDATE_CAP);
  return rows.map((r) => ({ ...r, key: matchKey(r.source_text, from) }));
}

function matchesFor(cands: Candidate[], text: string, from: Lang, minScore: number, limit: number): MemoryMatch[] {
  const key = matchKey(text, from);
  const out: MemoryMatch[] = [];
  for (const c of cands) {
    const k = c.key;
    // The length difference bounds the score from above: skip what cannot reach minScore.
    const n = Math.max(k.length, key.length);
    if (n > 0 && (1 - Math.abs(k.length - key.length) / n) * 100 < minScore) continue;
    const score = similarity(key, k);
    if (score >= minScore) out.push({ id: c.id, source: c.source_text, target: c.target_text, score, origin: c.origin });
  }
  return out.sort((a, b) => b.score - a.score).slice(0, limit);
}

const TERM_COLUMN_OF: Record<Lang, TermColumn> = { 'zh-Hans': 'zh', 'mn-Mong': 'mn_mong', 'mn-Cyrl': 'mn_cyrl', en: 'en' };

/** Termbase entries whose source-language form occurs in the text (Mongolian compared by shape key). */
async function termsIn(ctx: AppContext, prefixes: string[], text: string, from: Lang): Promise<TermDto[]> {
  const col = TERM_COLUMN_OF[from];
  const norm = (s: string) => (from === 'mn-Mong' ? shapeKey(s) : from === 'zh-Hans' ? s : s.toLowerCase());
  const hay = norm(text);
  const rows = await store.termsInScope(ctx.db.kysely, prefixes, 50_000);
  return rows.filter((t) => t[col] && hay.includes(norm(t[col]!))).map(termDto);
}

export async function suggest(ctx: AppContext, access: Access, input: { text: string; sourceLang: Lang; targetLang: Lang; minScore?: number; limit?: number }) {
  pair(input.sourceLang, input.targetLang);
  const prefixes = readScope(access);
  const text = cleanText(input.text);
  if (!text) return { matches: [], terms: [] };
  const [matches, terms] = await Promise.all([
    candidates(ctx, prefixes, input.sourceLang, input.targetLang).then((c) => matchesFor(c, text, input.sourceLang, input.minScore ?? MIN_SCORE, input.limit ?? 5)),
    termsIn(ctx, prefixes, text, input.sourceLang),
  ]);
  return { matches, terms };
}

export async function exportTmx(ctx: AppContext, access: Access, q: { source: Lang; target: Lang }, ip: string | null): Promise<TmxPair[]> {
  const prefixes = readScope(access);
  const { rows } = await store.listUnits(ctx.db.kysely, { prefixes, source: q.source, target: q.target }, 1_000_000, 0);
  await audit(ctx.db.kysely, { actorId: access.user.userId, action: 'tm.export', entity: 'translation_unit', entityId: null, orgId: access.user.orgId, after: { sourceLang: q.source, targetLang: q.target, count: rows.length }, ip });
  return rows.map((r) => ({ sourceLang: r.source_lang, targetLang: r.target_lang, source: r.source_text, target: r.target_text }));
}

/** TMX units of one language pair into one org; a report first, all or nothing. */
export async function importTmx(ctx: AppContext, access: Access, units: TmxUnit[], opts: { orgId?: string; sourceLang: Lang; targetLang: Lang; dryRun: boolean; lang: UiLang; ip: string | null }): Promise<ImportReport> {
  pair(opts.sourceLang, opts.targetLang);
  const org = await writableOrg(ctx, access, opts.orgId);
  if (units.length > MAX_TMX_UNITS) throw new AppError(400, 'translation.import_too_many', { max: MAX_TMX_UNITS });
  const errors: ImportError[] = [];
  const fail = reporter(opts.lang, errors);
  const now = nowIso();
  const rows: TranslationUnitTable[] = [];
  for (const u of units) {
    const s = u.segs[opts.sourceLang] ? cleanText(u.segs[opts.sourceLang]!) : '';
    const t = u.segs[opts.targetLang] ? cleanText(u.segs[opts.targetLang]!) : '';
    if (!s || !t) {
      fail(u.n, 'tu', 'no_pair', { value: u.n });
      continue;
    }
    if (s.length > MAX_SEGMENT || t.length > MAX_SEGMENT) {
      fail(u.n, 'seg', 'too_long', { max: MAX_SEGMENT });
      continue;
    }
    rows.push({ id: newId(), org_id: org.id, source_lang: opts.sourceLang, target_lang: opts.targetLang, source_text: s, target_text: t, resource_id: null, origin: 'tmx', position: rows.length, created_by: access.user.userId, created_at: now, updated_at: now });
  }
  if (opts.dryRun || errors.length) return { rows: units.length, valid: rows.length, errors, created: 0 };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.insertUnits(trx, rows);
    await audit(trx, { actorId: access.user.userId, action: 'tm.import', entity: 'translation_unit', entityId: null, orgId: org.id, after: { count: rows.length }, ip: opts.ip });
  });
  return { rows: units.length, valid: rows.length, errors, created: rows.length };
}

// ---------------------------------------------------------------- engines

/** Which engines can be used here: the built-in one always; the HTTP ones when their URL is set. */
export function engines(ctx: AppContext, access: Access) {
  readScope(access);
  const s = ctx.config.mt;
  const configured: Record<EngineId, boolean> = { memory: true, libretranslate: !!s.libretranslate, openai: !!s.openai };
  return { engines: ENGINE_IDS.map((id) => ({ id, configured: configured[id] })), machine: configured.libretranslate || configured.openai };
}

/** Matches at or above this score are offered as the built-in engine's translation of a sentence. */
export const MEMORY_ENGINE_SCORE = 75;

/**
 * Translates a text. The built-in engine works sentence by sentence from the memory (best match at
 * or above MEMORY_ENGINE_SCORE, else the sentence stays as it was and is marked untranslated); the
 * HTTP engines get the whole text. Either way the termbase entries found in the text come along.
 */
export async function translate(ctx: AppContext, access: Access, input: { text: string; sourceLang: Lang; targetLang: Lang; engine?: EngineId }) {
  pair(input.sourceLang, input.targetLang);
  const prefixes = readScope(access);
  const text = cleanText(input.text);
  if (!text) throw new AppError(400, 'translation.required', { field: 'text' });
  if (text.length > MAX_SEGMENT * 4) throw new AppError(400, 'translation.too_long', { field: 'text', max: MAX_SEGMENT * 4 });
  const id = input.engine ?? 'memory';
  const terms = await termsIn(ctx, prefixes, text, input.sourceLang);
  if (id === 'memory') {
    const cands = await candidates(ctx, prefixes, input.sourceLang, input.targetLang);
    const segments = [];
    for (const sentence of splitSentences(text, input.sourceLang)) {
      const [best] = matchesFor(cands, sentence, input.sourceLang, MEMORY_ENGINE_SCORE, 1);
      segments.push({ source: sentence, target: best?.target ?? null, score: best?.score ?? 0 });
    }
    const joiner = input.targetLang === 'zh-Hans' ? '' : ' ';
    return { engine: id, text: segments.map((s) => s.target ?? s.source).join(joiner), segments, terms };
  }
  const s = ctx.config.mt;
  const engine: TranslationEngine | null = id === 'libretranslate' ? libreTranslate(s) : openAiChat(s);
  if (!engine) throw new AppError(400, 'translation.engine_not_configured', { engine: id });
  const out = await engine.translate(text, input.sourceLang, input.targetLang);
  return { engine: id, text: out, segments: [], terms };
}

