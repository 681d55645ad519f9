// The association's management registry (issue 6): one generic API for every list, each described
// by a definition the server sends (fields, types, enum values, what is required or personal).
import { api, ApiError, NETWORK_ERROR } from './client';
import { query } from './dissemination';
import type { Me } from './types';

const enc = encodeURIComponent;

export type FieldType = 'text' | 'longtext' | 'integer' | 'decimal' | 'date' | 'boolean' | 'enum' | 'org' | 'person' | 'phone' | 'idnumber';
export type Value = string | number | boolean | null;
export type Values = Record<string, Value>;

export interface FieldDef {
  key: string;
  type: FieldType;
  label: { zh: string; en: string };
  required: boolean;
  personal: boolean;
  filter: boolean;
  column: boolean;
  values?: string[];
  kinds?: string[];
  min?: number;
  max?: number;
}

export interface ListInfo {
  key: string;
  label: { zh: string; en: string };
  title: string;
  headline: { field: string; value: string } | null;
  transitions: { field: string; allowed: Record<string, string[]> } | null;
  fields: FieldDef[];
  count: number;
  canWrite: boolean;
}

export interface OrgName {
  code: string;
  kind: string;
  name: { zh: string; mn: string | null };
}

export interface Row {
  id: string;
  orgId: string;
  values: Values;
  masked: string[];
  canWrite: boolean;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface HistoryEntry {
  id: string;
  action: 'create' | 'update' | 'delete' | 'import';
  at: string;
  actor: { id: string; name: string | null } | null;
  before: Values | null;
  after: Values | null;
  changed: string[];
}

export interface Summary {
  total: number;
  byEnum: Record<string, Record<string, number>>;
  sums: Record<string, number>;
  headline: { field: string; value: string; count: number; total: number; percent: number } | null;
}

export interface ImportProblem {
  row: number;
  column: string;
  field: string;
  problem: string;
  message: string;
  messages: { zh: string; en: string };
}

export interface ImportReport {
  format: 'xlsx' | 'csv';
  rows: number;
  valid: number;
  errors: ImportProblem[];
  created: number;
}

export interface ImportProgress {
  phase: 'reading' | 'checking' | 'writing' | 'done' | 'failed';
  rowsRead: number;
  percent: number;
}

/** Filters as the URL and the server name them: field=value, field_from / field_to, orgId, q. */
export type Filter = Record<string, string | undefined>;

/** One problem of a refused write, as the server reports it in `error.details.problems`. */
export interface FieldProblem {
  field: string;
  problem: string;
  message: string;
}

// Who may write is decided per row by the server (`canWrite`); this only hides what would be refused.
export const canSeeRegistry = (me?: Me | null) => !!me && me.roles.length > 0;

export const fetchLists = () => api<ListInfo[]>('/api/registry');
export const listRows = (list: string, f: Filter, page: { limit: number; offset: number }) =>
  api<{ items: Row[]; total: number; orgs: Record<string, OrgName> }>(`/api/registry/${enc(list)}${query({ ...f, ...page })}`);
export const fetchSummary = (list: string, f: Filter = {}) => api<Summary>(`/api/registry/${enc(list)}/summary${query(f)}`);
export const createRow = (list: string, values: Values) => api<Row & { orgs: Record<string, OrgName> }>(`/api/registry/${enc(list)}`, { method: 'POST', body: { values } });
export const updateRow = (list: string, id: string, values: Values, expectedUpdatedAt?: string) =>
  api<Row & { orgs: Record<string, OrgName> }>(`/api/registry/${enc(list)}/${enc(id)}`, { method: 'PATCH', body: { values, ...(expectedUpdatedAt ? { expectedUpdatedAt } : {}) } });
export const deleteRow = (list: string, id: string) => api<void>(`/api/registry/${enc(list)}/${enc(id)}`, { method: 'DELETE' });
export const fetchHistory = (list: string, id: string) => api<HistoryEntry[]>(`/api/registry/${enc(list)}/${enc(id)}/history`);
export const fetchPersonal = (list: string, id: string) => api<{ values: Values }>(`/api/registry/${enc(list)}/${enc(id)}/personal`);
export const exportUrl = (list: string, format: 'xlsx' | 'csv', f: Filter) => `/api/registry/${enc(list)}/export${query({ ...f, format })}`;
export const templateUrl = (list: string, format: 'xlsx' | 'csv') => `/api/registry/${enc(list)}/template?format=${format}`;
export const importProgress = (job: string) => api<ImportProgress>(`/api/registry/imports/${enc(job)}`);

/**
 * Uploads a sheet for checking (dryRun) or importing. XMLHttpRequest rather than fetch: only it
 * reports upload progress. `job` names the import so its server-side progress can be polled.
 */
export function importSheet(list: string, file: File, opts: { dryRun: boolean; job: string; lang: string; onUpload?: (percent: number) => void }): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/registry/${enc(list)}/import${query({ dryRun: opts.dryRun, job: opts.job })}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', opts.lang);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onUpload?.(Math.round((e.loaded * 100) / e.total));
    };
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR, ''));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as ImportReport);
      const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
      reject(new ApiError(xhr.status, error?.code ?? `http.${xhr.status}`, error?.message ?? '', error?.details));
    };
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

/** The problems of a refused write, by field. */
export function problemsOf(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError) || error.code !== 'registry.invalid') return [];
  const problems = (error.details as { problems?: FieldProblem[] } | undefined)?.problems;
  return Array.isArray(problems) ? problems : [];
}
