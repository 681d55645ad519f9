import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import type { FileStorage } from './storage.js';
import { checkKey, StoredStream, type ByteRange } from './stored-stream.js';

/** Uploaded files in a local folder: one disk, or a shared volume mounted by every process. */
export class LocalStorage implements FileStorage {
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    fs.mkdirSync(this.root, { recursive: true });
  }

  private full(key: string): string {
    const p = path.resolve(this.root, checkKey(key));
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

  read(key: string, range?: ByteRange): StoredStream {
    const file = this.full(key);
    return new StoredStream(async (r) => {
      const s = fs.createReadStream(file, r ? { start: r.start, end: r.end } : {});
      // A missing file fails here, before any byte is sent.
      await once(s, 'open');
      return s;
    }, range);
  }

  async size(key: string): Promise<number> {
    return (await fsp.stat(this.full(key))).size;
  }

  async *list(): AsyncIterable<string> {
    const walk = async function* (dir: string): AsyncGenerator<string> {
      const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) yield* walk(p);
        else if (e.isFile()) yield p;
      }
    };
    for await (const p of walk(this.root)) yield path.relative(this.root, p).split(path.sep).join('/');
  }

  async check(): Promise<void> {
    await fsp.access(this.root, fs.constants.W_OK);
  }
}
