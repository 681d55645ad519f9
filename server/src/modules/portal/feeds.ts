import { Feed } from 'feed';
import type { PublishedItem } from '../content/service.js';
import { prefixOf, t, type PortalLang } from './i18n.js';

/** One feed of the newest published versions in a language, as RSS 2.0, Atom 1.0 or JSON Feed 1. */
export function buildFeed(lang: PortalLang, items: PublishedItem[], origin: string): Feed {
  const p = prefixOf(lang);
  const feed = new Feed({
    title: t(lang, 'site.name'),
    description: t(lang, 'site.tagline'),
    id: `${origin}${p}/`,
    link: `${origin}${p}/`,
    language: lang,
    copyright: t(lang, 'site.tagline'),
    updated: items[0] ? new Date(items[0].publishedAt) : new Date(0),
    feedLinks: {
      rss: `${origin}/feeds/rss.xml?lang=${lang}`,
      atom: `${origin}/feeds/atom.xml?lang=${lang}`,
      json: `${origin}/feeds/feed.json?lang=${lang}`,
    },
  });
  for (const i of items) {
    const link = `${origin}${p}/r/${i.resourceId}`;
    feed.addItem({
      title: i.title,
      id: link,
      link,
      description: i.excerpt,
      date: new Date(i.publishedAt),
      ...(i.category ? { category: [{ name: i.category }] } : {}),
      ...(i.coverUrl ? { image: i.coverUrl } : {}),
    });
  }
  return feed;
}
