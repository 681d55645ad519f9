import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../kernel/context.js';
import * as content from '../content/service.js';
import { LANGS } from '../content/tables.js';
import * as orgs from '../orgs/service.js';
import { buildFeed } from './feeds.js';
import { registerFonts } from './fonts.js';
import { page } from './layout.js';
import { articlePage, categoryPage, homePage, notFoundPage, searchPage } from './pages.js';
import { search } from '../../kernel/search/index.js';
import { prefixOf, t, type PortalLang } from './i18n.js';

const PORTAL_LANGS: PortalLang[] = ['zh-Hans', 'mn-Mong'];
const PAGE_SIZE = 20;

const OFFICER_CODE = /^[A-Za-z0-9_-]{4,16}$/;
const VIA = /^[A-Za-z0-9_-]{1,32}$/;

const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

function send(reply: FastifyReply, body: string, status = 200) {
  // Short shared caching: pages change when something is published, and readers on weak networks benefit.
  reply.header('cache-control', status === 200 ? 'public, max-age=60' : 'no-cache');
  return reply.status(status).type('text/html; charset=utf-8').send(body);
}

/**
 * The public portal: light server-rendered pages that work without JavaScript, in Chinese (at /)
 * and vertical Mongolian (at /mn/), plus feeds and the app's JSON API. Published content only.
 */
export const portalRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    registerFonts(app);

    for (const lang of PORTAL_LANGS) {
      const p = prefixOf(lang);

      app.get(`${p}/`, { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
        const items = await content.latestPublished(ctx, { lang, limit: PAGE_SIZE, offset: 0 });
        return send(reply, page(lang, { title: t(lang, 'nav.home'), description: t(lang, 'site.tagline'), url: `${originOf(req)}${p}/` }, homePage(lang, items)));
      });

      app.get<{ Querystring: { q?: string; offset?: string } }>(`${p}/search`, { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
        const q = String(req.query.q ?? '').slice(0, 200);
        const offset = Math.min(Math.max(0, Number.parseInt(req.query.offset ?? '0', 10) || 0), 10_000);
        // Public search: published versions only, every language (a Mongolian query finds Mongolian wherever it is asked).
        const result = q.trim() ? await search(ctx.db, { q, orgPrefixes: null, limit: PAGE_SIZE, offset }) : { hits: [], total: 0 };
        return send(reply, page(lang, { title: `${t(lang, 'nav.search')}: ${q}` }, searchPage(lang, { q, total: result.total, hits: result.hits, offset, limit: PAGE_SIZE })));
      });

      app.get<{ Params: { category: string } }>(`${p}/c/:category`, { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
        const category = req.params.category;
        const items = await content.latestPublished(ctx, { lang, category, limit: PAGE_SIZE, offset: 0 });
        return send(reply, page(lang, { title: category }, categoryPage(lang, category, items)));
      });

      app.get<{ Params: { id: string }; Querystring: { o?: string; via?: string } }>(`${p}/r/:id`, { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
        const found = await content.publishedPage(ctx, req.params.id, lang);
        if (!found) return send(reply, page(lang, { title: '404' }, notFoundPage(lang)), 404);
        const { resource: r, version: v, otherLangs } = found;
        const orgName = (await orgs.namesOf(ctx, [r.org_id])).get(r.org_id);
        const origin = originOf(req);
        const other = otherLangs.find((l): l is PortalLang => l !== lang && (l === 'zh-Hans' || l === 'mn-Mong'));
        const body = articlePage(lang, {
          resourceId: r.id,
          title: v.title,
          summary: v.summary,
          bodyHtml: v.body_html,
          publishedAt: v.published_at!,
          category: r.category,
          source: r.source,
          orgName: (lang === 'mn-Mong' ? orgName?.mn : null) ?? orgName?.zh ?? '',
          coverUrl: r.cover_url,
          otherLangs,
          officer: OFFICER_CODE.test(req.query.o ?? '') ? { code: req.query.o!, via: VIA.test(req.query.via ?? '') ? req.query.via! : null } : null,
        });
        const description = (v.summary ?? v.body_text).replace(/\s+/g, ' ').slice(0, 120);
        return send(
          reply,
          page(
            lang,
            {
              title: v.title,
              description,
              url: `${origin}${p}/r/${r.id}`,
              image: r.cover_url ? new URL(r.cover_url, origin).href : null,
              alternate: other ? { lang: other, href: `${prefixOf(other)}/r/${r.id}` } : null,
              type: 'article',
            },
            body,
          ),
        );
      });
    }

    const FeedQuery = Type.Object({ lang: Type.Optional(Type.Union(PORTAL_LANGS.map((l) => Type.Literal(l)))) });
    const feeds = [
      { path: '/feeds/rss.xml', type: 'application/rss+xml; charset=utf-8', render: 'rss2' },
      { path: '/feeds/atom.xml', type: 'application/atom+xml; charset=utf-8', render: 'atom1' },
      { path: '/feeds/feed.json', type: 'application/feed+json; charset=utf-8', render: 'json1' },
    ] as const;
    for (const f of feeds) {
      app.get(f.path, { config: { public: true }, schema: { hide: true, querystring: FeedQuery } }, async (req, reply) => {
        const lang = req.query.lang ?? 'zh-Hans';
        const items = await content.latestPublished(ctx, { lang, limit: 50, offset: 0 });
        reply.header('cache-control', 'public, max-age=300');
        return reply.type(f.type).send(buildFeed(lang, items, originOf(req))[f.render]());
      });
    }

    app.get('/api/public/resources', {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: 'Published resources for the mobile app, newest first',
        querystring: Type.Object({
          lang: Type.Optional(Type.Union(LANGS.map((l) => Type.Literal(l)))),
          category: Type.Optional(Type.String({ maxLength: 64 })),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
      },
      handler: async (req) => ({ items: await content.latestPublished(ctx, req.query) }),
    });
  };
