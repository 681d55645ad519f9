import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize.js';
import { shapeKey } from './shape-key.js';
import { fromAliases } from '../test-data/suites.js';

describe('tokenize', () => {
  it('gives the word, its stem and its suffix', () => {
    const stem = fromAliases('m o r i n');
    const tokens = tokenize(`${stem}\u202F${fromAliases('d a')} hello`);
    expect(tokens).toContain(shapeKey(stem));
    expect(tokens.length).toBe(3);
  });
  it('finds the same tokens whatever spelling was typed', () => {
    expect(tokenize(fromAliases('m o ng g o l'))).toEqual(tokenize(fromAliases('m u ng g u l')));
  });
});
