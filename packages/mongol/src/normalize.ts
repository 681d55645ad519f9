import { forEachRun, stripStrayZeroWidth } from './runs.js';
import { shapeKey } from './shape-key.js';
import { PARTICLES } from './tables/particles.js';
import { ALIASES } from './tables/aliases.js';
import { writtenUnits } from './written-units.js';

const codeOf = new Map(ALIASES.map(([alias, code]) => [alias, code]));
/** Letter spellings of the suffix particles written after an MVS/NNBSP. */
const SUFFIXES = new Set(
  PARTICLES.filter(([spelling]) => spelling.startsWith('mvs ')).map(([spelling]) =>
    spelling.split(' ').slice(1).map((alias) => String.fromCharCode(codeOf.get(alias)!)).join(''),
  ),
);
const isControl = (c: number): boolean => (c >= 0x180b && c <= 0x180d) || c === 0x180f || c === 0x200c || c === 0x200d;
const lettersOnly = (s: string): string => s.replace(/[\u180B-\u180D\u180F\u200B-\u200D\u2060\uFEFF]/g, '');

const cache = new Map<string, string>();

/** Drops every FVS, ZWJ and ZWNJ whose removal leaves the written units unchanged. */
function dropRedundantControls(run: string): string {
  const cached = cache.get(run);
  if (cached !== undefined) return cached;
  let word = stripStrayZeroWidth(run);
  const target = writtenUnits(word).join(' ');
  for (let i = word.length - 1; i >= 0; i--) {
    if (!isControl(word.charCodeAt(i))) continue;
    const candidate = word.slice(0, i) + word.slice(i + 1);
    if (writtenUnits(candidate).join(' ') === target) word = candidate;
  }
  if (cache.size > 100_000) cache.clear();
  cache.set(run, word);
  return word;
}

/** One pass: space before a suffix particle → NNBSP (when it looks the same), redundant controls out, NFC. */
function pass(text: string): string {
  const parts: { s: string; mongolian: boolean }[] = [];
  forEachRun(text, (s) => parts.push({ s, mongolian: false }), (s) => parts.push({ s, mongolian: true }));
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (!part.mongolian) {
      const before = parts[i - 1], after = parts[i + 1];
      if (part.s === ' ' && before?.mongolian && after?.mongolian) {
        const suffix = lettersOnly(after.s.split(/[\u180E\u202F]/)[0] ?? '');
        if (SUFFIXES.has(suffix) && shapeKey(`${before.s} ${after.s}`) === shapeKey(`${before.s}\u202F${after.s}`)) {
          out += '\u202F';
          continue;
        }
      }
      out += part.s.normalize('NFC');
    } else out += dropRedundantControls(part.s);
  }
  return out;
}

/**
 * One canonical spelling that looks exactly the same (the shape key is kept): FVS, ZWJ and ZWNJ
 * that change nothing are dropped, stray zero-width characters (U+200B, U+2060, U+FEFF) inside
 * Mongolian are removed, a space before a known suffix particle becomes NNBSP U+202F when the
 * suffix is drawn the same either way, and other text is NFC. Idempotent.
 *
 * @example
 * normalize('\u1820\u180D') // => '\u1820' (FVS3 asks for the default isolated A: redundant)
 * normalize('e\u0301') // => 'é'
 */
export function normalize(text: string): string {
  let current = text;
  for (let round = 0; round < 4; round++) {
    const next = pass(current);
    if (next === current) return next;
    current = next;
  }
  return current;
}
