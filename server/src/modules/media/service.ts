import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { Transaction } from 'kysely';
import sharp from 'sharp';
import type { Database } from '../../schema.js';
import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { nowIso } from '../../kernel/db/time.js';
import { cleanText } from '../../kernel/text/clean.js';
import { spoolUpload } from '../../kernel/files/upload.js';
import { sniffFile, sniffedMime, type MediaKind } from '../../kernel/files/sniff.js';
import * as orgs from '../orgs/service.js';
import * as store from './store.js';
import type { MediaTable } from './tables.js';

/** Responsive widths for images, all WebP; never enlarged beyond the original. */
export const IMAGE_WIDTHS = [320, 640, 1280] as const;
const MB = 1024 * 1024;
const LIMITS: Record<MediaKind, number> = { image: 20 * MB, document: 50 * MB, audio: 100 * MB, video: 500 * MB };
export const MAX_UPLOAD = Math.max(...Object.values(LIMITS));

export interface MediaDto {
  id: string;
  orgId: string;
  kind: MediaKind;
  mime: string;
  size: number;
  name: string;
  width: number | null;
  height: number | null;
  url: string;
  variants: { width: number; url: string }[];
}

const urlOf = (id: string, file: string) => `/media/${id}/${file}`;

function toDto(m: MediaTable): MediaDto {
  const widths = JSON.parse(m.variants_json) as number[];
  return {
    id: m.id,
    orgId: m.org_id,
    kind: m.kind,
    mime: m.mime,
    size: Number(m.size),
    name: m.original_name,
    width: m.width,
    height: m.height,
    url: urlOf(m.id, 'original'),
    variants: widths.map((w) => ({ width: w, url: urlOf(m.id, `w${w}`) })),
  };
}

/**
 * Takes an upload for an org: checked by content (not name), size-limited per kind, images
 * re-encoded without their metadata (GPS and camera data stay private) plus WebP renditions.
 */
export async function upload(
  ctx: AppContext,
  access: Access,
  input: { orgId: string; filename: string; stream: Readable },
  ip: string | null,
): Promise<MediaDto> {
  const org = await orgs.getOrg(ctx, access, input.orgId);
  access.authorize('media.upload', { orgPath: org.path });
  const spooled = await spoolUpload(input.stream, MAX_UPLOAD);
  try {
    const type = await sniffFile(spooled.path);
    if (!type) throw new AppError(415, 'upload.bad_type', { type: await sniffedMime(spooled.path) });
    if (spooled.size > LIMITS[type.kind]) throw new AppError(413, 'upload.too_large', { max: LIMITS[type.kind] / MB });
    const id = newId();
    let width: number | null = null;
    let height: number | null = null;
    const widths: number[] = [];
    if (type.kind === 'image') {
      const src = sharp(spooled.path, { animated: type.mime === 'image/gif' });
      const meta = await src.metadata().catch(() => null);
      if (!meta?.width || !meta.height) throw new AppError(415, 'upload.bad_type', { type: type.mime });
      width = meta.width;
      height = meta.autoOrient?.height ?? meta.height;
      width = meta.autoOrient?.width ?? width;
      // Re-encode the original: drops EXIF/XMP (sharp keeps none unless asked) and any trailing payload.
      await ctx.files.putBuffer(`${id}/original`, await sharp(spooled.path, { animated: type.mime === 'image/gif' }).rotate().toBuffer());
      for (const w of IMAGE_WIDTHS) {
        if (w >= width && widths.length > 0) break;
        const buf = await sharp(spooled.path).rotate().resize({ width: Math.min(w, width), withoutEnlargement: true }).webp({ quality: 78 }).toBuffer();
        await ctx.files.putBuffer(`${id}/w${w}`, buf);
        widths.push(w);
      }
    } else {
      await ctx.files.put(`${id}/original`, spooled.path);
    }
    const row: MediaTable = {
      id,
      org_id: org.id,
      kind: type.kind,
      mime: type.mime,
      ext: type.ext,
      size: spooled.size,
      sha256: spooled.sha256,
      original_name: cleanText(input.filename).slice(0, 300) || `upload.${type.ext}`,
      width,
      height,
      variants_json: JSON.stringify(widths),
      published: 0,
      created_by: access.user.userId,
      created_at: nowIso(),
    };
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await store.insertMedia(trx, row);
      await audit(trx, { actorId: row.created_by, action: 'media.upload', entity: 'media', entityId: id, orgId: org.id, after: { mime: row.mime, size: row.size, sha256: row.sha256 }, ip });
    });
    return toDto(row);
  } finally {
    fs.rmSync(spooled.path, { force: true });
  }
}

export interface MediaFile {
  stream: Readable;
  size: number;
  mime: string;
  /** Images, audio and video show inline; documents always download (no active content inline). */
  inline: boolean;
  published: boolean;
  name: string;
}

/** A stored file, if the caller may have it: published media to anyone, the rest to staff in scope. */
export async function openFile(ctx: AppContext, access: Access, id: string, file: string): Promise<MediaFile> {
  const m = await store.findMedia(ctx.db.kysely, id);
  access.checked = true;
  if (!m) throw notFound();
  if (!m.published && !access.can('media.read', { orgPath: m.org_path })) throw notFound();
  const widths = JSON.parse(m.variants_json) as number[];
  const variant = /^w(\d+)$/.exec(file);
  if (file !== 'original' && !(variant && widths.includes(Number(variant[1])))) throw notFound();
  const key = `${id}/${file}`;
  return {
    stream: ctx.files.read(key),
    size: await ctx.files.size(key),
    mime: file === 'original' ? m.mime : 'image/webp',
    inline: m.kind !== 'document',
    published: m.published === 1,
    name: m.original_name,
  };
}

const MEDIA_URL = /\/media\/([0-9a-f-]{36})\//g;

/** Media a published resource uses (cover and images in its bodies) become public with it. */
export async function publishUsedIn(trx: Transaction<Database>, ...texts: (string | null)[]): Promise<void> {
  const ids = new Set<string>();
  for (const t of texts) for (const m of (t ?? '').matchAll(MEDIA_URL)) ids.add(m[1]!);
  await store.markPublished(trx, [...ids]);
}
