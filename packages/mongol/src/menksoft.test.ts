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
  it('round-trips the suites words by shape key (measured rate)', () => {
    const words = suiteWords();
    let same = 0, exact = 0;
    for (const w of words) {
      const back = fromMenksoft(toMenksoft(w));
      if (shapeKey(back) === shapeKey(w)) same++;
      if (back === w) exact++;
    }
    console.log(`Menksoft round trip over ${words.length} words: shape key kept ${same} (${((100 * same) / words.length).toFixed(2)} %), exact spelling ${exact} (${((100 * exact) / words.length).toFixed(2)} %)`);
    expect(same / words.length).toBeGreaterThanOrEqual(0.97);
  });
});
