import { describe, expect, it } from 'vitest';
import { shapeKey, toMenksoft } from '@gerel/mongol';
import { cleanText, convertLegacy } from './clean.js';

describe('text on the way in', () => {
  it('converts Menksoft-encoded Mongolian to Unicode that looks the same', () => {
    const unicode = 'ᠬᠥᠬᠡᠬᠣᠲᠠ ᠬᠣᠲᠠ';
    const legacy = toMenksoft(unicode);
    expect(legacy).not.toMatch(/[\u1800-\u18AF]/);
    const stored = cleanText(legacy);
    expect(stored).toMatch(/^[\u1800-\u18AF\u202F ]+$/);
    expect(shapeKey(stored)).toBe(shapeKey(unicode));
  });

  it('keeps well-formed Unicode Mongolian as it is, trimmed', () => {
    expect(cleanText('  ᠪᠤᠭᠤᠲᠤ ᠬᠣᠲᠠ ')).toBe('ᠪᠤᠭᠤᠲᠤ ᠬᠣᠲᠠ');
  });

  it('drops control characters and composes Chinese/Latin to NFC', () => {
    expect(cleanText(' Cafe\u0301\u0007 科协 ')).toBe('Café 科协');
  });

  it('never stores a Menksoft code point: converts the 568 the table names, replaces the other 64 and counts them apart', () => {
    let converted = 0, replaced = 0;
    for (let c = 0xe234; c <= 0xe4ab; c++) {
      const lone = String.fromCharCode(c);
      const out = convertLegacy(lone);
      expect(out.text, c.toString(16)).not.toMatch(/[\uE234-\uE4AB]/);
      expect(cleanText(lone), c.toString(16)).not.toMatch(/[\uE234-\uE4AB]/);
      expect(out.menksoft + out.unconverted).toBe(1);
      if (out.unconverted) {
        expect(out.text).toBe('\uFFFD');
        replaced++;
      } else converted++;
    }
    expect({ converted, replaced }).toEqual({ converted: 568, replaced: 64 });
  });

  it('replaces only the unknown code inside Menksoft text and reports it', () => {
    const unicode = 'ᠮᠣᠩᠭᠣᠯ';
    const out = convertLegacy(`${toMenksoft(unicode)} \uE235 科协`);
    expect(out).toEqual({ text: `${unicode} \uFFFD 科协`, menksoft: toMenksoft(unicode).length, unconverted: 1 });
    expect(convertLegacy('科协')).toEqual({ text: '科协', menksoft: 0, unconverted: 0 });
  });
});
