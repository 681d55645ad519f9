import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from './db/database.js';
import type { Policy } from './scope/policy.js';
import type { Bus } from './bus/bus.js';
import type { FileStorage } from './files/storage.js';

/** What every service receives: nothing per-request in here (that is Access). */
export interface AppContext {
  config: Config;
  db: Db;
  policy: Policy;
  bus: Bus;
  files: FileStorage;
  log: FastifyBaseLogger;
}
