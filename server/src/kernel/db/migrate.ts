import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.js';

/** Migrations are plain Kysely schema-builder code, written once, run on SQLite and PostgreSQL alike. */
export type Migrations = Record<string, Migration>;

class StaticProvider implements MigrationProvider {
  constructor(private readonly migrations: Migrations) {}
  async getMigrations(): Promise<Migrations> {
    return this.migrations;
  }
}

/** Brings the schema to the newest version; refuses a database whose schema is newer than this code. */
export async function migrateToLatest(db: Db, migrations: Migrations): Promise<string[]> {
  // Kysely looks for its bookkeeping tables across all schemas unless told which one is ours.
  const migrator = new Migrator({
    db: db.kysely,
    provider: new StaticProvider(migrations),
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    throw new Error(`database migration failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
