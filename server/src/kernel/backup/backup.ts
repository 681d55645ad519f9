import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import * as tar from 'tar';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { FileStorage } from '../files/storage.js';

/**
 * One archive (tar.gz) holds a whole install: the database (SQLite's online backup, or pg_dump's
 * custom format), the uploaded files, and manifest.json with every part's size and sha256, the
 * schema version and each table's row count. Restore checks every checksum before it touches
 * anything, and the row counts after.
 */
export const BACKUP_FORMAT = 'gerel-backup/1';

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  dialect: Db['dialect'];
  /** The newest migration applied when the backup was made. */
  schemaVersion: string | null;
  tables: Record<string, number>;
  /** Every archived file but the manifest: path inside the archive → size and sha256. */
  entries: Record<string, { size: number; sha256: string }>;
}

export interface BackupSource {
  db: Db;
  /** The SQLite file (SQLite installs). */
  sqliteFile?: string;
  /** postgres://… (PostgreSQL installs; pg_dump must be on PATH). */
  databaseUrl?: string | null;
  /** Where the uploads live (local folder or S3 bucket): every key is archived. */
  files: FileStorage;
}

const DB_SQLITE = 'db/gerel.db';
const DB_PG = 'db/gerel.pgdump';

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Row counts of every table of the application (migration bookkeeping included). */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = await db.kysely.introspection.getTables({ withInternalKyselyTables: true });
  // SQLite's full-text tables keep their data in shadow tables (name_data, name_idx …): count the table itself.
  const shadows = new Set<string>();
  if (db.dialect === 'sqlite') {
    const virtual = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and sql like 'CREATE VIRTUAL TABLE%'`.execute(db.kysely);
    for (const v of virtual.rows) for (const s of ['data', 'idx', 'content', 'docsize', 'config']) shadows.add(`${v.name}_${s}`);
  }
  const out: Record<string, number> = {};
  for (const t of tables.filter((x) => !x.isView).sort((a, b) => a.name.localeCompare(b.name))) {
    if (t.name.startsWith('sqlite_') || shadows.has(t.name)) continue;
    const r = await db.kysely
      .selectFrom(t.name as never)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t.name] = Number(r.n);
  }
  return out;
}

async function schemaVersion(db: Db): Promise<string | null> {
  const r = await db.kysely
    .selectFrom('kysely_migration' as never)
    .select('name' as never)
    .orderBy('name' as never, 'desc')
    .limit(1)
    .executeTakeFirst()
    .catch(() => undefined);
  return (r as { name?: string } | undefined)?.name ?? null;
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.once('error', (e) => reject(new Error(`${cmd} could not run (${e.message}); is it installed? / 无法运行 ${cmd}，是否已安装？`)));
    p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} failed (${code}): ${err.trim()}`))));
  });
}

/** Writes the archive to `outFile` and returns its manifest. */
export async function createBackup(src: BackupSource, outFile: string): Promise<Manifest> {
  const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'gerel-backup-'));
  try {
    await fsp.mkdir(path.join(work, 'db'));
    // Counts first: on a live install rows may arrive meanwhile, and restore checks "at least".
    const tables = await rowCounts(src.db);
    if (src.db.dialect === 'sqlite') {
      if (!src.sqliteFile) throw new Error('sqliteFile is required for a SQLite backup');
      const live = new SQLite(src.sqliteFile, { readonly: true, fileMustExist: true });
      try {
        await live.backup(path.join(work, DB_SQLITE));
      } finally {
        live.close();
      }
    } else {
      if (!src.databaseUrl) throw new Error('databaseUrl is required for a PostgreSQL backup');
      await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${path.join(work, DB_PG)}`, src.databaseUrl]);
    }
    const files: string[] = [];
    for await (const key of src.files.list()) {
      const dest = path.join(work, 'files', key);
      if (!dest.startsWith(path.join(work, 'files') + path.sep)) throw new Error(`bad storage key ${key}`);
      await fsp.mkdir(path.dirname(dest), { recursive: true });
      await pipeline(src.files.read(key), fs.createWriteStream(dest));
      files.push(key);
    }
    const entries: Manifest['entries'] = {};
    for (const rel of [src.db.dialect === 'sqlite' ? DB_SQLITE : DB_PG, ...files.map((f) => path.posix.join('files', f))]) {
      const full = path.join(work, rel);
      entries[rel] = { size: (await fsp.stat(full)).size, sha256: await sha256File(full) };
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      dialect: src.db.dialect,
      schemaVersion: await schemaVersion(src.db),
      tables,
      entries,
    };
    await fsp.writeFile(path.join(work, 'manifest.json'), JSON.stringify(manifest, null, 2));
    await fsp.mkdir(path.dirname(path.resolve(outFile)), { recursive: true });
    await tar.create({ gzip: true, file: outFile, cwd: work, portable: true }, ['manifest.json', ...Object.keys(entries)]);
    return manifest;
  } finally {
    await fsp.rm(work, { recursive: true, force: true });
  }
}

export interface RestoreTarget {
  dialect: Db['dialect'];
  sqliteFile?: string;
  databaseUrl?: string | null;
  /** The (empty) store the uploads go back into. */
  files: FileStorage;
  /** Opens the restored database (after the files are in place) to check its row counts. */
  open(): Db;
}

/**
 * Restores an archive into an empty install: every checksum is verified before anything is
 * written; afterwards every table must hold the rows the manifest counted.
 */
export async function restoreBackup(archive: string, target: RestoreTarget): Promise<Manifest> {
  const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'gerel-restore-'));
  try {
    await tar.extract({ file: archive, cwd: work, strict: true });
    const manifest = JSON.parse(await fsp.readFile(path.join(work, 'manifest.json'), 'utf8')) as Manifest;
    if (manifest.format !== BACKUP_FORMAT) throw new Error(`not a Gerel backup (${String(manifest.format)}) / 不是 Gerel 备份文件`);
    if (manifest.dialect !== target.dialect) {
      throw new Error(`the backup is of a ${manifest.dialect} install; this install uses ${target.dialect} / 备份与本实例的数据库类型不同`);
    }
    for (const [rel, want] of Object.entries(manifest.entries)) {
      const full = path.join(work, rel);
      if (!full.startsWith(work + path.sep)) throw new Error(`bad path in backup: ${rel}`);
      const got = await sha256File(full).catch(() => null);
      if (got !== want.sha256) throw new Error(`checksum mismatch for ${rel}: the backup is damaged / 备份文件已损坏：${rel}`);
    }
    for await (const key of target.files.list()) {
      throw new Error(`the file store already holds files (${key}): restore only into an empty install / 文件存储中已有文件，只能恢复到空实例`);
    }
    if (target.dialect === 'sqlite') {
      if (!target.sqliteFile) throw new Error('sqliteFile is required');
      if (fs.existsSync(target.sqliteFile)) throw new Error(`${target.sqliteFile} exists: restore only into an empty install / 目标已有数据库，只能恢复到空实例`);
      await fsp.mkdir(path.dirname(target.sqliteFile), { recursive: true });
      await fsp.copyFile(path.join(work, DB_SQLITE), target.sqliteFile);
    } else {
      if (!target.databaseUrl) throw new Error('databaseUrl is required');
      await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${target.databaseUrl}`, path.join(work, DB_PG)]);
    }
    // put() moves each file out of the work folder (local) or uploads it (S3).
    for (const rel of Object.keys(manifest.entries).filter((r) => r.startsWith('files/'))) {
      await target.files.put(rel.slice('files/'.length), path.join(work, rel));
    }
    const db = target.open();
    try {
      const counts = await rowCounts(db);
      for (const [table, n] of Object.entries(manifest.tables)) {
        if ((counts[table] ?? -1) < n) throw new Error(`table ${table}: ${counts[table] ?? 0} rows restored, ${n} in the backup / 表 ${table} 行数不符`);
      }
    } finally {
      await db.close();
    }
    return manifest;
  } finally {
    await fsp.rm(work, { recursive: true, force: true });
  }
}
