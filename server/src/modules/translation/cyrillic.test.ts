import { describe, expect, it } from 'vitest';
import { fromLatin, shapeKey } from '@gerel/mongol';
import { cyrillicToTraditional, traditionalToCyrillic } from './cyrillic.js';
import { CYRILLIC_EXCEPTIONS } from './cyrillic-exceptions.js';
import { DEV, HELD_OUT } from './cyrillic-wordlist.js';

const trad = (aliases: string) => fromLatin(aliases.split(' ').join('-'));

/** Share of pairs converted exactly (Traditional compared by shape key: same look, same word). */
function rates(list: [string, string][]) {
  let toCyr = 0;
  let toTrad = 0;
  const misses: string[] = [];
  for (const [a, c] of list) {
    const got = traditionalToCyrillic(trad(a));
    if (got === c) toCyr++;
    else misses.push(`${a} → ${got} (want ${c})`);
    if (shapeKey(cyrillicToTraditional(c)) === shapeKey(trad(a))) toTrad++;
  }
  return { toCyr: toCyr / list.length, toTrad: toTrad / list.length, misses };
}

describe('Traditional ↔ Cyrillic conversion', () => {
  it('keeps the measuring list apart from the exception dictionary', () => {
    for (const [a, c] of HELD_OUT) {
      expect(CYRILLIC_EXCEPTIONS.byKey.has(shapeKey(trad(a))), a).toBe(false);
      expect(CYRILLIC_EXCEPTIONS.byCyrillic.has(c), c).toBe(false);
    }
  });

  it('reports word accuracy on the held-out list and holds the measured floor', () => {
    const held = rates(HELD_OUT);
    const dev = rates(DEV);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(
      `Cyrillic conversion word accuracy — held-out (${HELD_OUT.length} words): trad→cyr ${pct(held.toCyr)}, cyr→trad ${pct(held.toTrad)}; ` +
        `dev (${DEV.length} words, seen while writing the rules): trad→cyr ${pct(dev.toCyr)}, cyr→trad ${pct(dev.toTrad)}\n` +
        `dev misses trad→cyr:\n  ${dev.misses.join('\n  ')}`,
    );
    expect(held.toCyr).toBeGreaterThanOrEqual(FLOOR.toCyr);
    expect(held.toTrad).toBeGreaterThanOrEqual(FLOOR.toTrad);
  });

  it('uses the exception dictionary both ways and leaves other text alone', () => {
    expect(traditionalToCyrillic(`${trad('h ue m ue n')} 2026`)).toBe('хүн 2026');
    expect(shapeKey(cyrillicToTraditional('Хүн, ABC'))).toBe(shapeKey(`${trad('h ue m ue n')}, ABC`));
  });

  it('applies the rules: long vowels, vowel harmony, final vowels, ц/ч and з/ж', () => {
    expect(traditionalToCyrillic(trad('m o ng g o l'))).toBe('монгол');
    expect(traditionalToCyrillic(trad('u h a g a n'))).toBe('ухаан');
    expect(traditionalToCyrillic(trad('h a b u r'))).toBe('хавар');
    expect(traditionalToCyrillic(trad('ch a g'))).toBe('цаг');
    expect(traditionalToCyrillic(trad('j i l'))).toBe('жил');
  });

  it('applies the second round of rules: labial attraction, syncope, breaking, detached -a, epenthesis', () => {
    expect(traditionalToCyrillic(trad('t e m ue r'))).toBe('төмөр');
    expect(traditionalToCyrillic(trad('ue n d ue s ue t e n'))).toBe('үндэстэн');
    expect(traditionalToCyrillic(trad('s i r mvs a'))).toBe('шар');
    expect(traditionalToCyrillic(trad('b a g mvs a'))).toBe('бага');
    expect(traditionalToCyrillic(trad('y a m a g mvs a'))).toBe('ямаа');
    expect(traditionalToCyrillic(trad('t o l o g a i'))).toBe('толгой');
    expect(traditionalToCyrillic(trad('t e r g e'))).toBe('тэрэг');
    expect(traditionalToCyrillic(trad('m oe ng g ue'))).toBe('мөнгө');
    expect(traditionalToCyrillic(trad('n u t u g'))).toBe('нутаг');
    // Back to the traditional script: the vowel Cyrillic dropped, the detached -a, a medial diphthong.
    expect(shapeKey(cyrillicToTraditional('мод'))).toBe(shapeKey(trad('m o d u')));
    expect(shapeKey(cyrillicToTraditional('хот'))).toBe(shapeKey(trad('h o t a')));
    expect(shapeKey(cyrillicToTraditional('ах'))).toBe(shapeKey(trad('a h mvs a')));
    expect(shapeKey(cyrillicToTraditional('бороо'))).toBe(shapeKey(trad('b o r o g mvs a')));
    expect(shapeKey(cyrillicToTraditional('сайн'))).toBe(shapeKey(trad('s a y i n')));
  });
});

/**
 * The held-out list (184 words) measured on 2026-11-28 with the rules as they were before the second
 * round of rule work: 87 of 184 (47.3 %) to Cyrillic, 50 of 184 (27.2 %) back; after it: 114 of 184
 * (62.0 %) and 68 of 184 (37.0 %). The floor is the latter. Raising it means improving the rules,
 * never editing HELD_OUT or moving its words into the exceptions.
 */
const FLOOR = { toCyr: 114 / 184, toTrad: 68 / 184 };
