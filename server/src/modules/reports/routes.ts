import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.js';
import { errors } from '../../kernel/http/schemas.js';
import { pdfRenderer } from '../../kernel/pdf/pdf.js';
import { PeriodQuery } from '../indicators/routes.js';
import { reportContent } from './content.js';
import { reportHtml } from './html.js';
import { reportDocx } from './docx.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** The HTML is self-contained: nothing to load, no script to run. */
const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";
const fileName = (q: { from: string; to: string }, ext: string) => `attachment; filename="work-report-${q.from}-${q.to}.${ext}"`;

export const reportRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['reports'];

    app.get('/api/reports/annual.html', {
      config: { policy: 'reports.generate' },
      schema: { tags, summary: 'The work report of an org for a period, as one self-contained bilingual HTML page', querystring: PeriodQuery, produces: ['text/html'], response: errors(400, 401, 403, 404) },
      handler: async (req, reply) => {
        const doc = reportHtml(await reportContent(ctx, req.access, req.query));
        return reply.type('text/html; charset=utf-8').header('content-security-policy', HTML_CSP).header('cache-control', 'private, no-store').send(doc);
      },
    });

    app.get('/api/reports/annual.pdf', {
      config: { policy: 'reports.generate' },
      schema: { tags, summary: 'The work report as PDF (headless Chromium print; vertical Mongolian in the app’s font); 503 without Chromium', querystring: PeriodQuery, produces: ['application/pdf'], response: errors(400, 401, 403, 404, 503) },
      handler: async (req, reply) => {
        const pdf = await pdfRenderer(ctx).render(reportHtml(await reportContent(ctx, req.access, req.query)), { margin: '14mm' });
        return reply.type('application/pdf').header('content-disposition', fileName(req.query, 'pdf')).header('cache-control', 'private, no-store').send(pdf);
      },
    });

    app.get('/api/reports/annual.docx', {
      config: { policy: 'reports.generate' },
      schema: { tags, summary: 'The work report as a Word document (Chinese horizontal, Mongolian section vertical)', querystring: PeriodQuery, produces: [DOCX], response: errors(400, 401, 403, 404) },
      handler: async (req, reply) => {
        const docx = await reportDocx(await reportContent(ctx, req.access, req.query));
        return reply.type(DOCX).header('content-disposition', fileName(req.query, 'docx')).header('cache-control', 'private, no-store').send(docx);
      },
    });
  };
