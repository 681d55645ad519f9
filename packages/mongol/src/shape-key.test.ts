import { describe, expect, it } from 'vitest';
import { describeKey, shapeKey } from './shape-key.js';
import { fromAliases, suiteWords } from '../test-data/suites.js';
import { ShortWordTable, runNumber } from './text-buffer.js';

describe('shapeKey', () => {
  it('keys medial O typed as U the same (they look the same)', () => {
    expect(shapeKey(fromAliases('m o ng g o l'))).toBe(shapeKey(fromAliases('m u ng g u l')));
  });
  it('keys a redundant FVS the same as none', () => {
    expect(shapeKey(fromAliases('a fvs3'))).toBe(shapeKey(fromAliases('a')));
  });
  it('tells apart spellings that look different', () => {
    expect(shapeKey(fromAliases('a fvs1'))).not.toBe(shapeKey(fromAliases('a')));
    expect(shapeKey(fromAliases('g a'))).not.toBe(shapeKey(fromAliases('g e')));
  });
  it('passes other text through as NFC and keys each Mongolian word of a mixed sentence', () => {
    expect(shapeKey('Cafe\u0301 42')).toBe('Café 42');
    const key = shapeKey(`hi ${fromAliases('m o r i n')} !`);
    expect(key.startsWith('hi ')).toBe(true);
    expect(key.endsWith(' !')).toBe(true);
    expect(key).toContain(shapeKey(fromAliases('m o r i n')));
    expect(describeKey(key)).toContain('M O R I A');
  });
  it('escapes the key delimiters in ordinary text and keys them apart from Mongolian', () => {
    const word = fromAliases('m o r i n');
    // Ordinary text made of the key's own code units never keys like the word.
    expect(shapeKey(shapeKey(word))).not.toBe(shapeKey(word));
    expect(shapeKey(`a${shapeKey(word)}`)).not.toBe(shapeKey(`a${word}`));
    expect(describeKey(shapeKey(`x\uFDD1 ${word}`))).toBe('x\uFDD2\uFDD1 \uFDD0M O R I A\uFDD1');
  });
  it('keys a whole text like its pieces one by one (short and long words, joiners only, ordinary text)', () => {
    const words = suiteWords();
    const pieces = ['\u202F', '\u200D\u200C', '\u200B\u1820\u1828', '\u1820'.repeat(12), '\u1820'.repeat(13), 'Cafe\u0301', '\uE001\uFDD2', '中文', '\uD83D\uDE00'];
    let text = '';
    let expected = '';
    for (let i = 0; i < 3000; i++) {
      const piece = i % 5 === 0 ? pieces[i % pieces.length]! : words[(i * 7919) % words.length]!;
      text += piece + ' ';
      expected += shapeKey(piece) + ' ';
    }
    expect(shapeKey(text)).toBe(expected);
    expect(shapeKey(text)).toBe(expected); // from the warm table
  });
});

describe('ShortWordTable', () => {
  const pack = (word: string): [number, number, number] => {
    let a = 0, b = 0, c = 0;
    for (const ch of word) {
      c = (c << 8) | (b >>> 24);
      b = (b << 8) | (a >>> 24);
      a = (a << 8) | runNumber(ch.charCodeAt(0));
    }
    return [a, b, c];
  };
  const lookUp = (table: ShortWordTable, [a, b, c]: [number, number, number]): string | undefined => {
    for (let s = ShortWordTable.slot(a, b, c, table.bits); ; s = (s + 1) & table.mask) {
      const x = table.slots[s * 4]!;
      if (x === 0) return undefined;
      if (x === a && table.slots[s * 4 + 1] === b && table.slots[s * 4 + 2] === c) {
        const meta = table.slots[s * 4 + 3]!;
        return String.fromCharCode(...table.pool.subarray(meta >>> 8, (meta >>> 8) + (meta & 0xff)));
      }
    }
  };
  it('grows, then starts over when full, and always finds what it holds', () => {
    const table = new ShortWordTable(11, 1 << 13);
    const words = suiteWords().filter((w) => w.length <= 12).slice(0, 3000);
    for (const [i, w] of words.entries()) {
      expect(table.add(...pack(w), `v${i}`.repeat(i % 4))).toBe(true);
      expect(lookUp(table, pack(w))).toBe(`v${i}`.repeat(i % 4));
    }
    expect(table.bits).toBe(11);
    expect(lookUp(table, pack(words[0]!))).toBeUndefined(); // dropped when it started over
    expect(table.add(...pack(words[0]!), 'x'.repeat(256))).toBe(false);
  });
});
