import { describe, expect, it } from 'vitest';
import { fromMenksoft, toMenksoft } from './menksoft.js';
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
