import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTestDb } from '../../test/harness.js';
import { startRefused } from '../../test/spawn.js';
import { allMigrations } from '../../migrations.js';
import { migrateToLatest, StartupError } from './migrate.js';
import { openDb } from './database.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'gerel-startup-'));
  dirs.push(d);
  return d;
};

describe('start-up refuses, with a clear message', () => {
  it('a database whose schema is newer than the code, and leaves it untouched', async () => {
    const { db, drop } = await openTestDb();
    try {
      await migrateToLatest(db, allMigrations);
      await db.kysely
        .insertInto('kysely_migration' as never)
        .values({ name: '29991231_0000_from_the_future', timestamp: new Date().toISOString() } as never)
        .execute();
      const tablesBefore = (await db.kysely.introspection.getTables()).length;
      const err = await migrateToLatest(db, allMigrations).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StartupError);
      expect((err as Error).message).toMatch(/newer than this version of Gerel.*29991231_0000_from_the_future/);
      expect((await db.kysely.introspection.getTables()).length).toBe(tablesBefore);
    } finally {
      await drop();
    }
  });

  it('the real server: an unreachable database, a weak production secret, a newer schema', async () => {
    const unreachable = await startRefused({ GEREL_DATA_DIR: tmp(), DATABASE_URL: 'postgres://gerel:not-used-1@127.0.0.1:1/gerel', GEREL_ADMIN_PASSWORD: 'herd-of-nine-horses' });
    expect(unreachable.code).toBe(1);
    expect(unreachable.output).toMatch(/cannot reach the PostgreSQL database/);

    const weak = await startRefused({ GEREL_DATA_DIR: tmp(), GEREL_ADMIN_PASSWORD: 'password1234' });
    expect(weak.code).toBe(1);
    expect(weak.output).toMatch(/too weak for production/);

    // A SQLite install that a newer Gerel has migrated.
    const dataDir = tmp();
    const db = openDb({ databaseUrl: null, sqliteFile: path.join(dataDir, 'gerel.db') });
    await migrateToLatest(db, allMigrations);
    await db.kysely.insertInto('kysely_migration' as never).values({ name: '29991231_0000_from_the_future', timestamp: new Date().toISOString() } as never).execute();
    await db.close();
    const newer = await startRefused({ GEREL_DATA_DIR: dataDir, GEREL_ADMIN_PASSWORD: 'herd-of-nine-horses' });
    expect(newer.code).toBe(1);
    expect(newer.output).toMatch(/Gerel will not start .*schema is newer/);

    // Uploads configured into an object store nobody runs.
    const noStore = await startRefused({
      GEREL_DATA_DIR: tmp(),
      GEREL_ADMIN_PASSWORD: 'herd-of-nine-horses',
      GEREL_STORAGE: 's3',
      GEREL_S3_ENDPOINT: 'http://127.0.0.1:1',
      GEREL_S3_BUCKET: 'gerel-files',
      GEREL_S3_ACCESS_KEY_ID: 'k',
      GEREL_S3_SECRET_ACCESS_KEY: 'not-used-secret',
    });
    expect(noStore.code).toBe(1);
    expect(noStore.output).toMatch(/Gerel will not start .*cannot use the file store/);
  }, 90_000);
});
