/**
 * Conversion between Unicode Hudum and Menksoft private-use shape code (menksoft.yaml).
 * Menksoft encodes drawn glyphs, so going to Menksoft is shaping, and coming back means
 * inferring the letters, FVS, MVS and NNBSP that draw the same glyphs.
 */
import { isMenksoftCode } from './detect.js';
import { stripStrayZeroWidth } from './runs.js';
import { LETTERS } from './tables/letters.js';
import { MENKSOFT } from './tables/menksoft.js';
import { WordCache } from './text-buffer.js';
import { FROM_MENKSOFT, TO_MENKSOFT, transformWords } from './transform.js';
import { shapeGlyphs } from './written-units.js';

interface Glyph {
  /** Character the glyph belongs to (0 when unknown, e.g. a ligature). */
  readonly cp: number;
  /** Written units joined by spaces, e.g. 'A A'. */
  readonly units: string;
  readonly position: string;
}

const glyphs = new Map<number, Glyph>();
const codeByLetter = new Map<string, number>(); // 'cp|units|position' -> code
const codeByShape = new Map<string, number>(); // 'units|position' -> code
const codeByName = new Map<string, number>(); // 'Narrow', 'Fvs1', … (nominal glyphs)

function parseName(name: string, section: number): Glyph {
  const parts = name.split('.');
  const hasCode = /^u(ni)?[0-9A-F]{4,5}$/.test(parts[0] ?? '');
  // 'uni1800' and 'u11660' (Mongolian Supplement birga variants) both name a code point.
  const cp = hasCode ? parseInt(parts[0]!.replace(/^u(ni)?/, ''), 16) : 0;
  const [unitsPart, position] = hasCode ? [parts[1] ?? '', parts[2] ?? ''] : [parts[0] ?? '', parts[1] ?? ''];
  const units = (unitsPart.match(/[A-Z][a-z0-9]*/g) ?? []).join(' ');
  // A Hudum letter's code is listed under that letter even where the glyph name borrows another.
  const letter = section >= 0x1820 && section <= 0x1842 && cp >= 0x1820 && cp <= 0x1842 ? section : cp;
  return { cp: letter, units, position };
}

for (const [code, name, section] of MENKSOFT) {
  // Codes outside the BMP private-use block are not Menksoft proper; read them, never write them.
  if (name.startsWith('0x') || !isMenksoftCode(code)) continue;
  const parts = name.split('.');
  const glyph = parseName(name, section);
  glyphs.set(code, glyph);
  const contextual = parts.length > 3;
  if (glyph.position === 'nomi') {
    if (!codeByName.has(glyph.units)) codeByName.set(glyph.units, code);
    continue;
  }
  const key = `${glyph.cp}|${glyph.units}|${glyph.position}`;
  if (!contextual && !codeByLetter.has(key)) codeByLetter.set(key, code);
  if (contextual) {
    const contextKey = `${key}|${parts[3]}`;
    if (!codeByLetter.has(contextKey)) codeByLetter.set(contextKey, code);
    if (!codeByLetter.has(`${key}|any`)) codeByLetter.set(`${key}|any`, code);
  }
  if (!contextual && !codeByShape.has(`${glyph.units}|${glyph.position}`)) codeByShape.set(`${glyph.units}|${glyph.position}`, code);
}
for (const [code, name] of MENKSOFT) {
  if (!name.startsWith('0x')) continue;
  const target = glyphs.get(parseInt(name, 16));
  if (target) glyphs.set(code, target);
}
for (const [key, code] of codeByShape) if (!codeByLetter.has(`0|${key}`)) codeByLetter.set(`0|${key}`, code);

const NOMINAL = (name: string): number => codeByName.get(name) ?? 0;

/** The Hudum letters that can draw given units at a position, in table order ('A A|init' → [a, …]). */
const lettersByShape = new Map<string, number[]>();
for (const letter of LETTERS) {
  for (const variants of Object.values(letter.positions)) {
    for (const v of variants ?? []) {
      const key = `${v.units.join(' ')}|${v.graphic}`;
      const list = lettersByShape.get(key) ?? [];
      if (!list.includes(letter.codePoint)) list.push(letter.codePoint);
      lettersByShape.set(key, list);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Unicode -> Menksoft

/** Menksoft codes of one Mongolian run. */
function runToMenksoft(run: string): string {
  const shaped = shapeGlyphs(stripStrayZeroWidth(run));
  // The code of each letter (0 when Menksoft has none: the letter stays Unicode).
  const codes = new Array<number>(shaped.length).fill(0);
  for (let i = 0; i < shaped.length; i++) {
    const g = shaped[i]!;
    if (g.kind !== 'letter') continue;
    const units = g.units.join(' ');
    const key = `${g.code}|${units}|${g.position}`;
    const nextUnits = shaped.slice(i + 1).find((x) => x.kind === 'letter')?.units[0] ?? '';
    const context = nextUnits === 'A' ? 'pre_A' : nextUnits === 'O' || nextUnits === 'U' ? 'pre_O' : '';
    codes[i] =
      (context ? codeByLetter.get(`${key}|${context}`) : undefined) ??
      codeByLetter.get(key) ??
      codeByShape.get(`${units}|${g.position}`) ??
      codeByLetter.get(`${key}|any`) ??
      0;
  }
  /** True when the nearest letter from i in direction step (over FVS and joiners) stays Unicode. */
  const keptLetterNear = (i: number, step: number): boolean => {
    for (let k = i + step; k >= 0 && k < shaped.length; k += step) {
      const kind = shaped[k]!.kind;
      if (kind === 'fvs' || kind === 'zwj' || kind === 'zwnj') continue;
      return kind === 'letter' && codes[k] === 0;
    }
    return false;
  };
  let out = '';
  let keepFvs = false; // a letter Menksoft cannot draw stays Unicode, with its FVS and the joiners around it
  for (let i = 0; i < shaped.length; i++) {
    const g = shaped[i]!;
    const ch = String.fromCharCode(g.code);
    if (g.kind === 'letter') {
      out += codes[i] ? String.fromCharCode(codes[i]!) : ch;
      keepFvs = !codes[i];
      continue;
    }
    if (g.kind === 'fvs' && g.state === 'valid' && keepFvs) { out += ch; continue; }
    if ((g.kind === 'zwj' || g.kind === 'zwnj') && (keptLetterNear(i, -1) || keptLetterNear(i, 1))) { out += ch; continue; }
    keepFvs = false;
    if (g.kind === 'mvs') {
      const name = g.state === 'narrow' ? 'Narrow' : g.state === 'wide' ? 'Wide' : g.code === 0x202f ? 'Nnbsp' : 'Mvs';
      out += String.fromCharCode(NOMINAL(name));
    } else if (g.kind === 'fvs') {
      if (g.state !== 'valid') out += String.fromCharCode(NOMINAL(`Fvs${g.code === 0x180f ? 4 : g.code - 0x180a}`));
    } else if (g.kind === 'nirugu') out += String.fromCharCode(NOMINAL('Nirugu') || 0xe23e);
    else if (g.kind === 'other') out += ch;
  }
  return out;
}

const toCache = new WordCache();

/**
 * Converts Unicode Hudum to Menksoft private-use shape code: each letter becomes the code of
 * the glyph UTN #57 shaping draws; a shaped MVS/NNBSP becomes the narrow or wide space glyph;
 * consumed FVS and joiners disappear. Other text is unchanged.
 *
 * @example
 * toMenksoft('\u182E\u1823\u1829\u182D\u1823\u182F') // => Menksoft codes of M O A G Hx O L
 */
export function toMenksoft(text: string): string {
  return transformWords(text, TO_MENKSOFT, toCache, runToMenksoft);
}

// ---------------------------------------------------------------------------------------------
// Menksoft -> Unicode

/** Letters that Menksoft draws alike and a reader tells apart by vowel harmony or spelling. */
const PARTNERS = new Map<number, number[]>([
  [0x1820, [0x1821]], [0x1821, [0x1820]], [0x1823, [0x1824]], [0x1824, [0x1823]],
  [0x1825, [0x1826]], [0x1826, [0x1825]], [0x1832, [0x1833]], [0x1833, [0x1832]],
  [0x1822, [0x1836]], [0x1836, [0x1822]], [0x182C, [0x182D]], [0x182D, [0x182C]],
]);
const FVS_CHARS = ['', '\u180B', '\u180C', '\u180D', '\u180F'];
const ZWJ = '\u200D', ZWNJ = '\u200C';
const HUDUM_LETTERS = new Set(LETTERS.map((l) => l.codePoint));
const isFvsCode = (c: number): boolean => (c >= 0x180b && c <= 0x180d) || c === 0x180f;
const SPECIAL: Record<string, string[]> = {
  Narrow: ['\u180E', '\u202F'], Narrowspace: ['\u180E', '\u202F'], Wide: ['\u202F', '\u180E'], Mvs: ['\u180E'], Nnbsp: ['\u202F'],
  Zwj: ['\u200D'], Zwnj: ['\u200C'], Nirugu: ['\u180A'], Widespace: [' '],
  Fvs1: ['\u180B'], Fvs2: ['\u180C'], Fvs3: ['\u180D'], Fvs4: ['\u180F'],
};

/**
 * The Unicode spellings one Menksoft code (or a Unicode character inside a Menksoft word) may come
 * from, most likely first: the letter the code is listed under without FVS, its harmony partner,
 * the other letters that can draw the glyph, each with FVS1–4; for a letter glyph that joins on a
 * side where the word has nothing to join, the same with ZWJ there.
 */
function optionsOf(word: string, i: number): string[] {
  const c = word.charCodeAt(i);
  const g = glyphs.get(c);
  // A letter Menksoft cannot draw stays Unicode; the joiners next to it were dropped.
  if (!g) {
    const ch = word[i]!;
    if (HUDUM_LETTERS.has(c) || (c >= 0x1843 && c <= 0x18aa)) return [ch, ZWNJ + ch, ch + ZWNJ, ZWJ + ch, ch + ZWJ];
    if (isFvsCode(c)) return [ch, ch + ZWJ, ch + ZWNJ, ZWNJ + ch];
    return [ch];
  }
  if (g.position === 'nomi' || g.cp === 0x180a) {
    const base = SPECIAL[g.units] ?? [g.cp ? String.fromCodePoint(g.cp) : ''];
    // A joiner next to a control keeps it from being shaped or consumed (an MVS or FVS left visible).
    return base.concat(base.map((o) => o + ZWNJ), base.map((o) => ZWNJ + o), base.map((o) => o + ZWJ));
  }
  const shape = `${g.units}|${g.position}`;
  const letters: number[] = [];
  const addLetter = (cp: number): void => { if (!letters.includes(cp)) letters.push(cp); };
  if (g.cp >= 0x1820 && g.cp <= 0x1842) addLetter(g.cp);
  for (const cp of PARTNERS.get(letters[0] ?? -1) ?? []) addLetter(cp);
  for (const cp of lettersByShape.get(shape) ?? []) addLetter(cp);
  if (letters.length === 0) return [word[i]!];
  const out: string[] = [];
  for (const cp of letters) for (const f of FVS_CHARS) out.push(String.fromCharCode(cp) + f);
  // Joining the glyph asks for on a side where the word offers nothing to join.
  const joinsBefore = g.position === 'medi' || g.position === 'fina';
  const joinsAfter = g.position === 'init' || g.position === 'medi';
  /**
   * The neighbour at k (Unicode FVS skipped, looking in direction step): 2 when it joins towards
   * this glyph, 1 when it is a letter that does not, 0 when nothing there could join.
   */
  const neighbour = (k: number, step: number): number => {
    while (k >= 0 && k < word.length && isFvsCode(word.charCodeAt(k))) k += step;
    if (k < 0 || k >= word.length) return 0;
    const u = word.charCodeAt(k);
    const h = glyphs.get(u);
    if (h) {
      if (h.units === 'Nirugu' || h.units === 'Zwj') return 2;
      if (h.position === 'nomi') return 0;
      const joins = step < 0 ? h.position === 'init' || h.position === 'medi' : h.position === 'medi' || h.position === 'fina';
      return joins ? 2 : 1;
    }
    return HUDUM_LETTERS.has(u) || u === 0x180a || u === 0x200d ? 2 : 0;
  };
  // ZWJ where the glyph joins and its neighbour does not (with ZWNJ to keep a letter there from
  // joining it), ZWNJ where a neighbour would join and the glyph does not.
  const left = neighbour(i - 1, -1), right = neighbour(i + 1, 1);
  const before = joinsBefore ? (left === 2 ? '' : left === 1 ? ZWNJ + ZWJ : ZWJ) : left ? ZWNJ : '';
  const after = joinsAfter ? (right === 2 ? '' : right === 1 ? ZWJ + ZWNJ : ZWJ) : right ? ZWNJ : '';
  const plain = out.length;
  if (before) for (let k = 0; k < plain; k++) out.push(before + out[k]!);
  if (after) for (let k = 0; k < plain; k++) out.push(out[k]! + after);
  if (before && after) for (let k = 0; k < plain; k++) out.push(before + out[k]! + after);
  return out;
}

/**
 * The Unicode a Menksoft code stands for on its own, for a glyph the spelling search cannot infer
 * (letters outside Hudum: Todo, Sibe, Manchu, Ali Gali; marks; the M/L ligatures): the nominal
 * letter(s) the glyph draws, with ZWJ on a joining side at the edge of the word (atStart/atEnd), so
 * that a lone initial, medial or final form keeps its form. '' when the table gives the code no
 * Unicode equivalent (unnamed glyphs, codes it does not list).
 */
function nominalOf(code: number, atStart: boolean, atEnd: boolean): string {
  const g = glyphs.get(code);
  if (!g) return '';
  let letters = '';
  if (g.cp) letters = String.fromCodePoint(g.cp);
  else if (g.position === 'init' || g.position === 'medi' || g.position === 'fina') {
    // A ligature ('M L' medial): the letter each written unit is the only drawing of.
    for (const unit of g.units.split(' ')) {
      const cps = lettersByShape.get(`${unit}|${g.position}`) ?? [];
      if (cps.length === 0) return '';
      letters += String.fromCharCode(cps[0]!);
    }
  }
  if (!letters) return '';
  const before = atStart && (g.position === 'medi' || g.position === 'fina') ? ZWJ : '';
  const after = atEnd && (g.position === 'init' || g.position === 'medi') ? ZWJ : '';
  return before + letters + after;
}

/**
 * True when fromMenksoft turns a lone Menksoft code (U+E234–U+E4AB) into Unicode; false for the
 * codes it keeps as they are because the table gives them no Unicode equivalent (unnamed glyphs,
 * codes it does not list), which a caller must refuse or report rather than store. Mirrors
 * optionsOf and nominalOf (the tests check it against fromMenksoft for all 632 codes).
 */
export function isConvertibleMenksoft(code: number): boolean {
  const g = isMenksoftCode(code) ? glyphs.get(code) : undefined;
  if (!g) return false;
  if (g.position === 'nomi' || g.cp === 0x180a) return true;
  if (g.cp >= 0x1820 && g.cp <= 0x1842) return true;
  if ((lettersByShape.get(`${g.units}|${g.position}`) ?? []).length > 0) return true;
  return nominalOf(code, true, true) !== '';
}

/** Length of the common prefix of a and b. */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

const EVALUATION_LIMIT = 4000;

/**
 * Unicode for one Menksoft word: the spelling whose shaping draws exactly the same glyphs. It
 * starts from the most likely option of every code (options are listed likeliest first) and, while
 * the glyphs differ, makes the single change that draws the longest matching prefix (the likeliest
 * option on a tie), or failing that a change of two neighbouring codes; every candidate is checked
 * by converting it back to Menksoft.
 */
function wordFromMenksoft(word: string): string {
  const options: string[][] = [];
  for (let i = 0; i < word.length; i++) options.push(optionsOf(word, i));
  const choice = options.map(() => 0);
  let evaluations = 0;
  const score = (): number => {
    evaluations++;
    let text = '';
    for (let t = 0; t < options.length; t++) text += options[t]![choice[t]!];
    const drawn = menksoftOf(text);
    return drawn === word ? Infinity : commonPrefix(drawn, word);
  };
  let best = score();
  while (best !== Infinity && evaluations < EVALUATION_LIMIT) {
    // The best single change.
    let bestT = -1, bestO = 0, bestScore = best;
    for (let t = 0; t < options.length; t++) {
      const keep = choice[t]!;
      for (let o = 0; o < options[t]!.length; o++) {
        if (o === keep) continue;
        choice[t] = o;
        const s = score();
        if (s > bestScore || (s === bestScore && bestT >= 0 && o < bestO)) { bestScore = s; bestT = t; bestO = o; }
      }
      choice[t] = keep;
    }
    if (bestT >= 0) { choice[bestT] = bestO; best = bestScore; continue; }
    // Two changes at once, near the first glyph that differs.
    const around = firstToken(options, choice, best);
    let found = false;
    for (let a = Math.max(0, around - 3); a < Math.min(options.length, around + 4) && !found; a++) {
      for (let b = a + 1; b < Math.min(options.length, around + 6) && !found; b++) {
        const keepA = choice[a]!, keepB = choice[b]!;
        for (let oa = 0; oa < options[a]!.length && !found; oa++) {
          for (let ob = 0; ob < options[b]!.length && evaluations < EVALUATION_LIMIT; ob++) {
            if (oa === keepA && ob === keepB) continue;
            choice[a] = oa; choice[b] = ob;
            const s = score();
            if (s > best) { best = s; found = true; break; }
          }
        }
        if (!found) { choice[a] = keepA; choice[b] = keepB; }
      }
    }
    if (!found) break;
  }
  // A code the search keeps as it is (no Hudum spelling draws it) becomes its nominal letter.
  let out = '';
  for (let t = 0; t < options.length; t++) {
    const o = options[t]![choice[t]!]!;
    out += o.length === 1 && isMenksoftCode(o.charCodeAt(0)) ? nominalOf(o.charCodeAt(0), t === 0, t === options.length - 1) || o : o;
  }
  return out;
}

/** Index of the token whose glyph is the first that differs (from the matched prefix length). */
function firstToken(options: string[][], choice: number[], matched: number): number {
  let drawn = 0;
  for (let t = 0; t < options.length; t++) {
    drawn += menksoftOf(options[t]![choice[t]!]!).length || 0;
    if (drawn > matched) return t;
  }
  return options.length - 1;
}

/** Menksoft of a Unicode spelling (uncached; the candidates of the search). */
function menksoftOf(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    let j = i;
    while (j < text.length && !isRun(text.charCodeAt(j))) j++;
    out += text.slice(i, j);
    if (j === text.length) break;
    let k = j;
    let mongolian = false;
    while (k < text.length && isRun(text.charCodeAt(k))) { if (text.charCodeAt(k) <= 0x18af) mongolian = true; k++; }
    out += mongolian ? runToMenksoft(text.slice(j, k)) : text.slice(j, k);
    i = k;
  }
  return out;
}

const isRun = (c: number): boolean => (c >= 0x1800 && c <= 0x18af) || (c >= 0x200b && c <= 0x200d) || c === 0x202f || c === 0x2060 || c === 0xfeff;

const fromCache = new WordCache();

/**
 * Converts Menksoft private-use shape code to Unicode Hudum, inferring the letters (vowel
 * harmony), FVS, MVS and NNBSP that UTN #57 shaping needs to draw the same glyphs. Other text is
 * unchanged. Guarantee: `shapeKey(fromMenksoft(toMenksoft(w))) === shapeKey(w)` for Hudum words
 * (every word of the conformance suites is checked).
 *
 * @example
 * fromMenksoft(toMenksoft('\u182E\u1823\u1829\u182D\u1823\u182F')) // => '\u182E\u1823\u1829\u182D\u1823\u182F'
 */
export function fromMenksoft(text: string): string {
  return transformWords(text, FROM_MENKSOFT, fromCache, wordFromMenksoft);
}
