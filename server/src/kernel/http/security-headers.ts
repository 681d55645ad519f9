import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/**
 * The browser-side defences every response carries, unless a route set its own (uploaded media sets
 * a stricter sandboxed policy). Scripts only from this origin, no inline script, and no inline style
 * either: a <style> element or style="" attribute slipped into a page is not applied. The workspace
 * page gets a per-response nonce for the <style> elements its own scripts create (antd's CSS-in-JS),
 * see `workspacePolicy`; server-rendered pages may carry <style> blocks in their <head>, allowed by
 * hash (see `registerSecurityHeaders`). Framing only by this origin; no CORS headers are ever sent.
 */
export function contentSecurityPolicy(styleSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    ['style-src', "'self'", ...styleSources].join(' '),
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "frame-src 'self' blob:",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** The policy of every response that did not set its own and carries no server-written <style>. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** A fresh, unguessable nonce (128 bits) for one HTML response. */
export const newNonce = (): string => randomBytes(16).toString('base64');

/** The workspace page's policy: its scripts' <style> elements carry this response's nonce. */
export const workspacePolicy = (nonce: string): string => contentSecurityPolicy([`'nonce-${nonce}'`]);

/**
 * Hashes of the <style> blocks in the <head> of a server-rendered page. Only the head: the server
 * writes it from templates (every interpolation escaped), while user content lives in the body and
 * is sanitised (no <style> survives), so an injected <style> would still be refused.
 */
export function headStyleHashes(page: string): string[] {
  const end = page.indexOf('</head>');
  if (end < 0) return [];
  const hashes: string[] = [];
  for (const m of page.slice(0, end).matchAll(/<style>([\s\S]*?)<\/style>/g)) {
    hashes.push(`'sha256-${createHash('sha256').update(m[1] ?? '', 'utf8').digest('base64')}'`);
  }
  return hashes;
}

const HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'SAMEORIGIN',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
};

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) {
      const type = String(reply.getHeader('content-type') ?? '');
      const hashes = type.startsWith('text/html') && typeof payload === 'string' ? headStyleHashes(payload) : [];
      reply.header('content-security-policy', hashes.length ? contentSecurityPolicy(hashes) : CONTENT_SECURITY_POLICY);
    }
    for (const [name, value] of Object.entries(HEADERS)) if (!reply.hasHeader(name)) reply.header(name, value);
    // API answers are personal or scoped to the caller: no browser or proxy keeps them, unless a route
    // chose its own caching (published media, public feeds).
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    // HSTS only where the request came over TLS (directly, or as the trusted proxy says).
    if (req.protocol === 'https' && !reply.hasHeader('strict-transport-security')) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
}
