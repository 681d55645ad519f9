import { forEachRun, stripStrayZeroWidth } from './runs.js';
import { writtenUnits } from './written-units.js';

// A Mongolian word's key is its written units between two noncharacters, so that it can never
// be confused with ordinary text; noncharacters in ordinary text are escaped.
const OPEN = '\uFDD0', CLOSE = '\uFDD1', ESCAPE = '\uFDD2';
const CACHE_LIMIT = 100_000;
const cache = new Map<string, string>();

/** The key of one Mongolian run; a wide MVS/NNBSP (a suffix separator) keys like a space. */
function runKey(run: string): string {
  const cached = cache.get(run);
  if (cached !== undefined) return cached;
  const units = writtenUnits(stripStrayZeroWidth(run));
  let key = '';
  let word = '';
  for (const unit of units) {
    if (unit === '-') {
      if (word) key += OPEN + word + CLOSE;
      key += ' ';
      word = '';
    } else word = word ? `${word} ${unit}` : unit;
  }
  if (word) key += OPEN + word + CLOSE;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(run, key);
  return key;
}

/** Ordinary text: NFC, with the key delimiters escaped. */
function otherKey(s: string): string {
  const nfc = s.normalize('NFC');
  if (!/[\uFDD0-\uFDD2]/.test(nfc)) return nfc;
  return nfc.replace(/[\uFDD0-\uFDD2]/g, (c) => ESCAPE + c);
}

/**
 * A key that two texts share exactly when they look the same: each Mongolian word is replaced by
 * its written units (UTN #57), whatever code sequence was typed (FVS, MVS or NNBSP, vendor
 * spellings); other text is NFC. A suffix joined by NNBSP keys like the same suffix after a space
 * when it is drawn the same. Use it for search, de-duplication and matching.
 *
 * @example
 * // Medial O typed as U looks the same, so it keys the same:
 * shapeKey('\u182C\u1823\u1837\u1823') === shapeKey('\u182C\u1824\u1837\u1824') // => true
 * shapeKey('abc') // => 'abc'
 */
export function shapeKey(text: string): string {
  let out = '';
  forEachRun(
    text,
    (s) => (out += otherKey(s)),
    (run) => (out += runKey(run)),
  );
  return out;
}
