import { api } from '../api/client';

export interface PlaylistItem {
  resourceId: string;
  lang: string;
  title: string;
  summary: string | null;
  excerpt: string;
  publishedAt: string;
  kind: string;
  category: string | null;
  coverUrl: string | null;
  orgId: string;
  bodyHtml: string;
}

export interface Playlist {
  station: { code: string; name: { zh: string; mn: string | null }; kind: string; status: string };
  generatedAt: string;
  items: PlaylistItem[];
}

/** The same URL every time for a station and language: the service worker keeps its last answer under it. */
export function playlistUrl(code: string, lang?: string | null): string {
  const query = lang ? `?lang=${encodeURIComponent(lang)}` : '';
  return `/api/public/stations/${encodeURIComponent(code)}/playlist${query}`;
}

export const fetchPlaylist = (code: string, lang?: string | null) => api<Playlist>(playlistUrl(code, lang));

export const itemKey = (item: Pick<PlaylistItem, 'resourceId' | 'lang'>) => `${item.resourceId}:${item.lang}`;
