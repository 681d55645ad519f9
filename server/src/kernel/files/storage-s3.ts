import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from '../../config.js';
import type { FileStorage } from './storage.js';
import { checkKey, StoredStream, type ByteRange } from './stored-stream.js';

type Sdk = typeof import('@aws-sdk/client-s3');

/**
 * Uploaded files in an S3-compatible bucket (MinIO, Ceph, cloud object storage), shared by every
 * process. Uploads stream from the spooled temp file; downloads stream, whole or by range. The SDK is
 * loaded on first use, so installs on a local folder never load it.
 */
export class S3Storage implements FileStorage {
  private loaded: Promise<{ sdk: Sdk; client: S3Client }> | null = null;

  constructor(private readonly s3: S3Settings) {}

  private load(): Promise<{ sdk: Sdk; client: S3Client }> {
    this.loaded ??= import('@aws-sdk/client-s3').then((sdk) => ({ sdk, client: this.connect(sdk) }));
    return this.loaded;
  }

  private connect(sdk: Sdk): S3Client {
    const s3 = this.s3;
    return new sdk.S3Client({
      region: s3.region,
      ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
      forcePathStyle: s3.forcePathStyle,
      // Without keys the SDK's own chain applies (AWS_* variables, instance or pod roles).
      ...(s3.accessKeyId && s3.secretAccessKey ? { credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } } : {}),
      // Checksums only where S3 demands them: many compatible stores reject the SDK's default
      // aws-chunked trailing checksums on streamed uploads.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private key(key: string): string {
    return this.s3.prefix + checkKey(key);
  }

  async put(key: string, fromPath: string): Promise<void> {
    const { size } = await fsp.stat(fromPath);
    const { sdk, client } = await this.load();
    // A file stream with its length: the SDK sends it as one streamed PUT (up to 5 GB), never buffered.
    await client.send(new sdk.PutObjectCommand({ Bucket: this.s3.bucket, Key: this.key(key), Body: fs.createReadStream(fromPath), ContentLength: size }));
    await fsp.rm(fromPath, { force: true });
  }

  async putBuffer(key: string, data: Buffer): Promise<void> {
    const { sdk, client } = await this.load();
    await client.send(new sdk.PutObjectCommand({ Bucket: this.s3.bucket, Key: this.key(key), Body: data, ContentLength: data.length }));
  }

  read(key: string, range?: ByteRange): StoredStream {
    const k = this.key(key);
    return new StoredStream(async (r) => {
      const { sdk, client } = await this.load();
      const out = await client.send(new sdk.GetObjectCommand({ Bucket: this.s3.bucket, Key: k, ...(r ? { Range: `bytes=${r.start}-${r.end}` } : {}) }));
      return out.Body as Readable;
    }, range);
  }

  async size(key: string): Promise<number> {
    const k = this.key(key);
    const { sdk, client } = await this.load();
    const out = await client.send(new sdk.HeadObjectCommand({ Bucket: this.s3.bucket, Key: k }));
    return out.ContentLength ?? 0;
  }

  async *list(): AsyncIterable<string> {
    const { sdk, client } = await this.load();
    let token: string | undefined;
    do {
      const page = await client.send(new sdk.ListObjectsV2Command({ Bucket: this.s3.bucket, Prefix: this.s3.prefix || undefined, ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (o.Key) yield o.Key.slice(this.s3.prefix.length);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async check(): Promise<void> {
    const { sdk, client } = await this.load();
    try {
      await client.send(new sdk.HeadBucketCommand({ Bucket: this.s3.bucket }));
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      throw new Error(status === 404 ? `bucket "${this.s3.bucket}" does not exist` : status === 403 ? `access to bucket "${this.s3.bucket}" denied` : (err as Error).message || String(err));
    }
  }
}
