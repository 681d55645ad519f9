import { describe, expect, it } from 'vitest';
import { fromMenksoft, isConvertibleMenksoft, toMenksoft } from './menksoft.js';
import { MENKSOFT } from './tables/menksoft.js';
import { detectEncoding } from './detect.js';
import { shapeKey } from './shape-key.js';
import { fromAliases, suiteWords } from '../test-data/suites.js';

describe('Menksoft', () => {
  it('writes Menksoft codes for an ordinary word', () => {
    const m = toMenksoft(fromAliases('m o ng g o l'));
    expect(detectEncoding(m)).toBe('menksoft');
  });
  it('reads back the same letters for an ordinary word', () => {
    const word = fromAliases('m o ng g o l');
    expect(fromMenksoft(toMenksoft(word))).toBe(word);
  });
  it('leaves other text alone', () => {
    expect(toMenksoft('abc 中文')).toBe('abc 中文');
    expect(fromMenksoft('abc 中文')).toBe('abc 中文');
  });
  it('round-trips every word of the suites by shape key (and reports how often the exact spelling comes back)', () => {
    const words = suiteWords();
    const lost: string[] = [];
    let exact = 0;
    for (const w of words) {
      const back = fromMenksoft(toMenksoft(w));
      if (shapeKey(back) !== shapeKey(w)) lost.push(w);
      if (back === w) exact++;
    }
    console.log(`Menksoft round trip over ${words.length} words: shape key kept ${words.length - lost.length} (${((100 * (words.length - lost.length)) / words.length).toFixed(2)} %), exact spelling ${exact} (${((100 * exact) / words.length).toFixed(2)} %)`);
    // No exceptions: Menksoft has a code for every glyph these words draw.
    expect(lost).toEqual([]);
  });
  it('infers the groups that used to come back wrong', () => {
    // T/D initials, h/g before a chachlag Aa, a wide MVS before an FVS-marked Aa, ZWJ.
    for (const spelling of ['d fvs1 u', 'd fvs1 ue fvs2', 'h a fvs1', 'h fvs1 e fvs1', 'g fvs3 a fvs1', 'a b u mvs a fvs2', 'nnbsp e fvs1', 'a r a zwj', 'zwj d', 'n i g e fvs2', 'mvs i fvs1 y a r']) {
      const w = fromAliases(spelling);
      expect(shapeKey(fromMenksoft(toMenksoft(w))), spelling).toBe(shapeKey(w));
    }
  });
  it('keeps Menksoft and other text around a word in place', () => {
    const w = fromAliases('m o ng g o l');
    const text = `(${toMenksoft(w)}) x ${toMenksoft(w)}\n`;
    expect(fromMenksoft(text)).toBe(`(${w}) x ${w}\n`);
  });
});

describe('a Menksoft code on its own', () => {
  const PUA = /[\uE234-\uE4AB]/;
  const hex = (s: string): string => [...s].map((c) => c.codePointAt(0)!.toString(16).toUpperCase()).join(' ');
  /** The codes the table names a glyph for (directly or as an alias of a named code). */
  const named = new Set<number>();
  const nameOf = new Map(MENKSOFT.map(([code, name]) => [code, name]));
  for (const [code] of MENKSOFT) {
    let name = nameOf.get(code);
    for (let hops = 0; name?.startsWith('0x') && hops < 4; hops++) name = nameOf.get(parseInt(name, 16));
    if (name && name !== '#' && code >= 0xe234 && code <= 0xe4ab) named.add(code);
  }

  it('is converted to Unicode exactly when the table names its glyph, and kept as it is otherwise', () => {
    const kept: number[] = [];
    for (let c = 0xe234; c <= 0xe4ab; c++) {
      const out = fromMenksoft(String.fromCharCode(c));
      if (named.has(c)) {
        // Never dropped, never left in private use: a Unicode letter, sign or control.
        expect(out, c.toString(16)).not.toMatch(PUA);
        expect(out, c.toString(16)).not.toBe('');
        expect(isConvertibleMenksoft(c), c.toString(16)).toBe(true);
      } else {
        expect(out, c.toString(16)).toBe(String.fromCharCode(c));
        expect(isConvertibleMenksoft(c), c.toString(16)).toBe(false);
        kept.push(c);
      }
    }
    // 568 of the 632 convert; the other 64 are unnamed ('#') or not listed (U+E235–U+E23D,
    // U+E243–U+E263, U+E394, U+E3B0): the data gives them no Unicode equivalent.
    expect(kept).toHaveLength(64);
    expect(isConvertibleMenksoft(0x41)).toBe(false);
  });

  it('a glyph of a letter outside Hudum becomes that letter, joined where the form joins', () => {
    expect(hex(fromMenksoft('\uE365'))).toBe('1844'); // Todo E, isolated
    expect(hex(fromMenksoft('\uE36B'))).toBe('200D 1844 200D'); // Todo E, medial
    expect(hex(fromMenksoft('\uE40D'))).toBe('200D 1887'); // Ali Gali A, final
    expect(hex(fromMenksoft('\uE352'))).toBe(hex(fromMenksoft('\uE40D'))); // an alias of it
    expect(hex(fromMenksoft('\uE409'))).toBe('1885'); // baluda mark
    // Inside a word only the edges get a joiner.
    expect(hex(fromMenksoft('\uE36B\uE36B'))).toBe('200D 1844 1844 200D');
  });

  it('a ligature becomes its letters', () => {
    expect(hex(fromMenksoft('\uE49A'))).toBe('200D 182E 182F 200D'); // M L, medial
    expect(hex(fromMenksoft('\uE49B'))).toBe('200D 182F 182F 200D');
    expect(hex(fromMenksoft('\uE49C'))).toBe('200D 182E 182E 200D');
  });

  it('a birga variant becomes its Mongolian Supplement character (was dropped)', () => {
    expect(hex(fromMenksoft('\uE23F'))).toBe('11660');
    expect(hex(fromMenksoft('\uE4A9'))).toBe('1166C');
    expect(fromMenksoft('a\uE240 b')).toBe('a\u{11661} b');
  });

  it('a Hudum presentation form becomes its letter, drawing the same glyph where a spelling can', () => {
    for (const c of [0xe264, 0xe266, 0xe268, 0xe26c, 0xe2f2]) {
      const out = fromMenksoft(String.fromCharCode(c));
      expect(out).toMatch(/^[\u200D]?[\u1820-\u1842][\u180B-\u180F]?[\u200D]?$/);
      expect(toMenksoft(out), c.toString(16)).toBe(String.fromCharCode(c));
    }
  });

  it('Hudum words around a glyph outside Hudum still come back with their shape', () => {
    const w = fromAliases('m o ng g o l');
    const back = fromMenksoft(`${toMenksoft(w)} \uE36B ${toMenksoft(w)}`);
    expect(back).toBe(`${w} \u200D\u1844\u200D ${w}`);
  });
});
