import type { ResourceTable, ResourceVersionTable, Lang, Kind, Status, Audience } from './tables.js';

export interface VersionDto {
  lang: Lang;
  title: string;
  summary: string | null;
  body: string;
  status: Status;
  revision: number;
  publishAt: string | null;
  publishedAt: string | null;
  authorId: string;
  updatedAt: string;
}

export interface ResourceDto {
  id: string;
  orgId: string;
  kind: Kind;
  category: string | null;
  tags: string[];
  audience: Audience[];
  source: string | null;
  licence: string | null;
  link: string | null;
  coverUrl: string | null;
  createdAt: string;
  updatedAt: string;
  versions: VersionDto[];
  permissions: { edit: boolean; review: boolean; publish: boolean };
}

export const toVersionDto = (v: ResourceVersionTable): VersionDto => ({
  lang: v.lang,
  title: v.title,
  summary: v.summary,
  body: v.body_html,
  status: v.status,
  revision: v.revision,
  publishAt: v.publish_at,
  publishedAt: v.published_at,
  authorId: v.author_id,
  updatedAt: v.updated_at,
});

/** Versions in a stable reading order: Mongolian and Chinese first, as the association publishes. */
const LANG_ORDER: Record<Lang, number> = { 'mn-Mong': 0, 'zh-Hans': 1, 'mn-Cyrl': 2, en: 3 };

export function toResourceDto(
  r: ResourceTable,
  versions: ResourceVersionTable[],
  permissions: ResourceDto['permissions'],
): ResourceDto {
  return {
    id: r.id,
    orgId: r.org_id,
    kind: r.kind,
    category: r.category,
    tags: JSON.parse(r.tags_json) as string[],
    audience: JSON.parse(r.audience_json) as Audience[],
    source: r.source,
    licence: r.licence,
    link: r.link,
    coverUrl: r.cover_url,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    versions: [...versions].sort((a, b) => LANG_ORDER[a.lang] - LANG_ORDER[b.lang]).map(toVersionDto),
    permissions,
  };
}
