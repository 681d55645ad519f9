// The cloud community (issue 7): sci-tech worker profiles, the directory, follows, spaces with
// threads and replies, moderation. Types follow the server's route schemas.
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

const enc = encodeURIComponent;
const base = '/api/community';

export const POST_CATEGORIES = ['academic', 'popularization', 'policy', 'help', 'other'] as const;
export type PostCategory = (typeof POST_CATEGORIES)[number];

export interface BiName {
  zh: string;
  mn: string | null;
}

export interface Profile {
  id: string;
  name: string;
  orgId: string;
  org: BiName;
  field: string | null;
  title: string | null;
  languages: string[];
  bio: string | null;
}

export interface Person extends Profile {
  followers: number;
  following: boolean;
}

export interface Space {
  orgId: string;
  name: BiName;
  canModerate: boolean;
  /** People of the orgs below belong to the space (the default). */
  includeSubtree: boolean;
  /** May name moderators, keep the keyword list and change includeSubtree. */
  canManage: boolean;
}

export interface Post {
  id: string;
  orgId: string;
  parentId: string | null;
  author: { id: string; name: string };
  category: PostCategory;
  title: string | null;
  body: string;
  mentions: string[];
  attachments: { id: string; kind: string; name: string; url: string; thumbUrl: string | null }[];
  status: 'visible' | 'held' | 'hidden' | 'deleted';
  heldFor: string[];
  replyCount: number;
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string;
  editedAt: string | null;
  mentioned: { id: string; name: string }[];
}

export interface SpacePerson {
  id: string;
  name: string;
  org: BiName;
}

export interface Moderator {
  id: string;
  name: string;
  since: string;
}

export interface ModerationQueue {
  held: Post[];
  reports: { id: string; postId: string; reason: string; reporter: string; createdAt: string }[];
  reported: Post[];
}

export const communityKeys = {
  spaces: ['community', 'spaces'] as const,
  threads: (orgId: string, category?: string) => ['community', 'threads', orgId, category ?? ''] as const,
  thread: (id: string) => ['community', 'thread', id] as const,
  people: (q: string) => ['community', 'people', q] as const,
  profile: ['community', 'profile'] as const,
  queue: (orgId: string) => ['community', 'queue', orgId] as const,
  keywords: (orgId: string) => ['community', 'keywords', orgId] as const,
  moderators: (orgId: string) => ['community', 'moderators', orgId] as const,
  spacePeople: (orgId: string, q: string) => ['community', 'space-people', orgId, q] as const,
  following: ['community', 'following'] as const,
};

export const useSpaces = () => useQuery({ queryKey: communityKeys.spaces, queryFn: () => api<Space[]>(`${base}/spaces`) });
export const useThreads = (orgId: string | undefined, category?: PostCategory) =>
  useQuery({
    queryKey: communityKeys.threads(orgId ?? '', category),
    queryFn: () => api<Post[]>(`${base}/spaces/${enc(orgId!)}/threads${category ? `?category=${category}` : ''}`),
    enabled: !!orgId,
  });
export const useThread = (id: string | undefined) =>
  useQuery({ queryKey: communityKeys.thread(id ?? ''), queryFn: () => api<{ thread: Post; replies: Post[] }>(`${base}/threads/${enc(id!)}`), enabled: !!id });
export const usePeople = (q: string) =>
  useQuery({ queryKey: communityKeys.people(q), queryFn: () => api<{ items: Person[]; total: number }>(`${base}/people?limit=100${q ? `&q=${enc(q)}` : ''}`) });
export const useProfile = () => useQuery({ queryKey: communityKeys.profile, queryFn: () => api<Profile>(`${base}/profile`) });
export const useModerationQueue = (orgId: string | undefined, enabled: boolean) =>
  useQuery({ queryKey: communityKeys.queue(orgId ?? ''), queryFn: () => api<ModerationQueue>(`${base}/spaces/${enc(orgId!)}/moderation`), enabled: !!orgId && enabled });
export const useModerators = (orgId: string) => useQuery({ queryKey: communityKeys.moderators(orgId), queryFn: () => api<Moderator[]>(`${base}/spaces/${enc(orgId)}/moderators`) });
export const useSpacePeople = (orgId: string, q: string) =>
  useQuery({ queryKey: communityKeys.spacePeople(orgId, q), queryFn: () => api<SpacePerson[]>(`${base}/spaces/${enc(orgId)}/people?limit=20${q ? `&q=${enc(q)}` : ''}`) });
export const useFollowing = () => useQuery({ queryKey: communityKeys.following, queryFn: () => api<{ id: string; name: string; since: string }[]>(`${base}/following`) });
export const useKeywords = (orgId: string | undefined, enabled: boolean) =>
  useQuery({ queryKey: communityKeys.keywords(orgId ?? ''), queryFn: () => api<{ id: string; word: string }[]>(`${base}/spaces/${enc(orgId!)}/keywords`), enabled: !!orgId && enabled, retry: false });

export const createThread = (orgId: string, body: { category: PostCategory; title: string; body: string; mentions: string[] }) =>
  api<Post>(`${base}/spaces/${enc(orgId)}/threads`, { method: 'POST', body });
export const replyTo = (threadId: string, body: { body: string; mentions: string[] }) => api<Post>(`${base}/threads/${enc(threadId)}/replies`, { method: 'POST', body });
export const editPost = (id: string, body: { title?: string; body: string }) => api<Post>(`${base}/posts/${enc(id)}`, { method: 'PATCH', body });
export const setModerator = (orgId: string, userId: string, on: boolean) =>
  api<Moderator[]>(`${base}/spaces/${enc(orgId)}/moderators/${enc(userId)}`, { method: on ? 'PUT' : 'DELETE' });
export const updateSpace = (orgId: string, includeSubtree: boolean) => api<Space>(`${base}/spaces/${enc(orgId)}`, { method: 'PATCH', body: { includeSubtree } });
export const deletePost = (id: string) => api<Post>(`${base}/posts/${enc(id)}`, { method: 'DELETE' });
export function attachToPost(id: string, file: File): Promise<Post> {
  const form = new FormData();
  form.append('file', file);
  return api<Post>(`${base}/posts/${enc(id)}/attachments`, { method: 'POST', body: form });
}
export const reportPost = (id: string, reason: string) => api<{ reported: boolean }>(`${base}/posts/${enc(id)}/report`, { method: 'POST', body: { reason } });
export const moderatePost = (id: string, action: 'hide' | 'show' | 'approve' | 'reject' | 'dismiss') =>
  api<Post>(`${base}/posts/${enc(id)}/moderate`, { method: 'POST', body: { action } });
export const setFollow = (userId: string, on: boolean) => api<{ following: boolean }>(`${base}/following/${enc(userId)}`, { method: on ? 'PUT' : 'DELETE' });
export const saveProfile = (body: { field: string | null; title: string | null; languages: string[]; bio: string | null }) =>
  api<Profile>(`${base}/profile`, { method: 'PUT', body });
export const addKeywords = (orgId: string, words: string[]) => api<{ id: string; word: string }[]>(`${base}/spaces/${enc(orgId)}/keywords`, { method: 'POST', body: { words } });
export const removeKeyword = (id: string) => api<{ id: string; word: string }[]>(`${base}/keywords/${enc(id)}`, { method: 'DELETE' });
