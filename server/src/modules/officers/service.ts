import path from 'node:path';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import type { Actor } from '../../kernel/scope/actor.js';
import { AppError, badRequest, conflict, messageFor, notFound, type ErrorCode, type Lang } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { nowIso } from '../../kernel/db/time.js';
import { cleanText } from '../../kernel/text/clean.js';
import { hashPassword } from '../../kernel/auth/password.js';
import { passwordProblem } from '../../kernel/auth/password-policy.js';
import * as content from '../content/service.js';
import * as media from '../media/service.js';
import * as events from '../events/service.js';
// Accounts for approved officers are created in the approval's transaction, with the password hash
// kept since registration; the users service only creates accounts from a plain password.
import * as users from '../users/store.js';
import * as store from './store.js';
import { OFFICER_CONFIG, chinaDay } from './config.js';
import { newOfficerCode, newRef, normalizePhone, REF_PATTERN } from './codes.js';
import { channelOf, isBot } from './clients.js';
import { pointsByOfficer, type OfficerPoints } from './points.js';
import { headerName, readSheet, type ColumnKey } from './sheet.js';
import { mongolianFontFile } from './font.js';
import { mongolianRenders, renderPoster } from './poster.js';
import type { OfficerAttributionTable, OfficerStatus, OfficerTable } from './tables.js';
import type { OfficerSubject } from './policy.js';

const cfg = OFFICER_CONFIG;

/** 13912345678 → 139****5678: enough to recognise, not enough to call. */
export const maskPhone = (p: string): string => (p.length >= 7 ? `${p.slice(0, 3)}${'*'.repeat(p.length - 7)}${p.slice(-4)}` : '*'.repeat(p.length));

/** Officers serve villages (嘎查村) and townships (苏木乡镇). */
const OFFICER_ORG_KINDS = new Set(['village', 'township']);

export interface Problem {
  field: string;
  code: ErrorCode;
  params: Record<string, string | number>;
}

const describe = (p: Problem, lang: Lang) => ({
  field: p.field,
  code: p.code,
  message: messageFor(p.code, p.params, lang),
  messages: { zh: messageFor(p.code, p.params, 'zh'), en: messageFor(p.code, p.params, 'en') },
});

/** Fresh officer codes not used by anyone yet (random; collisions are drawn again). */
async function freshCodes(ctx: AppContext, n: number): Promise<string[]> {
  const out = new Set<string>();
  for (let round = 0; out.size < n; round++) {
    if (round > 20) throw new Error('could not draw unique officer codes');
    const draw = new Set<string>();
    while (draw.size < n - out.size) {
      const c = newOfficerCode();
      if (!out.has(c)) draw.add(c);
    }
    const taken = await store.codesTaken(ctx.db.kysely, [...draw]);
    for (const c of draw) if (!taken.has(c)) out.add(c);
  }
  return [...out];
}

// ——— self-registration ———

export interface RegisterInput {
  name: string;
  phone: string;
  orgCode: string;
  password?: string;
}

/**
 * A villager signs up as an officer: checked in full (every problem reported at once, in the
 * caller's language), then stored as pending until the banner association approves. A password, if
 * given, becomes a login account on approval; until then only its hash is kept.
 */
export async function register(ctx: AppContext, input: RegisterInput, lang: Lang, ip: string | null): Promise<{ id: string; status: OfficerStatus }> {
  const db = ctx.db.kysely;
  const problems: Problem[] = [];
  const name = cleanText(input.name);
  if (!name || [...name].length > 50) problems.push({ field: 'name', code: 'officer.name_required', params: {} });
  const phone = normalizePhone(input.phone);
  if (!phone) problems.push({ field: 'phone', code: 'officer.phone_invalid', params: { phone: input.phone.slice(0, 32) } });
  else if ((await store.activePhonesTaken(db, [phone])).size > 0) problems.push({ field: 'phone', code: 'officer.phone_taken', params: {} });
  const orgCode = input.orgCode.trim();
  const [org] = await store.orgsByCodes(db, [orgCode]);
  if (!org) problems.push({ field: 'orgCode', code: 'officer.org_unknown', params: { code: orgCode.slice(0, 32) } });
  else if (!OFFICER_ORG_KINDS.has(org.kind)) problems.push({ field: 'orgCode', code: 'officer.org_kind', params: { code: orgCode } });
  if (input.password !== undefined && passwordProblem(input.password) !== null) problems.push({ field: 'password', code: 'officer.password_weak', params: {} });
  if (problems.length > 0) {
    throw new AppError(400, 'officer.registration_invalid', { count: problems.length, first: messageFor(problems[0]!.code, problems[0]!.params, lang) }, problems.map((p) => describe(p, lang)));
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const [code] = await freshCodes(ctx, 1);
  const now = nowIso();
  const row: OfficerTable = { id: newId(), code: code!, name, phone: phone!, org_id: org!.id, user_id: null, status: 'pending', approved_by: null, approved_at: null, created_at: now, updated_at: now };
  await db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: two sign-ups with one number at once.
    if ((await store.activePhonesTaken(trx, [row.phone])).size > 0) throw conflict('officer.phone_taken');
    await store.insertMany(trx, [row]);
    await store.insertApplications(trx, [{ officer_id: row.id, password_hash: passwordHash, source: 'register', reason: null }]);
    await audit(trx, { actorId: null, action: 'officer.register', entity: 'officer', entityId: row.id, orgId: row.org_id, after: { name, phone: maskPhone(row.phone), account: !!passwordHash }, ip });
  });
  return { id: row.id, status: row.status };
}

// ——— bulk import ———

export interface ImportReport {
  rows: number;
  valid: number;
  errors: { row: number; column: string; problem: string }[];
  created: number;
}

/**
 * Officers from an .xlsx sheet (姓名, 手机, 组织代码), imported by an admin of their banner (or
 * above), approved at once: the importer is the approving association. Every row is checked first;
 * on any problem nothing is written. `dryRun` checks only.
 */
export async function importOfficers(ctx: AppContext, access: Access, data: Buffer, opts: { dryRun: boolean; lang: Lang }, ip: string | null): Promise<ImportReport> {
  const actor = access.user;
  // The caller must manage officers somewhere; each row's org is checked against the same rule below.
  const scope = access.scope('admin');
  if (scope.length === 0) throw new AppError(403, 'forbidden');
  const sheet = await readSheet(data);
  if (!sheet.ok) {
    if ('missing' in sheet) throw new AppError(400, 'officer.import_header', { column: headerName(sheet.missing) });
    throw new AppError(400, 'officer.import_bad_file');
  }
  if (sheet.rows.length > cfg.importMaxRows) throw new AppError(400, 'officer.import_too_many', { max: cfg.importMaxRows });
  const db = ctx.db.kysely;
  const errors: ImportReport['errors'] = [];
  const bad = (row: number, column: ColumnKey, code: ErrorCode, params: Record<string, string | number> = {}) =>
    errors.push({ row, column: headerName(column), problem: messageFor(code, params, opts.lang) });
  const orgs = new Map((await store.orgsByCodes(db, sheet.rows.map((r) => r.values.orgCode).filter(Boolean))).map((o) => [o.code, o]));
  const phones = sheet.rows.map((r) => normalizePhone(r.values.phone)).filter((p): p is string => !!p);
  const taken = await store.activePhonesTaken(db, phones);
  const firstRowOf = new Map<string, number>();
  const rows: { name: string; phone: string; orgId: string }[] = [];
  for (const r of sheet.rows) {
    let ok = true;
    const name = cleanText(r.values.name);
    if (!name || [...name].length > 50) {
      bad(r.row, 'name', 'officer.name_required');
      ok = false;
    }
    const phone = normalizePhone(r.values.phone);
    if (!phone) {
      bad(r.row, 'phone', 'officer.phone_invalid', { phone: r.values.phone.slice(0, 32) });
      ok = false;
    } else if (firstRowOf.has(phone)) {
      bad(r.row, 'phone', 'officer.phone_duplicate', { row: firstRowOf.get(phone)! });
      ok = false;
    } else {
      firstRowOf.set(phone, r.row);
      if (taken.has(phone)) {
        bad(r.row, 'phone', 'officer.phone_taken');
        ok = false;
      }
    }
    const org = orgs.get(r.values.orgCode);
    if (!org) {
      bad(r.row, 'orgCode', 'officer.org_unknown', { code: r.values.orgCode.slice(0, 32) });
      ok = false;
    } else if (!access.can('officer.manage', { orgPath: org.path })) {
      // Outside the caller's area looks the same as unknown would to a stranger; to an admin it is named.
      bad(r.row, 'orgCode', 'officer.org_outside', { code: org.code });
      ok = false;
    } else if (!OFFICER_ORG_KINDS.has(org.kind)) {
      bad(r.row, 'orgCode', 'officer.org_kind', { code: org.code });
      ok = false;
    }
    if (ok) rows.push({ name, phone: phone!, orgId: org!.id });
  }
  const report: ImportReport = { rows: sheet.rows.length, valid: rows.length, errors, created: 0 };
  if (errors.length > 0 || opts.dryRun || rows.length === 0) return report;
  const codes = await freshCodes(ctx, rows.length);
  const now = nowIso();
  const officers: OfficerTable[] = rows.map((r, i) => ({
    id: newId(),
    code: codes[i]!,
    name: r.name,
    phone: r.phone,
    org_id: r.orgId,
    user_id: null,
    status: 'approved',
    approved_by: actor.userId,
    approved_at: now,
    created_at: now,
    updated_at: now,
  }));
  await db.transaction().execute(async (trx) => {
    const raced = await store.activePhonesTaken(trx, officers.map((o) => o.phone));
    if (raced.size > 0) throw conflict('officer.phone_taken');
    await store.insertMany(trx, officers);
    await store.insertApplications(trx, officers.map((o) => ({ officer_id: o.id, password_hash: null, source: 'import' as const, reason: null })));
    await audit(trx, { actorId: actor.userId, action: 'officer.import', entity: 'officer', entityId: null, orgId: actor.orgId, after: { created: officers.length, ids: officers.map((o) => o.id) }, ip });
  });
  report.created = officers.length;
  return report;
}

// ——— approval ———

export type Decision = 'approve' | 'reject' | 'suspend';
const NEXT: Record<Decision, { from: OfficerStatus[]; to: OfficerStatus }> = {
  approve: { from: ['pending', 'suspended'], to: 'approved' },
  reject: { from: ['pending'], to: 'rejected' },
  suspend: { from: ['approved'], to: 'suspended' },
};

type Profile = NonNullable<Awaited<ReturnType<typeof store.profile>>>;

/** The officer, or 404 when it does not exist or lies outside what the caller may read. */
async function loadReadable(ctx: AppContext, access: Access, id: string): Promise<Profile> {
  const o = await store.profile(ctx.db.kysely, id);
  if (!o) {
    access.requireUser();
    throw notFound();
  }
  const s: OfficerSubject = { orgPath: o.org_path };
  if (!access.can('officer.read', s) && !access.can('officer.manage', s)) throw notFound();
  return o;
}

export interface OfficerDto {
  id: string;
  code: string;
  name: string;
  phone: string;
  orgId: string;
  orgName: { zh: string; mn: string | null };
  status: OfficerStatus;
  approvedAt: string | null;
  createdAt: string;
  hasAccount: boolean;
  /** Whether the caller may see the full number (through the audited contact request). */
  canContact: boolean;
}

const toDto = (o: Profile, phone: string, canContact: boolean): OfficerDto => ({
  id: o.id,
  code: o.code,
  name: o.name,
  phone,
  orgId: o.org_id,
  orgName: { zh: o.org_name_zh, mn: o.org_name_mn },
  status: o.status,
  approvedAt: o.approved_at,
  createdAt: o.created_at,
  hasAccount: !!o.user_id,
  canContact,
});

/**
 * Approve (also reinstates a suspended officer), reject or suspend. Approving an officer who chose a
 * password at sign-up creates their login (username: the phone number, or officer-CODE when that is
 * taken) with the role `officer` on their org, in the same transaction.
 */
export async function decide(ctx: AppContext, access: Access, id: string, action: Decision, reason: string | null, ip: string | null): Promise<OfficerDto & { username: string | null }> {
  const o = await loadReadable(ctx, access, id);
  access.authorize('officer.manage', { orgPath: o.org_path });
  const actor = access.user;
  const step = NEXT[action];
  if (!step.from.includes(o.status)) throw new AppError(409, 'officer.bad_transition', { from: o.status, action });
  const now = nowIso();
  let username: string | null = null;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const app = await store.findApplication(trx, id);
    let userId = o.user_id;
    if (action === 'approve' && !userId && app?.password_hash) {
      username = (await users.findUserByUsername(trx, o.phone)) ? `officer-${o.code.toLowerCase()}` : o.phone;
      if (await users.findUserByUsername(trx, username)) throw conflict('user.username_taken', { username });
      userId = newId();
      await users.insertUser(trx, { id: userId, username, display_name: o.name, password_hash: app.password_hash, org_id: o.org_id, status: 'active', failed_logins: 0, locked_until: null, created_at: now, updated_at: now });
      await users.insertGrant(trx, { id: newId(), user_id: userId, org_id: o.org_id, role: 'officer', created_at: now, created_by: actor.userId });
      await audit(trx, { actorId: actor.userId, action: 'user.create', entity: 'user', entityId: userId, orgId: o.org_id, after: { id: userId, username, orgId: o.org_id, role: 'officer' }, ip });
    }
    await store.update(trx, id, {
      status: step.to,
      user_id: userId,
      updated_at: now,
      ...(action === 'approve' ? { approved_by: actor.userId, approved_at: now } : {}),
    });
    if (app) await store.updateApplication(trx, id, { password_hash: action === 'approve' ? null : app.password_hash, reason: action === 'approve' ? null : reason });
    await audit(trx, { actorId: actor.userId, action: `officer.${action}`, entity: 'officer', entityId: id, orgId: o.org_id, before: { status: o.status }, after: { status: step.to, reason }, ip });
  });
  const fresh = (await store.profile(ctx.db.kysely, id))!;
  return { ...toDto(fresh, maskPhone(fresh.phone), access.can('officer.contact', { orgPath: fresh.org_path })), username };
}

// ——— profiles ———

/** One officer for staff in scope; the phone is always masked here (the full number is a separate, audited request). */
export async function getOfficer(ctx: AppContext, access: Access, id: string): Promise<OfficerDto> {
  const o = await loadReadable(ctx, access, id);
  return toDto(o, maskPhone(o.phone), access.can('officer.contact', { orgPath: o.org_path }));
}

/** The full phone number, for admins who manage the officer; every look is written to the audit log. */
export async function contact(ctx: AppContext, access: Access, id: string, ip: string | null): Promise<{ id: string; name: string; phone: string }> {
  const o = await loadReadable(ctx, access, id);
  access.authorize('officer.contact', { orgPath: o.org_path });
  await audit(ctx.db.kysely, { actorId: access.user.userId, action: 'officer.contact', entity: 'officer', entityId: o.id, orgId: o.org_id, after: { field: 'phone' }, ip });
  return { id: o.id, name: o.name, phone: o.phone };
}

/** The logged-in user's own officer record; their device is remembered so that their own opens never count. */
async function currentOfficer(ctx: AppContext, access: Access, deviceHash: string | null): Promise<Profile> {
  const actor = access.requireUser();
  const o = await store.profileByUser(ctx.db.kysely, actor.userId);
  if (!o) throw new AppError(404, 'officer.not_officer');
  if (deviceHash) await store.rememberDevice(ctx.db.kysely, o.id, deviceHash, nowIso());
  return o;
}

async function activeOfficer(ctx: AppContext, access: Access, deviceHash: string | null): Promise<Profile> {
  const o = await currentOfficer(ctx, access, deviceHash);
  if (o.status !== 'approved') throw new AppError(403, 'officer.not_active', { status: o.status });
  return o;
}

export async function me(ctx: AppContext, access: Access, deviceHash: string | null) {
  const o = await currentOfficer(ctx, access, deviceHash);
  const today = chinaDay();
  const points = await pointsOf(ctx, o.id, today, today);
  // Their own number, unmasked: it is theirs.
  return { ...toDto(o, o.phone, false), today: { day: today, ...points } };
}

// ——— today's picks ———

export interface PickDto {
  id: string;
  resourceId: string;
  orgId: string;
  day: string;
  createdAt: string;
}

const toPickDto = (p: { id: string; resource_id: string; org_id: string; day: string; created_at: string }): PickDto => ({
  id: p.id,
  resourceId: p.resource_id,
  orgId: p.org_id,
  day: p.day,
  createdAt: p.created_at,
});

export async function addPick(ctx: AppContext, access: Access, input: { resourceId: string; orgId: string; day: string }, ip: string | null): Promise<PickDto> {
  const db = ctx.db.kysely;
  const org = await store.orgById(db, input.orgId);
  if (!org) {
    access.requireUser();
    throw notFound();
  }
  const s = { orgPath: org.path };
  if (!access.can('officer.read', s) && !access.can('officer.pick', s)) throw notFound();
  access.authorize('officer.pick', s);
  const state = (await content.resourcesForEvents(db, [input.resourceId])).get(input.resourceId);
  if (!state) throw notFound();
  if (!state.published) throw new AppError(409, 'content.not_published');
  if (await store.findPick(db, input.day, org.id, input.resourceId)) throw conflict('officer.pick_exists');
  const row = { id: newId(), resource_id: input.resourceId, org_id: org.id, day: input.day, created_by: access.user.userId, created_at: nowIso() };
  await db.transaction().execute(async (trx) => {
    await store.insertPick(trx, row);
    await audit(trx, { actorId: row.created_by, action: 'officer.pick', entity: 'officer_pick', entityId: row.id, orgId: org.id, after: toPickDto(row), ip });
  });
  return toPickDto(row);
}

export async function listPicks(ctx: AppContext, access: Access, day: string): Promise<PickDto[]> {
  const rows = await store.picksUnder(ctx.db.kysely, access.scope('admin'), day);
  return rows.map(toPickDto);
}

export async function deletePick(ctx: AppContext, access: Access, id: string, ip: string | null): Promise<void> {
  const p = await store.pickById(ctx.db.kysely, id);
  if (!p) {
    access.requireUser();
    throw notFound();
  }
  const s = { orgPath: p.org_path };
  if (!access.can('officer.read', s) && !access.can('officer.pick', s)) throw notFound();
  access.authorize('officer.pick', s);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.deletePick(trx, id);
    await audit(trx, { actorId: access.user.userId, action: 'officer.unpick', entity: 'officer_pick', entityId: id, orgId: p.org_id, before: toPickDto(p), ip });
  });
}

export const shareLink = (origin: string, code: string, resourceId: string) => `${origin}/s/${code}/${resourceId}`;

/** What a picked resource offers in the officer's app: its published versions, their personal link and poster. */
export async function myPicks(ctx: AppContext, access: Access, day: string | undefined, origin: string, deviceHash: string | null) {
  const o = await activeOfficer(ctx, access, deviceHash);
  const wanted = day ?? chinaDay();
  const picks = await store.picksFor(ctx.db.kysely, o.org_path, wanted);
  const out = [];
  const seen = new Set<string>();
  for (const p of picks) {
    if (seen.has(p.resource_id)) continue;
    seen.add(p.resource_id);
    const r = await content.getResource(ctx, access, p.resource_id).catch(() => null);
    const versions = (r?.versions ?? []).filter((v) => v.status === 'published');
    // Withdrawn since it was picked: nothing to share.
    if (!r || versions.length === 0) continue;
    out.push({
      resourceId: r.id,
      day: p.day,
      kind: r.kind,
      coverUrl: r.coverUrl,
      versions: versions.map((v) => ({ lang: v.lang, title: v.title, summary: v.summary, publishedAt: v.publishedAt })),
      shareUrl: shareLink(origin, o.code, r.id),
      posterUrl: `/api/officers/me/picks/${r.id}/poster.png`,
    });
  }
  return { day: wanted, officerCode: o.code, items: out };
}

const fontFiles = new Map<string, Promise<string | null>>();

/** The Mongolian font for posters, checked once per process to really render (never tofu); null if not. */
function posterFont(ctx: AppContext): Promise<string | null> {
  const dir = path.join(ctx.config.dataDir, 'fonts');
  let p = fontFiles.get(dir);
  if (!p) {
    p = (async () => {
      try {
        const file = mongolianFontFile(dir);
        if (await mongolianRenders(file)) return file;
        ctx.log.warn('officer posters: Mongolian does not render with the bundled font; posters carry the Chinese title only');
      } catch (err) {
        ctx.log.warn({ err }, 'officer posters: Mongolian font unavailable; posters carry the Chinese title only');
      }
      return null;
    })();
    fontFiles.set(dir, p);
  }
  return p;
}

async function readAll(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stream) {
    size += (c as Buffer).length;
    if (size > max) throw new Error('cover too large');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

async function coverOf(ctx: AppContext, access: Access, coverUrl: string | null): Promise<Buffer | null> {
  const m = coverUrl ? /^\/media\/([0-9a-f-]{36})\/(original|w\d+)$/.exec(coverUrl) : null;
  if (!m) return null;
  for (const file of ['w640', m[2]!]) {
    try {
      const f = await media.openFile(ctx, access, m[1]!, file);
      return await readAll(f.stream, 25 * 1024 * 1024);
    } catch {
      // try the next rendition
    }
  }
  return null;
}

/** The share poster (PNG) of a resource picked for this officer's area on any day. */
export async function poster(ctx: AppContext, access: Access, resourceId: string, origin: string, deviceHash: string | null): Promise<Buffer> {
  const o = await activeOfficer(ctx, access, deviceHash);
  const picked = (await store.picksFor(ctx.db.kysely, o.org_path, null)).some((p) => p.resource_id === resourceId);
  if (!picked) throw notFound();
  const r = await content.getResource(ctx, access, resourceId);
  const published = r.versions.filter((v) => v.status === 'published');
  const titleMn = published.find((v) => v.lang === 'mn-Mong')?.title ?? null;
  const titleZh = published.find((v) => v.lang === 'zh-Hans')?.title ?? null;
  if (!titleMn && !titleZh) throw notFound();
  return renderPoster({
    titleMn,
    titleZh,
    url: `${shareLink(origin, o.code, resourceId)}?from=poster`,
    officerName: o.name,
    orgName: o.org_name_zh,
    cover: await coverOf(ctx, access, r.coverUrl),
    mongolianFont: titleMn ? await posterFont(ctx) : null,
  });
}

// ——— attribution ———

export interface Visitor {
  actor: Actor | null;
  userAgent: string | undefined;
  /** sha256 of the device cookie, and whether the request carried one (else it was just issued). */
  deviceHash: string;
  devicePresented: boolean;
  /** sha256 of address and user agent. */
  clientHash: string;
}

export type NotCounted = 'officer' | 'bot' | 'self' | 'repeat' | 'no-open' | 'error';
export interface Outcome {
  counted: boolean;
  reason: NotCounted | null;
}

const windowStart = (now: Date) => new Date(now.getTime() - cfg.repeatWindowHours * 3600_000).toISOString();

async function isSelf(ctx: AppContext, officer: { id: string; userId: string | null }, v: Visitor): Promise<boolean> {
  if (v.actor && officer.userId && v.actor.userId === officer.userId) {
    await store.rememberDevice(ctx.db.kysely, officer.id, v.deviceHash, nowIso());
    return true;
  }
  return store.isOfficerDevice(ctx.db.kysely, officer.id, v.deviceHash);
}

/** Stores a counted action and reports it to the events module (totals, rollups); undone if the event is refused. */
const running = new Map<string, Promise<unknown>>();

/** Runs `fn` after any earlier call with the same key has finished (a per-key queue in this process). */
async function oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = running.get(key) ?? Promise.resolve();
  const mine = before.then(fn, fn);
  const tail = mine.catch(() => undefined);
  running.set(key, tail);
  try {
    return await mine;
  } finally {
    if (running.get(key) === tail) running.delete(key);
  }
}

async function count(ctx: AppContext, row: OfficerAttributionTable): Promise<boolean> {
  await store.insertAttribution(ctx.db.kysely, row);
  try {
    await events.ingest(ctx, [{ id: `officer-${row.id}`, kind: row.kind === 'read' ? 'read' : 'share-open', resourceId: row.resource_id, officerCode: row.officer_code, channel: row.channel, at: row.at }]);
    return true;
  } catch (err) {
    ctx.log.warn({ err, attribution: row.id }, 'officer attribution not counted: the event was refused');
    await store.deleteAttribution(ctx.db.kysely, row.id);
    return false;
  }
}

/**
 * Someone opened an officer's link `/s/CODE/RESOURCE` (or a reader's onward link with `?via=REF`).
 * Decides, on the server, whether it counts: not for unknown or unapproved officers, crawlers and
 * link previewers, the officer's own session or devices, nor for the same device (or, without a
 * device cookie, the same address and browser) opening the same officer's link to the same resource
 * again within the repeat window. A counted open gets a `ref` that the reader's onward link carries.
 * Returns where to send the reader.
 */
export async function openLink(
  ctx: AppContext,
  input: { code: string; resourceId: string; via?: string; from?: string; lang?: 'mn' | 'zh'; acceptLanguage?: string },
  v: Visitor,
  now = new Date(),
): Promise<{ location: string; outcome: Outcome } | null> {
  const db = ctx.db.kysely;
  const zh = await content.publishedPage(ctx, input.resourceId, 'zh-Hans');
  const langs = zh ? ['zh-Hans', ...zh.otherLangs] : ((await content.publishedPage(ctx, input.resourceId, 'mn-Mong')) ? ['mn-Mong'] : []);
  if (langs.length === 0) return null;
  const wantsMn = input.lang ? input.lang === 'mn' : /^mn/i.test((input.acceptLanguage ?? '').trim());
  const prefix = langs.includes('mn-Mong') && (wantsMn || !langs.includes('zh-Hans')) ? '/mn' : '';
  const page = `${prefix}/r/${input.resourceId}`;
  const done = (outcome: Outcome, ref?: string | null) => ({
    location: outcome.reason === 'officer' ? page : `${page}?o=${encodeURIComponent(input.code)}${ref ? `&via=${ref}` : ''}`,
    outcome,
  });

  const officer = (await store.byCodes(db, [input.code]))[0];
  if (!officer || officer.status !== 'approved') return done({ counted: false, reason: 'officer' });
  if (isBot(v.userAgent)) return done({ counted: false, reason: 'bot' });
  if (await isSelf(ctx, { id: officer.id, userId: officer.user_id }, v)) return done({ counted: false, reason: 'self' });

  // Two opens from one device at once (a double tap) must not both pass the repeat check: the check
  // and the write run one at a time per officer, resource and device in this process.
  const deviceKey = v.devicePresented ? v.deviceHash : v.clientHash;
  return oneAtATime(`${officer.id}|${input.resourceId}|${deviceKey}`, async () => {
    const since = windowStart(now);
    const opens: OfficerAttributionTable['kind'][] = ['share-open', 'reshare-open'];
    const before =
      (await store.lastAttribution(db, { officerId: officer.id, resourceId: input.resourceId, kinds: opens, since, deviceHash: v.deviceHash })) ??
      (v.devicePresented ? undefined : await store.lastAttribution(db, { officerId: officer.id, resourceId: input.resourceId, kinds: opens, since, clientHash: v.clientHash }));
    if (before) return done({ counted: false, reason: 'repeat' }, before.ref);

    // Second level: a reader's onward link, opened on another device than the reader's.
    let parent: OfficerAttributionTable | undefined;
    if (input.via && REF_PATTERN.test(input.via)) {
      const p = await store.attributionByRef(db, input.via);
      if (p && p.officer_id === officer.id && p.resource_id === input.resourceId && p.device_hash !== v.deviceHash) parent = p;
    }
    const at = now.toISOString();
    const row: OfficerAttributionTable = {
      id: newId(),
      officer_id: officer.id,
      officer_code: officer.code,
      org_id: officer.org_id,
      resource_id: input.resourceId,
      kind: parent ? 'reshare-open' : 'share-open',
      parent_id: parent?.id ?? null,
      ref: newRef(),
      device_hash: v.deviceHash,
      client_hash: v.clientHash,
      channel: channelOf(input.from, v.userAgent),
      at,
      day: chinaDay(now),
    };
    const counted = await count(ctx, row);
    return counted ? done({ counted: true, reason: null }, row.ref) : done({ counted: false, reason: 'error' });
  });
}

/**
 * A reader finished reading (the beacon at the end of the page was loaded). Counts once per device
 * per officer and resource within the window, and only after a counted open of that officer's link
 * on the same device: a read cannot be reported without the open it follows.
 */
export async function recordRead(ctx: AppContext, input: { code: string; resourceId: string }, v: Visitor, now = new Date()): Promise<Outcome> {
  const db = ctx.db.kysely;
  const officer = (await store.byCodes(db, [input.code]))[0];
  if (!officer || officer.status !== 'approved') return { counted: false, reason: 'officer' };
  if (isBot(v.userAgent)) return { counted: false, reason: 'bot' };
  if (!v.devicePresented) return { counted: false, reason: 'no-open' };
  if (await isSelf(ctx, { id: officer.id, userId: officer.user_id }, v)) return { counted: false, reason: 'self' };
  return oneAtATime(`${officer.id}|${input.resourceId}|${v.deviceHash}|read`, async () => {
    const since = windowStart(now);
    const base = { officerId: officer.id, resourceId: input.resourceId, since, deviceHash: v.deviceHash };
    const open = await store.lastAttribution(db, { ...base, kinds: ['share-open', 'reshare-open'] });
    if (!open) return { counted: false, reason: 'no-open' };
    if (await store.lastAttribution(db, { ...base, kinds: ['read'] })) return { counted: false, reason: 'repeat' };
    const row: OfficerAttributionTable = {
      id: newId(),
      officer_id: officer.id,
      officer_code: officer.code,
      org_id: officer.org_id,
      resource_id: input.resourceId,
      kind: 'read',
      parent_id: open.id,
      ref: null,
      device_hash: v.deviceHash,
      client_hash: v.clientHash,
      channel: open.channel,
      at: now.toISOString(),
      day: chinaDay(now),
    };
    return (await count(ctx, row)) ? { counted: true, reason: null } : { counted: false, reason: 'error' };
  });
}

// ——— points and leaderboards ———

const EMPTY: OfficerPoints = { points: 0, shareOpens: 0, reads: 0, reshareOpens: 0 };

async function pointsOf(ctx: AppContext, officerId: string, from: string, to: string): Promise<OfficerPoints> {
  const rows = await store.actionCounts(ctx.db.kysely, { from, to, officerId });
  const map = pointsByOfficer(rows.map((r) => ({ officerId: r.officer_id, day: r.day, kind: r.kind, n: Number(r.n) })), cfg);
  return map.get(officerId) ?? { ...EMPTY };
}

function checkRange(from: string, to: string): void {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (!Number.isFinite(days) || days < 0 || days > 366) throw badRequest('from and to: days with from not after to, at most 366 days apart');
}

/** The officer's own points: always available, whether or not their banner shows a leaderboard. */
export async function myPoints(ctx: AppContext, access: Access, q: { from: string; to: string }) {
  checkRange(q.from, q.to);
  const o = await currentOfficer(ctx, access, null);
  const rows = await store.actionCounts(ctx.db.kysely, { from: q.from, to: q.to, officerId: o.id });
  const counts = rows.map((r) => ({ officerId: r.officer_id, day: r.day, kind: r.kind, n: Number(r.n) }));
  const days = [...new Set(counts.map((c) => c.day))].sort().map((day) => ({ day, ...(pointsByOfficer(counts.filter((c) => c.day === day), cfg).get(o.id) ?? EMPTY) }));
  return { from: q.from, to: q.to, dailyCap: cfg.dailyCap, pointsPerAction: cfg.points, ...(pointsByOfficer(counts, cfg).get(o.id) ?? EMPTY), days };
}

/** Whether the leaderboard of an org is on: the nearest setting on its path (itself, then upwards) decides; on by default. */
async function leaderboardOn(ctx: AppContext, orgPath: string): Promise<boolean> {
  const ids = orgPath.split('/').filter(Boolean);
  const settings = new Map((await store.leaderboardSettings(ctx.db.kysely, ids)).map((s) => [s.org_id, s.enabled === 1]));
  for (let i = ids.length - 1; i >= 0; i--) {
    const s = settings.get(ids[i]!);
    if (s !== undefined) return s;
  }
  return true;
}

/**
 * Officers of an org's subtree (a banner, usually) ranked by points in a range. Seen by staff whose
 * scope covers the org and by those working below it; when switched off, only the admins who may
 * switch it (of that org or above) still see it, and for everyone else it does not exist.
 */
export async function leaderboard(ctx: AppContext, access: Access, q: { orgId: string; from: string; to: string; limit: number }) {
  checkRange(q.from, q.to);
  const db = ctx.db.kysely;
  const org = await store.orgById(db, q.orgId);
  if (!org) {
    access.requireUser();
    throw notFound();
  }
  const s = { orgPath: org.path };
  access.authorize('officer.leaderboard', s, { hide: true });
  const enabled = await leaderboardOn(ctx, org.path);
  if (!enabled && !access.can('officer.manage', s)) throw notFound();
  const rows = await store.actionCounts(db, { from: q.from, to: q.to, orgPrefix: org.path });
  const points = pointsByOfficer(rows.map((r) => ({ officerId: r.officer_id, day: r.day, kind: r.kind, n: Number(r.n) })), cfg);
  const top = [...points.entries()].sort((a, b) => b[1].points - a[1].points || a[0].localeCompare(b[0])).slice(0, q.limit);
  const names = new Map((await store.officerNames(db, top.map(([id]) => id))).map((n) => [n.id, n]));
  let rank = 0;
  let last = -1;
  const items = top.map(([id, p], i) => {
    if (p.points !== last) {
      rank = i + 1;
      last = p.points;
    }
    const n = names.get(id);
    return { rank, officerId: id, name: n?.name ?? '', orgId: n?.org_id ?? '', orgName: { zh: n?.org_name_zh ?? '', mn: n?.org_name_mn ?? null }, ...p };
  });
  return { orgId: org.id, enabled, from: q.from, to: q.to, items };
}

const LEADERBOARD_ORG_KINDS = new Set(['region', 'league', 'banner']);

export async function setLeaderboard(ctx: AppContext, access: Access, input: { orgId: string; enabled: boolean }, ip: string | null) {
  const db = ctx.db.kysely;
  const org = await store.orgById(db, input.orgId);
  if (!org) {
    access.requireUser();
    throw notFound();
  }
  const s = { orgPath: org.path };
  if (!access.can('officer.leaderboard', s)) throw notFound();
  access.authorize('officer.manage', s);
  if (!LEADERBOARD_ORG_KINDS.has(org.kind)) throw new AppError(400, 'officer.leaderboard_org', { kind: org.kind });
  const before = await leaderboardOn(ctx, org.path);
  const actor = access.user;
  await db.transaction().execute(async (trx) => {
    await store.setLeaderboard(trx, { org_id: org.id, enabled: input.enabled ? 1 : 0, updated_by: actor.userId, updated_at: nowIso() });
    await audit(trx, { actorId: actor.userId, action: 'officer.leaderboard', entity: 'org', entityId: org.id, orgId: org.id, before: { enabled: before }, after: { enabled: input.enabled }, ip });
  });
  return { orgId: org.id, enabled: input.enabled };
}
