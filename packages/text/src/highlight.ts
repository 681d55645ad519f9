import { foldChinese, pinyinOf, segment } from './chinese.js';
import { pinyinTokens, wordToken } from './token-codes.js';
import { analyzeQuery, forEachStretch, hasHan, mongolianWordTokens } from './tokens.js';

export interface HighlightOptions {
  /** Longest snippet in UTF-16 code units, not counting the ellipses (default 160). */
  maxLength?: number;
}

interface Mark {
  start: number;
  end: number;
  /** What matched, to favour a window showing many different query words. */
  what: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text (the five special characters). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Where the query matches in the text, by the same rules as the index (shape keys, folding, pinyin). */
export function findMatches(text: string, query: string): Mark[] {
  const q = analyzeQuery(query);
  const marks: Mark[] = [];
  if (q.tokens.size === 0) return marks;
  forEachStretch(
    text,
    (word, start, end) => {
      const hit = mongolianWordTokens(word).find((t) => q.tokens.has(t));
      if (hit) marks.push({ start, end, what: hit });
    },
    (seg, segStart) => {
      // Fold like the index does. Text of ASCII, unified Han and CJK/full-width punctuation folds one
      // code unit to one (fast path); otherwise code point by code point, remembering the offsets.
      let norm: string;
      let from: number[] | null = null;
      let to: number[] | null = null;
      if (/^[\t\n\r\x20-\x7f\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]*$/.test(seg)) {
        norm = seg.normalize('NFKC').toLowerCase();
        if (norm.length !== seg.length) norm = seg.toLowerCase();
      } else {
        norm = '';
        from = [];
        to = [];
        for (let o = 0; o < seg.length; ) {
          const cp = seg.codePointAt(o)!;
          const len = cp > 0xffff ? 2 : 1;
          const n = seg.slice(o, o + len).normalize('NFKC').toLowerCase();
          for (let k = 0; k < n.length; k++) {
            from.push(segStart + o);
            to.push(segStart + o + len);
          }
          norm += n;
          o += len;
        }
      }
      const f = foldChinese(norm);
      const folded = f.length === norm.length ? f : norm;
      const mark = (a: number, b: number, what: string): void => {
        marks.push(from && to ? { start: from[a]!, end: to[b - 1]!, what } : { start: segStart + a, end: segStart + b, what });
      };
      // Chinese words (and the parts of a long one) by their folded characters.
      for (const cw of q.chineseWords) {
        for (let i = folded.indexOf(cw); i >= 0; i = folded.indexOf(cw, i + cw.length)) mark(i, i + cw.length, cw);
      }
      for (const m of folded.matchAll(WORD)) {
        const w = m[0];
        const ws = m.index;
        if (!hasHan(w)) {
          const t = wordToken(w);
          if (q.tokens.has(t)) mark(ws, ws + w.length, t);
          continue;
        }
        if (!q.pinyin && !q.latin) continue;
        // Pinyin and Latin words inside Chinese text need the words.
        let po = ws;
        for (const piece of segment(w)) {
          const pe = po + piece.length;
          if (hasHan(piece)) {
            const p = q.pinyin ? pinyinOf(piece) : null;
            const t = p ? pinyinTokens(p).find((x) => q.tokens.has(x)) : undefined;
            if (t) mark(po, pe, t);
          } else {
            for (const pm of piece.matchAll(WORD)) {
              const t = wordToken(pm[0]);
              if (q.tokens.has(t)) mark(po + pm.index, po + pm.index + pm[0].length, t);
            }
          }
          po = pe;
        }
      }
    },
  );
  marks.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Mark[] = [];
  for (const m of marks) {
    const last = merged[merged.length - 1];
    if (last && m.start <= last.end) last.end = Math.max(last.end, m.end);
    else merged.push({ ...m });
  }
  return merged;
}

/**
 * An HTML snippet of `text` around the best match of `query`: matches wrapped in `<mark>…</mark>`,
 * everything else HTML-escaped, `…` where the text was cut. Matching follows the index: a Mongolian
 * word is marked when its shape key (or its stem's or a suffix's) matches, whatever spelling,
 * encoding (Menksoft) or Latin alias transliteration the query used; Chinese is matched on
 * simplified characters (a traditional query marks simplified text and the other way round) or by
 * pinyin; other words case-insensitively. The window shows the most distinct matched words; without
 * a match, the start of the text.
 *
 * @example
 * highlight('内蒙古<科普>工作', '科普') // => '内蒙古&lt;<mark>科普</mark>&gt;工作'
 */
export function highlight(text: string, query: string, options: HighlightOptions = {}): string {
  const max = Math.max(1, options.maxLength ?? 160);
  const marks = findMatches(text, query);
  let start = 0;
  if (text.length > max && marks.length > 0) {
    const lead = Math.floor(max / 4);
    let best = -1;
    for (const m of marks) {
      const s = Math.max(0, m.start - lead);
      const seen = new Set<string>();
      for (const n of marks) if (n.start >= s && n.end <= s + max) seen.add(n.what);
      if (seen.size > best) {
        best = seen.size;
        start = s;
      }
    }
  }
  let end = Math.min(text.length, start + max);
  if (end === text.length) start = Math.max(0, end - max);
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start++;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++;
  let html = start > 0 ? '…' : '';
  let at = start;
  for (const m of marks) {
    const s = Math.max(m.start, start), e = Math.min(m.end, end);
    if (s >= e) continue;
    html += escapeHtml(text.slice(at, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
    at = e;
  }
  html += escapeHtml(text.slice(at, end));
  if (end < text.length) html += '…';
  return html;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
