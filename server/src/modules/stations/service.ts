import { localDay } from '../../kernel/db/time.js';
import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError, messageFor, notFound, type ErrorCode, type Lang } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { nowIso } from '../../kernel/db/time.js';
import { cleanText } from '../../kernel/text/clean.js';
import * as orgs from '../orgs/service.js';
import * as events from '../events/service.js';
import * as content from '../content/service.js';
import type { Lang as ContentLang } from '../content/tables.js';
import * as store from './store.js';
import { STATION_MANAGERS, type StationSubject } from './policy.js';
import { STATION_KINDS, STATION_STATUSES, type StationKind, type StationStatus, type StationTable } from './tables.js';
import { COLUMNS, KIND_WORDS, KIND_ZH, STATUS_WORDS, STATUS_ZH, readStationSheet, type ColumnKey, type ExportRow } from './sheet.js';

/** A station belongs to an administrative org where it stands: a banner, a township or a village. */
export const STATION_ORG_KINDS = ['banner', 'township', 'village'] as const;
const isStationOrgKind = (k: string) => (STATION_ORG_KINDS as readonly string[]).includes(k);
/** As the event API accepts it (kiosks send it with every event). */
export const CODE_PATTERN = /^[0-9A-Za-z_-]{1,32}$/;

type Row = NonNullable<Awaited<ReturnType<typeof store.findById>>>;

export interface StationDto {
  id: string;
  code: string;
  name: { zh: string; mn: string | null };
  orgId: string;
  org: { code: string; name: { zh: string; mn: string | null } };
  place: string | null;
  kind: StationKind;
  owner: { name: string | null; phone: string | null; phoneMasked: boolean };
  status: StationStatus;
  lastHeartbeatAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** 13912345678 → 139****5678, 04711234567 → 047****4567: enough to recognise, not enough to call. */
export const maskPhone = (p: string): string => (p.length >= 7 ? `${p.slice(0, 3)}${'*'.repeat(p.length - 7)}${p.slice(-4)}` : '*'.repeat(p.length));

/**
 * A phone number as stored: digits only. Mobile: 11 digits starting 1[3-9] (a +86/86 prefix is
 * dropped). Landline: area code starting 0 plus number, 10–12 digits. Anything else is null.
 */
export function normalizePhone(raw: string): string | null {
  let d = raw.replace(/[\s\-()（）]/g, '');
  if (/^\+?86(1\d{10})$/.test(d)) d = d.replace(/^\+?86/, '');
  if (/^1[3-9]\d{9}$/.test(d)) return d;
  if (/^0[1-9]\d{8,10}$/.test(d)) return d;
  return null;
}

const subject = (orgPath: string): StationSubject => ({ orgPath });

function toDto(access: Access, s: Row): StationDto {
  // The full number only for those who manage the station; everyone else sees it masked.
  const full = access.can('station.manage', subject(s.org_path));
  return {
    id: s.id,
    code: s.code,
    name: { zh: s.name_zh, mn: s.name_mn },
    orgId: s.org_id,
    org: { code: s.org_code, name: { zh: s.org_name_zh, mn: s.org_name_mn } },
    place: s.place,
    kind: s.kind,
    owner: { name: s.owner_name, phone: s.owner_phone && !full ? maskPhone(s.owner_phone) : s.owner_phone, phoneMasked: !!s.owner_phone && !full },
    status: s.status,
    lastHeartbeatAt: s.last_heartbeat_at,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
  };
}

/** What an audit row keeps of a station (the owner's phone masked: the log is read more widely than the registry). */
const auditView = (s: Pick<StationTable, 'code' | 'name_zh' | 'name_mn' | 'org_id' | 'place' | 'kind' | 'owner_name' | 'owner_phone' | 'status'>) => ({
  code: s.code,
  name: { zh: s.name_zh, mn: s.name_mn },
  orgId: s.org_id,
  place: s.place,
  kind: s.kind,
  owner: { name: s.owner_name, phone: s.owner_phone ? maskPhone(s.owner_phone) : null },
  status: s.status,
});

export interface ListQuery {
  orgId?: string;
  status?: StationStatus;
  kind?: StationKind;
  q?: string;
  /** Only stations silent for more than this many hours (last heartbeat older, or none ever). */
  silentHours?: number;
}

/** The filter for lists and exports: the caller's scope, narrowed to one org's subtree when asked (404 outside scope). */
async function filterFor(ctx: AppContext, access: Access, q: ListQuery, now = new Date()): Promise<store.StationFilter> {
  const scope = access.scope();
  let prefixes = scope;
  if (q.orgId) {
    const org = await orgs.getOrg(ctx, access, q.orgId);
    prefixes = scope.some((p) => org.path.startsWith(p)) ? [org.path] : [];
  }
  const text = q.q ? cleanText(q.q) : '';
  return {
    prefixes,
    status: q.status,
    kind: q.kind,
    q: text || undefined,
    silentBefore: q.silentHours !== undefined ? new Date(now.getTime() - q.silentHours * 3_600_000).toISOString() : undefined,
  };
}

export async function list(ctx: AppContext, access: Access, q: ListQuery & { limit: number; offset: number }) {
  const f = await filterFor(ctx, access, q);
  const { rows, total } = await store.list(ctx.db.kysely, f, q.limit, q.offset);
  return { total, items: rows.map((r) => toDto(access, r)) };
}

/** One station, or 404 when it does not exist or lies outside the caller's scope (the two look the same). */
async function load(ctx: AppContext, access: Access, id: string): Promise<Row> {
  const s = await store.findById(ctx.db.kysely, id);
  if (!s) {
    access.requireUser();
    throw notFound();
  }
  access.authorize('station.read', subject(s.org_path), { hide: true });
  return s;
}

export async function get(ctx: AppContext, access: Access, id: string): Promise<StationDto> {
  return toDto(access, await load(ctx, access, id));
}

/** The owner's full phone number: a separate request, allowed to station managers and written to the audit log. */
export async function contact(ctx: AppContext, access: Access, id: string, ip: string | null) {
  const s = await load(ctx, access, id);
  access.authorize('station.contact', subject(s.org_path));
  await audit(ctx.db.kysely, { actorId: access.user.userId, action: 'station.contact.view', entity: 'station', entityId: s.id, orgId: s.org_id, ip });
  return { name: s.owner_name, phone: s.owner_phone };
}

/** The org a station is placed in: visible to the caller (else 404), of a station kind, managed by the caller (else 403). */
async function placeIn(ctx: AppContext, access: Access, orgId: string) {
  const org = await orgs.getOrg(ctx, access, orgId);
  if (!isStationOrgKind(org.kind)) throw new AppError(400, 'station.org_kind', { kind: org.kind });
  access.authorize('station.manage', subject(org.path));
  return org;
}

function cleanName(zh: string, field: string): string {
  const v = cleanText(zh);
  if (!v) throw new AppError(400, 'station.required', { field });
  return v;
}

const optText = (v: string | null | undefined) => (v ? cleanText(v) || null : null);

function phoneOrNull(raw: string | null | undefined): string | null {
  if (!raw || !raw.trim()) return null;
  const p = normalizePhone(raw);
  if (!p) throw new AppError(400, 'station.bad_phone', { phone: raw });
  return p;
}

export interface CreateInput {
  code: string;
  name: { zh: string; mn?: string | null };
  orgId: string;
  place?: string | null;
  kind: StationKind;
  owner?: { name?: string | null; phone?: string | null };
  status?: StationStatus;
}

export async function create(ctx: AppContext, access: Access, input: CreateInput, ip: string | null): Promise<StationDto> {
  const org = await placeIn(ctx, access, input.orgId);
  const code = input.code.trim();
  if (!CODE_PATTERN.test(code)) throw new AppError(400, 'station.bad_code', { code });
  const now = nowIso();
  const row: StationTable = {
    id: newId(),
    code,
    name_zh: cleanName(input.name.zh, 'name.zh'),
    name_mn: optText(input.name.mn),
    org_id: org.id,
    place: optText(input.place),
    kind: input.kind,
    owner_name: optText(input.owner?.name),
    owner_phone: phoneOrNull(input.owner?.phone),
    status: input.status ?? 'active',
    last_heartbeat_at: null,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if ((await store.existingCodes(trx, [code])).size) throw new AppError(409, 'station.code_taken', { code });
    await store.insertMany(trx, [row]);
    await audit(trx, { actorId: access.user.userId, action: 'station.create', entity: 'station', entityId: row.id, orgId: org.id, after: auditView(row), ip });
  });
  return get(ctx, access, row.id);
}

export interface UpdateInput {
  name?: { zh?: string; mn?: string | null };
  orgId?: string;
  place?: string | null;
  kind?: StationKind;
  owner?: { name?: string | null; phone?: string | null };
  status?: StationStatus;
}

/**
 * Edits a station. The code is not editable: kiosks report it with every event and the uptime history
 * is kept under it. Moving to another org needs station.manage on both orgs.
 */
export async function update(ctx: AppContext, access: Access, id: string, input: UpdateInput, ip: string | null): Promise<StationDto> {
  const s = await load(ctx, access, id);
  access.authorize('station.manage', subject(s.org_path));
  const patch: Partial<StationTable> = {};
  if (input.orgId !== undefined && input.orgId !== s.org_id) patch.org_id = (await placeIn(ctx, access, input.orgId)).id;
  if (input.name?.zh !== undefined) patch.name_zh = cleanName(input.name.zh, 'name.zh');
  if (input.name && input.name.mn !== undefined) patch.name_mn = optText(input.name.mn);
  if (input.place !== undefined) patch.place = optText(input.place);
  if (input.kind !== undefined) patch.kind = input.kind;
  if (input.owner?.name !== undefined) patch.owner_name = optText(input.owner.name);
  if (input.owner?.phone !== undefined) patch.owner_phone = phoneOrNull(input.owner.phone);
  if (input.status !== undefined) patch.status = input.status;
  if (Object.keys(patch).length === 0) return toDto(access, s);
  patch.updated_at = nowIso();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.update(trx, id, patch);
    await audit(trx, {
      actorId: access.user.userId,
      action: 'station.update',
      entity: 'station',
      entityId: id,
      orgId: patch.org_id ?? s.org_id,
      before: auditView(s),
      after: auditView({ ...s, ...patch }),
      ip,
    });
  });
  return get(ctx, access, id);
}

// ---------------------------------------------------------------------------------------------
// Bulk import

export const MAX_IMPORT_ROWS = 10_000;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export type ImportProblem =
  | 'missing_column'
  | 'required'
  | 'too_long'
  | 'bad_code'
  | 'duplicate_in_file'
  | 'code_taken'
  | 'org_not_found'
  | 'org_kind'
  | 'bad_kind'
  | 'bad_status'
  | 'bad_phone';

export interface ImportError {
  /** Excel's row number (the header is row 1). */
  row: number;
  /** The column's header as written in the file (the template's Chinese header when the column is missing). */
  column: string;
  problem: ImportProblem;
  /** The problem in the caller's language, and in both. */
  message: string;
  messages: { zh: string; en: string };
}

export interface ImportReport {
  rows: number;
  valid: number;
  errors: ImportError[];
  created: number;
}

const MAX_LEN: Partial<Record<ColumnKey, number>> = { name_zh: 200, name_mn: 400, place: 300, owner_name: 100 };

/**
 * Checks a whole station sheet and, when `dryRun` is false and nothing is wrong, creates every station
 * in one transaction (with one audit row each). With any error nothing is written. Checks: required
 * columns and cells, lengths, code shape, duplicate codes inside the file and against the registry,
 * the org (exists, is a banner/township/village, and the caller manages it: unknown and out-of-scope
 * look the same), kind, status and phone.
 */
export async function importSheet(ctx: AppContext, access: Access, file: string, opts: { dryRun: boolean; lang: Lang; ip: string | null }): Promise<ImportReport> {
  const scope = access.scope(...STATION_MANAGERS);
  if (scope.length === 0) throw new AppError(403, 'forbidden');
  let sheet: Awaited<ReturnType<typeof readStationSheet>>;
  try {
    sheet = await readStationSheet(file, MAX_IMPORT_ROWS);
  } catch (err) {
    // A zip bomb's own 413 says more than "unreadable".
    if (err instanceof AppError) throw err;
    throw new AppError(400, 'station.import_unreadable');
  }
  if (sheet.rows.length > MAX_IMPORT_ROWS) throw new AppError(400, 'station.import_too_many', { max: MAX_IMPORT_ROWS });
  const errors: ImportError[] = [];
  const columnName = (k: ColumnKey) => sheet.headers[k] ?? COLUMNS.find((c) => c.key === k)!.zh;
  const fail = (row: number, col: ColumnKey, problem: ImportProblem, params: Record<string, string | number> = {}) => {
    const code = `station.import.${problem}` as ErrorCode;
    const p = { column: columnName(col), ...params };
    errors.push({ row, column: columnName(col), problem, message: messageFor(code, p, opts.lang), messages: { zh: messageFor(code, p, 'zh'), en: messageFor(code, p, 'en') } });
  };
  for (const k of sheet.missing) fail(1, k, 'missing_column');
  if (sheet.missing.length) return { rows: sheet.rows.length, valid: 0, errors, created: 0 };

  const run = async (db: typeof ctx.db.kysely): Promise<{ report: ImportReport; rows: StationTable[] }> => {
    const codes = sheet.rows.map((r) => r.values.code ?? '').filter(Boolean);
    const [taken, orgRows] = await Promise.all([
      store.existingCodes(db, [...new Set(codes)]),
      store.orgsByCodes(db, [...new Set(sheet.rows.map((r) => r.values.org_code ?? '').filter(Boolean))]),
    ]);
    const orgByCode = new Map(orgRows.map((o) => [o.code, o]));
    const firstRowOf = new Map<string, number>();
    const now = nowIso();
    const out: StationTable[] = [];
    let valid = 0;
    for (const { row, values: v } of sheet.rows) {
      const before = errors.length;
      for (const c of COLUMNS) if (c.required && !v[c.key]) fail(row, c.key, 'required');
      for (const [k, max] of Object.entries(MAX_LEN) as [ColumnKey, number][]) if ((v[k]?.length ?? 0) > max) fail(row, k, 'too_long', { max });
      const code = v.code ?? '';
      if (code) {
        if (!CODE_PATTERN.test(code)) fail(row, 'code', 'bad_code', { value: code });
        else if (firstRowOf.has(code)) fail(row, 'code', 'duplicate_in_file', { value: code, first: firstRowOf.get(code)! });
        else if (taken.has(code)) fail(row, 'code', 'code_taken', { value: code });
        if (!firstRowOf.has(code)) firstRowOf.set(code, row);
      }
      const org = v.org_code ? orgByCode.get(v.org_code) : undefined;
      if (v.org_code) {
        // Unknown and outside the caller's reach answer alike, so an import cannot probe other banners.
        if (!org || !access.can('station.manage', subject(org.path))) fail(row, 'org_code', 'org_not_found', { value: v.org_code });
        else if (!isStationOrgKind(org.kind)) fail(row, 'org_code', 'org_kind', { value: v.org_code });
      }
      const kind = v.kind ? (KIND_WORDS[v.kind] ?? KIND_WORDS[v.kind.toLowerCase()]) : undefined;
      if (v.kind && !kind) fail(row, 'kind', 'bad_kind', { value: v.kind });
      const status = v.status ? (STATUS_WORDS[v.status] ?? STATUS_WORDS[v.status.toLowerCase()]) : 'active';
      if (!status) fail(row, 'status', 'bad_status', { value: v.status ?? '' });
      const phone = v.owner_phone ? normalizePhone(v.owner_phone) : null;
      if (v.owner_phone && !phone) fail(row, 'owner_phone', 'bad_phone', { value: v.owner_phone });
      const nameZh = v.name_zh ? cleanText(v.name_zh) : '';
      if (errors.length > before || !org || !kind || !status || !nameZh) continue;
      valid++;
      out.push({
        id: newId(),
        code,
        name_zh: nameZh,
        name_mn: optText(v.name_mn),
        org_id: org.id,
        place: optText(v.place),
        kind,
        owner_name: optText(v.owner_name),
        owner_phone: phone,
        status,
        last_heartbeat_at: null,
        created_at: now,
        updated_at: now,
      });
    }
    return { report: { rows: sheet.rows.length, valid, errors, created: 0 }, rows: out };
  };

  if (opts.dryRun) return (await run(ctx.db.kysely)).report;
  // Validated again inside the transaction that writes, so a code taken in the meantime is caught too.
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { report, rows } = await run(trx);
    if (report.errors.length > 0 || rows.length === 0) return report;
    await store.insertMany(trx, rows);
    for (const r of rows) {
      await audit(trx, { actorId: access.user.userId, action: 'station.import', entity: 'station', entityId: r.id, orgId: r.org_id, after: auditView(r), ip: opts.ip });
    }
    return { ...report, created: rows.length };
  });
}

// ---------------------------------------------------------------------------------------------
// Export

export const MAX_EXPORT_ROWS = 50_000;

/** The filtered list in the spreadsheet's columns (phones masked as in the list), with one audit row for the export. */
export async function exportRows(ctx: AppContext, access: Access, q: ListQuery, format: 'xlsx' | 'csv', ip: string | null): Promise<ExportRow[]> {
  const f = await filterFor(ctx, access, q);
  const { rows } = await store.list(ctx.db.kysely, f, MAX_EXPORT_ROWS, 0);
  const out = rows.map((r) => {
    const d = toDto(access, r);
    return {
      code: d.code,
      name_zh: d.name.zh,
      name_mn: d.name.mn ?? '',
      org_code: d.org.code,
      place: d.place ?? '',
      kind: KIND_ZH[d.kind],
      owner_name: d.owner.name ?? '',
      owner_phone: d.owner.phone ?? '',
      status: STATUS_ZH[d.status],
      org_name: d.org.name.zh,
      last_heartbeat_at: d.lastHeartbeatAt ?? '',
    };
  });
  await audit(ctx.db.kysely, {
    actorId: access.user.userId,
    action: 'station.export',
    entity: 'station',
    entityId: null,
    orgId: q.orgId ?? access.user.orgId,
    after: { format, filter: q, rows: out.length },
    ip,
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Uptime

/** Kiosks and screens send one heartbeat per minute while they are on, so heartbeats in a day ≈ minutes up. */
export const HEARTBEATS_PER_MINUTE = 1;
const MINUTES_PER_DAY = 24 * 60;
export const MAX_UPTIME_DAYS = 366;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

function* daysBetween(from: string, to: string) {
  for (let d = new Date(`${from}T00:00:00Z`); dayOf(d) <= to; d = new Date(d.getTime() + 86_400_000)) yield dayOf(d);
}

/**
 * Uptime per day (local days in Inner Mongolia, as the rollups are kept) from the heartbeat rollups: every day of the range,
 * with its heartbeats and the minutes they stand for (at most a day's worth). Default: the last 30 days.
 */
export async function uptime(ctx: AppContext, access: Access, id: string, q: { from?: string; to?: string }, now = new Date()) {
  const s = await load(ctx, access, id);
  const to = q.to ?? localDay(now);
  const from = q.from ?? dayOf(new Date(new Date(`${to}T00:00:00Z`).getTime() - 29 * 86_400_000));
  const valid = (d: string) => DAY.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && dayOf(new Date(`${d}T00:00:00Z`)) === d;
  if (!valid(from) || !valid(to) || from > to) throw new AppError(400, 'station.bad_range', { max: MAX_UPTIME_DAYS });
  const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (span > MAX_UPTIME_DAYS) throw new AppError(400, 'station.bad_range', { max: MAX_UPTIME_DAYS });
  const beats = await events.stationHeartbeatsByDay(ctx, { stationCode: s.code, from, to });
  return [...daysBetween(from, to)].map((day) => {
    const heartbeats = beats.get(day) ?? 0;
    return { day, heartbeats, minutes: Math.min(MINUTES_PER_DAY, Math.floor(heartbeats / HEARTBEATS_PER_MINUTE)) };
  });
}

// ---------------------------------------------------------------------------------------------
// Playlist (public: the kiosk asks for it without a login)

/** The station's name and the e-station channel of published resources; null for an unknown or retired station. */
export async function playlist(ctx: AppContext, code: string, opts: { lang?: ContentLang; limit: number }) {
  const s = await store.findByCode(ctx.db.kysely, code);
  if (!s || s.status === 'retired') return null;
  const items = await content.estationFeed(ctx, opts);
  return {
    station: { code: s.code, name: { zh: s.name_zh, mn: s.name_mn }, kind: s.kind, status: s.status },
    generatedAt: new Date().toISOString(),
    items,
  };
}

export { STATION_KINDS, STATION_STATUSES };
