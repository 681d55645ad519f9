import type { Lang, Term } from '../../api/translation';
import { termIn } from '../../api/translation';

export interface Found {
  start: number;
  end: number;
  term: Term;
}

const fold = (s: string, lang: Lang) => (lang === 'en' || lang === 'mn-Cyrl' ? s.toLowerCase() : s);
const LETTER = /[\p{L}\p{N}\u1800-\u18AF]/u;

/**
 * Where the termbase's terms occur in a text written in `lang`: longest term first, no overlaps, in
 * text order. Chinese matches anywhere; alphabetic scripts only on word boundaries (so "art" is not
 * found in "start").
 */
export function findTerms(text: string, terms: Term[], lang: Lang): Found[] {
  const hay = fold(text, lang);
  const byLength = terms
    .map((term) => ({ term, needle: termIn(term, lang)?.trim() ?? '' }))
    .filter((x) => x.needle.length > 0)
    .sort((a, b) => b.needle.length - a.needle.length);
  const taken: Found[] = [];
  const free = (s: number, e: number) => taken.every((f) => e <= f.start || s >= f.end);
  for (const { term, needle } of byLength) {
    const n = fold(needle, lang);
    for (let at = hay.indexOf(n); at >= 0; at = hay.indexOf(n, at + 1)) {
      const end = at + n.length;
      // A Mongolian suffix after NNBSP (not a letter) still leaves the term whole.
      const bounded = lang === 'zh-Hans' || (!LETTER.test(hay[at - 1] ?? '') && !LETTER.test(hay[end] ?? ''));
      if (bounded && free(at, end)) taken.push({ start: at, end, term });
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

/**
 * The source HTML with every term found wrapped in <mark data-term-id> (text nodes only, so markup
 * stays intact). The HTML must already be sanitised.
 */
export function markTerms(html: string, terms: Term[], lang: Lang, titleOf?: (term: Term) => string): string {
  if (terms.length === 0) return html;
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  for (const node of nodes) {
    const text = node.data;
    const found = findTerms(text, terms, lang);
    if (found.length === 0) continue;
    const frag = doc.createDocumentFragment();
    let pos = 0;
    for (const f of found) {
      frag.append(text.slice(pos, f.start));
      const mark = doc.createElement('mark');
      mark.className = 'translation__termmark';
      mark.dataset.termId = f.term.id;
      mark.dataset.testid = 'term-mark';
      if (titleOf) mark.title = titleOf(f.term);
      mark.textContent = text.slice(f.start, f.end);
      frag.append(mark);
      pos = f.end;
    }
    frag.append(text.slice(pos));
    node.replaceWith(frag);
  }
  return doc.body.innerHTML;
}
