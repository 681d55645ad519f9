import { fileTypeFromFile } from 'file-type';

export type MediaKind = 'image' | 'video' | 'audio' | 'document';

/** What may be uploaded, decided by the bytes, never by the name: no SVG, HTML or scripts (active content). */
const ACCEPTED: Record<string, MediaKind> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'image/gif': 'image',
  'video/mp4': 'video',
  'video/webm': 'video',
  'audio/mpeg': 'audio',
  'audio/ogg': 'audio',
  'audio/mp4': 'audio',
  'audio/x-m4a': 'audio',
  'audio/wav': 'audio',
  'audio/x-wav': 'audio',
  'application/pdf': 'document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'document',
};

export interface Sniffed {
  mime: string;
  ext: string;
  kind: MediaKind;
}

/** The file's real type from its content, or null when it is not one we accept. */
export async function sniffFile(file: string): Promise<Sniffed | null> {
  const t = await fileTypeFromFile(file);
  if (!t) return null;
  const kind = ACCEPTED[t.mime];
  return kind ? { mime: t.mime, ext: t.ext, kind } : null;
}

export async function sniffedMime(file: string): Promise<string> {
  return (await fileTypeFromFile(file))?.mime ?? 'unknown';
}
