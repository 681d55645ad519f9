import type { MediaKind } from '../../kernel/files/sniff.js';

export interface MediaTable {
  id: string;
  org_id: string;
  kind: MediaKind;
  /** Sniffed from the bytes, never taken from the upload's name or header. */
  mime: string;
  ext: string;
  size: number;
  sha256: string;
  original_name: string;
  width: number | null;
  height: number | null;
  /** Widths of the WebP renditions made for images, as a JSON array. */
  variants_json: string;
  /** 1 once a published resource uses it: then anyone may download it, else only staff in scope. */
  published: number;
  created_by: string;
  created_at: string;
}

export interface MediaTables {
  media: MediaTable;
}
