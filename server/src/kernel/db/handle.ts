import { PostgresAdapter, SqliteAdapter, type Kysely } from 'kysely';
import type { Db, DialectName } from './database.js';

/** A database handle as functions take it: the app's `Db`, or a Kysely instance or transaction. */
export type SearchDb<DB = unknown> = Db | Kysely<DB>;

/** The Kysely instance (or transaction) behind a handle. */
export function kyselyOf<DB>(db: SearchDb<DB>): Kysely<DB> {
  return ('kysely' in db ? db.kysely : db) as Kysely<DB>;
}

/**
 * Which engine a handle talks to. `Db` says so itself; for a bare Kysely instance or transaction
 * (inside a migration or a caller's transaction) the dialect adapter tells.
 */
export function dialectOf<DB>(db: SearchDb<DB>): DialectName {
  if ('dialect' in db && (db.dialect === 'sqlite' || db.dialect === 'postgres')) return db.dialect;
  const adapter = kyselyOf(db).getExecutor().adapter;
  if (adapter instanceof PostgresAdapter) return 'postgres';
  if (adapter instanceof SqliteAdapter) return 'sqlite';
  throw new Error('search supports SQLite and PostgreSQL only');
}
