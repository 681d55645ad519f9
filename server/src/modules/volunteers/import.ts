import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError, messageFor, type ErrorCode, type Lang } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { nowIso } from '../../kernel/db/time.js';
import { cleanText } from '../../kernel/text/clean.js';
import { normalizePhone } from '../stations/service.js';
import * as store from './store.js';
import { CHILD_AGE, CONSENT_TEXTS } from './consent.js';
import { ageOn, parseIdNumber } from './idcard.js';
import { VOLUNTEER_MANAGERS } from './policy.js';
import { auditView, filterFor, MAX_WORD, MAX_WORDS, splitWords, toDto } from './service.js';
import { COLUMNS, GENDER_WORDS, GENDER_ZH, LANGUAGE_WORDS, LANGUAGES_ZH, NO, readVolunteerSheet, STATUS_ZH, YES, type ColumnKey, type ExportRow } from './sheet.js';
import type { VolunteerConsentTable, VolunteerTable } from './tables.js';

export const MAX_IMPORT_ROWS = 10_000;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export type ImportProblem =
  | 'missing_column'
  | 'required'
  | 'too_long'
  | 'bad_phone'
  | 'bad_gender'
  | 'bad_language'
  | 'bad_yes_no'
  | 'bad_words'
  | 'org_not_found'
  | 'bad_id'
  | 'id_taken'
  | 'phone_taken'
  | 'duplicate_in_file'
  | 'consent_missing'
  | 'guardian_required';

export interface ImportError {
  row: number;
  column: string;
  problem: ImportProblem;
  message: string;
  messages: { zh: string; en: string };
}

export interface ImportReport {
  rows: number;
  valid: number;
  errors: ImportError[];
  created: number;
}

const ID_PROBLEM_ZH: Record<string, string> = { format: '格式应为17位数字加1位数字或X', region: '地区码无效', birth_date: '出生日期无效', checksum: '校验位不正确' };
const ID_PROBLEM_EN: Record<string, string> = { format: 'it must be 17 digits and a digit or X', region: 'the region code is not valid', birth_date: 'the birth date is not valid', checksum: 'the check character is wrong' };

/**
 * Checks a whole volunteer sheet and, when `dryRun` is false and nothing is wrong, registers every
 * volunteer (approved: the organiser vouches for them) with their consents in one transaction. With
 * any error nothing is written. An ID number needs 身份证号单独同意 = 是 (the separate consent the
 * organiser collected on paper, recorded as channel `import` with the current text version); a child
 * under 14 (declared, or shown by the ID number) needs the guardian's name.
 */
export async function importSheet(ctx: AppContext, access: Access, file: string, opts: { format: 'xlsx' | 'csv'; dryRun: boolean; lang: Lang; ip: string | null }): Promise<ImportReport> {
  if (access.scope(...VOLUNTEER_MANAGERS).length === 0) throw new AppError(403, 'forbidden');
  let sheet: Awaited<ReturnType<typeof readVolunteerSheet>>;
  try {
    sheet = await readVolunteerSheet(file, opts.format, MAX_IMPORT_ROWS);
  } catch (err) {
    // A zip bomb's own 413 says more than "unreadable".
    if (err instanceof AppError) throw err;
    throw new AppError(400, 'volunteer.import_unreadable');
  }
  if (sheet.rows.length > MAX_IMPORT_ROWS) throw new AppError(400, 'volunteer.import_too_many', { max: MAX_IMPORT_ROWS });
  const errors: ImportError[] = [];
  const columnName = (k: ColumnKey) => sheet.headers[k] ?? COLUMNS.find((c) => c.key === k)!.zh;
  const fail = (row: number, col: ColumnKey, problem: ImportProblem, params: Record<string, string | number> = {}) => {
    const code = `volunteer.import.${problem}` as ErrorCode;
    const p = { column: columnName(col), ...params };
    const zh = messageFor(code, { ...p, detail: params.detailZh ?? '' }, 'zh');
    const en = messageFor(code, { ...p, detail: params.detailEn ?? '' }, 'en');
    errors.push({ row, column: columnName(col), problem, message: opts.lang === 'zh' ? zh : en, messages: { zh, en } });
  };
  for (const k of sheet.missing) fail(1, k, 'missing_column');
  if (sheet.missing.length) return { rows: sheet.rows.length, valid: 0, errors, created: 0 };

  const actorId = access.user.userId;
  const run = async (db: typeof ctx.db.kysely) => {
    const phones = [...new Set(sheet.rows.map((r) => normalizePhone(r.values.phone ?? '')).filter((p): p is string => !!p))];
    const ids = [...new Set(sheet.rows.map((r) => parseIdNumber(r.values.id_number ?? '')).flatMap((p) => (p.ok ? [p.id.value] : [])))];
    const [orgRows, takenIds, takenPhones] = await Promise.all([
      store.orgsByCodes(db, [...new Set(sheet.rows.map((r) => r.values.org_code ?? '').filter(Boolean))]),
      store.existingIdNumbers(db, ids),
      store.existingPhones(db, phones),
    ]);
    const orgByCode = new Map(orgRows.map((o) => [o.code, o]));
    const firstId = new Map<string, number>();
    const firstPhone = new Map<string, number>();
    const now = nowIso();
    const volunteers: VolunteerTable[] = [];
    const consents: VolunteerConsentTable[] = [];
    let valid = 0;
    for (const { row, values: v } of sheet.rows) {
      const before = errors.length;
      for (const c of COLUMNS) if (c.required && !v[c.key]) fail(row, c.key, 'required');
      const name = v.name ? cleanText(v.name) : '';
      if (name.length > 50) fail(row, 'name', 'too_long', { max: 50 });
      const gender = v.gender ? GENDER_WORDS[v.gender.toLowerCase()] : null;
      if (v.gender && !gender) fail(row, 'gender', 'bad_gender', { value: v.gender });
      const phone = v.phone ? normalizePhone(v.phone) : null;
      if (v.phone && !phone) fail(row, 'phone', 'bad_phone', { value: v.phone });
      const org = v.org_code ? orgByCode.get(v.org_code) : undefined;
      // Unknown and outside the caller's reach answer alike, so an import cannot probe other banners.
      if (v.org_code && (!org || !access.can('volunteer.manage', { orgPath: org.path }))) fail(row, 'org_code', 'org_not_found', { value: v.org_code });
      const languages = v.languages ? LANGUAGE_WORDS[v.languages.toLowerCase().replace(/\s+/g, '')] : undefined;
      if (v.languages && !languages) fail(row, 'languages', 'bad_language', { value: v.languages });
      const words = { skills: splitWords(v.skills).map((w) => cleanText(w)).filter(Boolean), fields: splitWords(v.fields).map((w) => cleanText(w)).filter(Boolean) };
      for (const k of ['skills', 'fields'] as const) if (words[k].length > MAX_WORDS || words[k].some((w) => w.length > MAX_WORD)) fail(row, k, 'bad_words', { max: MAX_WORDS, len: MAX_WORD });
      const yesNo = (k: 'id_consent' | 'under14') => {
        const x = (v[k] ?? '').toLowerCase();
        if (YES.has(x)) return true;
        if (!NO.has(x)) fail(row, k, 'bad_yes_no', { value: v[k] ?? '' });
        return false;
      };
      const idConsent = yesNo('id_consent');
      let under14 = yesNo('under14');
      let idNumber: string | null = null;
      if (v.id_number) {
        const parsed = parseIdNumber(v.id_number);
        if (!parsed.ok) fail(row, 'id_number', 'bad_id', { value: v.id_number, detailZh: ID_PROBLEM_ZH[parsed.problem]!, detailEn: ID_PROBLEM_EN[parsed.problem]! });
        else {
          idNumber = parsed.id.value;
          if (!idConsent) fail(row, 'id_consent', 'consent_missing');
          if (firstId.has(idNumber)) fail(row, 'id_number', 'duplicate_in_file', { value: idNumber.slice(-4), first: firstId.get(idNumber)! });
          else if (takenIds.has(idNumber)) fail(row, 'id_number', 'id_taken');
          if (!firstId.has(idNumber)) firstId.set(idNumber, row);
          if (ageOn(parsed.id.birthDate) < CHILD_AGE) under14 = true;
        }
      }
      const guardian = v.guardian ? cleanText(v.guardian) : '';
      if (under14 && !guardian) fail(row, 'guardian', 'guardian_required');
      if (phone && org) {
        const key = `${org.id}|${phone}`;
        if (firstPhone.has(key)) fail(row, 'phone', 'duplicate_in_file', { value: phone.slice(-4), first: firstPhone.get(key)! });
        else if (takenPhones.has(key)) fail(row, 'phone', 'phone_taken');
        if (!firstPhone.has(key)) firstPhone.set(key, row);
      }
      if (errors.length > before || !org || !phone || !languages || !name) continue;
      valid++;
      const id = newId();
      volunteers.push({
        id,
        org_id: org.id,
        user_id: null,
        name,
        gender: gender ?? null,
        phone,
        id_number: idNumber,
        health_note: null,
        under14: under14 ? 1 : 0,
        skills: JSON.stringify([...new Set(words.skills)]),
        fields: JSON.stringify([...new Set(words.fields)]),
        languages: languages.join(','),
        status: 'approved',
        source: 'import',
        decided_by: actorId,
        decided_at: now,
        reason: null,
        created_by: actorId,
        created_at: now,
        updated_at: now,
      });
      const consent = (purpose: 'id_number' | 'minor', givenBy: string): VolunteerConsentTable => ({
        id: newId(),
        volunteer_id: id,
        org_id: org.id,
        purpose,
        text_version: CONSENT_TEXTS[purpose].version,
        given_by_name: givenBy,
        recorded_by: actorId,
        channel: 'import',
        given_at: now,
        withdrawn_at: null,
        withdrawn_by: null,
        withdraw_channel: null,
        withdraw_note: null,
      });
      if (idNumber) consents.push(consent('id_number', under14 ? guardian : name));
      if (under14) consents.push(consent('minor', guardian));
    }
    return { report: { rows: sheet.rows.length, valid, errors, created: 0 }, volunteers, consents };
  };

  if (opts.dryRun) return (await run(ctx.db.kysely)).report;
  // Checked again inside the writing transaction, so a number registered meanwhile is caught too.
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { report, volunteers, consents } = await run(trx);
    if (report.errors.length > 0 || volunteers.length === 0) return report;
    await store.insertVolunteers(trx, volunteers);
    await store.insertConsents(trx, consents);
    for (const v of volunteers) await audit(trx, { actorId, action: 'volunteer.import', entity: 'volunteer', entityId: v.id, orgId: v.org_id, after: auditView(v), ip: opts.ip });
    return { ...report, created: volunteers.length };
  });
}

export const MAX_EXPORT_ROWS = 50_000;

/** The filtered list in the sheet's columns, ID numbers and phones masked as in the list; the export itself is audited. */
export async function exportRows(ctx: AppContext, access: Access, q: Parameters<typeof filterFor>[2], format: 'xlsx' | 'csv', ip: string | null): Promise<ExportRow[]> {
  const f = await filterFor(ctx, access, q);
  const { rows } = await store.list(ctx.db.kysely, f, MAX_EXPORT_ROWS, 0);
  const out = rows.map((r) => {
    const d = toDto(access, r);
    return {
      name: d.name,
      gender: d.gender ? GENDER_ZH[d.gender] : '',
      phone: d.phone,
      org_code: d.org.code,
      languages: d.languages.length ? LANGUAGES_ZH(d.languages) : '',
      skills: d.skills.join('、'),
      fields: d.fields.join('、'),
      id_number: d.idNumber ?? '',
      id_consent: '',
      under14: d.under14 ? '是' : '',
      guardian: '',
      status: STATUS_ZH[d.status],
      org_name: d.org.name.zh,
      created_at: d.createdAt,
    };
  });
  await audit(ctx.db.kysely, { actorId: access.user.userId, action: 'volunteer.export', entity: 'volunteer', entityId: null, orgId: q.orgId ?? access.user.orgId, after: { format, filter: q, rows: out.length }, ip });
  return out;
}
