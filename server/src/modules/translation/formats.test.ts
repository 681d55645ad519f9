import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TermFileError, readTermCsv, readTermTbx, termsToCsv, termsToTbx, type TermExportRow } from './termfiles.js';
import { readTmx, writeTmx } from './tmx.js';
import { editDistance, matchKey, similarity } from './fuzzy.js';
import { alignSentences, splitSentences } from './align.js';

/** Property tests (fast-check) of the file formats and the matching, independent of the database. */

// Cell text as people type it: Chinese, traditional Mongolian, Cyrillic, Latin and the CSV/XML specials.
const chars = fc.constantFrom(...'科学技术光合作用ᠮᠣᠩᠭᠣᠯᠪᠢᠴᠢᠭфотсинезabcXYZ019 ,;"\'<>&\t\n'.split(''));
const cell = fc
  .array(chars, { minLength: 1, maxLength: 20 })
  .map((xs) => xs.join('').trim().replace(/\s+/g, ' '))
  .filter((s) => s.length > 0 && !/^[=+\-@]/.test(s));
const optCell = fc.option(cell, { nil: '' });
const row = fc.record({ zh: cell, mn_mong: optCell, mn_cyrl: optCell, en: optCell, domain: optCell, notes: optCell });
const rows = fc.array(row, { maxLength: 8 }).map((rs) => rs.map((r, i): TermExportRow => ({ id: String(i), ...r })));
const strip = ({ id: _id, ...r }: TermExportRow) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== ''));

describe('termbase files', () => {
  it('CSV export reads back to the same terms', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const file = readTermCsv(termsToCsv(rs));
        expect(file.missing).toEqual([]);
        expect(file.rows.map((r) => r.values)).toEqual(rs.map(strip));
      }),
    );
  });

  it('TBX export reads back to the same terms', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const file = readTermTbx(termsToTbx(rs));
        expect(file.rows.map((r) => r.values)).toEqual(rs.map(strip));
      }),
    );
  });

  it('any input either parses or fails with TermFileError, never anything else', () => {
    const junk = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('<martif>', '<tbx><text><body><conceptEntry/></body></text></tbx>', '<tmx><body><tu/></body></tmx>', '<a', '"unclosed,\n'));
    fc.assert(
      fc.property(junk, (s) => {
        for (const read of [readTermCsv, readTermTbx, readTmx]) {
          try {
            read(s);
          } catch (e) {
            expect(e).toBeInstanceOf(TermFileError);
          }
        }
      }),
    );
  });
});

describe('TMX', () => {
  it('writes and reads back every pair', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ source: cell, target: cell }), { maxLength: 8 }), (ps) => {
        const xml = writeTmx(ps.map((p) => ({ sourceLang: 'zh-Hans', targetLang: 'mn-Mong', ...p })), 'zh-Hans');
        expect(readTmx(xml).map((u) => u.segs)).toEqual(ps.map((p) => ({ 'zh-Hans': p.source, 'mn-Mong': p.target })));
      }),
    );
  });
});

describe('fuzzy matching', () => {
  const text = fc.array(chars, { maxLength: 30 }).map((xs) => xs.join(''));
  it('scores from 0 to 100, symmetric, 100 exactly for equal keys', () => {
    fc.assert(
      fc.property(text, text, fc.constantFrom('zh-Hans' as const, 'mn-Mong' as const, 'en' as const), (a, b, lang) => {
        const [ka, kb] = [matchKey(a, lang), matchKey(b, lang)];
        const s = similarity(ka, kb);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(100);
        expect(similarity(kb, ka)).toBe(s);
        expect(s === 100).toBe(ka.join('') === kb.join(''));
      }),
    );
  });

  it('edit distance obeys the triangle inequality', () => {
    const k = fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 12 });
    fc.assert(fc.property(k, k, k, (a, b, c) => editDistance(a, c) <= editDistance(a, b) + editDistance(b, c)));
  });

  it('ignores Chinese punctuation and spacing', () => {
    expect(similarity(matchKey('科学，技术。', 'zh-Hans'), matchKey('科学 技术', 'zh-Hans'))).toBe(100);
  });
});

describe('sentence alignment', () => {
  it('pairs sentences in order, each at most once', () => {
    const sentences = fc.array(fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 30 }).map((x) => x.join('')), { maxLength: 8 });
    fc.assert(
      fc.property(sentences, sentences, (s, t) => {
        const pairs = alignSentences(s, t);
        expect(pairs.length).toBeLessThanOrEqual(Math.min(s.length, t.length));
        // Concatenated in order, the paired sources are a subsequence of the source text.
        let at = 0;
        const whole = s.join(' ');
        for (const p of pairs) {
          const i = whole.indexOf(p.source, at);
          expect(i).toBeGreaterThanOrEqual(0);
          at = i + p.source.length;
        }
      }),
    );
  });

  it('splits Chinese and Mongolian at their full stops', () => {
    expect(splitSentences('一。二！\n三', 'zh-Hans')).toEqual(['一。', '二！', '三']);
    expect(splitSentences('ᠨᠢᠭᠡ᠃ ᠬᠣᠶᠠᠷ᠉ ᠭᠤᠷᠪᠠ', 'mn-Mong')).toEqual(['ᠨᠢᠭᠡ᠃', 'ᠬᠣᠶᠠᠷ᠉', 'ᠭᠤᠷᠪᠠ']);
  });
});
