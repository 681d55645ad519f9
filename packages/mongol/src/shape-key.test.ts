import { describe, expect, it } from 'vitest';
import { describeKey, shapeKey } from './shape-key.js';
import { fromAliases } from '../test-data/suites.js';

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
});
