import { forEachRun, stripStrayZeroWidth } from './runs.js';
import { shapeKey } from './shape-key.js';
import { PARTICLES } from './tables/particles.js';
import { ALIASES } from './tables/aliases.js';
import { HASH_SEED, type Output, WordCache, isNfcInert, nativeUcs2, releaseInput, releaseOutput, takeInput, takeOutput } from './text-buffer.js';
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
/** True when a run starts with a suffix particle (its letters up to the first MVS/NNBSP). */
const startsWithSuffix = (run: string): boolean => SUFFIXES.has(lettersOnly(run.split(/[\u180E\u202F]/)[0] ?? ''));

/** Drops every FVS, ZWJ and ZWNJ whose removal leaves the written units unchanged. */
function dropRedundantControls(run: string): string {
  let word = stripStrayZeroWidth(run);
  const target = writtenUnits(word).join(' ');
  for (let i = word.length - 1; i >= 0; i--) {
    if (!isControl(word.charCodeAt(i))) continue;
    const candidate = word.slice(0, i) + word.slice(i + 1);
    if (writtenUnits(candidate).join(' ') === target) word = candidate;
  }
  return word;
}

/**
 * Spaces before suffix particles → NNBSP where the text keeps its look, left to right: each space
 * is checked with the run before it as already joined, so that a chain of suffixes keeps the shape
 * key as a whole. Ordinary text → NFC.
 */
function joinSuffixes(text: string): string {
  const parts: { s: string; mongolian: boolean }[] = [];
  forEachRun(text, (s) => parts.push({ s, mongolian: false }), (s) => parts.push({ s, mongolian: true }));
  let out = '';
  let run: string | undefined; // the Mongolian run being built
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.mongolian) { run = part.s; continue; }
    const after = parts[i + 1];
    if (run !== undefined && part.s === ' ' && after?.mongolian && startsWithSuffix(after.s) && shapeKey(`${run} ${after.s}`) === shapeKey(`${run}\u202F${after.s}`)) {
      run = `${run}\u202F${after.s}`;
      i++;
      continue;
    }
    if (run !== undefined) out += run;
    run = undefined;
    out += part.s.normalize('NFC');
  }
  if (run !== undefined) out += run;
  return out;
}

/** One pass: suffixes joined, then redundant controls out of each (joined) run. */
function pass(text: string): string {
  let out = '';
  forEachRun(joinSuffixes(text), (s) => (out += s), (run) => (out += dropRedundantControls(run)));
  return out;
}

/**
 * The canonical spelling of a segment: Mongolian runs joined by single spaces where each run after
 * a space starts with a suffix particle. Nothing outside a segment can change what happens inside
 * it (a space before a run that does not start with a suffix stays a space, whatever is done
 * around it), so segments are normalised on their own, to a fixpoint, and cached.
 */
function normalizeSegment(segment: string): string {
  let current = segment;
  for (let round = 0; round < 16; round++) {
    const next = pass(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

/** Per run: '1' or '0' (starts with a suffix particle) followed by the normalised run. */
const runCache = new WordCache();
/** Per segment of several runs: the normalised segment. */
const segmentCache = new WordCache();

const computeRun = (run: string): string => (startsWithSuffix(run) ? '1' : '0') + normalizeSegment(run);

const isRunCode = (c: number): boolean =>
  c >= 0x1800 && (c <= 0x18af || (c >= 0x200b && c <= 0x200d) || c === 0x202f || c === 0x2060 || c === 0xfeff);

/** Copies text between segments: NFC for ordinary text, run characters without Mongolian as they are. */
function pushGap(out: Output, text: string, src: Uint16Array, start: number, end: number): void {
  let i = start;
  while (i < end) {
    const from = i;
    if (isRunCode(src[i]!)) {
      while (i < end && isRunCode(src[i]!)) i++;
      out.pushPool(src, from, i - from);
      continue;
    }
    let inert = true;
    while (i < end && !isRunCode(src[i]!)) { if (!isNfcInert(src[i]!)) inert = false; i++; }
    if (inert) out.pushPool(src, from, i - from);
    else out.pushString(text.slice(from, i).normalize('NFC'));
  }
}

/** The cache entry of src[start, end) (hash h), computing it on a miss; -1 when too big to cache. */
function entry(cache: WordCache, compute: (s: string) => string, text: string, src: Uint16Array, start: number, end: number, h: number): number {
  const e = cache.find(src, start, end, h);
  return e >= 0 ? e : cache.add(src, start, end, h, compute(text.slice(start, end)));
}

/**
 * One canonical spelling that looks exactly the same (the shape key is kept): FVS, ZWJ and ZWNJ
 * that change nothing are dropped, stray zero-width characters (U+200B, U+2060, U+FEFF) inside
 * Mongolian are removed, a space before a known suffix particle becomes NNBSP U+202F when the
 * suffix is drawn the same either way, and other text is NFC. Idempotent.
 *
 * One pass over the text: each segment (a Mongolian word, or words joined by spaces before suffix
 * particles) is looked up in a cache; only a new segment is worked out.
 *
 * @example
 * normalize('\u1820\u180D') // => '\u1820' (FVS3 asks for the default isolated A: redundant)
 * normalize('e\u0301') // => 'é'
 */
export function normalize(text: string): string {
  const n = text.length;
  if (n === 0) return '';
  const src = takeInput(text);
  const out = takeOutput(n + (n >> 3));
  if (!nativeUcs2) out.surrogates = /[\uD800-\uDFFF]/.test(text);
  let segStart = -1, segEnd = 0, segRuns = 0, segHash = 0, segEntry = -1, segGeneration = 0;
  const flush = (): void => {
    if (segStart < 0) return;
    if (segRuns === 1) {
      let e = segEntry;
      if (e < 0 || runCache.generation !== segGeneration) e = entry(runCache, computeRun, text, src, segStart, segEnd, segHash);
      if (e >= 0) out.pushPool(runCache.values, runCache.valueStart[e]! + 1, runCache.valueLength[e]! - 1);
      else out.pushString(computeRun(text.slice(segStart, segEnd)).slice(1));
      return;
    }
    let h = HASH_SEED;
    for (let k = segStart; k < segEnd; k++) h = ((h << 5) - h + src[k]!) | 0;
    const e = entry(segmentCache, normalizeSegment, text, src, segStart, segEnd, h);
    if (e >= 0) out.pushPool(segmentCache.values, segmentCache.valueStart[e]!, segmentCache.valueLength[e]!);
    else out.pushString(normalizeSegment(text.slice(segStart, segEnd)));
  };
  let i = 0;
  while (i < n) {
    let c = src[i]!;
    if (!isRunCode(c)) { i++; continue; } // ordinary text: part of the gap before the next segment
    const start = i;
    let h = HASH_SEED;
    let mongolian = false;
    do {
      if (c <= 0x18af) mongolian = true;
      h = ((h << 5) - h + c) | 0;
      c = src[++i]!; // the sentinel 0 at src[n] ends the run
    } while (isRunCode(c));
    if (!mongolian) continue; // joiners only: part of the gap
    const e = entry(runCache, computeRun, text, src, start, i, h);
    const suffix = e >= 0 ? runCache.values[runCache.valueStart[e]!] === 0x31 : startsWithSuffix(text.slice(start, i));
    if (segStart >= 0 && start === segEnd + 1 && src[segEnd] === 0x20 && suffix) {
      segEnd = i;
      segRuns++;
      continue;
    }
    flush();
    pushGap(out, text, src, segStart < 0 ? 0 : segEnd, start);
    segStart = start; segEnd = i; segRuns = 1; segHash = h; segEntry = e; segGeneration = runCache.generation;
  }
  flush();
  pushGap(out, text, src, segStart < 0 ? 0 : segEnd, n);
  releaseInput(src);
  const result = out.toString();
  releaseOutput(out);
  return result;
}
