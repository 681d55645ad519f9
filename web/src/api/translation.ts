// Translation workbench (issue 9): engines, termbase, memory, script conversion and translation tasks.
// Types follow the server's route schemas (docs/api/translation.md).
import { api } from './client';
import { query } from './dissemination';
import type { Me } from './types';

const enc = encodeURIComponent;

export type Lang = 'zh-Hans' | 'mn-Mong' | 'mn-Cyrl' | 'en';
export type EngineId = 'memory' | 'libretranslate' | 'openai';

export interface Engines {
  engines: { id: EngineId; configured: boolean }[];
  /** True when a machine translation service is configured: show translate buttons. */
  machine: boolean;
}

export interface Term {
  id: string;
  orgId: string;
  zh: string;
  mnMong: string | null;
  mnCyrl: string | null;
  en: string | null;
  domain: string | null;
  notes: string | null;
  updatedAt: string;
}
export type TermInput = Omit<Term, 'id' | 'orgId' | 'updatedAt'> & { orgId?: string };

export interface MemoryUnit {
  id: string;
  orgId: string;
  sourceLang: Lang;
  targetLang: Lang;
  source: string;
  target: string;
  resourceId: string | null;
  origin: 'aligned' | 'manual' | 'tmx' | 'task';
  updatedAt: string;
}

export interface Suggestions {
  matches: { id: string; source: string; target: string; score: number; origin: MemoryUnit['origin'] }[];
  terms: Term[];
}

export interface ImportReport {
  rows: number;
  valid: number;
  errors: { row: number; column: string; problem: string; message: string }[];
  created: number;
}

export type TaskStatus = 'assigned' | 'in_review' | 'done' | 'cancelled';
export interface TranslationTask {
  id: string;
  orgId: string;
  resourceId: string;
  sourceLang: Lang;
  targetLang: Lang;
  sourceTitle: string;
  assignee: { id: string; name: string };
  requestedBy: string;
  status: TaskStatus;
  note: string | null;
  draft: { title: string | null; body: string | null };
  reviewNote: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Who sees the translation workbench (the server decides; this only hides what would be refused). */
export const canTranslate = (me?: Me | null) => !!me?.roles.some((g) => ['admin', 'editor', 'translator', 'reviewer'].includes(g.role));

export const getEngines = () => api<Engines>('/api/translation/engines');
export const translate = (body: { text: string; sourceLang: Lang; targetLang: Lang; engine?: EngineId }) =>
  api<{ engine: EngineId; text: string; segments: { source: string; target: string | null; score: number }[]; terms: Term[] }>('/api/translation/translate', { method: 'POST', body });
export const suggest = (body: { text: string; sourceLang: Lang; targetLang: Lang; minScore?: number; limit?: number }) =>
  api<Suggestions>('/api/translation/suggest', { method: 'POST', body });
export const convertScript = (text: string, from: 'mn-Mong' | 'mn-Cyrl') => api<{ text: string; to: 'mn-Mong' | 'mn-Cyrl' }>('/api/translation/convert', { method: 'POST', body: { text, from } });

export const listTerms = (f: { q?: string; domain?: string; limit?: number; offset?: number }) => api<{ items: Term[]; total: number }>(`/api/translation/terms${query(f)}`);
export const createTerm = (body: TermInput) => api<Term>('/api/translation/terms', { method: 'POST', body });
export const updateTerm = (id: string, body: TermInput) => api<Term>(`/api/translation/terms/${enc(id)}`, { method: 'PUT', body });
export const deleteTerm = (id: string) => api<void>(`/api/translation/terms/${enc(id)}`, { method: 'DELETE' });
export const termExportUrl = (format: 'csv' | 'xlsx' | 'tbx', f: { q?: string; domain?: string } = {}) => `/api/translation/terms/export.${format}${query(f)}`;
export function importTerms(file: File, dryRun: boolean, orgId?: string) {
  const form = new FormData();
  form.append('file', file);
  return api<ImportReport>(`/api/translation/terms/import${query({ dryRun, orgId })}`, { method: 'POST', body: form });
}

export const listMemory = (f: { source: Lang; target: Lang; q?: string; resourceId?: string; limit?: number; offset?: number }) =>
  api<{ items: MemoryUnit[]; total: number }>(`/api/translation/memory${query(f)}`);
export const updateMemoryUnit = (id: string, body: { source?: string; target?: string }) => api<MemoryUnit>(`/api/translation/memory/${enc(id)}`, { method: 'PATCH', body });
export const deleteMemoryUnit = (id: string) => api<void>(`/api/translation/memory/${enc(id)}`, { method: 'DELETE' });
export const alignResource = (body: { resourceId: string; sourceLang: Lang; targetLang: Lang; save?: boolean; pairs?: { source: string; target: string }[] }) =>
  api<{ pairs: { source: string; target: string }[]; saved: number }>('/api/translation/memory/align', { method: 'POST', body });
export const tmxExportUrl = (source: Lang, target: Lang) => `/api/translation/memory/export.tmx${query({ source, target })}`;

export const listTasks = (f: { status?: TaskStatus; mine?: boolean; limit?: number; offset?: number }) => api<{ items: TranslationTask[]; total: number }>(`/api/translation/tasks${query(f)}`);
export const getTask = (id: string) => api<{ task: TranslationTask; source: { title: string; body: string } | null; target: unknown }>(`/api/translation/tasks/${enc(id)}`);
export const createTask = (body: { resourceId: string; sourceLang: Lang; targetLang: Lang; assigneeId: string; note?: string | null }) => api<TranslationTask>('/api/translation/tasks', { method: 'POST', body });
export const saveTaskDraft = (id: string, body: { title: string; body: string }) => api<TranslationTask>(`/api/translation/tasks/${enc(id)}/draft`, { method: 'PUT', body });
export const submitTask = (id: string) => api<TranslationTask>(`/api/translation/tasks/${enc(id)}/submit`, { method: 'POST' });
export const reviewTask = (id: string, body: { approve: boolean; note?: string | null }) => api<TranslationTask>(`/api/translation/tasks/${enc(id)}/review`, { method: 'POST', body });

// Import reports with both languages' messages, TMX import, and a term's field per language.
export interface FileReport {
  rows: number;
  valid: number;
  errors: { row: number; column: string; problem: string; message: string; messages?: { zh: string; en: string } }[];
  created: number;
}

function upload(url: string, file: File) {
  const form = new FormData();
  form.append('file', file);
  return api<FileReport>(url, { method: 'POST', body: form });
}

export const importTermFile = (file: File, dryRun: boolean) => upload(`/api/translation/terms/import${query({ dryRun })}`, file);
export const importTmxFile = (file: File, dryRun: boolean, source: Lang, target: Lang) => upload(`/api/translation/memory/import${query({ dryRun, source, target })}`, file);

/** A term's equivalent in one language (null where the termbase has none). */
export function termIn(term: Term, lang: Lang): string | null {
  if (lang === 'zh-Hans') return term.zh;
  if (lang === 'mn-Mong') return term.mnMong;
  if (lang === 'mn-Cyrl') return term.mnCyrl;
  return term.en;
}

/** Roles that may edit the termbase and the memory (the server decides; this hides what it would refuse). */
export const canManage = (roles: { role: string }[] | undefined) => !!roles?.some((g) => ['admin', 'editor', 'translator'].includes(g.role));
