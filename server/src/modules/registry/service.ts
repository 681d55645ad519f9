import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError, notFound, type Lang } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { localDay, nowIso } from '../../kernel/db/time.js';
import { cleanText } from '../../kernel/text/clean.js';
import * as orgs from '../orgs/service.js';
import type { Database } from '../../schema.js';
import type { Kysely, Transaction } from 'kysely';
import type { FieldDef, ListDef, Value, Values } from './fields.js';
import { LISTS, listByKey } from './lists/index.js';
import { maskValue } from './personal.js';
import { writersOf, type RegistrySubject } from './policy.js';
import * as store from './store.js';
import type { RegistryHistoryTable } from './tables.js';
import { checkRow, describe, fieldOf, parseFields, type OrgLookup, type OrgRef, type Problem } from './validate.js';
import { fromColumn, toColumn } from './values.js';

type Q = Kysely<Database> | Transaction<Database>;

/** The list named in the URL, or 404. */
export function listDef(key: string): ListDef {
  const def = listByKey(key);
  if (!def) throw new AppError(404, 'registry.unknown_list', { list: key.slice(0, 40) });
  return def;
}

export const subject = (def: ListDef, orgPath: string): RegistrySubject => ({ list: def.key, orgPath });

/** Subtree prefixes where the caller writes this list; 403 when there are none. */
export function writeScope(access: Access, def: ListDef): string[] {
  const scope = access.scope(...writersOf(def.key));
  if (scope.length === 0) throw new AppError(403, 'forbidden');
  return scope;
}

export interface RowDto {
  id: string;
  orgId: string;
  values: Values;
  /** Personal fields whose value is shown masked; the full values come from /personal. */
  masked: string[];
  canWrite: boolean;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface OrgName {
  code: string;
  kind: string;
  name: { zh: string; mn: string | null };
}

/** A stored row as API values, personal values unmasked. */
export function valuesOf(def: ListDef, row: store.StoredRow): Values {
  return Object.fromEntries(def.fields.map((f) => [f.key, fromColumn(f, row[f.key])]));
}

/** The same with personal values masked: what lists, exports, history and the audit log show. */
export function maskedValues(def: ListDef, v: Values): Values {
  return Object.fromEntries(def.fields.map((f) => [f.key, f.personal ? maskValue(f, v[f.key] ?? null) : (v[f.key] ?? null)]));
}

function toDto(def: ListDef, access: Access, row: store.ListedRow): RowDto {
  const v = valuesOf(def, row);
  return {
    id: String(row.id),
    orgId: String(row.org_id),
    values: maskedValues(def, v),
    masked: def.fields.filter((f) => f.personal && v[f.key] !== null).map((f) => f.key),
    canWrite: access.can('registry.write', subject(def, row.org_path)),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    updatedBy: row.updated_by_name,
  };
}

/** Names of the orgs the rows refer to, in one query. */
async function orgNames(db: Q, def: ListDef, rows: store.StoredRow[]): Promise<Record<string, OrgName>> {
  const ids = rows.flatMap((r) => def.fields.filter((f) => f.type === 'org').map((f) => r[f.key])).filter((x): x is string => typeof x === 'string');
  if (ids.length === 0) return {};
  const found = await store.orgsNamed(db, { ids });
  return Object.fromEntries(found.map((o) => [o.id, { code: o.code, kind: o.kind, name: { zh: o.name_zh, mn: o.name_mn } }]));
}

// ---------------------------------------------------------------------------------------------
// Reading

export type ListQuery = Record<string, string | number | undefined> & { orgId?: string; q?: string };

/**
 * The filter for lists, summaries and exports: the caller's scope (narrowed to one org's subtree when
 * asked; 404 for an org outside it), then `field=value` for enum and boolean filters and
 * `field_from` / `field_to` for date and number ranges. Unknown parameters are refused.
 */
export async function filterFor(ctx: AppContext, access: Access, def: ListDef, query: ListQuery, lang: Lang = 'zh'): Promise<store.RowFilter> {
  const scope = access.scope();
  let prefixes = scope;
  if (query.orgId) {
    const org = await orgs.getOrg(ctx, access, String(query.orgId));
    prefixes = scope.some((p) => org.path.startsWith(p)) ? [org.path] : [];
  }
  const f: store.RowFilter = { prefixes, eq: [], range: [] };
  const problems: Problem[] = [];
  for (const [name, raw] of Object.entries(query)) {
    if (raw === undefined || raw === '' || name === 'orgId' || name === 'q') continue;
    const m = /^(.+?)(_from|_to)?$/.exec(name)!;
    const field = fieldOf(def, m[1]!);
    const ranged = field && (field.type === 'date' || field.type === 'integer' || field.type === 'decimal');
    if (!field || !field.filter || field.personal || (m[2] ? !ranged : field.type !== 'enum' && field.type !== 'boolean')) {
      problems.push({ field: name, problem: 'unknown_filter', params: { value: name } });
      continue;
    }
    const { values, problems: bad } = parseFields(def, { [field.key]: raw }, [field.key], 'sheet', NO_ORGS);
    if (bad.length) problems.push(...bad);
    else {
      const v = toColumn(field, values[field.key] ?? null);
      if (v === null) continue;
      if (m[2]) f.range.push({ column: field.key, op: m[2] === '_from' ? '>=' : '<=', value: v });
      else f.eq.push({ column: field.key, value: v });
    }
  }
  if (problems.length) throw invalid(def, problems, lang);
  const text = query.q ? cleanText(String(query.q)) : '';
  if (text) f.q = { text, columns: def.fields.filter((x) => (x.type === 'text' || x.type === 'person') && !x.personal).map((x) => x.key) };
  return f;
}

const NO_ORGS: OrgLookup = { byId: new Map(), byCode: new Map(), byName: new Map(), visible: () => false };

export async function list(ctx: AppContext, access: Access, key: string, query: ListQuery & { limit: number; offset: number }, lang: Lang = 'zh') {
  const def = listDef(key);
  const { limit, offset, ...rest } = query;
  const f = await filterFor(ctx, access, def, rest, lang);
  const { rows, total } = await store.listRows(ctx.db.kysely, def, f, { column: def.order.field, dir: def.order.dir }, limit, offset);
  return { items: rows.map((r) => toDto(def, access, r)), total, orgs: await orgNames(ctx.db.kysely, def, rows) };
}

/** One row, or 404 when it does not exist or lies outside the caller's scope (the two look the same). */
async function load(ctx: AppContext, access: Access, def: ListDef, id: string): Promise<store.ListedRow> {
  const row = await store.findRow(ctx.db.kysely, def, id);
  if (!row) {
    access.requireUser();
    throw notFound();
  }
  access.authorize('registry.read', subject(def, row.org_path), { hide: true });
  return row;
}

export async function get(ctx: AppContext, access: Access, key: string, id: string) {
  const def = listDef(key);
  const row = await load(ctx, access, def, id);
  return { ...toDto(def, access, row), orgs: await orgNames(ctx.db.kysely, def, [row]) };
}

/** A row's personal values in full: only for those who write it, and written to the audit log. */
export async function personal(ctx: AppContext, access: Access, key: string, id: string, ip: string | null) {
  const def = listDef(key);
  const row = await load(ctx, access, def, id);
  access.authorize('registry.personal', subject(def, row.org_path));
  const fields = def.fields.filter((f) => f.personal);
  const v = valuesOf(def, row);
  await audit(ctx.db.kysely, {
    actorId: access.user.userId,
    action: `registry.${def.key}.personal`,
    entity: `registry.${def.key}`,
    entityId: id,
    orgId: String(row.org_id),
    after: { fields: fields.map((f) => f.key) },
    ip,
  });
  return { values: Object.fromEntries(fields.map((f) => [f.key, v[f.key] ?? null])) };
}

/** Every change of a row, newest first (also after it was deleted, to those who may read its org). */
export async function history(ctx: AppContext, access: Access, key: string, id: string) {
  const def = listDef(key);
  const [row, entries] = await Promise.all([store.findRow(ctx.db.kysely, def, id), store.historyOf(ctx.db.kysely, def.key, id)]);
  // The row's org decides while it exists; after a delete, the org it had when deleted.
  const orgPath = row?.org_path ?? entries[0]?.org_path;
  if (!orgPath) {
    access.requireUser();
    throw notFound();
  }
  access.authorize('registry.read', subject(def, orgPath), { hide: true });
  return entries.map((h) => {
    const before = h.before_json ? (JSON.parse(h.before_json) as Values) : null;
    const after = h.after_json ? (JSON.parse(h.after_json) as Values) : null;
    const changed = def.fields.filter((f) => (before?.[f.key] ?? null) !== (after?.[f.key] ?? null)).map((f) => f.key);
    return { id: h.id, action: h.action, at: h.at, actor: h.actor_id ? { id: h.actor_id, name: h.actor_name ?? null } : null, before, after, changed };
  });
}

/**
 * Totals for reports: rows in scope (with the list's filters), rows per value of each enum field,
 * sums of the numeric fields, and the headline share ("done 55 of 60 = 91 %", floored like the report).
 */
export async function summary(ctx: AppContext, access: Access, key: string, query: ListQuery, lang: Lang = 'zh') {
  const def = listDef(key);
  const f = await filterFor(ctx, access, def, query, lang);
  const enums = def.fields.filter((x) => x.type === 'enum' && !x.personal).map((x) => x.key);
  const sums = def.fields.filter((x) => (x.type === 'integer' || x.type === 'decimal') && !x.personal).map((x) => x.key);
  const s = await store.summarize(ctx.db.kysely, def, f, enums, sums);
  let headline: { field: string; value: string; count: number; total: number; percent: number } | null = null;
  if (def.headline) {
    const count = s.byEnum[def.headline.field]?.find((g) => g.value === def.headline!.value)?.n ?? 0;
    headline = { ...def.headline, count, total: s.total, percent: s.total ? Math.floor((count * 100) / s.total) : 0 };
  }
  const byEnum = Object.fromEntries(Object.entries(s.byEnum).map(([k, groups]) => [k, Object.fromEntries(groups.map((g) => [g.value ?? '', g.n]))]));
  return { total: s.total, byEnum, sums: s.sums, headline };
}

/** Every list with its definition (for the UI) and how many rows the caller sees in it. */
export async function index(ctx: AppContext, access: Access) {
  const scope = access.scope();
  const counts = await store.countsIn(ctx.db.kysely, LISTS, scope);
  return LISTS.map((def) => ({
    ...describeList(def),
    count: counts.get(def.key) ?? 0,
    canWrite: scope.length > 0 && access.scope(...writersOf(def.key)).length > 0,
  }));
}

/** A definition as the UI needs it: fields, types, enum values, which are required, personal, filters, columns. */
export function describeList(def: ListDef) {
  return {
    key: def.key,
    label: { zh: def.zh, en: def.en },
    title: def.title,
    headline: def.headline ?? null,
    transitions: def.transitions ? { field: def.transitions.field, allowed: Object.fromEntries(Object.entries(def.transitions.allowed).map(([k, v]) => [k, [...v]])) } : null,
    fields: def.fields.map((f) => ({
      key: f.key,
      type: f.type,
      label: { zh: f.zh, en: f.en },
      required: !!f.required,
      personal: !!f.personal,
      filter: !!f.filter,
      column: !!f.column,
      ...(f.type === 'enum' ? { values: f.values.map((v) => v.key) } : {}),
      ...(f.type === 'org' && f.kinds ? { kinds: [...f.kinds] } : {}),
      ...('min' in f && f.min !== undefined ? { min: f.min } : {}),
      ...('max' in f && f.max !== undefined ? { max: f.max } : {}),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** 400 with every problem in `details.problems` (field, code, message in the caller's language and in both). */
export function invalid(def: ListDef, problems: Problem[], lang: Lang): AppError {
  const all = problems.map((p) => describe(def, p, lang));
  return new AppError(400, 'registry.invalid', { count: all.length, firstZh: all[0]!.messages.zh, firstEn: all[0]!.messages.en }, { problems: all });
}

/** Orgs a batch refers to, resolved at once; orgs the caller cannot read look unknown. */
export async function orgLookup(db: Q, access: Access, def: ListDef, by: { ids?: string[]; codes?: string[]; names?: string[] }): Promise<OrgLookup> {
  const found = await store.orgsNamed(db, by);
  const byName = new Map<string, OrgRef[]>();
  for (const o of found) byName.set(o.name_zh, [...(byName.get(o.name_zh) ?? []), o]);
  return {
    byId: new Map(found.map((o) => [o.id, o])),
    byCode: new Map(found.map((o) => [o.code, o])),
    byName,
    visible: (o) => access.can('registry.read', subject(def, o.path)),
  };
}

const keyOf = (def: ListDef, v: Values | store.StoredRow) => JSON.stringify((def.unique ?? []).map((k) => v[k] ?? null));

/** Problems of rows whose unique key another row already has (`except`: the row being edited). */
export async function duplicates(db: Q, def: ListDef, rows: { values: Values; except?: string }[]): Promise<(Problem | null)[]> {
  if (!def.unique) return rows.map(() => null);
  const existing = await store.keysIn(db, def, [...new Set(rows.map((r) => String(r.values.org_id)))]);
  const taken = new Map(existing.map((r) => [keyOf(def, r), String(r.id)]));
  const last = def.unique[def.unique.length - 1]!;
  return rows.map((r) => {
    const owner = taken.get(keyOf(def, r.values));
    return owner && owner !== r.except ? { field: last, problem: 'duplicate', params: {} } : null;
  });
}

const historyRow = (def: ListDef, rowId: string, orgId: string, action: RegistryHistoryTable['action'], before: Values | null, after: Values | null, actorId: string, at: string): RegistryHistoryTable => ({
  id: newId(),
  list: def.key,
  row_id: rowId,
  org_id: orgId,
  action,
  before_json: before ? JSON.stringify(maskedValues(def, before)) : null,
  after_json: after ? JSON.stringify(maskedValues(def, after)) : null,
  actor_id: actorId,
  at,
});

/** A row for the table from complete API values. */
export function storedRow(def: ListDef, id: string, v: Values, actorId: string | null, at: string): store.StoredRow {
  const row: store.StoredRow = { id, created_at: at, created_by: actorId, updated_at: at, updated_by: actorId };
  for (const f of def.fields) row[f.key] = toColumn(f, v[f.key] ?? null);
  return row;
}

/** Writes new rows with their history and audit rows, inside the caller's transaction. */
export async function insertWithHistory(trx: Q, def: ListDef, rows: { id: string; values: Values }[], action: 'create' | 'import', actorId: string, ip: string | null) {
  const at = nowIso();
  await store.insertRows(trx, def, rows.map((r) => storedRow(def, r.id, r.values, actorId, at)));
  await store.insertHistory(trx, rows.map((r) => historyRow(def, r.id, String(r.values.org_id), action, null, r.values, actorId, at)));
  for (const r of rows) {
    await audit(trx, { actorId, action: `registry.${def.key}.${action}`, entity: `registry.${def.key}`, entityId: r.id, orgId: String(r.values.org_id), after: maskedValues(def, r.values), ip });
  }
}

const allKeys = (def: ListDef) => def.fields.map((f) => f.key);
const unknownKeys = (def: ListDef, input: Record<string, unknown>) => Object.keys(input).filter((k) => !fieldOf(def, k));

export async function create(ctx: AppContext, access: Access, key: string, input: Record<string, unknown>, opts: { lang: Lang; ip: string | null }) {
  const def = listDef(key);
  writeScope(access, def);
  const lookup = await orgLookup(ctx.db.kysely, access, def, { ids: orgInputs(def, input) });
  const parsed = parseFields(def, input, [...allKeys(def), ...unknownKeys(def, input)], 'json', lookup);
  const problems = [...parsed.problems, ...checkRow(def, parsed.values, localDay(), new Set(parsed.problems.map((p) => p.field)))];
  if (problems.length) throw invalid(def, problems, opts.lang);
  access.authorize('registry.write', subject(def, parsed.orgs.org_id!.path));
  const id = newId();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const [dup] = await duplicates(trx, def, [{ values: parsed.values }]);
    if (dup) throw invalid(def, [dup], opts.lang);
    await insertWithHistory(trx, def, [{ id, values: parsed.values }], 'create', access.user.userId, opts.ip);
  });
  return get(ctx, access, key, id);
}

const orgInputs = (def: ListDef, input: Record<string, unknown>) =>
  def.fields.filter((f) => f.type === 'org').map((f) => input[f.key]).filter((x): x is string => typeof x === 'string' && x.length <= 64);

/**
 * Changes some fields of a row. A personal field sent back exactly as the list showed it (masked)
 * is left as it is. The whole row is checked again (required fields, the list's rules), the status
 * change against the list's transitions, and a move to another org needs write access there too.
 * `expectedUpdatedAt` guards against overwriting someone else's change (409).
 */
export async function update(ctx: AppContext, access: Access, key: string, id: string, input: Record<string, unknown>, opts: { lang: Lang; ip: string | null; expectedUpdatedAt?: string }) {
  const def = listDef(key);
  const row = await load(ctx, access, def, id);
  access.authorize('registry.write', subject(def, row.org_path));
  const before = valuesOf(def, row);
  const shown = maskedValues(def, before);
  const keys = Object.keys(input).filter((k) => !(fieldOf(def, k)?.personal && input[k] === shown[k] && before[k] !== null));
  const lookup = await orgLookup(ctx.db.kysely, access, def, { ids: orgInputs(def, input) });
  const parsed = parseFields(def, input, keys, 'json', lookup);
  const after: Values = { ...before, ...parsed.values };
  const problems = [...parsed.problems, ...checkRow(def, after, localDay(), new Set(parsed.problems.map((p) => p.field)))];
  const t = def.transitions;
  if (t && before[t.field] !== after[t.field] && !(t.allowed[String(before[t.field])] ?? []).includes(String(after[t.field]))) {
    const f = fieldOf(def, t.field) as FieldDef & { type: 'enum' };
    const word = (v: Value, lang: 'zh' | 'en') => f.values.find((x) => x.key === v)?.[lang] ?? String(v);
    problems.push({ field: t.field, problem: 'bad_transition', params: { from: word(before[t.field] ?? null, 'zh'), to: word(after[t.field] ?? null, 'zh'), fromEn: word(before[t.field] ?? null, 'en'), toEn: word(after[t.field] ?? null, 'en') } });
  }
  if (problems.length) throw invalid(def, problems, opts.lang);
  if (parsed.orgs.org_id && parsed.orgs.org_id.id !== row.org_id) access.authorize('registry.write', subject(def, parsed.orgs.org_id.path));
  const changed = def.fields.filter((f) => before[f.key] !== after[f.key]);
  if (changed.length === 0) return get(ctx, access, key, id);
  const at = nowIso();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const current = await store.findRow(trx, def, id);
    if (!current) throw notFound();
    if (opts.expectedUpdatedAt && current.updated_at !== opts.expectedUpdatedAt) throw new AppError(409, 'registry.stale');
    const [dup] = await duplicates(trx, def, [{ values: after, except: id }]);
    if (dup) throw invalid(def, [dup], opts.lang);
    const patch: store.StoredRow = { updated_at: at, updated_by: access.user.userId };
    for (const f of changed) patch[f.key] = toColumn(f, after[f.key] ?? null);
    await store.updateRow(trx, def, id, patch);
    await store.insertHistory(trx, [historyRow(def, id, String(after.org_id), 'update', before, after, access.user.userId, at)]);
    await audit(trx, { actorId: access.user.userId, action: `registry.${def.key}.update`, entity: `registry.${def.key}`, entityId: id, orgId: String(after.org_id), before: maskedValues(def, before), after: maskedValues(def, after), ip: opts.ip });
  });
  return get(ctx, access, key, id);
}

export async function remove(ctx: AppContext, access: Access, key: string, id: string, ip: string | null): Promise<void> {
  const def = listDef(key);
  const row = await load(ctx, access, def, id);
  access.authorize('registry.write', subject(def, row.org_path));
  const before = valuesOf(def, row);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.deleteRow(trx, def, id);
    await store.insertHistory(trx, [historyRow(def, id, String(row.org_id), 'delete', before, null, access.user.userId, nowIso())]);
    await audit(trx, { actorId: access.user.userId, action: `registry.${def.key}.delete`, entity: `registry.${def.key}`, entityId: id, orgId: String(row.org_id), before: maskedValues(def, before), ip });
  });
}

// ---------------------------------------------------------------------------------------------
// Export

export const MAX_EXPORT_ROWS = 50_000;

/** The filtered list as spreadsheet rows (what the caller may see: scoped, personal values masked), with one audit row for the export. */
export async function exportRows(ctx: AppContext, access: Access, key: string, query: ListQuery, format: 'xlsx' | 'csv', ip: string | null, lang: Lang = 'zh') {
  const def = listDef(key);
  const f = await filterFor(ctx, access, def, query, lang);
  const { rows } = await store.listRows(ctx.db.kysely, def, f, { column: def.order.field, dir: def.order.dir }, MAX_EXPORT_ROWS, 0);
  const names = await orgNames(ctx.db.kysely, def, rows);
  const orgsOf = Object.fromEntries(Object.entries(names).map(([id, o]) => [id, { code: o.code, name: o.name.zh }]));
  const out = rows.map((r) => ({ values: maskedValues(def, valuesOf(def, r)), orgs: orgsOf, createdAt: String(r.created_at), updatedAt: String(r.updated_at) }));
  await audit(ctx.db.kysely, {
    actorId: access.user.userId,
    action: `registry.${def.key}.export`,
    entity: `registry.${def.key}`,
    entityId: null,
    orgId: query.orgId ? String(query.orgId) : access.user.orgId,
    after: { format, filter: query, rows: out.length },
    ip,
  });
  return { def, rows: out };
}
