/**
 * The shaping model of UTN #57 for Hudum (Traditional Mongolian, GB/T 25914-2023 aligned):
 * code points in, written units out. It follows the steps of the reference implementation
 * (mongfontbuilder, phases IIa and III): joining positions, chachlag, syllabic rules (marked
 * o/u/oe/ue, onset/devsger n t d, gender of h/g, dotless sh/g), particles, devsger i,
 * post-bowed vowels, FVS selection and control-character clean-up.
 */
import { LETTERS } from './tables/letters.js';
import { PARTICLES } from './tables/particles.js';
import type { Position } from './tables/types.js';

// ---------------------------------------------------------------------------------------------
// Character classes

/** Slot kinds. */
const LETTER = 0, FVS = 1, MVS = 2, NIRUGU = 3, ZWJ = 4, ZWNJ = 5, OTHER = 6, SPACE = 7;
/** FVS states: still ignored (a mark), consumed by a letter (valid), or left visible. */
const IGNORED = 0, VALID = 1, NOMINAL = 2;
/** MVS states. */
const INVALID = 0, NARROW = 1, WIDE = 2;

const POSITIONS: readonly Position[] = ['isol', 'init', 'medi', 'fina'];
const ISOL = 0, INIT = 1, MEDI = 2, FINA = 3;

const CAT_MASC = 0, CAT_FEM = 1, CAT_NEUTER = 2, CAT_CONS = 3;
const CATEGORY_CODES: Record<string, number> = { vowelMasculine: CAT_MASC, vowelFeminine: CAT_FEM, vowelNeuter: CAT_NEUTER, consonant: CAT_CONS, other: -1 };

type Condition =
  | 'chachlag'
  | 'marked'
  | 'chachlag_onset'
  | 'chachlag_onset_gb'
  | 'onset'
  | 'devsger'
  | 'masculine_onset'
  | 'masculine_devsger'
  | 'feminine'
  | 'dotless'
  | 'particle'
  | 'vowel_devsger'
  | 'post_bowed';

/**
 * Written-unit names get small integer ids (index into UNIT_NAMES); id 0 is '-' (a wide MVS/NNBSP
 * or a space). A character drawn as itself is RAW_UNIT + its code unit.
 */
export const UNIT_NAMES: string[] = ['-', '_', '<', '>', 'Ni', 'Mvs', 'Nnbsp', 'Fvs1', 'Fvs2', 'Fvs3', 'Fvs4'];
export const RAW_UNIT = 0x10000;
const unitIds = new Map<string, number>(UNIT_NAMES.map((name, i) => [name, i]));
function unitId(name: string): number {
  let u = unitIds.get(name);
  if (u === undefined) { u = UNIT_NAMES.length; UNIT_NAMES.push(name); unitIds.set(name, u); }
  return u;
}
const U_WIDE = 0, U_NARROW = 1, U_LT = 2, U_GT = 3, U_NI = 4, U_MVS = 5, U_NNBSP = 6, U_FVS = 6; // U_FVS + n = Fvs<n>

interface Letter {
  readonly alias: string;
  readonly category: number;
  /** Per position (ISOL..FINA): variant units, graphic position and lookups. */
  readonly units: (readonly string[])[][];
  /** Same as units, as unit ids. */
  readonly ids: (readonly number[])[][];
  readonly graphic: number[][];
  readonly defaultIndex: number[];
  /** fvsIndex[pos][n] = variant index for FVS n, or -1. */
  readonly fvsIndex: number[][];
  /** conditionIndex[pos] maps a condition to its variant index. */
  readonly conditionIndex: Map<string, number>[];
}

const letters: Letter[] = [];
/** Letter id by code point offset from U+1800 (-1 when not a Hudum letter). */
const letterByCode = new Int16Array(0xb0).fill(-1);
const letterByAlias = new Map<string, number>();

for (const data of LETTERS) {
  const units: (readonly string[])[][] = [], graphic: number[][] = [], defaultIndex: number[] = [];
  const fvsIndex: number[][] = [], conditionIndex: Map<string, number>[] = [];
  for (const position of POSITIONS) {
    const variants = data.positions[position] ?? [];
    units.push(variants.map((v) => v.units));
    graphic.push(variants.map((v) => POSITIONS.indexOf(v.graphic)));
    defaultIndex.push(Math.max(0, variants.findIndex((v) => v.isDefault)));
    const byFvs = [-1, -1, -1, -1, -1];
    const byCondition = new Map<string, number>();
    variants.forEach((v, i) => {
      if (v.fvs > 0) byFvs[v.fvs] = i;
      for (const c of v.conditions) byCondition.set(c, i);
    });
    fvsIndex.push(byFvs);
    conditionIndex.push(byCondition);
  }
  const id = letters.length;
  const ids = units.map((variants) => variants.map((v) => v.map(unitId)));
  letters.push({ alias: data.alias, category: CATEGORY_CODES[data.category] ?? -1, units, ids, graphic, defaultIndex, fvsIndex, conditionIndex });
  if (data.codePoint >= 0x1800 && data.codePoint < 0x18b0) letterByCode[data.codePoint - 0x1800] = id;
  letterByAlias.set(data.alias, id);
}

const id = (alias: string): number => letterByAlias.get(alias) ?? -1;
const A = id('a'), E = id('e'), I = id('i'), O = id('o'), U = id('u'), OE = id('oe'), UE = id('ue'), EE = id('ee');
const N = id('n'), B = id('b'), P = id('p'), H = id('h'), G = id('g'), S = id('s'), SH = id('sh'), T = id('t'), D = id('d');
const J = id('j'), W = id('w'), F = id('f'), K = id('k'), K2 = id('k2');

/** Compiled particles: letter ids, whether written after an MVS, and the indices that take the particle form. */
const particles = PARTICLES.map(([spelling, indices]) => {
  const aliases = spelling.split(' ');
  const hasMvs = aliases[0] === 'mvs';
  const ids = (hasMvs ? aliases.slice(1) : aliases).map(id);
  return { hasMvs, ids, indices: indices.map((i) => (hasMvs ? i - 1 : i)) };
});

/** True for characters the shaper handles (Mongolian block, ZWJ, ZWNJ, NNBSP). */
export function isMongolianCode(c: number): boolean {
  return (c >= 0x1800 && c <= 0x18af) || c === 0x200c || c === 0x200d || c === 0x202f;
}

// ---------------------------------------------------------------------------------------------
// The shaping buffer of one word

interface Buffer {
  n: number;
  kind: Uint8Array;
  code: Uint16Array;
  letter: Int16Array;
  pos: Uint8Array;
  variant: Int8Array;
  /** FVS number, MVS/FVS/nirugu state. */
  fvsNumber: Uint8Array;
  state: Uint8Array;
}

/** Skipping modes: IgnoreMarks, a mark-filtering set of FVS (skip other marks), or nothing. */
const SKIP_MARKS = 0, SKIP_NON_FVS_MARKS = 1, SKIP_NONE = 2;

function isMark(b: Buffer, i: number, mode: number): boolean {
  if (mode === SKIP_NONE) return false;
  const k = b.kind[i];
  if (k === ZWJ || k === ZWNJ) return true;
  if (k === NIRUGU) return b.state[i] === IGNORED;
  if (k === FVS) return mode === SKIP_MARKS && b.state[i] !== NOMINAL;
  return false;
}

function next(b: Buffer, i: number, mode: number): number {
  for (let j = i + 1; j < b.n; j++) if (!isMark(b, j, mode)) return j;
  return -1;
}

function prev(b: Buffer, i: number, mode: number): number {
  for (let j = i - 1; j >= 0; j--) if (!isMark(b, j, mode)) return j;
  return -1;
}

const isLetter = (b: Buffer, i: number, letter: number): boolean => i >= 0 && b.kind[i] === LETTER && b.letter[i] === letter;
const categoryAt = (b: Buffer, i: number): number => (i >= 0 && b.kind[i] === LETTER ? letters[b.letter[i]!]!.category : -1);
const isVowel = (b: Buffer, i: number): boolean => { const c = categoryAt(b, i); return c >= CAT_MASC && c <= CAT_NEUTER; };
const isConsonant = (b: Buffer, i: number): boolean => categoryAt(b, i) === CAT_CONS;
const isOneOf = (b: Buffer, i: number, ...ids: number[]): boolean => i >= 0 && b.kind[i] === LETTER && ids.includes(b.letter[i]!);
const unitsAt = (b: Buffer, i: number): readonly string[] => letters[b.letter[i]!]!.units[b.pos[i]!]![b.variant[i]!] ?? [];
const isFvs = (b: Buffer, i: number, ...numbers: number[]): boolean => i >= 0 && b.kind[i] === FVS && (numbers.length === 0 || numbers.includes(b.fvsNumber[i]!));
const isMvs = (b: Buffer, i: number): boolean => i >= 0 && b.kind[i] === MVS;

/** Applies a shaping condition to the letter at i (no change when the letter has no such variant). */
function apply(b: Buffer, i: number, condition: Condition): void {
  const v = letters[b.letter[i]!]!.conditionIndex[b.pos[i]!]!.get(condition);
  if (v !== undefined) b.variant[i] = v;
}

/** Resets the letter at i to the default variant of its position. */
function reset(b: Buffer, i: number): void {
  b.variant[i] = letters[b.letter[i]!]!.defaultIndex[b.pos[i]!]!;
}

function allocate(n: number): Buffer {
  return {
    n: 0,
    kind: new Uint8Array(n), code: new Uint16Array(n), letter: new Int16Array(n), pos: new Uint8Array(n),
    variant: new Int8Array(n), fvsNumber: new Uint8Array(n), state: new Uint8Array(n),
  };
}
/** One buffer reused by every call (shaping never re-enters itself); grown when a longer word comes. */
let shared = allocate(64);

/** Fills the buffer from a word and gives every letter its joining position and default form. */
function load(word: string): Buffer {
  const n = word.length;
  if (n > shared.kind.length) shared = allocate(Math.max(n, shared.kind.length * 2));
  const b = shared;
  b.n = n;
  b.letter.fill(-1, 0, n);
  b.pos.fill(0, 0, n);
  b.variant.fill(0, 0, n);
  b.fvsNumber.fill(0, 0, n);
  b.state.fill(0, 0, n);
  for (let i = 0; i < n; i++) {
    const c = word.charCodeAt(i);
    b.code[i] = c;
    let kind = OTHER;
    if (c >= 0x1800 && c < 0x18b0) {
      const l = letterByCode[c - 0x1800]!;
      if (l >= 0) { kind = LETTER; b.letter[i] = l; }
      else if (c >= 0x180b && c <= 0x180d) { kind = FVS; b.fvsNumber[i] = c - 0x180a; }
      else if (c === 0x180f) { kind = FVS; b.fvsNumber[i] = 4; }
      else if (c === 0x180e) kind = MVS;
      else if (c === 0x180a) kind = NIRUGU;
    } else if (c === 0x202f) kind = MVS;
    else if (c === 0x200d) kind = ZWJ;
    else if (c === 0x200c) kind = ZWNJ;
    else if (c === 0x20) kind = SPACE;
    b.kind[i] = kind;
  }
  // Cursive joining: letters are dual-joining, ZWJ and nirugu cause joining, FVS are transparent.
  for (let i = 0; i < n; i++) {
    if (b.kind[i] !== LETTER) continue;
    let before = false, after = false;
    for (let j = i - 1; j >= 0; j--) {
      const k = b.kind[j];
      if (k === FVS) continue;
      before = k === LETTER || k === ZWJ || k === NIRUGU;
      break;
    }
    for (let j = i + 1; j < n; j++) {
      const k = b.kind[j];
      if (k === FVS) continue;
      after = k === LETTER || k === ZWJ || k === NIRUGU;
      break;
    }
    const pos = before ? (after ? MEDI : FINA) : after ? INIT : ISOL;
    b.pos[i] = pos;
    b.variant[i] = letters[b.letter[i]!]!.defaultIndex[pos]!;
  }
  return b;
}

// ---------------------------------------------------------------------------------------------
// Phase III steps

/** Gender carried through the word for h/g (GB: masculinity/femininity passes indefinitely). */
function genderMarkers(b: Buffer): Uint8Array {
  const MASC = 1;
  const marks = new Uint8Array(b.n);
  // Forward: a masculine (feminine) vowel marks the neuter vowels and consonants after it.
  let forward = 0; // 0 none, 1 masc, 2 fem
  const feminineForward = new Uint8Array(b.n);
  for (let i = 0; i < b.n; i++) {
    if (isMark(b, i, SKIP_MARKS)) continue;
    const cat = categoryAt(b, i);
    if (cat < 0) { forward = 0; continue; }
    const pos = b.pos[i]!;
    if (cat === CAT_MASC) forward = pos === INIT || pos === MEDI ? 1 : 0;
    else if (cat === CAT_FEM) forward = pos === INIT || pos === MEDI ? 2 : 0;
    else if (pos === MEDI || pos === FINA) {
      if (forward === 1) marks[i] = MASC;
      else if (forward === 2) feminineForward[i] = 1;
    } else forward = 0;
  }
  // Backward (g only): a later masculine vowel, or a chachlag a, reached through neuter vowels
  // and consonants makes g masculine unless a feminine vowel before it made it feminine.
  let backward = false;
  for (let i = b.n - 1; i >= 0; i--) {
    if (isMark(b, i, SKIP_MARKS)) continue;
    const cat = categoryAt(b, i);
    if (cat < 0) { backward = false; continue; }
    let own = false;
    if (cat === CAT_MASC && b.pos[i] !== INIT) own = true;
    else {
      const m = next(b, i, SKIP_MARKS);
      if (isMvs(b, m)) {
        const a = next(b, m, SKIP_MARKS);
        if (isLetter(b, a, A) && b.pos[a] === ISOL && !isFvs(b, next(b, a, SKIP_NON_FVS_MARKS))) own = true;
      }
    }
    const passing = cat !== CAT_FEM;
    const isTrue: boolean = own || (passing && backward);
    if (b.letter[i] === G && isTrue && !feminineForward[i]) marks[i] = MASC;
    backward = isTrue && passing;
    if (cat === CAT_FEM) backward = false;
  }
  return marks;
}

/** III.1 Chachlag: an isolated a/e after an MVS takes Aa, the MVS narrows. */
function chachlag(b: Buffer): void {
  for (let i = 0; i < b.n; i++) {
    if (!isMvs(b, i)) continue;
    const a = next(b, i, SKIP_MARKS);
    if (isOneOf(b, a, A, E) && b.pos[a] === ISOL) {
      b.state[i] = NARROW;
      apply(b, a, 'chachlag');
      // GB: an FVS after the vowel postpones the MVS shaping.
      if (isFvs(b, next(b, a, SKIP_NON_FVS_MARKS))) b.state[i] = INVALID;
    }
  }
}

/** III.2a o/u/oe/ue after an initial consonant (cluster) take the marked form; d before a final vowel. */
function marked(b: Buffer): void {
  // Marked after an initial consonant, carried through a consonant cluster.
  let fromInitial = false;
  for (let i = 0; i < b.n; i++) {
    if (isMark(b, i, SKIP_MARKS)) continue;
    if (b.kind[i] !== LETTER) { fromInitial = false; continue; }
    if (isConsonant(b, i)) {
      if (b.pos[i] === INIT) fromInitial = true;
      continue;
    }
    if (fromInitial && isOneOf(b, i, O, U, OE, UE)) apply(b, i, 'marked');
    fromInitial = false;
  }
  // GB: an FVS next to the vowel cancels it.
  for (let i = 0; i < b.n; i++) {
    if (!isOneOf(b, i, O, U, OE, UE)) continue;
    const pos = b.pos[i]!;
    if (pos !== MEDI && pos !== FINA) continue;
    if (isFvs(b, next(b, i, SKIP_NON_FVS_MARKS))) reset(b, i);
    else if (pos === FINA && isFvs(b, prev(b, i, SKIP_NON_FVS_MARKS))) reset(b, i);
  }
  // GB: initial g/h with FVS2/FVS4 before a final oe/ue.
  for (let i = 0; i < b.n; i++) {
    if (!isOneOf(b, i, OE, UE) || b.pos[i] !== FINA) continue;
    const f = prev(b, i, SKIP_NON_FVS_MARKS);
    if (!isFvs(b, f, 2, 4)) continue;
    const g = prev(b, f, SKIP_NON_FVS_MARKS);
    if (isOneOf(b, g, G, H) && b.pos[g] === INIT) apply(b, i, 'marked');
  }
  // Initial d before a final vowel (the twelve syllabaries), unless an FVS is involved.
  for (let i = 0; i < b.n; i++) {
    if (!isLetter(b, i, D) || b.pos[i] !== INIT) continue;
    const v = next(b, i, SKIP_MARKS);
    if (isVowel(b, v) && b.pos[v] === FINA) apply(b, i, 'marked');
    const x = next(b, i, SKIP_NON_FVS_MARKS);
    if (isVowel(b, x) && b.pos[x] === FINA && isFvs(b, next(b, x, SKIP_NON_FVS_MARKS))) reset(b, i);
    else if (isFvs(b, x)) {
      const y = next(b, x, SKIP_NON_FVS_MARKS);
      if (isVowel(b, y) && b.pos[y] === FINA) reset(b, i);
    }
  }
}

const isChachlagA = (b: Buffer, i: number, ...vowels: number[]): boolean =>
  isOneOf(b, i, ...vowels) && b.pos[i] === ISOL && unitsAt(b, i).join('') === 'Aa';

/** III.2c Consonants before a shaped MVS and a chachlag a/e. */
function chachlagOnset(b: Buffer): void {
  for (let i = 0; i < b.n; i++) {
    if (b.kind[i] !== LETTER) continue;
    const m = next(b, i, SKIP_MARKS);
    if (!isMvs(b, m) || b.state[m] === INVALID) continue;
    const a = next(b, m, SKIP_MARKS);
    const pos = b.pos[i]!;
    if ((isLetter(b, i, N) && pos === FINA) || (isLetter(b, i, J) && (pos === ISOL || pos === FINA)) || (isLetter(b, i, W) && pos === FINA)) {
      if (isChachlagA(b, a, A, E)) apply(b, i, 'chachlag_onset');
    } else if (isOneOf(b, i, H, G) && pos === FINA) {
      if (isChachlagA(b, a, A)) apply(b, i, 'chachlag_onset');
      else if (isLetter(b, i, G) && isChachlagA(b, a, E)) apply(b, i, 'chachlag_onset_gb');
    }
  }
}

/** III.2e n, t, d: onset before a vowel, devsger before a consonant. */
function onsetDevsger(b: Buffer): void {
  for (let i = 0; i < b.n; i++) {
    if (!isLetter(b, i, N)) continue;
    const x = next(b, i, SKIP_MARKS);
    if (isVowel(b, x)) apply(b, i, 'onset');
    else if (isConsonant(b, x)) apply(b, i, 'devsger');
  }
  for (let i = 0; i < b.n; i++) {
    if (!isOneOf(b, i, T, D)) continue;
    const x = next(b, i, SKIP_MARKS);
    if (b.pos[i] === INIT && isVowel(b, x) && b.pos[x] === FINA) continue;
    if (isVowel(b, x)) apply(b, i, 'onset');
    else if (isConsonant(b, x)) apply(b, i, 'devsger');
  }
}

/** III.2f Gender of h and g from the neighbouring vowels and the word. */
function gender(b: Buffer, marks: Uint8Array): void {
  const beforeChachlag = (i: number): boolean => {
    const m = next(b, i, SKIP_MARKS);
    return isMvs(b, m) && (() => { const a = next(b, m, SKIP_MARKS); return isOneOf(b, a, A, E) && b.pos[a] === ISOL; })();
  };
  for (let i = 0; i < b.n; i++) {
    if (!isOneOf(b, i, H, G)) continue;
    if (beforeChachlag(i)) continue;
    const x = next(b, i, SKIP_MARKS);
    const after = categoryAt(b, x);
    if (after === CAT_MASC) { apply(b, i, 'masculine_onset'); continue; }
    if (after === CAT_FEM || after === CAT_NEUTER) { apply(b, i, 'feminine'); continue; }
    const before = categoryAt(b, prev(b, i, SKIP_MARKS));
    if (before === CAT_MASC) { apply(b, i, 'masculine_devsger'); continue; }
    if (before === CAT_FEM) { apply(b, i, 'feminine'); continue; }
    if (isLetter(b, prev(b, i, SKIP_MARKS), I)) {
      if (marks[i]) apply(b, i, 'masculine_devsger');
      else if (isLetter(b, i, G)) apply(b, i, 'feminine');
    }
  }
  for (let i = 0; i < b.n; i++) {
    if (isOneOf(b, i, H, G) && b.pos[i] === INIT && isConsonant(b, next(b, i, SKIP_MARKS))) apply(b, i, 'feminine');
  }
}

/** III.2g t devsger, dotless sh and g. */
function dotless(b: Buffer): void {
  for (let i = 0; i < b.n; i++) {
    if (b.kind[i] !== LETTER) continue;
    const x = next(b, i, SKIP_MARKS);
    const pos = b.pos[i]!;
    if (isLetter(b, i, T)) {
      if (isLetter(b, x, EE) || isConsonant(b, x)) apply(b, i, 'devsger');
    } else if (isLetter(b, i, SH)) {
      if (pos === INIT && isLetter(b, x, I) && b.pos[x] === MEDI) apply(b, i, 'dotless');
      else if (pos === MEDI && isLetter(b, x, I) && (b.pos[x] === MEDI || b.pos[x] === FINA)) apply(b, i, 'dotless');
    } else if (isLetter(b, i, G) && isOneOf(b, prev(b, i, SKIP_MARKS), S, D)) {
      if (pos === MEDI && categoryAt(b, x) === CAT_MASC) apply(b, i, 'dotless');
      else if (pos === FINA && isMvs(b, x)) {
        const a = next(b, x, SKIP_MARKS);
        if (isChachlagA(b, a, A)) apply(b, i, 'dotless');
      }
    }
  }
}

/** III.3 Particles: suffixes written after an MVS, and a few whole-word particles. */
function particle(b: Buffer): void {
  for (let i = 0; i < b.n; i++) {
    const startsWithMvs = isMvs(b, i);
    if (!startsWithMvs && b.kind[i] !== LETTER) continue;
    for (const p of particles) {
      if (p.hasMvs !== startsWithMvs) continue;
      // Match the letters of the particle as one whole word.
      let j = startsWithMvs ? next(b, i, SKIP_NON_FVS_MARKS) : i;
      const at: number[] = [];
      const len = p.ids.length;
      let ok = true;
      for (let k = 0; k < len; k++) {
        const want = len === 1 ? ISOL : k === 0 ? INIT : k === len - 1 ? FINA : MEDI;
        if (!isLetter(b, j, p.ids[k]!) || b.pos[j] !== want) { ok = false; break; }
        at.push(j);
        j = next(b, j, SKIP_NON_FVS_MARKS);
      }
      if (!ok) continue;
      if (isFvs(b, j)) break; // An FVS after the particle leaves it alone.
      if (startsWithMvs) {
        if (b.state[i] !== INVALID) break;
        b.state[i] = WIDE;
      }
      for (const k of p.indices) apply(b, at[k]!, 'particle');
      break;
    }
  }
  // GB: an unshaped MVS before a letter is a wide space.
  for (let i = 0; i < b.n - 1; i++) {
    if (isMvs(b, i) && b.state[i] === INVALID && (b.kind[i + 1] === LETTER || b.kind[i + 1] === NIRUGU)) b.state[i] = WIDE;
  }
}

/** III.4 Devsger: i after a vowel that does not end with I is written I I. */
function devsger(b: Buffer): void {
  for (let i = 0; i < b.n; i++) {
    if (!isLetter(b, i, I)) continue;
    const v = prev(b, i, SKIP_MARKS);
    if (isVowel(b, v) && (b.pos[v] === INIT || b.pos[v] === MEDI)) {
      const units = unitsAt(b, v);
      if (units[units.length - 1] !== 'I') apply(b, i, 'vowel_devsger');
    }
  }
  // GB: an FVS on a preceding oe/ue decides.
  for (let i = 0; i < b.n; i++) {
    if (!isLetter(b, i, I)) continue;
    const f = prev(b, i, SKIP_NON_FVS_MARKS);
    if (!isFvs(b, f)) continue;
    const v = prev(b, f, SKIP_NON_FVS_MARKS);
    const n = b.fvsNumber[f]!;
    const iMediFina = b.pos[i] === MEDI || b.pos[i] === FINA;
    if (isOneOf(b, v, OE, UE) && b.pos[v] === MEDI) {
      if ((n === 1 || n === 2) && iMediFina) reset(b, i);
      else if (n === 3) apply(b, i, 'vowel_devsger');
    } else if (isLetter(b, v, UE) && b.pos[v] === INIT) {
      if (n === 2 && iMediFina) reset(b, i);
      else if (n === 1) apply(b, i, 'vowel_devsger');
    }
  }
}

const isBowedBK = (b: Buffer, i: number): boolean => isOneOf(b, i, B, P, F, K, K2);
const isBowedG = (b: Buffer, i: number): boolean => {
  if (!isOneOf(b, i, H, G)) return false;
  const u = unitsAt(b, i);
  return u.length === 1 && (u[0] === 'G' || u[0] === 'Gx');
};
const isBowed = (b: Buffer, i: number): boolean => isBowedBK(b, i) || isBowedG(b, i);

/** III.5 Vowels after bowed written units. */
function postBowed(b: Buffer): void {
  for (let i = 0; i < b.n; i++) {
    if (b.kind[i] !== LETTER || b.pos[i] !== FINA) continue;
    const w = prev(b, i, SKIP_MARKS);
    if (!isBowed(b, w)) continue;
    if (isOneOf(b, i, O, U, OE, UE)) {
      if (!(isOneOf(b, i, OE, UE) && unitsAt(b, i).join('') === 'Ue')) apply(b, i, 'post_bowed');
    } else if (isOneOf(b, i, A, E) && isBowedBK(b, w)) apply(b, i, 'post_bowed');
    else if (isLetter(b, i, E)) apply(b, i, 'post_bowed');
  }
  // GB: the FVS after a bowed letter becomes a base so that the rules below can see it.
  const exposed: number[] = [];
  for (let i = 0; i + 1 < b.n; i++) {
    if (isBowed(b, i) && b.kind[i + 1] === FVS && b.state[i + 1] === IGNORED) { b.state[i + 1] = NOMINAL; exposed.push(i + 1); }
  }
  for (let i = 0; i < b.n; i++) {
    if (b.kind[i] !== LETTER || b.pos[i] !== FINA) continue;
    const f = prev(b, i, SKIP_MARKS);
    if (!isFvs(b, f) || b.state[f] !== NOMINAL) continue;
    const w = prev(b, f, SKIP_MARKS);
    if (w < 0 || b.kind[w] !== LETTER) continue;
    const n = b.fvsNumber[f]!;
    const hg = isOneOf(b, w, H, G), wPos = b.pos[w]!;
    if (isLetter(b, i, E) && hg) {
      if (n === 2 || n === 4) apply(b, i, 'post_bowed');
      else reset(b, i);
    } else if (isOneOf(b, i, OE, UE) && isOneOf(b, w, B, P, F, K, K2) && wPos === INIT) apply(b, i, 'marked');
    else if (isOneOf(b, i, O, U, OE, UE) && hg && (n === 1 || n === 3)) reset(b, i);
    else if (isOneOf(b, i, O, U) && hg && wPos !== FINA) reset(b, i);
    else if (isOneOf(b, i, OE, UE) && hg && wPos === MEDI) apply(b, i, 'post_bowed');
    else if (isOneOf(b, i, OE, UE) && hg && wPos === INIT) apply(b, i, 'marked');
  }
  for (const f of exposed) b.state[f] = IGNORED;
}

/** III.6 An FVS right after a letter selects that variant when the letter has it. */
function selectFvs(b: Buffer): void {
  for (let i = 0; i + 1 < b.n; i++) {
    if (b.kind[i] !== LETTER || b.kind[i + 1] !== FVS || b.state[i + 1] !== IGNORED) continue;
    const v = letters[b.letter[i]!]!.fvsIndex[b.pos[i]!]![b.fvsNumber[i + 1]!]!;
    if (v >= 0) { b.variant[i] = v; b.state[i + 1] = VALID; }
  }
}

// ---------------------------------------------------------------------------------------------
// Output

const JOINS_LEFT = [false, false, true, true];
const JOINS_RIGHT = [false, true, true, false];

/** Appends the written units of the shaped buffer to out, as unit ids (see UNIT_NAMES, RAW_UNIT). */
function emit(b: Buffer, out: number[]): void {
  let openRight = false; // the last glyph ends with a joining stroke not yet matched
  for (let i = 0; i < b.n; i++) {
    let unit: number;
    switch (b.kind[i]) {
      case LETTER: {
        const l = letters[b.letter[i]!]!;
        const pos = b.pos[i]!;
        const variant = b.variant[i]!;
        const g = l.graphic[pos]![variant]!;
        if (JOINS_LEFT[g]) { if (openRight) openRight = false; else out.push(U_LT); }
        else if (openRight) out.push(U_GT);
        const ids = l.ids[pos]![variant]!;
        for (let k = 0; k < ids.length; k++) out.push(ids[k]!);
        openRight = JOINS_RIGHT[g]!;
        continue;
      }
      case FVS:
        if (b.state[i] === VALID) continue;
        unit = U_FVS + b.fvsNumber[i]!;
        break;
      case MVS:
        unit = b.state[i] === NARROW ? U_NARROW : b.state[i] === WIDE ? U_WIDE : b.code[i] === 0x202f ? U_NNBSP : U_MVS;
        break;
      case NIRUGU:
        if (!openRight) out.push(U_LT);
        out.push(U_NI);
        openRight = true;
        continue;
      case ZWJ:
      case ZWNJ:
        continue;
      case SPACE:
        unit = U_WIDE;
        break;
      default:
        unit = RAW_UNIT + b.code[i]!;
    }
    if (openRight) { out.push(U_GT); openRight = false; }
    out.push(unit);
  }
  if (openRight) out.push(U_GT);
}

/** Runs every shaping step over the text and returns the shaped buffer. */
function shapeBuffer(word: string): Buffer {
  const b = load(word);
  for (let i = 0; i < b.n; i++) b.state[i] = IGNORED; // FVS, nirugu ignored; MVS invalid (both 0)
  const marks = genderMarkers(b);
  chachlag(b);
  marked(b);
  chachlagOnset(b);
  onsetDevsger(b);
  gender(b, marks);
  dotless(b);
  particle(b);
  devsger(b);
  postBowed(b);
  selectFvs(b);
  return b;
}

/** One shaped character: what it is and how it is drawn. */
export interface ShapedGlyph {
  /** UTF-16 code unit of the character. */
  readonly code: number;
  /** 'letter' | 'fvs' | 'mvs' | 'nirugu' | 'zwj' | 'zwnj' | 'space' | 'other'. */
  readonly kind: string;
  /** Written units drawn (empty for consumed controls). */
  readonly units: readonly string[];
  /** Position the glyph is drawn in (letters only). */
  readonly position: Position | undefined;
  /** For an MVS/NNBSP: 'narrow', 'wide' or 'invalid'; for an FVS: 'valid' or 'visible'. */
  readonly state: string | undefined;
}

const KIND_NAMES = ['letter', 'fvs', 'mvs', 'nirugu', 'zwj', 'zwnj', 'other', 'space'];

/**
 * Shapes text and returns one entry per UTF-16 code unit (library-internal: used by the
 * Menksoft converter and by normalisation).
 */
export function shapeGlyphs(text: string): ShapedGlyph[] {
  const b = shapeBuffer(text);
  const out: ShapedGlyph[] = [];
  for (let i = 0; i < b.n; i++) {
    const kind = b.kind[i]!;
    if (kind === LETTER) {
      const l = letters[b.letter[i]!]!;
      const pos = b.pos[i]!;
      out.push({ code: b.code[i]!, kind: 'letter', units: l.units[pos]![b.variant[i]!]!, position: POSITIONS[l.graphic[pos]![b.variant[i]!]!], state: undefined });
    } else {
      const state = kind === MVS ? ['invalid', 'narrow', 'wide'][b.state[i]!] : kind === FVS ? (b.state[i] === VALID ? 'valid' : 'visible') : undefined;
      out.push({ code: b.code[i]!, kind: KIND_NAMES[kind]!, units: [], position: undefined, state });
    }
  }
  return out;
}

/** The variants (units) a letter can take at a position, indexed by FVS number (0 = default). */
export function fvsVariants(codePoint: number, position: Position): (readonly string[] | undefined)[] {
  const l = codePoint >= 0x1800 && codePoint < 0x18b0 ? letterByCode[codePoint - 0x1800]! : -1;
  if (l < 0) return [];
  const data = letters[l]!;
  const p = POSITIONS.indexOf(position);
  const out: (readonly string[] | undefined)[] = [data.units[p]![data.defaultIndex[p]!]];
  for (let n = 1; n <= 4; n++) {
    const v = data.fvsIndex[p]![n]!;
    out.push(v >= 0 ? data.units[p]![v] : undefined);
  }
  return out;
}

/**
 * The written units a piece of Hudum text is drawn with, following UTN #57.
 *
 * Letters give their unit names (A, Aa, I, O, U, Ue, N, G, Gx, H, Hx, D, Dd, T, W, …); an MVS
 * or NNBSP that is shaped gives `_` (narrow, chachlag) or `-` (wide, before a suffix); a space
 * gives `-`; `<` and `>` mark a joining stroke with nothing to join to (e.g. around a visible
 * invalid FVS or a word-final nirugu); invalid controls stay visible (`Fvs1`, `Mvs`, `Nnbsp`).
 * Other characters are returned as themselves.
 *
 * @example
 * writtenUnits('\u1820\u1828\u1820\u182D\u180E\u1820') // => ['A', 'A', 'N', 'A', 'Hx', '_', 'Aa']
 */
export function writtenUnits(text: string): string[] {
  const ids: number[] = [];
  emit(shapeBuffer(text), ids);
  return ids.map(unitName);
}

/** Name of a unit id (see writtenUnitIds). */
export function unitName(id: number): string {
  return id >= RAW_UNIT ? String.fromCharCode(id - RAW_UNIT) : UNIT_NAMES[id]!;
}

/**
 * The written units of text as ids, appended to out (library-internal, allocation-free form of
 * writtenUnits): an index into UNIT_NAMES (0 is '-'), or RAW_UNIT + code unit for a character drawn
 * as itself.
 */
export function writtenUnitIds(text: string, out: number[]): void {
  emit(shapeBuffer(text), out);
}

/** Letter alias of a Hudum letter code point (e.g. 0x1820 → 'a'), or undefined. */
export function letterAlias(codePoint: number): string | undefined {
  if (codePoint < 0x1800 || codePoint >= 0x18b0) return undefined;
  const l = letterByCode[codePoint - 0x1800]!;
  return l >= 0 ? letters[l]!.alias : undefined;
}
