import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/http/errors.js';
import { errors } from '../../kernel/http/schemas.js';
import { sendStoredFile } from '../../kernel/files/serve.js';
import * as service from './service.js';

const MediaSchema = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  kind: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
  name: Type.String(),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  url: Type.String(),
  variants: Type.Array(Type.Object({ width: Type.Integer(), url: Type.String() })),
});

export const mediaRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post('/api/media', {
      config: { policy: 'media.upload' },
      schema: {
        tags: ['media'],
        summary: 'Upload one file (multipart field "file") for an org',
        consumes: ['multipart/form-data'],
        querystring: Type.Object({ orgId: Type.String({ minLength: 1 }) }),
        response: { 201: MediaSchema, ...errors(400, 401, 403, 404, 413, 415) },
      },
      handler: async (req, reply) => {
        if (!req.isMultipart()) throw new AppError(415, 'upload.bad_type', { type: String(req.headers['content-type'] ?? 'none') });
        const file = await req.file();
        if (!file) throw new AppError(400, 'validation.failed', { detail: 'multipart field "file" is missing' });
        const media = await service.upload(ctx, req.access, { orgId: req.query.orgId, filename: file.filename, stream: file.file }, req.ip);
        return reply.status(201).send(media);
      },
    });

    app.get<{ Params: { id: string; file: string } }>('/media/:id/:file', { config: { public: true, policy: 'media.read' }, schema: { hide: true } }, async (req, reply) => {
      const f = await service.openFile(ctx, req.access, req.params.id, req.params.file);
      return sendStoredFile(reply, f, f.published ? 'public, max-age=86400' : 'private, no-store');
    });
  };
