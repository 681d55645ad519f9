import fs from 'node:fs';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import mammoth from 'mammoth';
import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/http/errors.js';
import { errors } from '../../kernel/http/schemas.js';
import { spoolUpload } from '../../kernel/files/upload.js';
import { sniffedMime } from '../../kernel/files/sniff.js';
import { checkZipLimits, DOCX_LIMITS } from '../../kernel/files/zip-limits.js';
import { convertLegacy } from '../../kernel/text/clean.js';
import { cleanHtml, htmlToText } from '../../kernel/text/html.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const Converted = Type.Object({
  menksoft: Type.Integer({ description: 'legacy Menksoft codes converted to Unicode' }),
  unconverted: Type.Integer({ description: 'legacy codes with no Unicode equivalent, replaced by U+FFFD' }),
});

/**
 * A file can sniff as .docx (a zip with Word's parts up front) and still be damaged further in:
 * mammoth then throws (bad zip entries, malformed XML). That is the sender's file, not our fault.
 */
async function wordToHtml(path: string): Promise<string> {
  try {
    return (await mammoth.convertToHtml({ path })).value;
  } catch {
    throw new AppError(400, 'upload.damaged', { format: 'Word (.docx)' });
  }
}

/**
 * Import for the editor: Word documents and pasted text, with Menksoft-encoded Mongolian converted
 * to normalised Unicode and the count of converted characters returned so the editor can show it.
 * Any logged-in staff member may convert (nothing is stored).
 */
export const importRoutes = (_ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post('/api/import/docx', {
      config: { policy: 'self' },
      schema: {
        tags: ['content'],
        consumes: ['multipart/form-data'],
        response: { 200: Type.Object({ html: Type.String(), text: Type.String(), converted: Converted }), ...errors(400, 401, 413, 415) },
      },
      handler: async (req) => {
        req.access.requireUser();
        const file = req.isMultipart() ? await req.file() : undefined;
        if (!file) throw new AppError(400, 'validation.failed', { detail: 'multipart field "file" is missing' });
        const spooled = await spoolUpload(file.file, 50 * 1024 * 1024);
        try {
          const mime = await sniffedMime(spooled.path);
          if (mime !== DOCX) throw new AppError(415, 'upload.bad_type', { type: mime });
          await checkZipLimits(spooled.path, DOCX_LIMITS, 'Word (.docx)');
          const value = await wordToHtml(spooled.path);
          const { html, menksoft, unconverted } = cleanHtml(value);
          return { html, text: htmlToText(html), converted: { menksoft, unconverted } };
        } finally {
          fs.rmSync(spooled.path, { force: true });
        }
      },
    });

    app.post('/api/import/text', {
      config: { policy: 'self' },
      schema: {
        tags: ['content'],
        body: Type.Object({ text: Type.String({ maxLength: 2_000_000 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ text: Type.String(), converted: Converted }), ...errors(400, 401) },
      },
      handler: async (req) => {
        req.access.requireUser();
        const { text, menksoft, unconverted } = convertLegacy(req.body.text);
        return { text, converted: { menksoft, unconverted } };
      },
    });
  };
