import { describe, expect, it } from 'vitest';
import type { Term } from '../../api/translation';
import { findTerms } from './highlight';

const term = (id: string, zh: string, en: string | null = null, mnMong: string | null = null): Term => ({ id, orgId: 'o', zh, mnMong, mnCyrl: null, en, domain: null, notes: null, updatedAt: '' });

describe('terms found in the source text', () => {
  it('prefers the longest Chinese term and does not overlap', () => {
    const found = findTerms('人工智能是科学技术的前沿。科学很重要。', [term('a', '科学'), term('b', '科学技术'), term('c', '人工智能')], 'zh-Hans');
    expect(found.map((f) => [f.term.id, f.start, f.end])).toEqual([
      ['c', 0, 4],
      ['b', 5, 9],
      ['a', 13, 15],
    ]);
  });

  it('matches English and Mongolian only as whole words (a suffix after NNBSP still counts)', () => {
    expect(findTerms('Start the art show. ART!', [term('a', '艺术', 'art')], 'en').map((f) => f.start)).toEqual([10, 20]);
    const mn = 'ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ\u202Fᠤ ᠮᠡᠳᠡᠯᠭᠡ';
    expect(findTerms(mn, [term('m', '科学', null, 'ᠤᠬᠠᠭᠠᠨ'), term('x', '知', null, 'ᠮᠡᠳᠡ')], 'mn-Mong').map((f) => f.term.id)).toEqual(['m']);
  });
});
