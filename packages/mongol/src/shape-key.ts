import { stripStrayZeroWidth } from './runs.js';
import {
  FIRST_RUN_NUMBER, HASH_SEED, MONGOLIAN_NUMBER, type Output, ShortWordTable, WordCache, isNfcInert, nativeUcs2,
  releaseInput, releaseOutput, runNumber, takeInput, takeOutput,
} from './text-buffer.js';
import { RAW_UNIT, UNIT_NAMES, writtenUnitIds } from './written-units.js';

// Key format (internal; compare keys for equality only). Each written unit of a Mongolian word is
// one code unit: a named unit (A, Aa, Hx, _, Fvs1 …) is UNIT_BASE + its id, a character drawn as
// itself is itself (always U+1800–U+18AF, which ordinary text never holds outside a Mongolian
// run). A wide MVS/NNBSP (a suffix separator) keys like a space. Ordinary text is NFC with
// U+E000–U+E0FF and ESCAPE escaped, so a key reads back unambiguously and a word can never be
// confused with ordinary text.
const UNIT_BASE = 0xe000, UNIT_LAST = 0xe0ff;
const ESCAPE = 0xfdd2;
const OPEN = '\uFDD0', CLOSE = '\uFDD1';
if (UNIT_NAMES.length > UNIT_LAST - UNIT_BASE) throw new Error('too many written units for the key encoding');

const ids: number[] = [];

/** The key of one Mongolian run (computed on a cache miss). */
function computeRunKey(run: string): string {
  ids.length = 0;
  writtenUnitIds(stripStrayZeroWidth(run), ids);
  let key = '';
  for (const id of ids) key += String.fromCharCode(id === 0 ? 0x20 : id >= RAW_UNIT ? id - RAW_UNIT : UNIT_BASE + id);
  return key;
}

/**
 * The key of a run: a run without any Mongolian-block character (joiners, NNBSP, zero-width
 * characters only) is kept as it is.
 */
function runKey(run: string): string {
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    if (c >= 0x1800 && c <= 0x18af) return computeRunKey(run);
  }
  return run;
}

/** Per code unit: its run number (74–255, see runNumber), else 0 for ordinary text NFC leaves alone, 1 for other ordinary text. */
const NUMBER = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) NUMBER[c] = runNumber(c) || (isNfcInert(c) ? 0 : 1);
if (MONGOLIAN_NUMBER + 0xaf > 255) throw new Error('run numbers do not fit in a byte');

/** Keys of words of up to 12 code units (nearly all), and of longer ones. */
const shortKeys = new ShortWordTable();
const longKeys = new WordCache();

const SURROGATE = /[\uD800-\uDFFF]/;

/** Appends ordinary text[start, end) that holds a character NFC may change or that needs escaping. */
function pushOther(out: Output, text: string, start: number, end: number): void {
  const nfc = text.slice(start, end).normalize('NFC');
  for (let i = 0; i < nfc.length; i++) {
    const c = nfc.charCodeAt(i);
    if (c === ESCAPE || (c >= UNIT_BASE && c <= UNIT_LAST)) out.push(ESCAPE);
    out.pushRange(nfc, i, i + 1);
  }
}

/** Appends the key of a run longer than 12 code units. */
function pushLong(out: Output, text: string, src: Uint16Array, start: number, end: number): void {
  let h = HASH_SEED;
  for (let k = start; k < end; k++) h = ((h << 5) - h + src[k]!) | 0;
  let e = longKeys.find(src, start, end, h);
  if (e < 0) {
    const key = runKey(text.slice(start, end));
    e = longKeys.add(src, start, end, h, key);
    if (e < 0) { out.pushString(key); return; }
  }
  out.pushPool(longKeys.values, longKeys.valueStart[e]!, longKeys.valueLength[e]!);
}

/** Cache miss on a short run: keys and caches it; returns the key when it could not be cached. */
function learnShort(text: string, start: number, end: number, a: number, b: number, c: number): string | undefined {
  const key = runKey(text.slice(start, end));
  return shortKeys.add(a, b, c, key) ? undefined : key;
}

/**
 * A key that two texts share exactly when they look the same: each Mongolian word is replaced by
 * its written units (UTN #57), whatever code sequence was typed (FVS, MVS or NNBSP, vendor
 * spellings); other text is NFC. A suffix joined by NNBSP keys like the same suffix after a space
 * when it is drawn the same. Use it for search, de-duplication and matching; the key is an opaque
 * string (compare keys for equality only, its format may change between versions).
 *
 * One pass over the code units: each run is packed into three int32 while it is scanned (exactly,
 * up to 12 code units) and its key is copied from a per-word table; only a new word is worked out.
 *
 * @example
 * // Medial O typed as U looks the same, so it keys the same:
 * shapeKey('\u182C\u1823\u1837\u1823') === shapeKey('\u182C\u1824\u1837\u1824') // => true
 * shapeKey('abc') // => 'abc'
 */
export function shapeKey(text: string): string {
  const n = text.length;
  if (n === 0) return '';
  const src = takeInput(text); // src[n] is a 0 sentinel (ordinary text)
  const out = takeOutput(n + (n >> 3) + 64);
  if (!nativeUcs2) out.surrogates = SURROGATE.test(text);
  const number = NUMBER;
  let buf = out.buf;
  let cap = buf.length - 8; // room for 8 code units past len, so a short key is copied without a length check
  let len = 0;
  let slots = shortKeys.slots, pool = shortKeys.pool, shift = 32 - shortKeys.bits, mask = shortKeys.mask;
  let i = 0;
  while (i < n) {
    const start = i;
    let k = number[src[i]!]!;
    if (k < FIRST_RUN_NUMBER) {
      // Ordinary text up to the next run character.
      const from = len;
      let inert = true;
      do {
        if (k === 1) inert = false;
        if (len >= cap) { out.len = len; out.reserve(n - i + 64); buf = out.buf; cap = buf.length - 8; }
        buf[len++] = src[i]!;
        k = number[src[++i]!]!;
      } while (k < FIRST_RUN_NUMBER && i < n);
      if (!inert) {
        out.len = from;
        pushOther(out, text, start, i);
        buf = out.buf; cap = buf.length - 8; len = out.len;
      }
      continue;
    }
    // A run, packed four run numbers per int32 (the sentinel ends it).
    let a = k, b = 0, c = 0;
    k = number[src[++i]!]!;
    while (k >= FIRST_RUN_NUMBER) {
      c = (c << 8) | (b >>> 24);
      b = (b << 8) | (a >>> 24);
      a = (a << 8) | k;
      k = number[src[++i]!]!;
    }
    if (i - start > 12) {
      out.len = len;
      pushLong(out, text, src, start, i);
      buf = out.buf; cap = buf.length - 8; len = out.len;
      continue;
    }
    let s = Math.imul(a ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0x27d4eb2f), 0x9e3779b1) >>> shift;
    let base = s << 2;
    for (;;) {
      const x = slots[base]!;
      if (x === a && slots[base + 1] === b && slots[base + 2] === c) break;
      if (x === 0) {
        const uncached = learnShort(text, start, i, a, b, c);
        if (uncached !== undefined) { out.len = len; out.pushString(uncached); buf = out.buf; cap = buf.length - 8; len = out.len; break; }
        slots = shortKeys.slots; pool = shortKeys.pool; shift = 32 - shortKeys.bits; mask = shortKeys.mask;
        s = ShortWordTable.slot(a, b, c, shortKeys.bits);
      } else s = (s + 1) & mask;
      base = s << 2;
    }
    if (slots[base] !== a) continue; // not cached: its key is already written
    const meta = slots[base + 3]!;
    const length = meta & 0xff;
    if (len + length > cap) { out.len = len; out.reserve(length + 64); buf = out.buf; cap = buf.length - 8; }
    const p = meta >>> 8;
    buf[len] = pool[p]!;
    buf[len + 1] = pool[p + 1]!;
    buf[len + 2] = pool[p + 2]!;
    buf[len + 3] = pool[p + 3]!;
    buf[len + 4] = pool[p + 4]!;
    buf[len + 5] = pool[p + 5]!;
    buf[len + 6] = pool[p + 6]!;
    buf[len + 7] = pool[p + 7]!;
    if (length > 8) for (let o = len + 8, end = p + length, p8 = p + 8; p8 < end; ) buf[o++] = pool[p8++]!;
    len += length;
  }
  out.len = len;
  releaseInput(src);
  const result = out.toString();
  releaseOutput(out);
  return result;
}

const isUnitCode = (c: number): boolean => (c >= UNIT_BASE && c <= UNIT_LAST) || (c >= 0x1800 && c <= 0x18af);

/**
 * The key in a readable form (library-internal; the command line prints it): each Mongolian word
 * as its written-unit names separated by spaces between U+FDD0 and U+FDD1, ordinary text with
 * U+FDD0–U+FDD2 escaped by U+FDD2.
 */
export function describeKey(key: string): string {
  let out = '';
  let inWord = false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (isUnitCode(c)) {
      out += inWord ? ' ' : OPEN;
      inWord = true;
      out += c >= UNIT_BASE ? UNIT_NAMES[c - UNIT_BASE]! : key[i];
      continue;
    }
    if (inWord) out += CLOSE;
    inWord = false;
    const literal = c === ESCAPE ? key.charCodeAt(++i) : c;
    if (literal >= 0xfdd0 && literal <= ESCAPE) out += String.fromCharCode(ESCAPE);
    out += String.fromCharCode(literal);
  }
  if (inWord) out += CLOSE;
  return out;
}
