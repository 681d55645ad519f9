import path from 'node:path';
import type { Config } from '../../config.js';
import { openDb, type Db } from './database.js';

export const sqliteFileFor = (config: Config): string => path.join(config.dataDir, 'gerel.db');

/** The database the config names: PostgreSQL when DATABASE_URL is set, else the embedded SQLite file. */
export function openConfiguredDb(config: Config): Db {
  return openDb({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFileFor(config) });
}
