/** What a text is written in, as far as search cares. */
export type TextLanguage = 'zh' | 'mn' | 'mixed' | 'other';

/** True for a Han (CJK ideograph) code point: the unified blocks and extensions, compatibility ideographs. */
export function isHan(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x323af)
  );
}

/** True for a Mongolian code point: the Unicode block U+1800–U+18AF or a Menksoft shape code U+E234–U+E4AB. */
export function isMongolian(cp: number): boolean {
  return (cp >= 0x1800 && cp <= 0x18af) || (cp >= 0xe234 && cp <= 0xe4ab);
}

/**
 * Tells whether a text holds Chinese (Han characters), Mongolian (the Mongolian block, or Menksoft
 * private-use shape code), both, or neither. One character of a script is enough for it to count.
 *
 * @example
 * detectLanguage('科普') // => 'zh'
 * detectLanguage('ᠮᠣᠩᠭᠣᠯ') // => 'mn'
 * detectLanguage('科普 ᠮᠣᠩᠭᠣᠯ') // => 'mixed'
 * detectLanguage('hello') // => 'other'
 */
export function detectLanguage(text: string): TextLanguage {
  let han = false, mongolian = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isHan(cp)) han = true;
    else if (isMongolian(cp)) mongolian = true;
    if (han && mongolian) return 'mixed';
  }
  return han ? 'zh' : mongolian ? 'mn' : 'other';
}
