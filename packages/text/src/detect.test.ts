import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect.js';

describe('detectLanguage', () => {
  it('tells Chinese, Mongolian, both and neither apart', () => {
    expect(detectLanguage('内蒙古科学技术协会')).toBe('zh');
    expect(detectLanguage('ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ')).toBe('mn');
    expect(detectLanguage('科普 ᠮᠣᠩᠭᠣᠯ')).toBe('mixed');
    expect(detectLanguage('hello, монгол 123')).toBe('other');
    expect(detectLanguage('')).toBe('other');
  });
  it('counts Menksoft shape code as Mongolian', () => {
    expect(detectLanguage('\uE2F2\uE28B')).toBe('mn');
    expect(detectLanguage('科普\uE2F2')).toBe('mixed');
  });
  it('counts CJK extension B characters as Han', () => {
    expect(detectLanguage('\u{20000}')).toBe('zh');
  });
});
