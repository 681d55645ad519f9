import { toMenksoft } from '@gerel/mongol';
import { describe, expect, it } from 'vitest';
import { convertMenksoftText } from './menksoft';

describe('convertMenksoftText', () => {
  it('turns Menksoft words into Unicode and counts them', () => {
    const word = '\u182E\u1823\u1829\u182D\u1823\u182F'; // ᠮᠣᠩᠭᠣᠯ
    const pasted = `${toMenksoft(word)} 蒙古 ${toMenksoft(word)}`;
    const { text, pieces } = convertMenksoftText(pasted);
    expect(pieces).toBe(2);
    expect(text).toBe(`${word} 蒙古 ${word}`);
  });

  it('leaves Unicode and other text as it is', () => {
    expect(convertMenksoftText('ᠮᠣᠩᠭᠣᠯ abc')).toEqual({ text: 'ᠮᠣᠩᠭᠣᠯ abc', pieces: 0 });
  });
});
