import { describe, expect, it } from 'vitest';
import en from './en.json';
import mnMong from './mn-Mong.json';
import zhHans from './zh-Hans.json';

const catalogs: Record<string, Record<string, string>> = { en, 'zh-Hans': zhHans, 'mn-Mong': mnMong };
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI string catalogs', () => {
  it('have exactly the same keys in every language', () => {
    const expected = Object.keys(en).sort();
    for (const [lang, catalog] of Object.entries(catalogs)) {
      expect(Object.keys(catalog).sort(), lang).toEqual(expected);
    }
  });

  it('use the same placeholders in every language', () => {
    for (const [key, text] of Object.entries(en)) {
      for (const [lang, catalog] of Object.entries(catalogs)) {
        expect(placeholders(catalog[key] ?? ''), `${lang} ${key}`).toEqual(placeholders(text));
      }
    }
  });

  it('write Mongolian strings in the Traditional Mongolian script, never with empty values', () => {
    for (const [key, text] of Object.entries(mnMong)) {
      expect(text, key).toMatch(/[\u1820-\u18AF]/);
      // Only Mongolian, NNBSP, ASCII (codes, placeholders) and the ellipsis: no Cyrillic, no Chinese.
      expect(text, key).toMatch(/^[\u1800-\u18AF\u202F\u0020-\u007E\u2026]+$/);
    }
    for (const [lang, catalog] of Object.entries(catalogs)) {
      for (const [key, text] of Object.entries(catalog)) expect(text.trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('attach Mongolian suffix particles with NNBSP (U+202F), not a plain space', () => {
    const particle = /^(ᠤᠨ|ᠦᠨ|ᠶᠢᠨ|ᠤ|ᠦ|ᠢ|ᠶᠢ|ᠢᠶᠠᠨ|ᠪᠡᠨ|ᠪᠠᠨ|ᠲᠠᠢ|ᠲᠡᠢ|ᠳᠤ|ᠳᠦ|ᠨᠠᠴᠠ|ᠡᠴᠡ|ᠠᠴᠠ)$/u;
    for (const [key, text] of Object.entries(mnMong)) {
      for (const word of text.split(' ').slice(1)) expect(word, key).not.toMatch(particle);
    }
  });

  it('never put NNBSP next to Latin text or a placeholder (the font then shows it as a visible box)', () => {
    for (const [key, text] of Object.entries(mnMong)) {
      expect(text, key).not.toMatch(/[A-Za-z{}]\u202F|\u202F[A-Za-z{}]/);
    }
  });
});
