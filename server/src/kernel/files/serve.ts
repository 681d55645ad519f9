import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { StoredStream, type ByteRange } from './stored-stream.js';

/** What a route needs to send a stored upload back. */
export interface StoredFile {
  mime: string;
  size: number;
  name: string;
  /** Shown in the browser (images, video) rather than downloaded. */
  inline: boolean;
  /** From FileStorage.read: not yet opened, so a Range request can ask the backend for only its bytes. */
  stream: Readable;
}

/**
 * The one range a Range header asks for (RFC 9110 §14): null to send the whole file (no header, not
 * bytes, several ranges, or a syntax error — all of which a server may ignore), 'unsatisfiable' when
 * it starts past the end (416).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    // bytes=-N: the last N bytes.
    const n = Number(m[2]);
    if (n === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  if (start >= size) return 'unsatisfiable';
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return end < start ? null : { start, end };
}

/**
 * Sends an uploaded file with the headers every upload gets: its checked type, no sniffing, and a
 * sandboxing policy — even a file crafted to look like a page must not run in the browser. A Range
 * request (video seeking, resumed downloads) gets 206 with only those bytes, read from the backend as
 * such, or 416. The caller has already checked that the user may read the file.
 */
export function sendStoredFile(reply: FastifyReply, f: StoredFile, cacheControl: string) {
  reply
    .header('content-type', f.mime)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; img-src 'self'; media-src 'self'; sandbox")
    .header('cache-control', cacheControl)
    .header('content-disposition', `${f.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.name)}`);
  if (!(f.stream instanceof StoredStream)) return reply.header('content-length', f.size).send(f.stream);
  reply.header('accept-ranges', 'bytes');
  // If-Range needs a validator we do not send, so such a request gets the whole file (RFC 9110 §13.1.5).
  const range = reply.request.headers['if-range'] ? null : parseRange(reply.request.headers.range, f.size);
  if (range === 'unsatisfiable') {
    f.stream.destroy();
    return reply.status(416).header('content-range', `bytes */${f.size}`).header('content-length', 0).send();
  }
  if (!range) return reply.header('content-length', f.size).send(f.stream);
  return reply
    .status(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${f.size}`)
    .header('content-length', range.end - range.start + 1)
    .send(f.stream.withRange(range));
}
