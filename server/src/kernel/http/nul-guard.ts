import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

/**
 * Refuses, before validation and before any handler, a request whose querystring, path parameters or
 * parsed body holds a string (value or key) with a NUL character (U+0000). PostgreSQL's text and
 * jsonb cannot store NUL ("invalid byte sequence for encoding UTF8: 0x00"), so such input would
 * otherwise end in a 500 halfway through a handler; SQLite would store it. No legitimate text has NUL.
 * Multipart uploads and binary bodies are not looked at: a file's bytes are the file's business.
 */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    for (const [where, value] of [['query', req.query], ['params', req.params], ['body', req.body]] as const) {
      const path = nulPath(value);
      if (path !== null) throw new AppError(400, 'input.nul_character', { where, path: path || '/' }, { where, path: path || '/' });
    }
  });
}

/**
 * The JSON pointer of the first string holding U+0000 in a parsed value ('' for the value itself),
 * or null. Walks strings, arrays and objects, never binary data or a stream (a file's bytes may hold
 * NUL), without recursion, so a deeply nested body cannot overflow the stack.
 */
export function nulPath(value: unknown): string | null {
  const stack: Array<[unknown, string]> = [[value, '']];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) continue;
      seen.add(v);
    }
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}/${i}`]);
    } else if (isTextual(v)) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        const at = `${path}/${pointerToken(key)}`;
        if (key.includes('\u0000')) return at;
        stack.push([v[key], at]);
      }
    }
  }
  return null;
}

/** Objects as parsers build them (JSON, the querystring parser's prototype-less records), not bytes or streams. */
function isTextual(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return false;
  return typeof (v as { pipe?: unknown }).pipe !== 'function';
}

/** RFC 6901 escaping; the NUL itself is shown as \u0000 so the pointer stays printable. */
function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1').replaceAll('\u0000', '\\u0000');
}
