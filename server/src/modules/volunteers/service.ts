import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { nowIso } from '../../kernel/db/time.js';
import { cleanText } from '../../kernel/text/clean.js';
import * as orgs from '../orgs/service.js';
import { maskPhone, normalizePhone } from '../stations/service.js';
import * as store from './store.js';
import { CHILD_AGE, CONSENT_TEXTS } from './consent.js';
import { ageOn, maskIdNumber, parseIdNumber } from './idcard.js';
import { VOLUNTEER_MANAGERS, type VolunteerSubject } from './policy.js';
import {
  VOLUNTEER_LANGUAGES,
  type ConsentChannel,
  type ConsentPurpose,
  type Gender,
  type VolunteerConsentTable,
  type VolunteerLanguage,
  type VolunteerStatus,
  type VolunteerTable,
} from './tables.js';

export type Row = NonNullable<Awaited<ReturnType<typeof store.findById>>>;

const subject = (orgPath: string): VolunteerSubject => ({ orgPath });

export interface VolunteerDto {
  id: string;
  orgId: string;
  org: { code: string; name: { zh: string; mn: string | null } };
  hasAccount: boolean;
  name: string;
  gender: Gender | null;
  /** Masked (138****5678) unless this is the caller's own record; the full number via /personal. */
  phone: string;
  /** Masked (152104********1234), null when none is stored (no consent). */
  idNumber: string | null;
  /** Only in the volunteer's own view; others get null and `hasHealthNote`. */
  healthNote: string | null;
  hasHealthNote: boolean;
  under14: boolean;
  skills: string[];
  fields: string[];
  languages: VolunteerLanguage[];
  status: VolunteerStatus;
  source: VolunteerTable['source'];
  reason: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Whether personal data in this record is masked. */
  masked: boolean;
  /** Whether the caller may open the unmasked, audited view. */
  canSeePersonal: boolean;
}

const words = (json: string): string[] => {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};
const langs = (s: string) => s.split(',').filter((x): x is VolunteerLanguage => (VOLUNTEER_LANGUAGES as readonly string[]).includes(x));

export function toDto(access: Access | null, v: Row, opts: { own?: boolean } = {}): VolunteerDto {
  const own = !!opts.own;
  return {
    id: v.id,
    orgId: v.org_id,
    org: { code: v.org_code, name: { zh: v.org_name_zh, mn: v.org_name_mn } },
    hasAccount: !!v.user_id,
    name: v.name,
    gender: v.gender,
    phone: own ? v.phone : maskPhone(v.phone),
    idNumber: v.id_number ? (own ? v.id_number : maskIdNumber(v.id_number)) : null,
    healthNote: own ? v.health_note : null,
    hasHealthNote: !!v.health_note,
    under14: v.under14 === 1,
    skills: words(v.skills),
    fields: words(v.fields),
    languages: langs(v.languages),
    status: v.status,
    source: v.source,
    reason: v.reason,
    decidedAt: v.decided_at,
    createdAt: v.created_at,
    updatedAt: v.updated_at,
    masked: !own,
    canSeePersonal: !own && !!access && access.can('volunteer.personal', subject(v.org_path)),
  };
}

/** What an audit row keeps of a volunteer: personal data masked (the log is read more widely). */
export const auditView = (v: Pick<VolunteerTable, 'name' | 'org_id' | 'phone' | 'id_number' | 'status' | 'gender' | 'under14' | 'languages' | 'skills' | 'fields'> & { health_note?: string | null }) => ({
  name: v.name,
  orgId: v.org_id,
  gender: v.gender,
  phone: maskPhone(v.phone),
  idNumber: v.id_number ? maskIdNumber(v.id_number) : null,
  healthNote: v.health_note ? '***' : null,
  under14: v.under14 === 1,
  languages: v.languages,
  skills: words(v.skills),
  fields: words(v.fields),
  status: v.status,
});

// ——— input checks (shared by the forms and the import) ———

export const MAX_WORDS = 20;
export const MAX_WORD = 30;

/** Free words as stored: cleaned, de-duplicated, at most MAX_WORDS of at most MAX_WORD characters each. */
export function cleanWords(xs: readonly string[] | undefined, field: string): string[] {
  const out: string[] = [];
  for (const x of xs ?? []) {
    const w = cleanText(x);
    if (!w) continue;
    if (w.length > MAX_WORD) throw new AppError(400, 'volunteer.word_too_long', { field, max: MAX_WORD });
    if (!out.includes(w)) out.push(w);
  }
  if (out.length > MAX_WORDS) throw new AppError(400, 'volunteer.too_many_words', { field, max: MAX_WORDS });
  return out;
}

/** Words typed in one cell or field: split at commas, Chinese enumeration commas, semicolons and slashes. */
export const splitWords = (s: string | undefined): string[] => (s ? s.split(/[,，、;；/|]+/) : []);

function cleanName(raw: string): string {
  const name = cleanText(raw);
  if (!name || name.length > 50) throw new AppError(400, 'volunteer.bad_name', { max: 50 });
  return name;
}

function cleanPhone(raw: string): string {
  const p = normalizePhone(raw);
  if (!p) throw new AppError(400, 'volunteer.bad_phone', { phone: raw });
  return p;
}

function cleanLanguages(xs: readonly VolunteerLanguage[] | undefined): string {
  const set = VOLUNTEER_LANGUAGES.filter((l) => (xs ?? []).includes(l));
  if (set.length === 0) throw new AppError(400, 'volunteer.languages_required');
  return set.join(',');
}

export interface ConsentInput {
  purpose: ConsentPurpose;
  /** The version of the text the person was shown; must be the current one. */
  textVersion: string;
  /** Who consented: the volunteer (default) or, for a child under 14, the guardian. */
  givenBy?: string;
}

export interface SensitiveInput {
  idNumber?: string | null;
  healthNote?: string | null;
  under14?: boolean;
  consents?: ConsentInput[];
}

interface SensitiveFields {
  id_number: string | null;
  health_note: string | null;
  under14: number;
  consents: { purpose: ConsentPurpose; textVersion: string; givenBy: string }[];
}

/**
 * The sensitive part of a registration, checked: an ID number or a health note only with a
 * separate consent to the current text for it; a child under 14 (declared, or shown by the ID
 * number's birth date) only with a guardian's consent naming the guardian. Without its consent a
 * sensitive field is refused, never stored.
 */
export function checkSensitive(input: SensitiveInput, name: string, opts: { guardianOnFile?: boolean; today?: Date } = {}): SensitiveFields {
  const today = opts.today ?? new Date();
  const consentFor = (purpose: ConsentPurpose) => input.consents?.find((c) => c.purpose === purpose);
  const accepted: SensitiveFields['consents'] = [];
  const take = (purpose: ConsentPurpose, needsGiver: boolean) => {
    const c = consentFor(purpose);
    if (!c) return null;
    if (c.textVersion !== CONSENT_TEXTS[purpose].version) throw new AppError(400, 'volunteer.consent_version', { purpose, version: CONSENT_TEXTS[purpose].version });
    const givenBy = c.givenBy ? cleanText(c.givenBy) : '';
    if (needsGiver && !givenBy) throw new AppError(400, 'volunteer.guardian_required');
    if (givenBy.length > 50) throw new AppError(400, 'volunteer.bad_name', { max: 50 });
    const row = { purpose, textVersion: c.textVersion, givenBy: givenBy || name };
    accepted.push(row);
    return row;
  };

  let idNumber: string | null = null;
  let birthDate: string | null = null;
  if (input.idNumber && input.idNumber.trim()) {
    const parsed = parseIdNumber(input.idNumber, today);
    if (!parsed.ok) throw new AppError(400, `volunteer.id.${parsed.problem}`);
    if (!take('id_number', false)) throw new AppError(400, 'volunteer.consent_required.id_number');
    idNumber = parsed.id.value;
    birthDate = parsed.id.birthDate;
  }
  let health: string | null = null;
  if (input.healthNote && input.healthNote.trim()) {
    health = cleanText(input.healthNote);
    if (health.length > 500) throw new AppError(400, 'volunteer.health_too_long', { max: 500 });
    if (!take('health', false)) throw new AppError(400, 'volunteer.consent_required.health');
  }
  const under14 = !!input.under14 || (birthDate !== null && ageOn(birthDate, today) < CHILD_AGE);
  if (under14 && !opts.guardianOnFile) {
    const c = consentFor('minor');
    if (!c || !c.givenBy?.trim()) throw new AppError(400, 'volunteer.guardian_required');
    take('minor', true);
  }
  return { id_number: idNumber, health_note: health, under14: under14 ? 1 : 0, consents: accepted };
}

const consentRows = (v: { id: string; org_id: string }, s: SensitiveFields, actorId: string | null, channel: ConsentChannel, at: string): VolunteerConsentTable[] =>
  s.consents.map((c) => ({
    id: newId(),
    volunteer_id: v.id,
    org_id: v.org_id,
    purpose: c.purpose,
    text_version: c.textVersion,
    given_by_name: c.givenBy,
    recorded_by: actorId,
    channel,
    given_at: at,
    withdrawn_at: null,
    withdrawn_by: null,
    withdraw_channel: null,
    withdraw_note: null,
  }));

// ——— reading ———

export interface ListQuery {
  orgId?: string;
  status?: VolunteerStatus;
  language?: VolunteerLanguage;
  q?: string;
  teamId?: string;
}

export async function filterFor(ctx: AppContext, access: Access, q: ListQuery): Promise<store.VolunteerFilter> {
  const scope = access.scope(...VOLUNTEER_MANAGERS);
  let prefixes = scope;
  if (q.orgId) {
    const org = await orgs.getOrg(ctx, access, q.orgId);
    prefixes = scope.some((p) => org.path.startsWith(p)) ? [org.path] : [];
  }
  const text = q.q ? cleanText(q.q) : '';
  return { prefixes, status: q.status, language: q.language, q: text || undefined, teamId: q.teamId };
}

export async function list(ctx: AppContext, access: Access, q: ListQuery & { limit: number; offset: number }) {
  const f = await filterFor(ctx, access, q);
  const { rows, total } = await store.list(ctx.db.kysely, f, q.limit, q.offset);
  return { total, items: rows.map((r) => toDto(access, r)) };
}

/** One volunteer for staff who may read it; 404 when missing or outside the caller's scope (alike). */
export async function load(ctx: AppContext, access: Access, id: string): Promise<Row> {
  const v = await store.findById(ctx.db.kysely, id);
  if (!v) {
    access.requireUser();
    throw notFound();
  }
  access.authorize('volunteer.read', subject(v.org_path), { hide: true });
  return v;
}

/** The caller's own record, or one they manage: for actions open to both (consents). */
async function loadOwnOrManaged(ctx: AppContext, access: Access, id: string): Promise<{ v: Row; own: boolean }> {
  const actor = access.requireUser();
  const v = await store.findById(ctx.db.kysely, id);
  if (v && v.user_id === actor.userId) return { v, own: true };
  if (!v) throw notFound();
  access.authorize('volunteer.manage', subject(v.org_path), { hide: true });
  return { v, own: false };
}

export async function get(ctx: AppContext, access: Access, id: string): Promise<VolunteerDto> {
  return toDto(access, await load(ctx, access, id));
}

/** The caller's own volunteer record, unmasked (it is their own data). */
export async function me(ctx: AppContext, access: Access): Promise<VolunteerDto> {
  const actor = access.requireUser();
  const v = await store.findByUser(ctx.db.kysely, actor.userId);
  if (!v) throw new AppError(404, 'volunteer.not_registered');
  return toDto(access, v, { own: true });
}

/** Full phone, ID number and health note: admins of the volunteer's subtree only, every look audited. */
export async function personal(ctx: AppContext, access: Access, id: string, ip: string | null) {
  const v = await load(ctx, access, id);
  access.authorize('volunteer.personal', subject(v.org_path));
  await audit(ctx.db.kysely, {
    actorId: access.user.userId,
    action: 'volunteer.personal.view',
    entity: 'volunteer',
    entityId: v.id,
    orgId: v.org_id,
    after: { fields: ['phone', ...(v.id_number ? ['idNumber'] : []), ...(v.health_note ? ['healthNote'] : [])] },
    ip,
  });
  return { id: v.id, name: v.name, phone: v.phone, idNumber: v.id_number, healthNote: v.health_note };
}

// ——— registering ———

export interface RegisterInput extends SensitiveInput {
  orgId: string;
  name: string;
  gender?: Gender | null;
  phone: string;
  skills?: string[];
  fields?: string[];
  languages: VolunteerLanguage[];
}

function baseRow(input: RegisterInput, orgId: string, now: string): Omit<VolunteerTable, 'id_number' | 'health_note' | 'under14' | 'status' | 'source' | 'user_id' | 'created_by' | 'decided_by' | 'decided_at'> {
  return {
    id: newId(),
    org_id: orgId,
    name: cleanName(input.name),
    gender: input.gender ?? null,
    phone: cleanPhone(input.phone),
    skills: JSON.stringify(cleanWords(input.skills, 'skills')),
    fields: JSON.stringify(cleanWords(input.fields, 'fields')),
    languages: cleanLanguages(input.languages),
    reason: null,
    created_at: now,
    updated_at: now,
  };
}

async function insertChecked(ctx: AppContext, row: VolunteerTable, consents: VolunteerConsentTable[], actorId: string, action: string, ip: string | null) {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (row.id_number && (await store.existingIdNumbers(trx, [row.id_number])).size) throw new AppError(409, 'volunteer.id_taken');
    if ((await store.existingPhones(trx, [row.phone])).has(`${row.org_id}|${row.phone}`)) throw new AppError(409, 'volunteer.phone_taken');
    if (row.user_id && (await store.findByUser(trx, row.user_id))) throw new AppError(409, 'volunteer.already_registered');
    await store.insertVolunteers(trx, [row]);
    await store.insertConsents(trx, consents);
    await audit(trx, { actorId, action, entity: 'volunteer', entityId: row.id, orgId: row.org_id, after: { ...auditView(row), consents: consents.map((c) => ({ purpose: c.purpose, textVersion: c.text_version, channel: c.channel })) }, ip });
  });
}

/**
 * A logged-in user registers themself as a volunteer of an org on the line of their home org (an
 * ancestor, itself or below) or in a subtree where they hold a role; pending until an admin or
 * organiser of the org approves.
 */
export async function register(ctx: AppContext, access: Access, input: RegisterInput, ip: string | null): Promise<VolunteerDto> {
  const actor = access.requireUser();
  const [orgPath, homePath] = await Promise.all([store.orgPathOf(ctx.db.kysely, input.orgId), store.orgPathOf(ctx.db.kysely, actor.orgId)]);
  if (!orgPath || !homePath) throw notFound();
  access.authorize('volunteer.join', { orgPath, homePath }, { hide: true });
  const now = nowIso();
  const base = baseRow(input, input.orgId, now);
  const s = checkSensitive(input, base.name);
  const row: VolunteerTable = { ...base, id_number: s.id_number, health_note: s.health_note, under14: s.under14, user_id: actor.userId, status: 'pending', source: 'self', created_by: actor.userId, decided_by: null, decided_at: null };
  await insertChecked(ctx, row, consentRows(row, s, actor.userId, 'self', now), actor.userId, 'volunteer.register', ip);
  return me(ctx, access);
}

/** An organiser adds a volunteer of an org they manage (from a paper form): approved at once. */
export async function create(ctx: AppContext, access: Access, input: RegisterInput, ip: string | null): Promise<VolunteerDto> {
  const org = await orgs.getOrg(ctx, access, input.orgId);
  access.authorize('volunteer.manage', subject(org.path));
  const actor = access.user;
  const now = nowIso();
  const base = baseRow(input, org.id, now);
  const s = checkSensitive(input, base.name);
  const row: VolunteerTable = { ...base, id_number: s.id_number, health_note: s.health_note, under14: s.under14, user_id: null, status: 'approved', source: 'organiser', created_by: actor.userId, decided_by: actor.userId, decided_at: now };
  await insertChecked(ctx, row, consentRows(row, s, actor.userId, 'organiser', now), actor.userId, 'volunteer.create', ip);
  return get(ctx, access, row.id);
}

export interface UpdateInput {
  name?: string;
  gender?: Gender | null;
  phone?: string;
  skills?: string[];
  fields?: string[];
  languages?: VolunteerLanguage[];
  orgId?: string;
}

/** Edits what is not sensitive (sensitive fields change only through consents). Moving needs volunteer.manage on both orgs. */
export async function update(ctx: AppContext, access: Access, id: string, input: UpdateInput, ip: string | null): Promise<VolunteerDto> {
  const v = await load(ctx, access, id);
  access.authorize('volunteer.manage', subject(v.org_path));
  const patch: Partial<VolunteerTable> = {};
  if (input.orgId !== undefined && input.orgId !== v.org_id) {
    const org = await orgs.getOrg(ctx, access, input.orgId);
    access.authorize('volunteer.manage', subject(org.path));
    patch.org_id = org.id;
  }
  if (input.name !== undefined) patch.name = cleanName(input.name);
  if (input.gender !== undefined) patch.gender = input.gender;
  if (input.phone !== undefined) patch.phone = cleanPhone(input.phone);
  if (input.skills !== undefined) patch.skills = JSON.stringify(cleanWords(input.skills, 'skills'));
  if (input.fields !== undefined) patch.fields = JSON.stringify(cleanWords(input.fields, 'fields'));
  if (input.languages !== undefined) patch.languages = cleanLanguages(input.languages);
  if (Object.keys(patch).length === 0) return toDto(access, v);
  patch.updated_at = nowIso();
  const after = { ...v, ...patch };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if ((patch.phone || patch.org_id) && (after.phone !== v.phone || after.org_id !== v.org_id) && (await store.existingPhones(trx, [after.phone])).has(`${after.org_id}|${after.phone}`)) {
      throw new AppError(409, 'volunteer.phone_taken');
    }
    await store.updateVolunteer(trx, id, patch);
    await audit(trx, { actorId: access.user.userId, action: 'volunteer.update', entity: 'volunteer', entityId: id, orgId: after.org_id, before: auditView(v), after: auditView(after), ip });
  });
  return get(ctx, access, id);
}

const TRANSITIONS: Record<'approve' | 'reject', { from: VolunteerStatus[]; to: VolunteerStatus }> = {
  approve: { from: ['pending', 'rejected'], to: 'approved' },
  reject: { from: ['pending', 'approved'], to: 'rejected' },
};

/** Join approval by the org's admin or organiser. */
export async function decide(ctx: AppContext, access: Access, id: string, action: 'approve' | 'reject', reason: string | null, ip: string | null): Promise<VolunteerDto> {
  const v = await load(ctx, access, id);
  access.authorize('volunteer.manage', subject(v.org_path));
  const t = TRANSITIONS[action];
  if (!t.from.includes(v.status)) throw new AppError(409, 'volunteer.bad_transition', { from: v.status, action });
  const now = nowIso();
  const patch = { status: t.to, decided_by: access.user.userId, decided_at: now, reason: reason ? cleanText(reason).slice(0, 500) : null, updated_at: now };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.updateVolunteer(trx, id, patch);
    await audit(trx, { actorId: access.user.userId, action: `volunteer.${action}`, entity: 'volunteer', entityId: id, orgId: v.org_id, before: { status: v.status }, after: { status: t.to, reason: patch.reason }, ip });
  });
  return get(ctx, access, id);
}

// ——— consents ———

export interface ConsentDto {
  id: string;
  purpose: ConsentPurpose;
  textVersion: string;
  givenBy: string;
  channel: ConsentChannel;
  givenAt: string;
  withdrawnAt: string | null;
  withdrawChannel: ConsentChannel | null;
  withdrawNote: string | null;
}

const consentDto = (c: VolunteerConsentTable): ConsentDto => ({
  id: c.id,
  purpose: c.purpose,
  textVersion: c.text_version,
  givenBy: c.given_by_name,
  channel: c.channel,
  givenAt: c.given_at,
  withdrawnAt: c.withdrawn_at,
  withdrawChannel: c.withdraw_channel,
  withdrawNote: c.withdraw_note,
});

export async function consents(ctx: AppContext, access: Access, id: string): Promise<ConsentDto[]> {
  const actor = access.requireUser();
  const v = await store.findById(ctx.db.kysely, id);
  if (!v) throw notFound();
  if (v.user_id !== actor.userId) access.authorize('volunteer.read', subject(v.org_path), { hide: true });
  return (await store.consentsOf(ctx.db.kysely, id)).map(consentDto);
}

export interface GiveConsentInput extends ConsentInput {
  /** The ID number or health note this consent is for (a guardian's consent carries none). */
  value?: string;
}

/** Records a consent and stores the field it covers, together; one consent per purpose in force at a time. */
export async function giveConsent(ctx: AppContext, access: Access, id: string, input: GiveConsentInput, ip: string | null): Promise<ConsentDto[]> {
  const { v, own } = await loadOwnOrManaged(ctx, access, id);
  if (input.purpose === 'minor') throw new AppError(400, 'volunteer.minor_at_registration');
  const s = checkSensitive(
    { idNumber: input.purpose === 'id_number' ? (input.value ?? '') : null, healthNote: input.purpose === 'health' ? (input.value ?? '') : null, under14: v.under14 === 1, consents: [input] },
    v.name,
    { guardianOnFile: v.under14 === 1 },
  );
  const field = input.purpose === 'id_number' ? s.id_number : s.health_note;
  if (!field) throw new AppError(400, 'volunteer.consent_value_required', { purpose: input.purpose });
  const actor = access.user;
  const now = nowIso();
  const rows = consentRows(v, s, actor.userId, own ? 'self' : 'organiser', now);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (await store.activeConsent(trx, id, input.purpose)) throw new AppError(409, 'volunteer.consent_exists', { purpose: input.purpose });
    if (input.purpose === 'id_number' && (await store.existingIdNumbers(trx, [field])).size) throw new AppError(409, 'volunteer.id_taken');
    await store.insertConsents(trx, rows);
    await store.updateVolunteer(trx, id, { ...(input.purpose === 'id_number' ? { id_number: field } : { health_note: field }), updated_at: now });
    await audit(trx, { actorId: actor.userId, action: 'volunteer.consent.give', entity: 'volunteer', entityId: id, orgId: v.org_id, after: { purpose: input.purpose, textVersion: input.textVersion, channel: own ? 'self' : 'organiser' }, ip });
  });
  return (await store.consentsOf(ctx.db.kysely, id)).map(consentDto);
}

/**
 * Withdraws a consent and erases what it covered, in one transaction: the ID number or the health
 * note; a guardian's withdrawal also erases both and deactivates the child's registration.
 */
export async function withdrawConsent(ctx: AppContext, access: Access, id: string, consentId: string, note: string | null, ip: string | null): Promise<ConsentDto[]> {
  const { v, own } = await loadOwnOrManaged(ctx, access, id);
  const all = await store.consentsOf(ctx.db.kysely, id);
  const c = all.find((x) => x.id === consentId);
  if (!c) throw notFound();
  if (c.withdrawn_at) throw new AppError(409, 'volunteer.consent_withdrawn');
  const actor = access.user;
  const now = nowIso();
  const channel: ConsentChannel = own ? 'self' : 'organiser';
  const erase: Partial<VolunteerTable> =
    c.purpose === 'id_number' ? { id_number: null } : c.purpose === 'health' ? { health_note: null } : { id_number: null, health_note: null, status: 'withdrawn' };
  const withdraw = { withdrawn_at: now, withdrawn_by: actor.userId, withdraw_channel: channel, withdraw_note: note ? cleanText(note).slice(0, 500) : null };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    // A guardian's withdrawal ends every consent the child's record rests on.
    for (const x of c.purpose === 'minor' ? all.filter((x) => !x.withdrawn_at) : [c]) await store.withdrawConsent(trx, x.id, withdraw);
    await store.updateVolunteer(trx, id, { ...erase, updated_at: now });
    await audit(trx, { actorId: actor.userId, action: 'volunteer.consent.withdraw', entity: 'volunteer', entityId: id, orgId: v.org_id, after: { purpose: c.purpose, channel, erased: Object.keys(erase).filter((k) => k !== 'status') }, ip });
  });
  return (await store.consentsOf(ctx.db.kysely, id)).map(consentDto);
}

/** Where the caller may register: the orgs on the line of their home org (its ancestors, itself and below). */
export async function joinableOrgs(ctx: AppContext, access: Access) {
  const actor = access.requireUser();
  const home = await store.orgPathOf(ctx.db.kysely, actor.orgId);
  if (!home) return [];
  const rows = await store.orgsOnLine(ctx.db.kysely, home, 2000);
  return rows.map((o) => ({ id: o.id, code: o.code, kind: o.kind, parentId: o.parent_id, name: { zh: o.name_zh, mn: o.name_mn } }));
}

export const consentTexts = () => Object.entries(CONSENT_TEXTS).map(([purpose, t]) => ({ purpose: purpose as ConsentPurpose, ...t }));

// ——— for the activities module (a module calls another's service, never its store) ———

export interface VolunteerRef {
  id: string;
  orgId: string;
  orgPath: string;
  userId: string | null;
  name: string;
  phone: string;
  status: VolunteerStatus;
  orgName: { zh: string; mn: string | null };
}

const ref = (v: Row): VolunteerRef => ({ id: v.id, orgId: v.org_id, orgPath: v.org_path, userId: v.user_id, name: v.name, phone: v.phone, status: v.status, orgName: { zh: v.org_name_zh, mn: v.org_name_mn } });

/** Volunteers by id (no access check: the caller checks the rows it shows). */
export async function refsByIds(ctx: AppContext, ids: string[]): Promise<Map<string, VolunteerRef>> {
  const rows = await store.findByIds(ctx.db.kysely, [...new Set(ids)]);
  return new Map(rows.map((v) => [v.id, ref(v)]));
}

/** The volunteer record of a user, if any. */
export async function refOfUser(ctx: AppContext, userId: string): Promise<VolunteerRef | null> {
  const v = await store.findByUser(ctx.db.kysely, userId);
  return v ? ref(v) : null;
}
