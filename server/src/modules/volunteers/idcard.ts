/**
 * The PRC resident identity number (GB 11643-1999): 6-digit address code, 8-digit birth date,
 * 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character of the first 17 digits, e.g. checkChar('11010519491231002') === 'X'. */
export function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export type IdProblem = 'format' | 'region' | 'birth_date' | 'checksum';

export interface ParsedId {
  /** Upper-case, no spaces. */
  value: string;
  birthDate: string;
  gender: 'male' | 'female';
}

/** Spaces removed, a lower-case x raised: how people type it. */
export const normalizeIdNumber = (raw: string): string => raw.replace(/\s+/g, '').toUpperCase();

/**
 * Checks an 18-character ID number: shape, province code (11–82), a real birth date not after
 * `today` and not before 1900, and the check character. Returns the problem or the parsed number.
 */
export function parseIdNumber(raw: string, today = new Date()): { ok: true; id: ParsedId } | { ok: false; problem: IdProblem } {
  const value = normalizeIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'format' };
  const province = Number(value.slice(0, 2));
  if (province < 11 || province > 82) return { ok: false, problem: 'region' };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || birthDate > today.toISOString().slice(0, 10)) {
    return { ok: false, problem: 'birth_date' };
  }
  if (checkChar(value) !== value[17]) return { ok: false, problem: 'checksum' };
  return { ok: true, id: { value, birthDate, gender: Number(value[16]) % 2 === 1 ? 'male' : 'female' } };
}

/** Full years between a YYYY-MM-DD birth date and `today` (UTC calendar). */
export function ageOn(birthDate: string, today = new Date()): number {
  const t = today.toISOString().slice(0, 10);
  const years = Number(t.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return t.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** 152104199001011234 → 152104********1234: the region and the last four, never the birth date. */
export const maskIdNumber = (id: string): string => (id.length > 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : '*'.repeat(id.length));
