import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database.js';

/** Liveness (the process answers) and readiness (the database answers). */
export function registerHealth(app: FastifyInstance, db: Db): void {
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(db.kysely);
      return { status: 'ready', database: db.dialect };
    } catch (err) {
      return reply.status(503).send({ status: 'unavailable', database: db.dialect, reason: String(err) });
    }
  });
}
