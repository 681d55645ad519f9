import { describe, expect, it } from 'vitest';
import { normalize } from './normalize.js';
import { shapeKey } from './shape-key.js';
import { fromAliases } from '../test-data/suites.js';

describe('normalize', () => {
  it('drops an FVS that changes nothing and keeps one that does', () => {
    expect(normalize(fromAliases('a fvs3'))).toBe(fromAliases('a'));
    expect(normalize(fromAliases('a fvs1'))).toBe(fromAliases('a fvs1'));
  });
  it('removes stray zero-width characters inside Mongolian', () => {
    expect(normalize(`${fromAliases('m o')}\u200B${fromAliases('r i n')}`)).toBe(fromAliases('m o r i n'));
  });
  it('turns a space before a suffix particle into NNBSP when it looks the same', () => {
    const spaced = `${fromAliases('m o r i n')} ${fromAliases('d a')}`;
    const out = normalize(spaced);
    expect(out).toBe(`${fromAliases('m o r i n')}\u202F${fromAliases('d a')}`);
    expect(shapeKey(out)).toBe(shapeKey(spaced));
  });
  it('keeps the look when an FVS decides whether a suffix after a space could be joined', () => {
    // The FVS3 is redundant on the word alone but keeps it from taking the particle form after NNBSP.
    const text = `${fromAliases('h a y a h u')} ${fromAliases('u fvs3')}`;
    const out = normalize(text);
    expect(shapeKey(out)).toBe(shapeKey(text));
    expect(normalize(out)).toBe(out);
  });
  it('normalises every segment the same wherever it stands in a long text', () => {
    const line = `${fromAliases('m o r i n')} ${fromAliases('d a')} ${fromAliases('a fvs3 b u')} e\u0301\n`;
    expect(normalize(line.repeat(2000))).toBe(normalize(line).repeat(2000));
  });
  it('applies NFC to other scripts and is idempotent', () => {
    expect(normalize('e\u0301')).toBe('é');
    const x = `${fromAliases('a fvs3 b u')} e\u0301`;
    expect(normalize(normalize(x))).toBe(normalize(x));
  });
});
