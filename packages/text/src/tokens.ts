/**
 * Index and query tokens for bilingual text. Tokens are made here, in application code, and
 * stored pre-tokenized (space-separated); the database only matches and ranks them. See
 * token-codes.ts for how each kind of token is spelled.
 */
import { detectEncoding, fromLatin, fromMenksoft, tokenize } from '@gerel/mongol';
import { foldChinese, pinyinOf, segment, segmentForSearch } from './chinese.js';
import { isHan } from './detect.js';
import { chineseToken, mongolianToken, pinyinTokens, wordToken } from './token-codes.js';

/**
 * One thing a query asks for. It matches a document when any of its alternatives does; an
 * alternative matches when all of its tokens occur. A query matches when all its groups do.
 */
export type TokenGroup = string[][];

/** At most this many groups are kept from a query (the rest is ignored). */
export const MAX_QUERY_GROUPS = 32;

/** True for a code unit that can belong to a Mongolian word (punctuation U+1800–U+1809 cannot). */
function isWordCode(c: number): boolean {
  return (
    (c >= 0x180a && c <= 0x18af) || c === 0x200c || c === 0x200d || c === 0x202f || c === 0x200b || c === 0x2060 || c === 0xfeff
  );
}

/**
 * Calls onWord for each Mongolian word (a maximal stretch of Mongolian letters, controls, NNBSP and
 * zero-width characters holding at least one Mongolian letter) and onOther for the text between,
 * with their offsets.
 */
export function forEachStretch(
  text: string,
  onWord: (word: string, start: number, end: number) => void,
  onOther: (s: string, start: number, end: number) => void,
): void {
  const n = text.length;
  let i = 0, otherStart = 0;
  while (i < n) {
    if (!isWordCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i, letters = false;
    while (j < n && isWordCode(text.charCodeAt(j))) {
      const c = text.charCodeAt(j);
      if (c >= 0x180a && c <= 0x18af) letters = true;
      j++;
    }
    if (letters) {
      if (i > otherStart) onOther(text.slice(otherStart, i), otherStart, i);
      onWord(text.slice(i, j), i, j);
      otherStart = j;
    }
    i = j;
  }
  if (n > otherStart) onOther(text.slice(otherStart, n), otherStart, n);
}

/** Text with any Menksoft shape code converted to Unicode Mongolian. */
export function unMenksoft(text: string): string {
  const enc = detectEncoding(text);
  return enc === 'menksoft' || enc === 'mixed' ? fromMenksoft(text) : text;
}

/** Letters-and-digits words (Han, Latin, Cyrillic …) of normalised text. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

export function hasHan(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    if (isHan(c)) return true;
    if (c > 0xffff) i++;
  }
  return false;
}

/** Case and width folding of non-Mongolian text, then traditional → simplified. */
export function foldOther(s: string): string {
  return foldChinese(s.normalize('NFKC').toLowerCase());
}

/** Per-word caches (words repeat across documents; both stay bounded). */
const chineseCache = new Map<string, { token: string; pinyin: string[] }>();
const mongolianCache = new Map<string, string[]>();
const CACHE_LIMIT = 300_000;

function chineseEntry(word: string): { token: string; pinyin: string[] } {
  let e = chineseCache.get(word);
  if (!e) {
    const p = pinyinOf(word);
    e = { token: chineseToken(word), pinyin: p ? pinyinTokens(p) : [] };
    if (chineseCache.size >= CACHE_LIMIT) chineseCache.clear();
    chineseCache.set(word, e);
  }
  return e;
}

/** The tokens of a Mongolian word: its shape key, then (if suffixed) its stem's and its suffixes' keys. */
export function mongolianWordTokens(word: string): string[] {
  let tokens = mongolianCache.get(word);
  if (!tokens) {
    tokens = tokenize(word).map(mongolianToken);
    if (mongolianCache.size >= CACHE_LIMIT) mongolianCache.clear();
    mongolianCache.set(word, tokens);
  }
  return tokens;
}

/**
 * The tokens to index for a text (a title or a body), in reading order, repeated as often as they
 * occur. Mongolian words give the shape key of the word and, when suffixes are attached by NNBSP
 * or MVS, of the stem and of each suffix (any spelling that looks the same gives the same token;
 * Menksoft shape code is converted first). Chinese is folded to simplified and segmented in search
 * mode (each word and the dictionary words inside it); each distinct word of two or more characters
 * adds its pinyin initials and full pinyin once (pinyin finds a document, it does not rank it).
 * Other words are lower-cased (NFKC).
 *
 * `lang` (a BCP 47 tag such as 'zh-Hans' or 'mn-Mong') is accepted for callers that know it, but
 * tokens follow the script of each stretch of text, so a Chinese term inside a Mongolian document
 * is found as well.
 *
 * @example
 * indexTokens('科普 hello') // => ['co29k8e', 'pkp', 'qkepu', 'ahello']
 */
export function indexTokens(text: string, lang?: string): string[] {
  void lang;
  const out: string[] = [];
  const pinyinDone = new Set<string>();
  const pushChinese = (word: string): void => {
    const e = chineseEntry(word);
    out.push(e.token);
    if (e.pinyin.length && !pinyinDone.has(word)) {
      pinyinDone.add(word);
      out.push(...e.pinyin);
    }
  };
  forEachStretch(
    unMenksoft(text),
    (word) => {
      out.push(...mongolianWordTokens(word));
    },
    (s) => {
      const folded = foldOther(s);
      for (const m of folded.matchAll(WORD)) {
        const w = m[0];
        if (!hasHan(w)) {
          out.push(wordToken(w));
          continue;
        }
        for (const piece of segmentForSearch(w)) {
          if (hasHan(piece)) pushChinese(piece);
          else for (const pm of piece.matchAll(WORD)) out.push(wordToken(pm[0]));
        }
      }
    },
  );
  return out;
}

/** What a query was read as: its groups, every token it mentions, its (folded) Chinese words and their parts. */
export interface QueryAnalysis {
  groups: TokenGroup[];
  tokens: Set<string>;
  chineseWords: string[];
  /** Whether it asks for pinyin tokens, and for Latin word tokens. */
  pinyin: boolean;
  latin: boolean;
}

function mongolianAlternatives(word: string): string[][] {
  const keys = mongolianWordTokens(word);
  if (keys.length === 0) return [];
  const alts = [[keys[0]!]];
  if (keys.length > 1) alts.push(keys.slice(1));
  return alts;
}

function latinAlternatives(w: string): string[][] {
  const alts = [[wordToken(w)]];
  if (/^[a-z]+$/.test(w)) alts.push([pinyinTokens({ initials: w, full: w })[0]!], [pinyinTokens({ initials: w, full: w })[1]!]);
  return alts;
}

/**
 * Reads a query like `queryTokens`, keeping what `highlight` needs too.
 */
export function analyzeQuery(query: string): QueryAnalysis {
  const groups: TokenGroup[] = [];
  const chineseWords: string[] = [];
  const text = unMenksoft(query);
  for (const chunk of text.split(/\s+/)) {
    if (!chunk) continue;
    if (/^[\x21-\x7e]+$/.test(chunk)) {
      // Latin only: its words, pinyin, and the Mongolian of the alias transliteration if it is one.
      const lower = chunk.toLowerCase();
      const words = lower.match(/[a-z0-9]+/g) ?? [];
      if (words.length === 0) continue;
      const alts: string[][] = words.length === 1 ? latinAlternatives(words[0]!) : [words.map(wordToken)];
      const stripped = lower.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
      const mongolian = fromLatin(stripped);
      if (mongolian !== stripped) forEachStretch(mongolian, (w) => alts.push(...mongolianAlternatives(w)), () => undefined);
      groups.push(alts);
      continue;
    }
    forEachStretch(
      chunk,
      (word) => {
        const alts = mongolianAlternatives(word);
        if (alts.length) groups.push(alts);
      },
      (s) => {
        for (const m of foldOther(s).matchAll(WORD)) {
          const w = m[0];
          if (!hasHan(w)) {
            groups.push(latinAlternatives(w));
            continue;
          }
          for (const piece of segment(w)) {
            if (hasHan(piece)) {
              chineseWords.push(piece);
              const alts = [[chineseToken(piece)]];
              if ([...piece].length >= 3) {
                const parts = segmentForSearch(piece).filter((p) => p !== piece && hasHan(p));
                if (parts.length) alts.push(parts.map(chineseToken));
                chineseWords.push(...parts);
              }
              groups.push(alts);
            } else {
              for (const pm of piece.matchAll(WORD)) groups.push(latinAlternatives(pm[0]));
            }
          }
        }
      },
    );
  }
  const kept = dedupeGroups(groups).slice(0, MAX_QUERY_GROUPS);
  const tokens = new Set<string>();
  for (const g of kept) for (const alt of g) for (const t of alt) tokens.add(t);
  const has = (tag: string): boolean => [...tokens].some((t) => t.startsWith(tag));
  return {
    groups: kept,
    tokens,
    chineseWords: [...new Set(chineseWords)].sort((a, b) => b.length - a.length),
    pinyin: has('p') || has('q'),
    latin: has('a') || has('u'),
  };
}

function dedupeGroups(groups: TokenGroup[]): TokenGroup[] {
  const seen = new Set<string>();
  const out: TokenGroup[] = [];
  for (const g of groups) {
    const altSeen = new Set<string>();
    const alts: string[][] = [];
    for (const alt of g) {
      const uniq = [...new Set(alt)];
      const key = [...uniq].sort().join(' ');
      if (uniq.length === 0 || altSeen.has(key)) continue;
      altSeen.add(key);
      alts.push(uniq);
    }
    if (alts.length === 0) continue;
    const key = [...altSeen].sort().join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(alts);
  }
  return out;
}

/**
 * A search box query as token groups (see `TokenGroup`): one group per Chinese word (precise
 * segmentation; a word of three or more characters may also match by all of its dictionary parts),
 * per Mongolian word (the word's shape key, or its stem and suffixes together) and per Latin word
 * (the word itself, or pinyin initials, or full pinyin of a Chinese word). A whitespace-separated
 * Latin chunk that spells Mongolian in the alias scheme of @gerel/mongol (`m-o-ng-g-o-l`) matches
 * its Latin words or the Mongolian word. Menksoft input is converted first. An empty array means
 * the query asks for nothing searchable.
 *
 * @example
 * queryTokens('kp') // => [[['akp'], ['pkp'], ['qkp']]]
 */
export function queryTokens(query: string): TokenGroup[] {
  return analyzeQuery(query).groups;
}
