/**
 * The whole-text loop shared by toMenksoft and fromMenksoft (shapeKey has its own packed-word loop
 * in shape-key.ts): the text is read once as
 * code units; each word (a Mongolian run, or for fromMenksoft a stretch of Menksoft codes and
 * Mongolian) is looked up in a per-function word cache by a hash computed while scanning, and its
 * cached result is copied to the output; ordinary text is copied as it is.
 * Nothing is allocated per word once the words are cached.
 */
import { HASH_SEED, type Output, type WordCache, nativeUcs2, releaseInput, releaseOutput, takeInput, takeOutput } from './text-buffer.js';

/** Modes: what a word is and what happens to ordinary text. */
export const TO_MENKSOFT = 0, FROM_MENKSOFT = 1;

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Code unit classes per mode: 0 ordinary text, 1 a word character, 3 a word character that makes
 * the stretch a word to convert (Mongolian block; from Menksoft: a Menksoft code).
 */
const CLASSES = [TO_MENKSOFT, FROM_MENKSOFT].map((mode) => {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const run = (c >= 0x1800 && c <= 0x18af) || (c >= 0x200b && c <= 0x200d) || c === 0x202f || c === 0x2060 || c === 0xfeff;
    const menksoft = c >= 0xe234 && c <= 0xe4ab;
    if (mode === FROM_MENKSOFT) table[c] = menksoft ? 3 : run ? 1 : 0;
    else table[c] = run ? (c >= 0x1800 && c <= 0x18af ? 3 : 1) : 0;
  }
  return table;
});

/** Maps each word of text through compute (cached) and keeps the rest as it is. */
export function transformWords(text: string, mode: number, cache: WordCache, compute: (word: string) => string): string {
  const n = text.length;
  if (n === 0) return '';
  const src = takeInput(text);
  const out = takeOutput(n + (n >> 3));
  if (!nativeUcs2) out.surrogates = SURROGATE.test(text);
  const classes = CLASSES[mode]!;
  let buf = out.buf;
  let len = 0;
  let i = 0;
  while (i < n) {
    const start = i;
    let cls = classes[src[i]!]!;
    if (cls === 0) {
      // Ordinary text up to the next word character (the sentinel 0 at src[n] is ordinary).
      while (++i < n && classes[src[i]!] === 0);
      if (len + (i - start) > buf.length) { out.len = len; out.reserve(i - start); buf = out.buf; }
      for (let k = start; k < i; k++) buf[len++] = src[k]!;
      continue;
    }
    // A word; the sentinel 0 at src[n] ends it.
    let h = HASH_SEED;
    let significant = 0;
    do {
      significant |= cls;
      const c = src[i]!;
      h = ((h << 5) - h + c) | 0;
      cls = classes[src[++i]!]!;
    } while (cls === 1 || cls === 3);
    if (significant !== 3) {
      // Joiners and spaces only (or, from Menksoft, Unicode Mongolian): kept as they are.
      if (len + (i - start) > buf.length) { out.len = len; out.reserve(i - start); buf = out.buf; }
      for (let k = start; k < i; k++) buf[len++] = src[k]!;
      continue;
    }
    let e = cache.find(src, start, i, h);
    if (e < 0) {
      out.len = len;
      e = addWord(out, cache, compute, text, src, start, i, h);
      buf = out.buf;
      len = out.len;
      if (e < 0) continue;
    }
    const from = cache.valueStart[e]!, count = cache.valueLength[e]!;
    if (len + count > buf.length) { out.len = len; out.reserve(count); buf = out.buf; }
    const values = cache.values;
    for (let k = from, end = from + count; k < end; k++) buf[len++] = values[k]!;
  }
  out.len = len;
  releaseInput(src);
  const result = out.toString();
  releaseOutput(out);
  return result;
}

/** Cache miss: computes and caches the word's value; when too big to cache, writes it out and returns -1. */
function addWord(out: Output, cache: WordCache, compute: (word: string) => string, text: string, src: Uint16Array, start: number, end: number, h: number): number {
  const value = compute(text.slice(start, end));
  const e = cache.add(src, start, end, h, value);
  if (e < 0) out.pushString(value);
  return e;
}
