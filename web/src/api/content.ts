// The resource library (docs/api/content.md): types, endpoints and queries.
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, NETWORK_ERROR } from './client';

export const CONTENT_LANGS = ['zh-Hans', 'mn-Mong', 'mn-Cyrl', 'en'] as const;
export type ContentLang = (typeof CONTENT_LANGS)[number];
/** The languages the editor offers for a new version (side by side: Chinese and Mongolian first). */
export const EDITOR_LANGS = ['zh-Hans', 'mn-Mong', 'en'] as const satisfies readonly ContentLang[];

export const RESOURCE_KINDS = ['article', 'image', 'video', 'audio', 'document', 'link'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const STATUSES = ['draft', 'in_review', 'approved', 'published', 'withdrawn'] as const;
export type Status = (typeof STATUSES)[number];

export const AUDIENCES = ['farmers_herders', 'youth', 'public', 'scitech_workers', 'officials'] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface Version {
  lang: ContentLang;
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

export interface Resource {
  id: string;
  orgId: string;
  kind: ResourceKind;
  category: string | null;
  tags: string[];
  audience: Audience[];
  source: string | null;
  licence: string | null;
  link: string | null;
  coverUrl: string | null;
  createdAt: string;
  updatedAt: string;
  versions: Version[];
  permissions: { edit: boolean; review: boolean; publish: boolean };
}

export interface VersionInput {
  lang: ContentLang;
  title: string;
  body: string;
  summary?: string;
}

export interface NewResource {
  orgId: string;
  kind: ResourceKind;
  category?: string;
  tags?: string[];
  audience?: Audience[];
  link?: string;
  versions: VersionInput[];
}

export interface RevisionInfo {
  n: number;
  title: string;
  authorId: string;
  createdAt: string;
}

export interface Revision extends RevisionInfo {
  summary: string | null;
  body: string;
}

export interface Change {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface Diff {
  from: number;
  to: number;
  title: Change[];
  body: Change[];
}

export interface Comment {
  id: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
}

export interface ListFilter {
  orgId?: string;
  status?: Status;
  lang?: ContentLang;
  kind?: ResourceKind;
  limit?: number;
  offset?: number;
}

const enc = encodeURIComponent;
const versionPath = (id: string, lang: ContentLang) => `/api/resources/${enc(id)}/versions/${enc(lang)}`;

function query(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const listResources = (filter: ListFilter) =>
  api<{ items: Resource[]; total: number }>(`/api/resources${query(filter)}`);

export const fetchResource = (id: string) => api<Resource>(`/api/resources/${enc(id)}`);

export const createResource = (resource: NewResource) =>
  api<{ id: string }>('/api/resources', { method: 'POST', body: resource });

export const updateResource = (id: string, patch: Partial<Pick<Resource, 'category' | 'tags' | 'audience' | 'link' | 'coverUrl'>>) =>
  api<Resource>(`/api/resources/${enc(id)}`, { method: 'PATCH', body: patch });

export const addVersion = (id: string, version: VersionInput) =>
  api<Version>(`/api/resources/${enc(id)}/versions`, { method: 'POST', body: version });

export const saveVersion = (
  id: string,
  lang: ContentLang,
  input: { title: string; body: string; summary?: string; baseRevision: number },
) => api<Version>(versionPath(id, lang), { method: 'PUT', body: input });

export const transitionVersion = (
  id: string,
  lang: ContentLang,
  input: { to: Status; publishAt?: string; note?: string },
) => api<Version>(`${versionPath(id, lang)}/transition`, { method: 'POST', body: input });

export const fetchRevisions = (id: string, lang: ContentLang) =>
  api<RevisionInfo[]>(`${versionPath(id, lang)}/revisions`);

export const fetchRevision = (id: string, lang: ContentLang, n: number) =>
  api<Revision>(`${versionPath(id, lang)}/revisions/${n}`);

export const fetchDiff = (id: string, lang: ContentLang, from: number, to: number) =>
  api<Diff>(`${versionPath(id, lang)}/diff${query({ from, to })}`);

export const restoreRevision = (id: string, lang: ContentLang, n: number) =>
  api<Version>(`${versionPath(id, lang)}/revisions/${n}/restore`, { method: 'POST' });

export const fetchComments = (id: string, lang: ContentLang) => api<Comment[]>(`${versionPath(id, lang)}/comments`);

export const postComment = (id: string, lang: ContentLang, body: string) =>
  api<Comment>(`${versionPath(id, lang)}/comments`, { method: 'POST', body: { body } });

export interface ImportResult {
  html?: string;
  text: string;
  converted: { menksoft: number; unconverted: number };
}

export function importDocx(file: File): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file);
  return api<ImportResult>('/api/import/docx', { method: 'POST', body: form });
}

export const importText = (text: string) => api<ImportResult>('/api/import/text', { method: 'POST', body: { text } });

/** An uploaded file (docs/api/content.md, Media). Images come with WebP renditions, never wider than the original. */
export interface Media {
  id: string;
  orgId: string;
  kind: string;
  mime: string;
  size: number;
  name: string;
  width: number | null;
  height: number | null;
  url: string;
  variants: { width: number; url: string }[];
}

export function uploadMedia(orgId: string, file: File): Promise<Media> {
  const form = new FormData();
  form.append('file', file);
  return api<Media>(`/api/media${query({ orgId })}`, { method: 'POST', body: form });
}

/** The first rendition of these widths the server made, else the original. */
export function mediaUrl(media: Media, widths: readonly number[]): string {
  for (const w of widths) {
    const variant = media.variants.find((v) => v.width === w);
    if (variant) return variant.url;
  }
  return media.url;
}

/** Where and when a resource went out (portal, app, feeds, share, estation, report, …). */
export interface Outlet {
  channel: string;
  lang: ContentLang;
  at: string;
  detail: string | null;
}

export const fetchOutlets = (id: string) => api<Outlet[]>(`/api/resources/${enc(id)}/outlets`);

/**
 * The upward report package (a zip). Not JSON, so not through api(): the error body, when there is
 * one, is still `{ error: { code, message } }`.
 */
export async function fetchReportPackage(id: string, uiLang: string): Promise<{ blob: Blob; filename: string }> {
  let response: Response;
  try {
    response = await fetch(`/api/resources/${enc(id)}/report`, {
      method: 'POST',
      headers: { Accept: 'application/zip, application/json', 'Accept-Language': uiLang },
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw new ApiError(0, NETWORK_ERROR, '', cause);
  }
  if (!response.ok) {
    const data = (await response.json().catch(() => undefined)) as { error?: { code?: unknown; message?: unknown } } | undefined;
    const code = data?.error?.code;
    const message = data?.error?.message;
    throw new ApiError(response.status, typeof code === 'string' ? code : `http.${response.status}`, typeof message === 'string' ? message : '');
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `gerel-report-${id}.zip`;
  return { blob: await response.blob(), filename };
}

export const contentKeys = {
  all: ['resources'] as const,
  list: (filter: ListFilter) => ['resources', 'list', filter] as const,
  one: (id: string) => ['resources', 'one', id] as const,
  revisions: (id: string, lang: ContentLang) => ['resources', 'one', id, lang, 'revisions'] as const,
  comments: (id: string, lang: ContentLang) => ['resources', 'one', id, lang, 'comments'] as const,
  outlets: (id: string) => ['resources', 'one', id, 'outlets'] as const,
};

export function useResources(filter: ListFilter) {
  return useQuery({ queryKey: contentKeys.list(filter), queryFn: () => listResources(filter) });
}

export function useResource(id: string) {
  return useQuery({ queryKey: contentKeys.one(id), queryFn: () => fetchResource(id) });
}

export function useRevisions(id: string, lang: ContentLang, enabled = true) {
  return useQuery({ queryKey: contentKeys.revisions(id, lang), queryFn: () => fetchRevisions(id, lang), enabled });
}

export function useComments(id: string, lang: ContentLang) {
  return useQuery({ queryKey: contentKeys.comments(id, lang), queryFn: () => fetchComments(id, lang) });
}

export function useOutlets(id: string) {
  return useQuery({ queryKey: contentKeys.outlets(id), queryFn: () => fetchOutlets(id) });
}
