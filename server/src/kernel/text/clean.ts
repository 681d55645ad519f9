import { detectEncoding, fromMenksoft, normalize } from '@gerel/mongol';

/** Trimmed, NFC, with control characters other than line breaks and tabs removed. */
export function cleanText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.normalize('NFC').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();
}

/**
 * Mongolian text as it is stored: legacy Menksoft shape code converted to Unicode on the way in,
 * then one canonical spelling (@gerel/mongol normalize), so search and de-duplication see one form.
 */
export function cleanMongolian(s: string): string {
  const text = cleanText(s);
  const enc = detectEncoding(text);
  return normalize(enc === 'menksoft' || enc === 'mixed' ? fromMenksoft(text) : text);
}
