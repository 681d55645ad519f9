import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import * as tar from 'tar';
import { openDb, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { allMigrations } from '../../migrations.js';
import { seedIfEmpty } from '../../seed/seed.js';
import S3rver from 's3rver';
import { loadConfig } from '../../config.js';
import { createStorage, LocalStorage, type FileStorage } from '../files/storage.js';
import { createBackup, restoreBackup, rowCounts } from './backup.js';

const onPg = process.env.GEREL_TEST_DIALECT === 'postgres';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gerel-backup-test-'));
const created: string[] = [];

/** Every table's rows in a stable order, hashed: equal digests mean equal contents. */
async function digests(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of Object.keys(await rowCounts(db))) {
    const rows = await db.kysely.selectFrom(table as never).selectAll().execute();
    const lines = rows.map((r) => JSON.stringify(Object.entries(r as object).sort(([a], [b]) => a.localeCompare(b)))).sort();
    out[table] = createHash('sha256').update(lines.join('\n')).digest('hex');
  }
  return out;
}

/** A fresh, empty database of the dialect under test. */
async function freshInstall(name: string): Promise<{ dir: string; sqliteFile: string; databaseUrl: string | null; open: () => Db }> {
  const dir = path.join(work, name);
  const sqliteFile = path.join(dir, 'gerel.db');
  if (!onPg) return { dir, sqliteFile, databaseUrl: null, open: () => openDb({ databaseUrl: null, sqliteFile }) };
  const base = process.env.TEST_DATABASE_URL!;
  const dbName = `gerel_bk_${name}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  created.push(dbName);
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  return { dir, sqliteFile, databaseUrl, open: () => openDb({ databaseUrl }) };
}

let source: Awaited<ReturnType<typeof freshInstall>>;
let archive: string;
let before: Record<string, string>;

beforeAll(async () => {
  source = await freshInstall('source');
  const db = source.open();
  await migrateToLatest(db, allMigrations);
  await seedIfEmpty(db.kysely, { scale: 'demo', adminPassword: 'backup-pass-1' });
  // Uploaded files, one of them in a nested folder, one with Mongolian in it.
  const files = new LocalStorage(path.join(source.dir, 'files'));
  await files.putBuffer('media/ab/cover.png', randomBytes(2048));
  await files.putBuffer('note.txt', Buffer.from('ᠭᠡᠷᠡᠯ 光'));
  before = await digests(db);
  archive = path.join(work, 'backup.tar.gz');
  await createBackup({ db, sqliteFile: source.sqliteFile, databaseUrl: source.databaseUrl, files }, archive);
  await db.close();
}, 180_000);

afterAll(async () => {
  await fsp.rm(work, { recursive: true, force: true });
  if (onPg && created.length) {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
});

const target = (t: Awaited<ReturnType<typeof freshInstall>>, files: FileStorage = new LocalStorage(path.join(t.dir, 'files'))) => ({
  dialect: (onPg ? 'postgres' : 'sqlite') as Db['dialect'],
  sqliteFile: t.sqliteFile,
  databaseUrl: t.databaseUrl,
  files,
  open: t.open,
});

async function keys(files: FileStorage): Promise<string[]> {
  const out: string[] = [];
  for await (const k of files.list()) out.push(k);
  return out;
}

describe(`backup and restore (${onPg ? 'PostgreSQL, pg_dump' : 'SQLite online backup'})`, () => {
  it('restores the demo data elsewhere with every table and every file identical', async () => {
    const copy = await freshInstall('copy');
    const manifest = await restoreBackup(archive, target(copy));
    expect(manifest.tables.users).toBeGreaterThan(0);
    expect(manifest.tables.orgs).toBeGreaterThan(100);
    const db = copy.open();
    try {
      const after = await digests(db);
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      expect(after).toEqual(before);
    } finally {
      await db.close();
    }
    expect(await fsp.readFile(path.join(copy.dir, 'files', 'note.txt'), 'utf8')).toBe('ᠭᠡᠷᠡᠯ 光');
    expect((await fsp.readFile(path.join(copy.dir, 'files', 'media', 'ab', 'cover.png'))).equals(await fsp.readFile(path.join(source.dir, 'files', 'media', 'ab', 'cover.png')))).toBe(true);
  });

  it('refuses a damaged archive before writing anything', async () => {
    const unpacked = path.join(work, 'unpacked');
    await fsp.mkdir(unpacked);
    await tar.extract({ file: archive, cwd: unpacked });
    await fsp.appendFile(path.join(unpacked, 'files', 'note.txt'), '!');
    const damaged = path.join(work, 'damaged.tar.gz');
    await tar.create({ gzip: true, file: damaged, cwd: unpacked }, await fsp.readdir(unpacked));
    const copy = await freshInstall('damaged');
    await expect(restoreBackup(damaged, target(copy))).rejects.toThrow(/checksum mismatch for files\/note\.txt/);
    expect(fs.existsSync(copy.sqliteFile)).toBe(false);
    expect(await keys(new LocalStorage(path.join(copy.dir, 'files')))).toEqual([]);
    if (onPg) {
      const db = copy.open();
      expect(await rowCounts(db)).toEqual({});
      await db.close();
    }
  });

  it('refuses to restore over an install that has data', async () => {
    await expect(restoreBackup(archive, target(source))).rejects.toThrow();
  });

  it('archives and restores uploads kept in an S3-compatible bucket', async () => {
    const s3 = new S3rver({ address: '127.0.0.1', port: 0, directory: path.join(work, 's3'), silent: true, configureBuckets: [{ name: 'restored' }] });
    const { port } = await s3.run();
    try {
      const bucket = createStorage({
        dataDir: work,
        storage: loadConfig({ GEREL_STORAGE: 's3', GEREL_S3_ENDPOINT: `http://127.0.0.1:${port}`, GEREL_S3_BUCKET: 'restored', GEREL_S3_PREFIX: 'uploads', GEREL_S3_ACCESS_KEY_ID: 'S3RVER', GEREL_S3_SECRET_ACCESS_KEY: 'S3RVER' }).storage,
      });
      const copy = await freshInstall('s3');
      await restoreBackup(archive, target(copy, bucket));
      expect(await keys(bucket)).toEqual(['media/ab/cover.png', 'note.txt']);
      // Backing the S3 install up again gives the same files, byte for byte.
      const db = copy.open();
      const again = path.join(work, 'again.tar.gz');
      const m2 = await createBackup({ db, sqliteFile: copy.sqliteFile, databaseUrl: copy.databaseUrl, files: bucket }, again);
      await db.close();
      const m1 = JSON.parse(await fsp.readFile(path.join(work, 'unpacked', 'manifest.json'), 'utf8')) as typeof m2;
      const filesOf = (m: typeof m2) => Object.fromEntries(Object.entries(m.entries).filter(([k]) => k.startsWith('files/')));
      expect(filesOf(m2)).toEqual(filesOf(m1));
      // And a second restore into the now non-empty bucket is refused.
      await expect(restoreBackup(again, target(await freshInstall('s3b'), bucket))).rejects.toThrow(/already holds files/);
    } finally {
      await s3.close();
    }
  });
});
