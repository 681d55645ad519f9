import { maskPhone } from '../stations/service.js';
import type { FieldDef, Value } from './fields.js';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * A resident ID number (GB 11643) as stored: 18 characters, upper-case X, with a valid birth date
 * and check character; anything else is null.
 */
export function normalizeIdNumber(raw: string): string | null {
  const s = raw.replace(/\s/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return null;
  const birth = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (!isDay(birth) || birth < '1900-01-01') return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === s[17] ? s : null;
}

/** YYYY-MM-DD naming a real calendar day. */
export function isDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** 152104198001011234 → 152104********1234: the region and the last digits, never the birth date. */
export const maskIdNumber = (s: string): string => (s.length > 10 ? `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}` : '*'.repeat(s.length));

/** 张三丰 → 张**: enough to tell rows apart in a list. */
export function maskName(s: string): string {
  const chars = [...s];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(Math.min(chars.length - 1, 4));
}

/** A personal value as lists, exports, history and the audit log show it. */
export function maskValue(f: FieldDef, v: Value): Value {
  if (v === null || v === '') return v;
  switch (f.type) {
    case 'phone':
      return maskPhone(String(v));
    case 'idnumber':
      return maskIdNumber(String(v));
    case 'date':
      return `${String(v).slice(0, 4)}-**-**`;
    case 'person':
    case 'text':
    case 'longtext':
      return maskName(String(v));
    default:
      return '***';
  }
}
