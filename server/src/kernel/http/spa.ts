import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody, langFromHeader } from './errors.js';
import { newNonce, workspacePolicy } from './security-headers.js';

/**
 * index.html with this response's CSP nonce: a <meta name="csp-nonce"> the app reads at start (antd
 * puts it on the <style> elements it creates) and on any <style>/<script> the build wrote inline.
 * The nonce is base64, so it needs no escaping.
 */
export function withNonce(page: string, nonce: string): string {
  return page
    .replace(/<head>/i, `<head>\n    <meta name="csp-nonce" content="${nonce}" />`)
    .replace(/<(style|script)(?=[\s>])/gi, `<$1 nonce="${nonce}"`);
}

/** Reads index.html again only when the file changed (a rebuilt web app is served without a restart). */
function indexReader(file: string): () => Promise<string> {
  let cached: { mtimeMs: number; size: number; text: string } | null = null;
  return async () => {
    const stat = await fs.promises.stat(file);
    if (!cached || cached.mtimeMs !== stat.mtimeMs || cached.size !== stat.size) {
      cached = { mtimeMs: stat.mtimeMs, size: stat.size, text: await fs.promises.readFile(file, 'utf8') };
    }
    return cached.text;
  };
}

/**
 * Serves the built web app. Hashed assets are cached for a year; any other non-API path gets
 * index.html (with a fresh CSP nonce, never from the static files) so client-side routes survive a
 * reload. Unknown /api paths stay JSON 404s.
 */
export async function registerSpa(app: FastifyInstance, webDist: string): Promise<void> {
  const index = path.join(webDist, 'index.html');
  const hasWeb = fs.existsSync(index);
  const readIndex = indexReader(index);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      // One wildcard route, not a route per file found at start: a rebuilt web app is served without a restart.
      wildcard: true,
      // HTML goes through the handler below, which gives each response its nonce.
      index: false,
      allowedPath: (pathname) => !/\.html?$/i.test(pathname),
      cacheControl: false,
      setHeaders: (res, file) => {
        const hashed = file.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler(async (req, reply) => {
    const lang = langFromHeader(req.headers['accept-language']);
    const isClientRoute = !req.url.startsWith('/api/') && !req.url.startsWith('/assets/');
    if (!isClientRoute || !hasWeb || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return reply.status(404).send(errorBody('route.not_found', { method: req.method, url: req.url.split('?')[0] ?? '' }, lang));
    }
    const nonce = newNonce();
    reply.header('cache-control', 'no-cache').header('content-security-policy', workspacePolicy(nonce));
    return reply.type('text/html; charset=utf-8').send(withNonce(await readIndex(), nonce));
  });
}
