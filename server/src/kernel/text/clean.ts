import { detectEncoding, fromMenksoft, normalize } from '@gerel/mongol';

/**
 * Text as it is stored: control characters other than line breaks and tabs removed, legacy Menksoft
 * shape code converted to Unicode, Mongolian in one canonical spelling and everything else NFC
 * (@gerel/mongol normalize), trimmed. Safe on text of any language.
 */
export function cleanText(s: string): string {
  // eslint-disable-next-line no-control-regex
  const text = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
  return toCanonical(text).trim();
}

/** Menksoft → Unicode, then normalised; returns how many Menksoft code points were converted. */
export function convertLegacy(s: string): { text: string; menksoft: number } {
  let menksoft = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xe234 && c <= 0xe4ab) menksoft++;
  }
  return { text: toCanonical(s), menksoft };
}

function toCanonical(s: string): string {
  const enc = detectEncoding(s);
  return normalize(enc === 'menksoft' || enc === 'mixed' ? fromMenksoft(s) : s);
}
