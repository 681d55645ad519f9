import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';

/** What a route needs to send a stored upload back. */
export interface StoredFile {
  mime: string;
  size: number;
  name: string;
  /** Shown in the browser (images, video) rather than downloaded. */
  inline: boolean;
  stream: Readable;
}

/**
 * Sends an uploaded file with the headers every upload gets: its checked type, no sniffing, and a
 * sandboxing policy — even a file crafted to look like a page must not run in the browser.
 */
export function sendStoredFile(reply: FastifyReply, f: StoredFile, cacheControl: string) {
  return reply
    .header('content-type', f.mime)
    .header('content-length', f.size)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; img-src 'self'; media-src 'self'; sandbox")
    .header('cache-control', cacheControl)
    .header('content-disposition', `${f.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.name)}`)
    .send(f.stream);
}
