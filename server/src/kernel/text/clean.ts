/** Trimmed, NFC, with control characters other than line breaks and tabs removed. */
export function cleanText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.normalize('NFC').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();
}

/**
 * Mongolian text as it is stored: Unicode, normalised. Legacy Menksoft shape code is converted on
 * the way in once @gerel/mongol provides the converter (wired in kernel/text/mongol.ts).
 */
export function cleanMongolian(s: string): string {
  return cleanText(s);
}
