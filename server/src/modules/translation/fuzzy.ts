import { shapeKey } from '@gerel/mongol';
import type { Lang } from '../content/tables.js';

/**
 * What two sentences are compared on. Traditional Mongolian by shape key (spellings that render the
 * same – Menksoft-era variants, FVS noise – compare equal); Chinese by characters with punctuation
 * and spaces dropped; other languages by lower-cased words' characters.
 */
export function matchKey(text: string, lang: Lang): string[] {
  if (lang === 'mn-Mong') return [...shapeKey(text).replace(/[\s\u202F\u180E]+/g, ' ').trim()];
  const cleaned = text.normalize('NFC').toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, lang === 'zh-Hans' ? '' : ' ').trim();
  return [...cleaned];
}

/** Levenshtein distance over two symbol arrays, in O(min(n, m)) memory. */
export function editDistance(a: readonly string[], b: readonly string[]): number {
  if (a.length < b.length) [a, b] = [b, a];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Similarity 0–100: 100 for the same key, falling with the edit distance relative to the longer one. */
export function similarity(a: readonly string[], b: readonly string[]): number {
  const n = Math.max(a.length, b.length);
  if (n === 0) return 100;
  return Math.round((1 - editDistance(a, b) / n) * 100);
}
