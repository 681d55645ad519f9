import { html, raw, type SafeHtml } from '../../kernel/http/html.js';
import { FONT_FILES } from './fonts.js';
import { prefixOf, t, type PortalLang } from './i18n.js';

export interface PageMeta {
  title: string;
  description?: string;
  /** Absolute URL of this page, for Open Graph (WeChat share cards) and canonical links. */
  url?: string;
  image?: string | null;
  /** Same content in the other portal language, for hreflang and the language switch. */
  alternate?: { lang: PortalLang; href: string } | null;
  type?: 'website' | 'article';
}

/**
 * Kept inline (a few KB) so an article page is one request plus the font. The Mongolian pages are
 * truly vertical: columns top to bottom, flowing left to right, the page scrolling sideways.
 */
const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.7 system-ui,"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#fbfaf7}
a{color:#0b57d0;text-decoration:none}a:hover{text-decoration:underline}
header.site{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;padding:.75rem 1rem;background:#0b3d2e;color:#fff}
header.site a{color:#fff}.brand{font-weight:700;font-size:1.15rem}
header.site form{margin-left:auto;display:flex;gap:.25rem}
input[type=search]{padding:.35rem .5rem;border:1px solid #ccc;border-radius:4px;min-width:10rem}
button{padding:.35rem .75rem;border:0;border-radius:4px;background:#f2b134;color:#1f2328;cursor:pointer}
main{max-width:46rem;margin:0 auto;padding:1rem}
.meta{color:#57606a;font-size:.9rem}
article img{max-width:100%;height:auto}
ul.items{list-style:none;padding:0}ul.items li{margin:0 0 1rem}
mark{background:#ffe58f}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem}
footer{color:#57606a;font-size:.85rem;padding:1rem;text-align:center}
/* Mongolian is never laid on its side: every Mongolian element, header and form included, is vertical-lr; Latin and digits lie sideways as in print. */
.mn{font-family:"Noto Sans Mongolian",system-ui,sans-serif}
main.mn{writing-mode:vertical-lr;max-width:none;height:calc(100vh - 11rem);min-height:22rem;overflow-x:auto;margin:0;padding:1rem 1.25rem;line-height:1.9}
main.mn article{margin-inline-end:2rem}
main.mn ul.items li{margin:0 1.5rem 0 0}
main.mn img{max-height:60%;width:auto}
main.mn table{writing-mode:horizontal-tb}
header.site .mn,main:not(.mn) .mn{writing-mode:vertical-lr;display:inline-block;vertical-align:top;max-height:12rem;line-height:1.4}
input.mn{writing-mode:vertical-lr;height:9rem;width:2.4rem;min-width:0}
button.mn{writing-mode:vertical-lr;padding:.5rem .3rem}
`;

function fontFace(): string {
  // Mongolian subset first: it carries the space, NNBSP and MVS, so whole phrases shape from one file.
  return `@font-face{font-family:"Noto Sans Mongolian";font-style:normal;font-weight:400;font-display:swap;src:url(/fonts/${FONT_FILES.mongolian}) format("woff2")}
@font-face{font-family:"Noto Sans Mongolian";font-style:normal;font-weight:400;font-display:swap;src:url(/fonts/${FONT_FILES.latin}) format("woff2");unicode-range:U+0030-0039,U+0041-005A,U+0061-007A}`;
}

export function page(lang: PortalLang, meta: PageMeta, body: SafeHtml): string {
  const mn = lang === 'mn-Mong';
  const p = prefixOf(lang);
  const other = meta.alternate ?? { lang: mn ? ('zh-Hans' as const) : ('mn-Mong' as const), href: mn ? '/' : '/mn/' };
  const doc = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${meta.title} · ${t(lang, 'site.name')}</title>
${meta.description ? html`<meta name="description" content="${meta.description}">` : ''}
<meta property="og:site_name" content="${t(lang, 'site.name')}">
<meta property="og:type" content="${meta.type ?? 'website'}">
<meta property="og:title" content="${meta.title}">
${meta.description ? html`<meta property="og:description" content="${meta.description}">` : ''}
${meta.url ? html`<meta property="og:url" content="${meta.url}"><link rel="canonical" href="${meta.url}">` : ''}
${meta.image ? html`<meta property="og:image" content="${meta.image}">` : ''}
${meta.alternate ? html`<link rel="alternate" hreflang="${meta.alternate.lang}" href="${meta.alternate.href}">` : ''}
<link rel="alternate" type="application/atom+xml" href="/feeds/atom.xml?lang=${lang}">
${mn ? html`<link rel="preload" href="/fonts/${FONT_FILES.mongolian}" as="font" type="font/woff2" crossorigin>` : ''}
<style>${raw(fontFace())}${raw(CSS)}</style>
</head>
<body>
<header class="site">
<a class="brand${mn ? ' mn' : ''}" href="${p}/">${t(lang, 'site.name')}</a>
<span class="${mn ? 'mn' : ''}">${t(lang, 'site.tagline')}</span>
<a class="${mn ? '' : 'mn'}" href="${other.href}" hreflang="${other.lang}" lang="${other.lang}">${t(lang, 'nav.otherScript')}</a>
<form action="${p}/search" method="get" role="search">
<input type="search" name="q" placeholder="${t(lang, 'search.placeholder')}" class="${mn ? 'mn' : ''}" aria-label="${t(lang, 'nav.search')}">
<button type="submit" class="${mn ? 'mn' : ''}">${t(lang, 'search.submit')}</button>
</form>
</header>
<main class="${mn ? 'mn' : ''}" lang="${lang}">${body}</main>
</body>
</html>`;
  return doc.value;
}
