import { detectEncoding, fromMenksoft, normalize } from '@gerel/mongol';

/** A run of Menksoft private-use shape code (U+E234–U+E4AB): one converted piece (a word, mostly). */
const MENKSOFT_RUN = /[\uE234-\uE4AB]+/g;

export interface Converted {
  text: string;
  /** How many Menksoft runs were turned into Unicode. */
  pieces: number;
}

/**
 * Menksoft-encoded Mongolian in pasted text, converted to normalised Unicode; other text is kept.
 *
 * @example
 * convertMenksoftText(toMenksoft('ᠮᠣᠩᠭᠣᠯ')) // => { text: 'ᠮᠣᠩᠭᠣᠯ', pieces: 1 }
 */
export function convertMenksoftText(text: string): Converted {
  const encoding = detectEncoding(text);
  if (encoding !== 'menksoft' && encoding !== 'mixed') return { text, pieces: 0 };
  const pieces = text.match(MENKSOFT_RUN)?.length ?? 0;
  return { text: normalize(fromMenksoft(text)), pieces };
}

/** The same over the text of an HTML fragment (tags and attributes are left alone). */
export function convertMenksoftHtml(html: string): { html: string; pieces: number } {
  if (!MENKSOFT_RUN.test(html)) return { html, pieces: 0 };
  MENKSOFT_RUN.lastIndex = 0;
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  let pieces = 0;
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const converted = convertMenksoftText(node.nodeValue ?? '');
    if (converted.pieces) {
      node.nodeValue = converted.text;
      pieces += converted.pieces;
    }
  }
  return { html: doc.body.innerHTML, pieces };
}
