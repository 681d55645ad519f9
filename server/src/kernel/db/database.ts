import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type Dialect } from 'kysely';
import type { Database } from '../../schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** The PostgreSQL schema in use when not the default (tests). */
  schema?: string;
  close(): Promise<void>;
}

// Return BIGINT/COUNT(*) as JS numbers on PostgreSQL, as SQLite does; our counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export interface OpenOptions {
  /** postgres://… or null for SQLite. */
  databaseUrl: string | null;
  /** SQLite file path, or ':memory:'. */
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests isolate themselves in their own schema). */
  pgSchema?: string;
  pgPoolSize?: number;
}

export function openDb(opts: OpenOptions): Db {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.pgPoolSize ?? 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    return wrap(new PostgresDialect({ pool }), 'postgres', opts.pgSchema);
  }
  const file = opts.sqliteFile ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers run beside the writer; foreign keys are off by default in SQLite.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // The default page cache is 2 MB; event and search indexes outgrow it at once.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = memory');
  // FULL: a commit is on disk before it is acknowledged (events are answered only after commit); group commit keeps it cheap.
  sqlite.pragma(`synchronous = ${process.env.GEREL_SQLITE_SYNC ?? 'FULL'}`);
  return wrap(new SqliteDialect({ database: withStatementCache(sqlite) }), 'sqlite');
}

/**
 * Kysely prepares every query anew; preparing costs more than running a small query in SQLite. The
 * same SQL text (Kysely parameterises values) reuses one prepared statement. Safe because Kysely's
 * SQLite driver runs one query at a time on its single connection.
 */
function withStatementCache(db: SQLite.Database, max = 1000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => db.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = db.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

function wrap(dialect: Dialect, name: DialectName, schema?: string): Db {
  const kysely = new Kysely<Database>({ dialect });
  return { kysely, dialect: name, ...(schema ? { schema } : {}), close: () => kysely.destroy() };
}
