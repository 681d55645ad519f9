import { Readable } from 'node:stream';

/** Bytes start..end of a stored file, both inclusive (as in HTTP's Content-Range). */
export interface ByteRange {
  start: number;
  end: number;
}

/** Opens a stored file, or only some of its bytes, as a stream of its backend. */
export type Opener = (range?: ByteRange) => Promise<Readable>;

/**
 * A stored file as a stream that opens its backend only when first read. A route can build it before
 * it knows whether the request wants the whole file or a range, and `withRange` swaps it for the bytes
 * asked for without ever having touched the backend (no wasted S3 GET, no open file left behind).
 */
export class StoredStream extends Readable {
  private source: Readable | null = null;

  constructor(
    private readonly opener: Opener,
    readonly range?: ByteRange,
  ) {
    super();
  }

  /** The same file, only these bytes; this stream is discarded unopened. */
  withRange(range: ByteRange): StoredStream {
    this.destroy();
    return new StoredStream(this.opener, range);
  }

  override _read(): void {
    if (this.source) {
      this.source.resume();
      return;
    }
    this.opener(this.range).then(
      (src) => {
        if (this.destroyed) {
          src.destroy();
          return;
        }
        this.source = src;
        src.on('data', (chunk: Buffer) => {
          if (!this.push(chunk)) src.pause();
        });
        src.once('end', () => this.push(null));
        src.once('error', (err) => this.destroy(err));
      },
      (err: Error) => this.destroy(err),
    );
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.source?.destroy();
    cb(err);
  }
}

/** Keys are relative paths of our own ids ("<id>/original", "thinktank/<id>/<id>"): nothing else is stored. */
const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

export function checkKey(key: string): string {
  if (!KEY.test(key) || key.split('/').includes('..')) throw new Error(`bad storage key ${key}`);
  return key;
}
