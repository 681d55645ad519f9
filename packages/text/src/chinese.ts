/**
 * Chinese text for search: traditional → simplified folding (OpenCC), word segmentation (jieba with
 * the default dictionary plus the science terms of `dict/science-terms.dict`) and pinyin.
 * Everything loads lazily, once per process.
 */
import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { isHan } from './detect.js';

/** The user dictionary shipped with the package (jieba format: `word frequency tag` per line). */
export const SCIENCE_TERMS_URL = new URL('../dict/science-terms.dict', import.meta.url);

let jieba: Jieba | undefined;

/** The shared segmenter: jieba's default dictionary plus the science terms (lower-case, as text is lower-cased first). */
function segmenter(): Jieba {
  if (!jieba) {
    const j = Jieba.withDict(dict);
    j.loadDict(readFileSync(SCIENCE_TERMS_URL));
    jieba = j;
  }
  return jieba;
}

/**
 * Words of a text in reading order, dictionary-driven (no HMM guessing of unknown words, so the same
 * characters always split the same way in documents and queries). Pieces cover the text exactly.
 *
 * @example
 * segment('中国科学技术协会') // => ['中国', '科学技术协会']
 */
export function segment(text: string): string[] {
  return text ? segmenter().cut(text, false) : [];
}

/**
 * Search-mode segmentation: each word and the shorter dictionary words inside it, so that a query
 * for a part of a compound finds the compound.
 *
 * @example
 * segmentForSearch('科学技术协会') // => ['科学', '技术', '协会', '科学技术协会']
 */
export function segmentForSearch(text: string): string[] {
  return text ? segmenter().cutForSearch(text, false) : [];
}

type Convert = (s: string) => string;
let folding: { convert: Convert; changing: Set<number> } | undefined;

function converter(): { convert: Convert; changing: Set<number> } {
  if (!folding) {
    const convert = OpenCC.Converter({ from: 'tw', to: 'cn' });
    // The characters that fold on their own: a text without any of them is left as it is (fast path).
    const set = new Set<number>();
    for (let c = 0x3400; c <= 0x9fff; c++) {
      const s = String.fromCharCode(c);
      if (convert(s) !== s) set.add(c);
    }
    for (let c = 0xf900; c <= 0xfaff; c++) {
      const s = String.fromCharCode(c);
      if (convert(s) !== s) set.add(c);
    }
    folding = { convert, changing: set };
  }
  return folding;
}

/**
 * Folds traditional Chinese (Taiwan, Hong Kong or OpenCC standard forms) to simplified, phrase-aware
 * (OpenCC `tw` → `cn`). Simplified text and non-Chinese text come back unchanged.
 *
 * @example
 * foldChinese('科學技術協會') // => '科学技术协会'
 */
export function foldChinese(text: string): string {
  const { convert, changing: set } = converter();
  for (let i = 0; i < text.length; i++) {
    if (set.has(text.charCodeAt(i))) return convert(text);
  }
  return text;
}

const pinyinCache = new Map<string, { initials: string; full: string } | null>();

/**
 * The pinyin of a word of two or more Han characters, tone marks dropped, ü written v:
 * `initials` (first letter of each syllable) and `full` (syllables joined). Other characters of
 * the word are skipped. Null for a word with fewer than two Han characters.
 *
 * @example
 * pinyinOf('科普') // => { initials: 'kp', full: 'kepu' }
 */
export function pinyinOf(word: string): { initials: string; full: string } | null {
  const hit = pinyinCache.get(word);
  if (hit !== undefined) return hit;
  let han = '';
  for (const ch of word) if (isHan(ch.codePointAt(0)!)) han += ch;
  let result: { initials: string; full: string } | null = null;
  if ([...han].length >= 2) {
    const syllables = pinyin(han, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase().replace(/[^a-z]/g, ''));
    const full = syllables.join('');
    const initials = syllables.map((s) => s.charAt(0)).join('');
    if (full) result = { initials, full };
  }
  if (pinyinCache.size > 200_000) pinyinCache.clear();
  pinyinCache.set(word, result);
  return result;
}
