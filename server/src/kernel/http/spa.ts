import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody, langFromHeader } from './errors.js';

/**
 * Serves the built web app. Hashed assets are cached for a year; any other non-API path gets
 * index.html so client-side routes survive a reload. Unknown /api paths stay JSON 404s.
 */
export async function registerSpa(app: FastifyInstance, webDist: string): Promise<void> {
  const index = path.join(webDist, 'index.html');
  const hasWeb = fs.existsSync(index);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      // One wildcard route, not a route per file found at start: a rebuilt web app is served without a restart.
      wildcard: true,
      index: 'index.html',
      cacheControl: false,
      setHeaders: (res, file) => {
        const hashed = file.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const lang = langFromHeader(req.headers['accept-language']);
    const isClientRoute = !req.url.startsWith('/api/') && !req.url.startsWith('/assets/');
    if (!isClientRoute || !hasWeb || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return reply.status(404).send(errorBody('route.not_found', { method: req.method, url: req.url.split('?')[0] ?? '' }, lang));
    }
    reply.header('cache-control', 'no-cache');
    return reply.type('text/html; charset=utf-8').send(fs.createReadStream(index));
  });
}
