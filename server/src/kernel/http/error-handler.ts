import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, errorBody, langFromHeader } from './errors.js';

/** Every failure leaves as `{ error: { code, message, details } }`, in the caller's language. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const lang = langFromHeader(req.headers['accept-language']);
    if (err instanceof AppError) {
      return reply.status(err.status).send(errorBody(err.code, err.params, lang, err.details));
    }
    if ((err as FastifyError).validation) {
      const v = (err as FastifyError).validation!;
      const detail = v.map((e) => `${e.instancePath || (err as FastifyError).validationContext || ''} ${e.message ?? ''}`.trim()).join('; ');
      return reply.status(400).send(errorBody('validation.failed', { detail }, lang, v));
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if (status === 429) return reply.status(429).send(errorBody('auth.rate_limited', {}, lang));
    if (status >= 400 && status < 500) {
      return reply.status(status).send(errorBody('validation.failed', { detail: err.message }, lang));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('internal', {}, lang));
  });
}
