import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../config.js';
import { openConfiguredDb, sqliteFileFor } from '../kernel/db/open-from-config.js';
import { migrateToLatest } from '../kernel/db/migrate.js';
import { allMigrations } from '../migrations.js';
import { loginBanner, seedOnFirstStart } from '../seed/first-start.js';
import type { Scale } from '../seed/seed.js';
import { REGION_DISSEMINATION, seedDissemination } from '../seed/dissemination.js';

/** `npm run seed -- --scale=demo|region [--reset]`: fills an empty database with realistic data. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: 'demo' }, reset: { type: 'boolean', default: false }, events: { type: 'string' } } });
  const scale = values.scale as Scale;
  if (!['base', 'demo', 'region'].includes(scale)) throw new Error('--scale must be base, demo or region / 规模参数应为 base、demo 或 region');
  const config = loadConfig();
  if (values.reset && !config.databaseUrl) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(sqliteFileFor(config) + suffix, { force: true });
  }
  const db = openConfiguredDb(config);
  try {
    if (values.reset && config.databaseUrl) {
      await sql`drop schema public cascade`.execute(db.kysely);
      await sql`create schema public`.execute(db.kysely);
    }
    await migrateToLatest(db, allMigrations);
    const result = await seedOnFirstStart(config, db, scale);
    if (!result) {
      console.error('The database already has data; nothing seeded (use --reset to start over). / 数据库已有数据，未写入（可用 --reset 重建）。');
      process.exitCode = 2;
      return;
    }
    console.log(`seeded ${result.orgs} orgs and ${result.users.length} accounts at ${scale} scale`);
    if (scale === 'region') {
      const started = Date.now();
      if (db.dialect === 'sqlite') {
        // A bulk load: nothing is acknowledged to anyone until it ends (rerun with --reset if it breaks
        // off), so no fsync per day, and a page cache big enough for the event indexes' hot pages.
        await sql`pragma synchronous = off`.execute(db.kysely);
        await sql`pragma cache_size = -1048576`.execute(db.kysely);
      }
      const events = values.events ? Number(values.events) : REGION_DISSEMINATION.events;
      await seedDissemination(db, { ...REGION_DISSEMINATION, events }, (s) => console.log(`  ${s} (${Math.round((Date.now() - started) / 1000)} s)`));
      // Fresh planner statistics after a bulk load (autovacuum would get there, but later).
      if (db.dialect === 'postgres') await sql`analyze`.execute(db.kysely);
    }
    console.log(loginBanner(result, `http://localhost:${config.port}`));
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
