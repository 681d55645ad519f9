/** What kind of Mongolian encoding a text uses. */
export type Encoding = 'unicode' | 'menksoft' | 'mixed' | 'none';

/** True for a Menksoft shape code (private use U+E234–U+E4AB). */
export function isMenksoftCode(c: number): boolean {
  return c >= 0xe234 && c <= 0xe4ab;
}

/**
 * Detects whether Mongolian in a text is standard Unicode, Menksoft private-use shape code,
 * both, or absent, so that imports can convert automatically (see `fromMenksoft`).
 *
 * @example
 * detectEncoding('\u182E\u1823\u1829\u182D\u1823\u182F') // => 'unicode'
 * detectEncoding('\uE2F2\uE28B') // => 'menksoft'
 * detectEncoding('hello') // => 'none'
 */
export function detectEncoding(text: string): Encoding {
  let unicode = false, menksoft = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x1800 && c <= 0x18af) unicode = true;
    else if (isMenksoftCode(c)) menksoft = true;
    if (unicode && menksoft) return 'mixed';
  }
  return unicode ? 'unicode' : menksoft ? 'menksoft' : 'none';
}
