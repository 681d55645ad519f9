import { diffArrays } from 'diff';
import type { Lang } from './tables.js';

export interface Change {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/**
 * A word-level diff for revision comparison. Words come from Intl.Segmenter, which splits Chinese
 * into words (no spaces needed) and Mongolian, Latin and Cyrillic at spaces and punctuation.
 */
export function wordDiff(a: string, b: string, lang: Lang): Change[] {
  const seg = new Intl.Segmenter(lang === 'zh-Hans' ? 'zh' : lang, { granularity: 'word' });
  const words = (s: string) => Array.from(seg.segment(s), (x) => x.segment);
  const out: Change[] = [];
  for (const part of diffArrays(words(a), words(b))) {
    const op = part.added ? 'insert' : part.removed ? 'delete' : 'equal';
    const text = part.value.join('');
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  }
  return out;
}
