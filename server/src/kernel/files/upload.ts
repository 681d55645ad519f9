import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { AppError } from '../http/errors.js';

export interface Spooled {
  path: string;
  size: number;
  sha256: string;
}

/**
 * Streams an upload to a temporary file while hashing and counting it, never holding it in
 * memory; over `maxBytes` it stops, removes the file and answers 413.
 */
export async function spoolUpload(stream: Readable, maxBytes: number): Promise<Spooled> {
  const tmp = path.join(os.tmpdir(), `gerel-upload-${randomUUID()}`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > maxBytes) return cb(new AppError(413, 'upload.too_large', { max: Math.round(maxBytes / 1024 / 1024) }));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(stream, meter, fs.createWriteStream(tmp));
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    if ((stream as { truncated?: boolean }).truncated || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, 'upload.too_large', { max: Math.round(maxBytes / 1024 / 1024) });
    }
    throw err;
  }
  if ((stream as { truncated?: boolean }).truncated) {
    fs.rmSync(tmp, { force: true });
    throw new AppError(413, 'upload.too_large', { max: Math.round(maxBytes / 1024 / 1024) });
  }
  return { path: tmp, size, sha256: hash.digest('hex') };
}
