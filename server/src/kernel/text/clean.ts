import { detectEncoding, fromMenksoft, isConvertibleMenksoft, normalize } from '@gerel/mongol';

/**
 * Text as it is stored: control characters other than line breaks and tabs removed, legacy Menksoft
 * shape code converted to Unicode, Mongolian in one canonical spelling and everything else NFC
 * (@gerel/mongol normalize), trimmed. Safe on text of any language. A Menksoft code with no Unicode
 * equivalent becomes U+FFFD (see convertLegacy): private-use code is never stored.
 */
export function cleanText(s: string): string {
  // eslint-disable-next-line no-control-regex
  const text = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
  return toCanonical(text).text.trim();
}

/**
 * Menksoft → Unicode, then normalised. `menksoft` counts the Menksoft code points converted;
 * `unconverted` those the Menksoft table gives no Unicode equivalent (unnamed glyphs, codes it does
 * not list), which are replaced by U+FFFD REPLACEMENT CHARACTER rather than stored as private use.
 */
export function convertLegacy(s: string): { text: string; menksoft: number; unconverted: number } {
  return toCanonical(s);
}

const REPLACEMENT = '\uFFFD';

function toCanonical(s: string): { text: string; menksoft: number; unconverted: number } {
  let menksoft = 0, unconverted = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xe234 && c <= 0xe4ab) {
      if (isConvertibleMenksoft(c)) menksoft++;
      else unconverted++;
    }
  }
  if (menksoft === 0 && unconverted === 0) return { text: normalize(s), menksoft, unconverted };
  const enc = detectEncoding(s);
  let text = enc === 'menksoft' || enc === 'mixed' ? fromMenksoft(s) : s;
  if (unconverted > 0) text = text.replace(/[\uE234-\uE4AB]/g, REPLACEMENT);
  return { text: normalize(text), menksoft, unconverted };
}
