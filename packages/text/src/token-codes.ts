/**
 * Token spelling. Every token is `[a-z][a-z0-9]*`, at most MAX_TOKEN_LENGTH characters: one
 * lower-case tag letter, then the payload in ASCII. Both SQLite FTS5 (unicode61) and PostgreSQL's
 * `simple` text-search parser read such a string as exactly one token, unchanged, so tokens made
 * here are stored as a space-separated string and matched without any further analysis.
 *
 * | tag | payload | example |
 * |---|---|---|
 * | `a` | an ASCII letter/digit word, lower-cased | `hello` → `ahello` |
 * | `u` | another word (Cyrillic, accented Latin …), lower-cased, UTF-16 code units in 4 hex digits | `мон` → `u043c043e043d` |
 * | `c` | a Chinese word, folded to simplified: each code unit below 46000 in 3 base-36 digits, others `zzz` + 4 hex digits | `科普` → `co29k8e` |
 * | `p` | pinyin initials of a Chinese word | `科普` → `pkp` |
 * | `q` | full pinyin of a Chinese word | `科普` → `qkepu` |
 * | `m` | the shape key of a Mongolian word, stem or suffix (@gerel/mongol), 2 base-36 digits a unit | |
 */

/** Longest token; longer ones are cut (the same way in documents and queries). PostgreSQL ignores lexemes over 2047 bytes. */
export const MAX_TOKEN_LENGTH = 240;

/** True for a string spelled as a token of this package. */
export function isToken(s: string): boolean {
  return /^[a-z][a-z0-9]*$/.test(s) && s.length <= MAX_TOKEN_LENGTH;
}

function cut(token: string): string {
  return token.length > MAX_TOKEN_LENGTH ? token.slice(0, MAX_TOKEN_LENGTH) : token;
}

function hexUnits(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += s.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
}

/** The token of a word that is not Chinese or Mongolian (already lower-cased). */
export function wordToken(word: string): string {
  return cut(/^[a-z0-9]+$/.test(word) ? 'a' + word : 'u' + hexUnits(word));
}

function base36Units(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c < 46000 ? c.toString(36).padStart(3, '0') : 'zzz' + c.toString(16).padStart(4, '0');
  }
  return out;
}

/** The token of a Chinese word (already folded to simplified and lower-cased). */
export function chineseToken(word: string): string {
  return cut('c' + base36Units(word));
}

/** The tokens for pinyin initials and full pinyin. */
export function pinyinTokens(p: { initials: string; full: string }): string[] {
  return [cut('p' + p.initials), cut('q' + p.full)];
}

/**
 * The token of a Mongolian shape key. A key's code units are written units (U+E000–U+E0FF), letters
 * drawn as themselves (U+1800–U+18AF) and spaces (suffix separators); each becomes two base-36
 * digits (0–432), anything else `zz` and four hex digits, so distinct keys give distinct tokens.
 */
export function mongolianToken(key: string): string {
  let out = 'm';
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const v = c >= 0xe000 && c <= 0xe0ff ? c - 0xe000 : c >= 0x1800 && c <= 0x18af ? 256 + c - 0x1800 : c === 0x20 ? 432 : -1;
    out += v < 0 ? 'zz' + c.toString(16).padStart(4, '0') : v.toString(36).padStart(2, '0');
  }
  return cut(out);
}
