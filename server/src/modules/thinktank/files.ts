import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { nowIso } from '../../kernel/db/time.js';
import { spoolUpload } from '../../kernel/files/upload.js';
import { sniffFile, sniffedMime } from '../../kernel/files/sniff.js';
import { cleanText } from '../../kernel/text/clean.js';
import * as orgs from '../orgs/service.js';
import type { AttachmentPurpose, SuggestionFileTable } from './tables.js';

export const MAX_SUGGESTION_FILE = 20 * 1024 * 1024;
/** The author may add attachments until the suggestion is forwarded. */
const AUTHOR_STAGES = new Set(['received', 'under_review']);
const key = (f: { suggestion_id: string; id: string }) => `thinktank/${f.suggestion_id}/${f.id}`;

export const fileDto = (f: SuggestionFileTable) => ({ id: f.id, purpose: f.purpose, name: f.name, mime: f.mime, size: f.size, at: f.at });

/** The suggestion and whether the caller is its author or may read / manage it (404 otherwise). */
async function access_(ctx: AppContext, access: Access, suggestionId: string, action: 'thinktank.read' | 'thinktank.manage') {
  const actor = access.requireUser();
  const s = await ctx.db.kysely.selectFrom('tt_suggestions').selectAll().where('id', '=', suggestionId).executeTakeFirst();
  if (!s) throw notFound();
  const path = (await orgs.pathsOf(ctx, [s.org_id])).get(s.org_id)!;
  const staff = access.can(action, { orgPath: path });
  const author = s.author_id === actor.userId;
  if (!staff && !author) throw notFound();
  return { s, staff, author };
}

/**
 * Stores a file of a suggestion: the author's attachment (while received or under review) or, for
 * its handlers, an attachment or the evidence of adoption. The type is decided by the bytes (PDF,
 * DOCX, images); written and audited together.
 */
export async function upload(ctx: AppContext, access: Access, suggestionId: string, input: { purpose: AttachmentPurpose; filename: string; stream: Readable }, ip: string | null) {
  const { s, staff, author } = await access_(ctx, access, suggestionId, 'thinktank.manage');
  if (!staff && (input.purpose === 'evidence' || !author || !AUTHOR_STAGES.has(s.stage))) {
    input.stream.resume();
    throw new AppError(403, 'forbidden');
  }
  const spooled = await spoolUpload(input.stream, MAX_SUGGESTION_FILE);
  try {
    const type = await sniffFile(spooled.path);
    if (!type || type.kind === 'video' || type.kind === 'audio') throw new AppError(415, 'upload.bad_type', { type: type?.mime ?? (await sniffedMime(spooled.path)) });
    const row: SuggestionFileTable = {
      id: newId(),
      suggestion_id: s.id,
      org_id: s.org_id,
      purpose: input.purpose,
      name: cleanText(input.filename).slice(0, 255) || `file.${type.ext}`,
      mime: type.mime,
      size: spooled.size,
      sha256: spooled.sha256,
      uploaded_by: access.user.userId,
      at: nowIso(),
    };
    await ctx.files.put(key(row), spooled.path);
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('tt_suggestion_files').values(row).execute();
      await audit(trx, { actorId: row.uploaded_by, action: 'suggestion.file', entity: 'tt_suggestion', entityId: s.id, orgId: s.org_id, after: fileDto(row), ip });
    });
    return fileDto(row);
  } finally {
    fs.rmSync(spooled.path, { force: true });
  }
}

export async function filesOf(ctx: AppContext, suggestionId: string) {
  const rows = await ctx.db.kysely.selectFrom('tt_suggestion_files').selectAll().where('suggestion_id', '=', suggestionId).orderBy('at').execute();
  return rows.map(fileDto);
}

/** A file for download: to the author and to staff who read the suggestion. */
export async function open(ctx: AppContext, access: Access, suggestionId: string, fileId: string) {
  await access_(ctx, access, suggestionId, 'thinktank.read');
  const f = await ctx.db.kysely.selectFrom('tt_suggestion_files').selectAll().where('id', '=', fileId).where('suggestion_id', '=', suggestionId).executeTakeFirst();
  if (!f) throw notFound();
  return { stream: ctx.files.read(key(f)), name: f.name, mime: f.mime, size: f.size };
}
