import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../kernel/context.js';
import { publishDue } from './service.js';

/** Runs scheduled publishing on an interval; safe on every process at once (see publishDue). */
export function startScheduler(app: FastifyInstance, ctx: AppContext, intervalMs: number): void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    publishDue(ctx)
      .then((n) => n > 0 && app.log.info({ published: n }, 'scheduled versions published'))
      .catch((err: unknown) => app.log.error({ err }, 'scheduled publishing failed'))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
