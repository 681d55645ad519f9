import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where uploaded files live. One backend for now: a local folder (also right for a shared volume
 * mounted by several processes). Keys are opaque relative paths chosen by the caller.
 */
export interface FileStorage {
  put(key: string, fromPath: string): Promise<void>;
  putBuffer(key: string, data: Buffer): Promise<void>;
  read(key: string): Readable;
  size(key: string): Promise<number>;
}

export class LocalStorage implements FileStorage {
  constructor(private readonly root: string) {
    fs.mkdirSync(root, { recursive: true });
  }

  private full(key: string): string {
    const p = path.resolve(this.root, key);
    // Keys come from our own ids, but never let one escape the folder.
    if (!p.startsWith(this.root + path.sep)) throw new Error(`bad storage key ${key}`);
    return p;
  }

  async put(key: string, fromPath: string): Promise<void> {
    const dest = this.full(key);
    await fsp.mkdir(path.dirname(dest), { recursive: true });
    try {
      await fsp.rename(fromPath, dest);
    } catch {
      // Across devices (temp dir on another mount): copy, then remove.
      await fsp.copyFile(fromPath, dest);
      await fsp.rm(fromPath, { force: true });
    }
  }

  async putBuffer(key: string, data: Buffer): Promise<void> {
    const dest = this.full(key);
    await fsp.mkdir(path.dirname(dest), { recursive: true });
    await fsp.writeFile(dest, data);
  }

  read(key: string): Readable {
    return fs.createReadStream(this.full(key));
  }

  async size(key: string): Promise<number> {
    return (await fsp.stat(this.full(key))).size;
  }
}
