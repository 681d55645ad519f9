import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromLatin, toMenksoft } from '@gerel/mongol';
import { indexTokens, queryTokens, type TokenGroup } from './tokens.js';
import { isToken } from './token-codes.js';

/** A query matches a token list when every group has an alternative whose tokens all occur. */
function matches(groups: TokenGroup[], tokens: string[]): boolean {
  const set = new Set(tokens);
  return groups.length > 0 && groups.every((g) => g.some((alt) => alt.every((t) => set.has(t))));
}
const finds = (query: string, text: string): boolean => matches(queryTokens(query), indexTokens(text));

const mongol = fromLatin('m-o-ng-g-o-l');
const mongolU = fromLatin('m-u-ng-g-u-l');

describe('indexTokens', () => {
  it('spells every token as one plain ASCII word', () => {
    const text = `科學技術 ${mongol} ${fromLatin('m-o-r-i-n-nnbsp-d-a')} Café МОНГОЛ naïve 2024 \u{20000}\u{20001} ＫＰ`;
    const tokens = indexTokens(text);
    expect(tokens.length).toBeGreaterThan(8);
    for (const t of tokens) expect(isToken(t), t).toBe(true);
  });
  it('never makes an unsafe token, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => indexTokens(s).every(isToken)),
      { numRuns: 300 },
    );
  });
  it('gives the stem of a suffixed Mongolian word its own token', () => {
    expect(finds(fromLatin('m-o-r-i-n'), fromLatin('m-o-r-i-n-nnbsp-d-a'))).toBe(true);
  });
});

describe('queryTokens', () => {
  it('finds Chinese by segmentation, not by substring', () => {
    expect(finds('科普', '中国科学技术协会开展科普活动')).toBe(true);
    expect(finds('科学技术协会', '中国科学技术协会开展科普活动')).toBe(true);
    expect(finds('院士专家工作站', '建设院士专家工作站')).toBe(true);
    expect(finds('学技', '中国科学技术协会')).toBe(false);
  });
  it('folds traditional characters to simplified on both sides', () => {
    expect(finds('科學技術協會', '内蒙古科学技术协会')).toBe(true);
    expect(finds('科学技术协会', '內蒙古科學技術協會')).toBe(true);
  });
  it('finds Chinese by pinyin initials and full pinyin of a word', () => {
    expect(finds('kp', '开展科普活动')).toBe(true);
    expect(finds('kepu', '开展科普活动')).toBe(true);
    expect(finds('KP', '开展科普活动')).toBe(true);
    expect(finds('kx', '开展科普活动')).toBe(false);
  });
  it('finds a Mongolian word whatever homograph spelling was typed', () => {
    expect(finds(mongolU, `${mongol} ${fromLatin('k-e-l-e')}`)).toBe(true);
    expect(finds(fromLatin('k-e-l-e-fvs2'), fromLatin('k-e-l-e'))).toBe(true);
    expect(finds(fromLatin('m-o-ng-g-o-l'), fromLatin('m-u-ng-g-fvs1-u-l'))).toBe(true);
  });
  it('finds a Mongolian word typed in Menksoft', () => {
    expect(finds(toMenksoft(mongol), `${mongolU} ${fromLatin('k-e-l-e')}`)).toBe(true);
  });
  it('finds a Mongolian word typed in the Latin alias scheme', () => {
    expect(finds('m-o-ng-g-o-l', `${mongolU} ${fromLatin('k-e-l-e')}`)).toBe(true);
    expect(finds('m-u-ng-g-u-l', `${mongol}`)).toBe(true);
  });
  it('keeps the Latin words of an alias-looking query as an alternative', () => {
    expect(finds('x-ray', 'an X-ray image')).toBe(true);
  });
  it('requires every word of the query', () => {
    expect(finds(`科普 ${mongol}`, `科普 ${mongolU}`)).toBe(true);
    expect(finds(`科普 ${mongol}`, '科普')).toBe(false);
  });
  it('reads punctuation-only or empty queries as nothing', () => {
    expect(queryTokens('')).toEqual([]);
    expect(queryTokens(' ，。!! "" ')).toEqual([]);
  });
  it('never throws and only yields safe tokens', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) =>
        queryTokens(s).every((g) => g.length > 0 && g.every((alt) => alt.length > 0 && alt.every(isToken))),
      ),
      { numRuns: 300 },
    );
  });
});
