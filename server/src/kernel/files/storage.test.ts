import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { text } from 'node:stream/consumers';
import Fastify, { type FastifyInstance } from 'fastify';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { createStorage, LocalStorage, S3Storage, type FileStorage } from './storage.js';
import { sendStoredFile } from './serve.js';

/**
 * One suite, both backends: a local folder and an S3-compatible bucket (s3rver, in this process on a
 * free port). What a user meets is the same on both: a stored file comes back whole, or by range for
 * a video that seeks, through the route helper every download goes through.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gerel-storage-'));
let s3: S3rver;
let s3Url = '';

beforeAll(async () => {
  s3 = new S3rver({ address: '127.0.0.1', port: 0, directory: path.join(tmp, 's3'), silent: true, configureBuckets: [{ name: 'gerel' }] });
  const { port } = await s3.run();
  s3Url = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await s3?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const backends: [string, () => FileStorage][] = [
  ['local folder', () => createStorage({ dataDir: path.join(tmp, 'data'), storage: { kind: 'local' } })],
  [
    'S3-compatible bucket',
    () =>
      createStorage({
        dataDir: path.join(tmp, 'unused'),
        storage: loadConfig({ GEREL_STORAGE: 's3', GEREL_S3_ENDPOINT: s3Url, GEREL_S3_BUCKET: 'gerel', GEREL_S3_PREFIX: 'uploads', GEREL_S3_ACCESS_KEY_ID: 'S3RVER', GEREL_S3_SECRET_ACCESS_KEY: 'S3RVER' }).storage,
      }),
  ],
];

function spooledFile(data: Buffer): string {
  const p = path.join(tmp, `spool-${randomBytes(4).toString('hex')}`);
  fs.writeFileSync(p, data);
  return p;
}

describe.each(backends)('file storage: %s', (_name, make) => {
  let storage: FileStorage;
  let app: FastifyInstance;
  // 3 MB of distinct bytes: more than one stream chunk, so a range that is off by one shows.
  const video = Buffer.from(Array.from({ length: 3 * 1024 * 1024 }, (_, i) => (i * 7 + (i >> 8)) & 0xff));
  const id = randomBytes(8).toString('hex');

  beforeAll(async () => {
    storage = make();
    app = Fastify();
    app.get<{ Params: { file: string } }>('/files/:file', async (req, reply) => {
      const key = `${id}/${req.params.file}`;
      return sendStoredFile(reply, { stream: storage.read(key), size: await storage.size(key), mime: 'video/mp4', inline: true, name: '草原 ᠮᠣᠩᠭᠣᠯ.mp4' }, 'private, no-store');
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('stores a spooled upload by streaming it, consumes the temp file, and reads it back whole', async () => {
    expect(storage instanceof (_name === 'local folder' ? LocalStorage : S3Storage)).toBe(true);
    const spool = spooledFile(video);
    await storage.put(`${id}/original`, spool);
    expect(fs.existsSync(spool)).toBe(false);
    expect(await storage.size(`${id}/original`)).toBe(video.length);
    const chunks: Buffer[] = [];
    for await (const c of storage.read(`${id}/original`)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(video)).toBe(true);
  });

  it('stores a buffer (image variants) and reads exactly the bytes of a range', async () => {
    await storage.putBuffer(`${id}/w640`, Buffer.from('ᠭᠡᠷᠡᠯ 格日勒 light'));
    expect(await text(storage.read(`${id}/w640`))).toBe('ᠭᠡᠷᠡᠯ 格日勒 light');
    const chunks: Buffer[] = [];
    for await (const c of storage.read(`${id}/original`, { start: 1_000_000, end: 1_000_099 })) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(video.subarray(1_000_000, 1_000_100))).toBe(true);
  });

  it('fails for a missing file and refuses keys that could escape', async () => {
    await expect(storage.size(`${id}/missing`)).rejects.toThrow();
    await expect(text(storage.read(`${id}/missing`))).rejects.toThrow();
    expect(() => storage.read('../etc/passwd')).toThrow(/bad storage key/);
    await expect(storage.putBuffer(`${id}/../../x`, Buffer.from('x'))).rejects.toThrow(/bad storage key/);
  });

  it('serves the whole file with Accept-Ranges and its upload headers', async () => {
    const res = await app.inject({ url: '/files/original' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(Number(res.headers['content-length'])).toBe(video.length);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(`inline; filename*=UTF-8''${encodeURIComponent('草原 ᠮᠣᠩᠭᠣᠯ.mp4')}`);
    expect(res.rawPayload.equals(video)).toBe(true);
  });

  it('answers a seek with 206 and only those bytes: a span, an open end, a suffix', async () => {
    const cases: [string, number, number][] = [
      ['bytes=2000000-2000499', 2_000_000, 2_000_499],
      ['bytes=3000000-', 3_000_000, video.length - 1],
      ['bytes=-100', video.length - 100, video.length - 1],
      // An end past the file is cut to the file.
      [`bytes=10-${video.length + 50}`, 10, video.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const res = await app.inject({ url: '/files/original', headers: { range } });
      expect(res.statusCode, range).toBe(206);
      expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${video.length}`);
      expect(Number(res.headers['content-length'])).toBe(end - start + 1);
      expect(res.rawPayload.equals(video.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it('answers 416 for a range past the end, and the whole file for ranges it may ignore', async () => {
    const past = await app.inject({ url: '/files/original', headers: { range: `bytes=${video.length}-` } });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${video.length}`);
    expect(past.rawPayload.length).toBe(0);
    expect((await app.inject({ url: '/files/original', headers: { range: 'bytes=-0' } })).statusCode).toBe(416);
    for (const range of ['bytes=20-10', 'items=0-10', 'bytes=0-1,5-6', 'bytes=abc']) {
      const res = await app.inject({ url: '/files/w640', headers: { range } });
      expect(res.statusCode, range).toBe(200);
      expect(res.payload).toBe('ᠭᠡᠷᠡᠯ 格日勒 light');
    }
  });
});

describe('storage settings', () => {
  it('refuses an S3 backend without a bucket, with half a key pair, or an unknown backend', () => {
    expect(() => loadConfig({ GEREL_STORAGE: 's3' })).toThrow(/GEREL_S3_BUCKET/);
    expect(() => loadConfig({ GEREL_STORAGE: 's3', GEREL_S3_BUCKET: 'b', GEREL_S3_ACCESS_KEY_ID: 'k' })).toThrow(/go together/);
    expect(() => loadConfig({ GEREL_STORAGE: 'ftp' })).toThrow(/local or s3/);
    expect(loadConfig({}).storage).toEqual({ kind: 'local' });
    const aws = loadConfig({ GEREL_STORAGE: 's3', GEREL_S3_BUCKET: 'b' }).storage;
    expect(aws).toMatchObject({ kind: 's3', endpoint: null, forcePathStyle: false, region: 'us-east-1', prefix: '' });
    expect(loadConfig({ GEREL_STORAGE: 's3', GEREL_S3_BUCKET: 'b', GEREL_S3_ENDPOINT: 'http://minio:9000' }).storage).toMatchObject({ forcePathStyle: true });
  });
});
