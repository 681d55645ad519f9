import sanitizeHtml from 'sanitize-html';
import { convertLegacy } from './clean.js';

/** What the editor may produce; everything else (scripts, styles, event handlers, iframes) is dropped. */
const RICH_TEXT: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
    'img', 'a', 'strong', 'em', 'u', 's', 'br', 'hr', 'figure', 'figcaption', 'code', 'pre', 'sub', 'sup',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
    '*': ['lang'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener nofollow' }) },
};

/**
 * Sanitised rich text with Mongolian in canonical Unicode; reports how much Menksoft was converted
 * and how many legacy codes had no Unicode equivalent (replaced by U+FFFD).
 * NUL characters are dropped: sanitize-html keeps them and PostgreSQL cannot store them (the HTTP
 * layer already refuses them in requests; this covers HTML from files, e.g. Word imports).
 */
export function cleanHtml(html: string): { html: string; menksoft: number; unconverted: number } {
  const safe = sanitizeHtml(html.replaceAll('\u0000', ''), RICH_TEXT);
  const { text, menksoft, unconverted } = convertLegacy(safe);
  return { html: text.trim(), menksoft, unconverted };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Plain text of (sanitised) HTML: blocks become lines; for search, diffs and broadcast scripts. */
export function htmlToText(html: string): string {
  const marked = html.replace(/<\/(p|h[1-6]|li|blockquote|tr|div|figcaption|pre)>|<br\s*\/?>|<hr\s*\/?>/gi, '$&\n').replace(/<\/t[dh]>/gi, '$&\t');
  const stripped = sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} });
  return stripped
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
