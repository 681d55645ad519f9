import { randomInt } from 'node:crypto';

/** Crockford-style base32 without the look-alikes 0/O, 1/I/L (and U): easy to read aloud and type. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 7;

/**
 * A new public officer code, e.g. `K7QX3MD`: 30^7 ≈ 2.2 × 10^10 codes, so with 240,000 officers a
 * guessed code hits someone about once in 90,000 tries (opens are rate-limited by the repeat rules
 * and points are capped per day, so guessing gains little). Uniqueness is checked by the caller.
 */
export function newOfficerCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

/** A short random token for a reader's onward link (`?via=`). */
export function newRef(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

export const OFFICER_CODE_PATTERN = '^[A-Za-z0-9_-]{1,16}$';
export const REF_PATTERN = /^[2-9A-HJ-NP-TV-Z]{10}$/;

/**
 * A mainland mobile number in its 11-digit form, or null: accepts spaces, dashes and a +86/0086
 * prefix, as people type them. 13912345678 ← "+86 139-1234-5678".
 */
export function normalizePhone(raw: string): string | null {
  const digits = raw.replace(/[\s\u3000()（）-]/g, '').replace(/^(\+86|0086|86(?=1\d{10}$))/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}
