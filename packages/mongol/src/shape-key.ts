import { stripStrayZeroWidth } from './runs.js';
import { type Output, WordCache } from './text-buffer.js';
import { KEY, transformWords } from './transform.js';
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

const cache = new WordCache();

/** Appends ordinary text[start, end) that holds a character NFC may change or that needs escaping. */
function pushOther(out: Output, text: string, start: number, end: number): void {
  const nfc = text.slice(start, end).normalize('NFC');
  for (let i = 0; i < nfc.length; i++) {
    const c = nfc.charCodeAt(i);
    if (c === ESCAPE || (c >= UNIT_BASE && c <= UNIT_LAST)) out.push(ESCAPE);
    out.pushRange(nfc, i, i + 1);
  }
}

/**
 * A key that two texts share exactly when they look the same: each Mongolian word is replaced by
 * its written units (UTN #57), whatever code sequence was typed (FVS, MVS or NNBSP, vendor
 * spellings); other text is NFC. A suffix joined by NNBSP keys like the same suffix after a space
 * when it is drawn the same. Use it for search, de-duplication and matching; the key is an opaque
 * string (compare keys for equality only, its format may change between versions).
 *
 * @example
 * // Medial O typed as U looks the same, so it keys the same:
 * shapeKey('\u182C\u1823\u1837\u1823') === shapeKey('\u182C\u1824\u1837\u1824') // => true
 * shapeKey('abc') // => 'abc'
 */
export function shapeKey(text: string): string {
  return transformWords(text, KEY, cache, computeRunKey, pushOther);
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
