import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);

/** The app's own Noto Sans Mongolian (UTN #57 shaping) from @fontsource; never the reader's system font. */
export const FONT_FILES = {
  mongolian: 'noto-sans-mongolian-mongolian-400-normal.woff2',
  latin: 'noto-sans-mongolian-latin-400-normal.woff2',
} as const;

const fontDir = path.join(path.dirname(require.resolve('@fontsource/noto-sans-mongolian/package.json')), 'files');
const ALLOWED = new Set<string>(Object.values(FONT_FILES));

/** Serves the subsets with a year-long immutable cache (file names carry the package version's content). */
export function registerFonts(app: FastifyInstance): void {
  app.get<{ Params: { file: string } }>('/fonts/:file', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    if (!ALLOWED.has(req.params.file)) return reply.callNotFound();
    reply.header('cache-control', 'public, max-age=31536000, immutable');
    reply.header('access-control-allow-origin', '*');
    return reply.type('font/woff2').send(fs.createReadStream(path.join(fontDir, req.params.file)));
  });
}
