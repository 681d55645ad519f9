/**
 * Conversion between Unicode Hudum and Menksoft private-use shape code (menksoft.yaml).
 * Menksoft encodes drawn glyphs, so going to Menksoft is shaping, and coming back means
 * inferring the letters, FVS, MVS and NNBSP that draw the same glyphs.
 */
import { isMenksoftCode } from './detect.js';
import { forEachRun, isRunCode, stripStrayZeroWidth } from './runs.js';
import { LETTERS } from './tables/letters.js';
import { MENKSOFT } from './tables/menksoft.js';
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
  const cp = hasCode ? parseInt(parts[0]!.replace(/^uni?/, ''), 16) : 0;
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

/** The Hudum letter that draws given units at a position (for glyphs named after other scripts). */
const hudumLetterByShape = new Map<string, number>();
for (const letter of LETTERS) {
  for (const variants of Object.values(letter.positions)) {
    for (const v of variants ?? []) {
      const key = `${v.units.join(' ')}|${v.graphic}`;
      if (!hudumLetterByShape.has(key)) hudumLetterByShape.set(key, letter.codePoint);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Unicode -> Menksoft

const toCache = new Map<string, string>();

function runToMenksoft(run: string): string {
  const cached = toCache.get(run);
  if (cached !== undefined) return cached;
  let out = '';
  const shaped = shapeGlyphs(stripStrayZeroWidth(run));
  let keepFvs = false; // a letter Menksoft cannot draw stays Unicode, with its FVS
  for (let i = 0; i < shaped.length; i++) {
    const g = shaped[i]!;
    const ch = String.fromCharCode(g.code);
    if (g.kind === 'letter') {
      const units = g.units.join(' ');
      const key = `${g.code}|${units}|${g.position}`;
      const nextUnits = shaped.slice(i + 1).find((x) => x.kind === 'letter')?.units[0] ?? '';
      const context = nextUnits === 'A' ? 'pre_A' : nextUnits === 'O' || nextUnits === 'U' ? 'pre_O' : '';
      const code =
        (context ? codeByLetter.get(`${key}|${context}`) : undefined) ??
        codeByLetter.get(key) ??
        codeByShape.get(`${units}|${g.position}`) ??
        codeByLetter.get(`${key}|any`);
      out += code ? String.fromCharCode(code) : ch;
      keepFvs = !code;
      continue;
    }
    if (g.kind === 'fvs' && g.state === 'valid' && keepFvs) { out += ch; continue; }
    keepFvs = false;
    if (g.kind === 'mvs') {
      const name = g.state === 'narrow' ? 'Narrow' : g.state === 'wide' ? 'Wide' : g.code === 0x202f ? 'Nnbsp' : 'Mvs';
      out += String.fromCharCode(NOMINAL(name));
    } else if (g.kind === 'fvs') {
      if (g.state !== 'valid') out += String.fromCharCode(NOMINAL(`Fvs${g.code === 0x180f ? 4 : g.code - 0x180a}`));
    } else if (g.kind === 'nirugu') out += String.fromCharCode(NOMINAL('Nirugu') || 0xe23e);
    else if (g.kind === 'other') out += ch;
  }
  if (toCache.size > 100_000) toCache.clear();
  toCache.set(run, out);
  return out;
}

/**
 * Converts Unicode Hudum to Menksoft private-use shape code: each letter becomes the code of
 * the glyph UTN #57 shaping draws; a shaped MVS/NNBSP becomes the narrow or wide space glyph;
 * consumed FVS and joiners disappear. Other text is unchanged.
 *
 * @example
 * toMenksoft('\u182E\u1823\u1829\u182D\u1823\u182F') // => Menksoft codes of M O A G Hx O L
 */
export function toMenksoft(text: string): string {
  let out = '';
  forEachRun(text, (s) => (out += s), (run) => (out += runToMenksoft(run)));
  return out;
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
const SPECIAL: Record<string, string> = {
  Narrow: '\u180E', Narrowspace: '\u180E', Mvs: '\u180E', Wide: '\u202F', Nnbsp: '\u202F',
  Zwj: '\u200D', Zwnj: '\u200C', Nirugu: '\u180A', Widespace: ' ',
  Fvs1: '\u180B', Fvs2: '\u180C', Fvs3: '\u180D', Fvs4: '\u180F',
};

/** Written units of the letter at string index `at`, with its drawn position. */
function drawnAt(text: string, at: number): string {
  const g = shapeGlyphs(text)[at];
  return g ? `${g.units.join(' ')}|${g.position}` : '';
}

const fromCache = new Map<string, string>();

function wordFromMenksoft(word: string): string {
  const cached = fromCache.get(word);
  if (cached !== undefined) return cached;
  // First guess: the letter each code is listed under, controls by their glyph name.
  const pieces: string[] = [];
  const targets: (string | undefined)[] = [];
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    const g = glyphs.get(c);
    if (!g) { pieces.push(word[i]!); targets.push(undefined); continue; }
    if (g.position === 'nomi' || g.cp === 0x180a) {
      const special = SPECIAL[g.units] ?? (g.cp ? String.fromCodePoint(g.cp) : '');
      pieces.push(special);
      targets.push(undefined);
    } else if (g.cp >= 0x1820 && g.cp <= 0x18af) {
      const cp = g.cp <= 0x1842 ? g.cp : hudumLetterByShape.get(`${g.units}|${g.position}`) ?? g.cp;
      pieces.push(String.fromCharCode(cp));
      targets.push(`${g.units}|${g.position}`);
    } else { pieces.push(word[i]!); targets.push(undefined); }
  }
  // Then fix each letter that is not drawn as the code asks: a harmony partner, or an FVS.
  for (let i = 0; i < pieces.length; i++) {
    const target = targets[i];
    if (target === undefined) continue;
    const at = (k: number): number => pieces.slice(0, k).join('').length;
    if (drawnAt(pieces.join(''), at(i)) === target) continue;
    const letter = pieces[i]!.charCodeAt(0);
    const tries: string[] = [];
    for (const p of PARTNERS.get(letter) ?? []) tries.push(String.fromCharCode(p));
    for (const f of FVS_CHARS.slice(1)) tries.push(pieces[i]![0]! + f);
    for (const p of PARTNERS.get(letter) ?? []) for (const f of FVS_CHARS.slice(1)) tries.push(String.fromCharCode(p) + f);
    const original = pieces[i]!;
    let fixed = false;
    for (const t of tries) {
      pieces[i] = t;
      if (drawnAt(pieces.join(''), at(i)) === target) { fixed = true; break; }
    }
    if (!fixed) pieces[i] = original;
  }
  const out = pieces.join('');
  if (fromCache.size > 100_000) fromCache.clear();
  fromCache.set(word, out);
  return out;
}

/**
 * Converts Menksoft private-use shape code to Unicode Hudum, inferring the letters (vowel
 * harmony), FVS, MVS and NNBSP that UTN #57 shaping needs to draw the same glyphs. Other text is
 * unchanged. Guarantee: `shapeKey(fromMenksoft(toMenksoft(w))) === shapeKey(w)` for Hudum words.
 *
 * @example
 * fromMenksoft(toMenksoft('\u182E\u1823\u1829\u182D\u1823\u182F')) // => '\u182E\u1823\u1829\u182D\u1823\u182F'
 */
export function fromMenksoft(text: string): string {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    let j = i;
    while (j < n && !isMenksoftCode(text.charCodeAt(j))) j++;
    // Unicode Mongolian right before the codes (a letter Menksoft cannot draw) joins the word.
    let start = j;
    while (start > i && isRunCode(text.charCodeAt(start - 1))) start--;
    out += text.slice(i, start);
    if (j >= n) { out += text.slice(start, j); break; }
    let k = j;
    while (k < n && (isMenksoftCode(text.charCodeAt(k)) || isRunCode(text.charCodeAt(k)))) k++;
    j = start;
    out += wordFromMenksoft(text.slice(j, k));
    i = k;
  }
  return out;
}
