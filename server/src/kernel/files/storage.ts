import path from 'node:path';
import type { Config } from '../../config.js';
import { StartupError } from '../db/migrate.js';
import { LocalStorage } from './storage-local.js';
import { S3Storage } from './storage-s3.js';
import type { ByteRange, StoredStream } from './stored-stream.js';

export { LocalStorage } from './storage-local.js';
export { S3Storage } from './storage-s3.js';
export { StoredStream, type ByteRange } from './stored-stream.js';

/**
 * Where uploaded files live: a local folder (also right for a shared volume mounted by several
 * processes) or an S3-compatible bucket (GEREL_STORAGE). Keys are relative paths of our own ids,
 * chosen by the caller; callers check scope before they read.
 */
export interface FileStorage {
  /** Stores the file at fromPath under key, streaming it; fromPath is consumed (moved or removed). */
  put(key: string, fromPath: string): Promise<void>;
  putBuffer(key: string, data: Buffer): Promise<void>;
  /** The file (or bytes start..end of it) as a stream that opens the backend only when first read. */
  read(key: string, range?: ByteRange): StoredStream;
  size(key: string): Promise<number>;
  /** Every stored key, '/'-separated (backups walk the whole store through this). */
  list(): AsyncIterable<string>;
  /** Throws unless the store can be reached and written (checked at start-up). */
  check(): Promise<void>;
}

/** The backend the configuration asks for. */
export function createStorage(config: Pick<Config, 'dataDir' | 'storage'>): FileStorage {
  return config.storage.kind === 's3' ? new S3Storage(config.storage) : new LocalStorage(path.join(config.dataDir, 'files'));
}

/** Start-up refuses a file store it cannot reach or write (a missing bucket, wrong keys, a read-only folder). */
export async function assertStorageReachable(files: FileStorage): Promise<void> {
  try {
    await files.check();
  } catch (err) {
    throw new StartupError(`cannot use the file store: ${err instanceof Error ? err.message : String(err)} / 无法使用文件存储`);
  }
}
