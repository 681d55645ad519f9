import { describe, expect, it } from 'vitest';
import { shapeKey, toMenksoft } from '@gerel/mongol';
import { cleanText } from './clean.js';

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
});
