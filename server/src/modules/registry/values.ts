import { cleanText } from '../../kernel/text/clean.js';
import { normalizePhone } from '../stations/service.js';
import { parseYesNo, type FieldDef, type Value } from './fields.js';
import { isDay, normalizeIdNumber } from './personal.js';

/** Where a value comes from: the JSON API (typed values, enum keys, org ids) or a spreadsheet cell (text, labels, org codes). */
export type Source = 'json' | 'sheet';

export type Parsed = { ok: true; value: Value } | { ok: false; problem: string; params?: Record<string, string | number> };

const MAX_LEN: Record<string, number> = { text: 200, person: 100, longtext: 4000 };
export const maxLength = (f: FieldDef): number => ('max' in f && f.type !== 'integer' && f.type !== 'decimal' && f.max ? f.max : (MAX_LEN[f.type] ?? 200));

const bad = (problem: string, params?: Record<string, string | number>): Parsed => ({ ok: false, problem, ...(params ? { params } : {}) });
const ok = (value: Value): Parsed => ({ ok: true, value });

/** Shown back in messages: long input cut short. */
const shown = (v: unknown) => {
  const s = String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

/**
 * One field's value, checked and brought to its stored form; null for empty. An org field yields
 * the id (json) or the code or name (sheet) as given: the caller resolves it against the org tree.
 */
export function parseValue(f: FieldDef, raw: unknown, source: Source): Parsed {
  if (raw === undefined || raw === null) return ok(null);
  if (typeof raw === 'string' && raw.trim() === '') return ok(null);
  if (typeof raw === 'object') return bad('bad_value');
  switch (f.type) {
    case 'text':
    case 'longtext':
    case 'person': {
      if (typeof raw !== 'string' && source === 'json') return bad('bad_value');
      const text = cleanText(String(raw));
      const v = f.type === 'longtext' ? text : text.replace(/\s+/g, ' ');
      if (!v) return ok(null);
      const max = maxLength(f);
      return [...v].length > max ? bad('too_long', { max }) : ok(v);
    }
    case 'integer':
    case 'decimal': {
      const n = toNumber(raw);
      if (n === null || (f.type === 'integer' && !Number.isInteger(n))) return bad(f.type === 'integer' ? 'bad_integer' : 'bad_decimal', { value: shown(raw) });
      const min = f.min ?? 0;
      const max = f.max ?? Number.MAX_SAFE_INTEGER;
      if (n < min || n > max) return bad('out_of_range', { min, max });
      return ok(f.type === 'decimal' ? Math.round(n * 100) / 100 : n);
    }
    case 'date': {
      const d = typeof raw === 'string' ? toDay(raw) : null;
      if (!d) return bad('bad_date', { value: shown(raw) });
      if (d < '1900-01-01' || d > '2100-12-31') return bad('bad_date', { value: shown(raw) });
      return ok(d);
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return ok(raw);
      const b = source === 'sheet' && typeof raw === 'string' ? parseYesNo(raw) : undefined;
      return b === undefined ? bad('bad_boolean', { value: shown(raw) }) : ok(b);
    }
    case 'enum': {
      const allowed = { allowed: f.values.map((v) => v.zh).join('、'), allowedEn: f.values.map((v) => v.en).join(', ') };
      if (typeof raw !== 'string') return bad('bad_enum', { value: shown(raw), ...allowed });
      const t = raw.trim();
      const lower = t.toLowerCase();
      const hit = f.values.find((v) => v.key === t || (source === 'sheet' && (v.zh === t || v.en.toLowerCase() === lower || v.key === lower)));
      return hit ? ok(hit.key) : bad('bad_enum', { value: shown(raw), ...allowed });
    }
    case 'org': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return bad('bad_value');
      const t = String(raw).trim();
      return t.length > 200 ? bad('org_not_found', { value: shown(t) }) : ok(t);
    }
    case 'phone': {
      const p = typeof raw === 'string' || typeof raw === 'number' ? normalizePhone(String(raw)) : null;
      return p ? ok(p) : bad('bad_phone', { value: shown(raw) });
    }
    case 'idnumber': {
      const s = typeof raw === 'string' ? normalizeIdNumber(raw) : null;
      return s ? ok(s) : bad('bad_id_number');
    }
  }
}

/** A number as written: 1200, "1,200", "1 200", " 3.5 ", "１２"; null when it is not one. */
function toNumber(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  const s = raw.normalize('NFKC').replace(/[,\s]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s) || s.length > 20) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/**
 * A day as people write it: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, or a timestamp at
 * midnight UTC (how a spreadsheet date cell arrives); null when it is not a real day.
 */
export function toDay(raw: string): string | null {
  const s = raw.normalize('NFKC').trim();
  const midnight = /^(\d{4}-\d{2}-\d{2})T00:00:00(\.000)?Z$/.exec(s);
  if (midnight) return isDay(midnight[1]!) ? midnight[1]! : null;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (!m) return null;
  const d = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isDay(d) ? d : null;
}

/** A stored column value as the API speaks it (booleans are stored as 0/1). */
export function fromColumn(f: FieldDef, v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (f.type === 'boolean') return v === 1 || v === true || v === '1';
  if (f.type === 'integer' || f.type === 'decimal') return Number(v);
  return String(v);
}

/** An API value as stored. */
export function toColumn(f: FieldDef, v: Value): string | number | null {
  if (v === null) return null;
  if (f.type === 'boolean') return v ? 1 : 0;
  return v as string | number;
}
