export const LANGS = ['zh-Hans', 'mn-Mong', 'mn-Cyrl', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const KINDS = ['article', 'image', 'video', 'audio', 'document', 'link'] as const;
export type Kind = (typeof KINDS)[number];
export const STATUSES = ['draft', 'in_review', 'approved', 'published', 'withdrawn'] as const;
export type Status = (typeof STATUSES)[number];
export const AUDIENCES = ['farmers_herders', 'youth', 'public', 'scitech_workers', 'officials'] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface ResourceTable {
  id: string;
  org_id: string;
  kind: Kind;
  category: string | null;
  /** JSON arrays as text: the same on both dialects, never queried inside. */
  tags_json: string;
  audience_json: string;
  source: string | null;
  licence: string | null;
  link: string | null;
  cover_url: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ResourceVersionTable {
  id: string;
  resource_id: string;
  lang: Lang;
  title: string;
  summary: string | null;
  body_html: string;
  /** Plain text of body_html, kept for search, diffs and broadcast scripts. */
  body_text: string;
  status: Status;
  /** Number of the current revision. */
  revision: number;
  publish_at: string | null;
  published_at: string | null;
  author_id: string;
  created_at: string;
  updated_at: string;
}

export interface ResourceRevisionTable {
  id: string;
  version_id: string;
  n: number;
  title: string;
  summary: string | null;
  body_html: string;
  author_id: string;
  created_at: string;
}

export interface ResourceCommentTable {
  id: string;
  version_id: string;
  author_id: string;
  body: string;
  created_at: string;
}

export interface ResourceOutletTable {
  id: string;
  resource_id: string;
  lang: Lang;
  channel: string;
  at: string;
  detail: string | null;
}

export interface ContentTables {
  resources: ResourceTable;
  resource_versions: ResourceVersionTable;
  resource_revisions: ResourceRevisionTable;
  resource_comments: ResourceCommentTable;
  resource_outlets: ResourceOutletTable;
}
