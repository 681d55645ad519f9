import { Type } from '@sinclair/typebox';
import type { MediaDto } from './service.js';

/**
 * An uploaded file attached to something else (a forum post, a chat message). It is served through
 * its owner's route under `base` (`…/attachments/<mediaId>`), so reading it checks the owner's access.
 */
export interface AttachmentDto {
  id: string;
  kind: string;
  mime: string;
  name: string;
  size: number;
  width: number | null;
  height: number | null;
  url: string;
  thumbUrl: string | null;
}

const NullInt = Type.Union([Type.Integer(), Type.Null()]);
export const AttachmentSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  mime: Type.String(),
  name: Type.String(),
  size: Type.Integer(),
  width: NullInt,
  height: NullInt,
  url: Type.String(),
  thumbUrl: Type.Union([Type.String(), Type.Null()]),
});

/** The attachment of an uploaded file under its owner's route; the thumbnail is the second-smallest variant. */
export const attachmentOf = (m: MediaDto, base: string): AttachmentDto => ({
  id: m.id,
  kind: m.kind,
  mime: m.mime,
  name: m.name,
  size: m.size,
  width: m.width,
  height: m.height,
  url: `${base}/original`,
  thumbUrl: m.variants.length ? `${base}/w${m.variants[Math.min(1, m.variants.length - 1)]!.width}` : null,
});
