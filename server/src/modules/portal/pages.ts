import { html, raw, type SafeHtml } from '../../kernel/http/html.js';
import type { PublishedItem } from '../content/service.js';
import type { Lang } from '../content/tables.js';
import { prefixOf, t, type PortalLang } from './i18n.js';

/** ISO date as the reader expects it (digits read the same in both scripts). */
const day = (iso: string) => iso.slice(0, 10);

function itemList(lang: PortalLang, items: PublishedItem[]): SafeHtml {
  const p = prefixOf(lang);
  return html`<ul class="items">${items.map(
    (i) => html`<li><a href="${p}/r/${i.resourceId}"><strong>${i.title}</strong></a>
<div class="meta"><time datetime="${i.publishedAt}">${day(i.publishedAt)}</time>${i.category ? html` · <a href="${p}/c/${encodeURIComponent(i.category)}">${i.category}</a>` : ''}</div>
<div>${i.excerpt}</div></li>`,
  )}</ul>`;
}

export function homePage(lang: PortalLang, items: PublishedItem[]): SafeHtml {
  return html`<h1>${t(lang, 'home.latest')}</h1>${items.length ? itemList(lang, items) : html`<p>${t(lang, 'home.empty')}</p>`}`;
}

export function categoryPage(lang: PortalLang, category: string, items: PublishedItem[]): SafeHtml {
  return html`<h1>${t(lang, 'category.title', { category })}</h1>${items.length ? itemList(lang, items) : html`<p>${t(lang, 'home.empty')}</p>`}`;
}

export interface ArticleView {
  resourceId: string;
  title: string;
  summary: string | null;
  /** Sanitised when it was saved. */
  bodyHtml: string;
  publishedAt: string;
  category: string | null;
  source: string | null;
  orgName: string;
  coverUrl: string | null;
  otherLangs: Lang[];
  /** Set when the reader came through an information officer's link (/s/CODE/ID → ?o=CODE&via=REF). */
  officer?: { code: string; via: string | null } | null;
}

export function articlePage(lang: PortalLang, a: ArticleView): SafeHtml {
  const p = prefixOf(lang);
  const links = a.otherLangs
    .filter((l): l is PortalLang => l === 'zh-Hans' || l === 'mn-Mong')
    .map((l) => html` <a href="${prefixOf(l)}/r/${a.resourceId}" hreflang="${l}" lang="${l}" class="${l === 'mn-Mong' ? 'mn' : ''}">${t(lang, `lang.${l}`)}</a>`);
  return html`<article>
<h1>${a.title}</h1>
<p class="meta">${a.orgName} · ${t(lang, 'resource.published')} <time datetime="${a.publishedAt}">${day(a.publishedAt)}</time>${
    a.category ? html` · ${t(lang, 'resource.category')}: <a href="${p}/c/${encodeURIComponent(a.category)}">${a.category}</a>` : ''
  }${links.length ? html` · ${t(lang, 'resource.readIn')}:${links}` : ''}</p>
${a.coverUrl ? html`<img src="${a.coverUrl}" alt="">` : ''}
${a.summary ? html`<p><strong>${a.summary}</strong></p>` : ''}
${raw(a.bodyHtml)}
${a.source ? html`<p class="meta">${t(lang, 'resource.source')}: ${a.source}</p>` : ''}
${a.officer ? officerFooter(lang, a.resourceId, a.officer) : ''}
</article>`;
}

/**
 * For readers who came through an officer's link: a read beacon that loads only when the reader
 * reaches the end of the article (no JavaScript), and an onward link that keeps the attribution
 * (a re-share counts for the officer as a second-level open).
 */
function officerFooter(lang: PortalLang, resourceId: string, o: { code: string; via: string | null }): SafeHtml {
  const onward = `/s/${encodeURIComponent(o.code)}/${resourceId}${o.via ? `?via=${encodeURIComponent(o.via)}` : ''}`;
  return html`<p class="meta">${t(lang, 'share.onward')}: <a href="${onward}" rel="nofollow">${onward}</a></p>
<img src="/s/${encodeURIComponent(o.code)}/${resourceId}/read" alt="" width="1" height="1" loading="lazy">`;
}

export interface SearchView {
  q: string;
  total: number;
  hits: { resourceId: string; lang: string; title: string; snippet: string }[];
  offset: number;
  limit: number;
}

export function searchPage(lang: PortalLang, s: SearchView): SafeHtml {
  const p = prefixOf(lang);
  const page = (offset: number) => `${p}/search?q=${encodeURIComponent(s.q)}&offset=${offset}`;
  return html`<h1>${t(lang, 'nav.search')}: ${s.q}</h1>
<p class="meta">${t(lang, 'search.results', { total: s.total })}</p>
${s.hits.length === 0 ? html`<p>${t(lang, 'search.none')}</p>` : ''}
<ul class="items">${s.hits.map(
    (h) => html`<li lang="${h.lang}" class="${h.lang === 'mn-Mong' ? 'mn' : ''}"><a href="${prefixOf(h.lang === 'mn-Mong' ? 'mn-Mong' : 'zh-Hans')}/r/${h.resourceId}"><strong>${h.title}</strong></a>
<div>${raw(h.snippet)}</div></li>`,
  )}</ul>
<p>${s.offset > 0 ? html`<a href="${page(Math.max(0, s.offset - s.limit))}">${t(lang, 'page.prev')}</a> ` : ''}${
    s.offset + s.limit < s.total ? html`<a href="${page(s.offset + s.limit)}">${t(lang, 'page.next')}</a>` : ''
  }</p>`;
}

export function notFoundPage(lang: PortalLang): SafeHtml {
  return html`<h1>404</h1><p>${t(lang, 'notFound')}</p>`;
}
