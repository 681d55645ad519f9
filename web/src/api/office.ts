// Office documents (公文, issue 9): drafting from templates, approval chain, register, PDF/DOCX.
// Types follow the server's route schemas (docs/api/translation.md, "Office documents").
import { api } from './client';
import { query } from './dissemination';
import type { Me } from './types';

const enc = encodeURIComponent;

export type DocKind = 'notice' | 'letter';
export type DocLayout = 'zh' | 'bilingual';
export type DocStatus = 'drafting' | 'pending_review' | 'pending_signature' | 'approved' | 'issued';

export interface OfficeDocument {
  id: string;
  orgId: string;
  kind: DocKind;
  layout: DocLayout;
  issuer: { zh: string; mn: string | null };
  numberPrefix: string;
  number: string | null;
  year: number | null;
  seq: number | null;
  title: { zh: string; mn: string | null };
  body: { zh: string; mn: string | null };
  recipients: string | null;
  attachments: string[];
  approvals: { step: 'review' | 'sign'; by: string; byName: string; approve: boolean; note: string | null; at: string }[];
  status: DocStatus;
  createdBy: string;
  issuedAt: string | null;
  updatedAt: string;
}

export interface DocInput {
  orgId?: string;
  kind: DocKind;
  layout: DocLayout;
  numberPrefix?: string;
  title?: { zh?: string; mn?: string | null };
  body?: { zh?: string; mn?: string | null };
  recipients?: string | null;
  attachments?: string[];
}

/** Who sees official documents (the server decides; this only hides what would be refused). */
export const canOffice = (me?: Me | null) => !!me?.roles.some((g) => ['admin', 'editor', 'reviewer', 'translator', 'organizer'].includes(g.role));

export const listDocuments = (f: { status?: DocStatus; year?: number; orgId?: string; limit?: number; offset?: number }) =>
  api<{ items: OfficeDocument[]; total: number }>(`/api/office/documents${query(f)}`);
export const getDocument = (id: string) => api<OfficeDocument>(`/api/office/documents/${enc(id)}`);
export const createDocument = (body: DocInput) => api<OfficeDocument>('/api/office/documents', { method: 'POST', body });
export const updateDocument = (id: string, body: DocInput) => api<OfficeDocument>(`/api/office/documents/${enc(id)}`, { method: 'PUT', body });
export const submitDocument = (id: string) => api<OfficeDocument>(`/api/office/documents/${enc(id)}/submit`, { method: 'POST' });
export const decideDocument = (id: string, body: { approve: boolean; note?: string | null }) => api<OfficeDocument>(`/api/office/documents/${enc(id)}/decide`, { method: 'POST', body });
export const issueDocument = (id: string) => api<OfficeDocument>(`/api/office/documents/${enc(id)}/issue`, { method: 'POST' });
export const documentPdfUrl = (id: string) => `/api/office/documents/${enc(id)}/document.pdf`;
export const documentDocxUrl = (id: string) => `/api/office/documents/${enc(id)}/document.docx`;
