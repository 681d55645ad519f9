import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.js';

/** Migrations are plain Kysely schema-builder code, written once, run on SQLite and PostgreSQL alike. */
export type Migrations = Record<string, Migration>;

class StaticProvider implements MigrationProvider {
  constructor(
    private readonly migrations: Migrations,
    private readonly eachInTransaction: boolean,
  ) {}
  async getMigrations(): Promise<Migrations> {
    if (!this.eachInTransaction) return this.migrations;
    return Object.fromEntries(
      Object.entries(this.migrations).map(([name, m]) => [name, { ...m, up: (db: Kysely<unknown>) => db.transaction().execute((trx) => m.up(trx)) }]),
    );
  }
}

/** A start-up refusal with a message for the operator (English / Chinese). */
export class StartupError extends Error {}

/** Fails fast, and says so plainly, when the database cannot be reached. */
export async function assertReachable(db: Db): Promise<void> {
  try {
    await sql`select 1`.execute(db.kysely);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new StartupError(`cannot reach the ${db.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'} database: ${why} / 无法连接数据库`);
  }
}

/** Migrations the database has run that this code does not know: the schema is newer than the code. */
async function unknownMigrations(db: Db, migrations: Migrations): Promise<string[]> {
  const ran = await db.kysely
    .withSchema(db.schema ?? (db.dialect === 'postgres' ? 'public' : 'main'))
    .selectFrom('kysely_migration' as never)
    .select('name' as never)
    .execute()
    .catch(() => [] as { name: string }[]);
  return (ran as { name: string }[]).map((r) => r.name).filter((n) => !(n in migrations));
}

/**
 * Brings the schema to the newest version; refuses a database whose schema is newer than this code.
 * Migrations only move forward, and a failing one changes nothing: on PostgreSQL Kysely runs the
 * whole batch in one transaction; on SQLite (whose DDL is transactional too, but Kysely does not
 * use that) each migration runs in its own, so the ones before it stay applied and recorded.
 */
export async function migrateToLatest(db: Db, migrations: Migrations): Promise<string[]> {
  const newer = await unknownMigrations(db, migrations);
  if (newer.length > 0) {
    throw new StartupError(
      `the database schema is newer than this version of Gerel (it has run ${newer.sort().at(-1)}, unknown here): run the newer Gerel, or restore a backup made with this version / 数据库结构比本程序版本新，请使用新版本或恢复匹配的备份`,
    );
  }
  // Kysely looks for its bookkeeping tables across all schemas unless told which one is ours.
  const migrator = new Migrator({
    db: db.kysely,
    provider: new StaticProvider(migrations, db.dialect === 'sqlite'),
    // Modules name their migrations by date, written in parallel: one merged later may sort before one an
    // install has already run. It still runs (the modules' migrations do not depend on each other's order).
    allowUnorderedMigrations: true,
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    throw new Error(`database migration failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
