// The think tank (issue 8): expert pool, symposiums, suggestions and needs surveys.
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { query } from './dissemination';
import type { Me } from './types';

const enc = encodeURIComponent;

export const AVAILABILITIES = ['available', 'busy', 'unavailable'] as const;
export type Availability = (typeof AVAILABILITIES)[number];
export const SUGGESTION_STAGES = ['received', 'under_review', 'forwarded', 'adopted', 'partly_adopted', 'not_adopted'] as const;
export type SuggestionStage = (typeof SUGGESTION_STAGES)[number];
export const NEXT_STAGES: Record<SuggestionStage, readonly SuggestionStage[]> = {
  received: ['under_review', 'not_adopted'],
  under_review: ['forwarded', 'not_adopted'],
  forwarded: ['adopted', 'partly_adopted', 'not_adopted'],
  adopted: [],
  partly_adopted: [],
  not_adopted: [],
};
export const SUGGESTION_CATEGORIES = ['economy', 'ecology', 'agriculture', 'health', 'education', 'industry', 'talent', 'governance', 'other'] as const;
export type SuggestionCategory = (typeof SUGGESTION_CATEGORIES)[number];
export const INSTRUCTION_LEVELS = ['national', 'regional', 'league', 'banner'] as const;
export type InstructionLevel = (typeof INSTRUCTION_LEVELS)[number];
export const QUESTION_KINDS = ['single', 'multiple', 'text', 'number'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const canThinktank = {
  read: (me?: Me | null) => !!me?.roles.some((g) => ['admin', 'organizer', 'editor', 'reviewer'].includes(g.role)),
  manage: (me?: Me | null) => !!me?.roles.some((g) => ['admin', 'organizer'].includes(g.role)),
};

export interface Expert {
  id: string;
  orgId: string;
  name: string;
  title: string | null;
  workplace: string | null;
  fields: string[];
  languages: string[];
  availability: Availability;
  bio: string | null;
  updatedAt: string;
}

export interface Suggestion {
  id: string;
  orgId: string;
  author: string;
  lang: 'zh' | 'mn';
  title: string;
  body: string;
  category: SuggestionCategory;
  symposiumId: string | null;
  stage: SuggestionStage;
  forwardedTo: string | null;
  adoptingBody: string | null;
  adoptedOn: string | null;
  instructionLevel: InstructionLevel | null;
  evidence: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Question {
  id: string;
  kind: QuestionKind;
  label: string;
  options?: string[];
  required: boolean;
}

export interface Survey {
  id: string;
  orgId: string;
  title: string;
  description: string | null;
  questions: Question[];
  status: 'open' | 'closed';
  publicPath: string;
  responses?: number;
  createdAt: string;
}

export type QuestionResult =
  | { id: string; kind: 'single' | 'multiple'; label: string; answered: number; options: { option: string; n: number }[] }
  | { id: string; kind: 'number'; label: string; answered: number; mean: number | null; min: number | null; max: number | null }
  | { id: string; kind: 'text'; label: string; answered: number; texts: string[] };

export const useExperts = (q: { q?: string; field?: string; availability?: Availability }) =>
  useQuery({ queryKey: ['thinktank', 'experts', q], queryFn: () => api<{ items: Expert[]; total: number }>(`/api/thinktank/experts${query({ ...q, limit: 200 })}`) });
export const createExpert = (body: { orgId: string; name: string; title?: string | null; workplace?: string | null; fields: string[]; languages: ('mn' | 'zh')[]; availability: Availability }) =>
  api<Expert>('/api/thinktank/experts', { method: 'POST', body });
export const updateExpert = (id: string, body: Partial<Pick<Expert, 'availability'>>) => api<Expert>(`/api/thinktank/experts/${enc(id)}`, { method: 'PATCH', body });

export const useSuggestions = (stage?: SuggestionStage) =>
  useQuery({ queryKey: ['thinktank', 'suggestions', stage], queryFn: () => api<{ items: Suggestion[]; total: number }>(`/api/thinktank/suggestions${query({ stage, limit: 200 })}`) });
export const useMySuggestions = () => useQuery({ queryKey: ['thinktank', 'mine'], queryFn: () => api<Suggestion[]>('/api/thinktank/suggestions/mine') });
export const submitSuggestion = (body: { orgId: string; lang: 'zh' | 'mn'; title: string; body: string; category: SuggestionCategory }) =>
  api<Suggestion>('/api/thinktank/suggestions', { method: 'POST', body });
export const moveSuggestion = (id: string, body: { to: SuggestionStage; note?: string; forwardedTo?: string; adoptingBody?: string; adoptedOn?: string; instructionLevel?: InstructionLevel; evidence?: string }) =>
  api<Suggestion>(`/api/thinktank/suggestions/${enc(id)}/stage`, { method: 'POST', body });

export const useSurveys = () => useQuery({ queryKey: ['thinktank', 'surveys'], queryFn: () => api<Survey[]>('/api/thinktank/surveys') });
export const createSurvey = (body: { orgId: string; title: string; description?: string; questions: Question[] }) => api<Survey>('/api/thinktank/surveys', { method: 'POST', body });
export const setSurveyStatus = (id: string, status: 'open' | 'closed') => api<Survey>(`/api/thinktank/surveys/${enc(id)}/status`, { method: 'POST', body: { status } });
export const useSurveyResults = (id: string | undefined) =>
  useQuery({ queryKey: ['thinktank', 'results', id], enabled: !!id, queryFn: () => api<{ survey: Survey; questions: QuestionResult[] }>(`/api/thinktank/surveys/${enc(id!)}/results`) });
export const surveyQrUrl = (id: string) => `/api/thinktank/surveys/${enc(id)}/qr.svg`;

export const fetchPublicSurvey = (key: string) => api<{ title: string; description: string | null; questions: Question[] }>(`/api/public/surveys/${enc(key)}`);
export const answerSurvey = (key: string, body: { nonce: string; answers: Record<string, unknown> }) =>
  api<{ counted: boolean }>(`/api/public/surveys/${enc(key)}/responses`, { method: 'POST', body });

export interface Symposium {
  id: string;
  orgId: string;
  title: string;
  topic: string | null;
  heldOn: string;
  place: string | null;
}
export interface SymposiumDetail extends Symposium {
  invitations: { expertId: string; name: string; title: string | null; status: 'invited' | 'accepted' | 'declined'; invitedAt: string }[];
  suggestions: Suggestion[];
}
export const useSymposiums = () => useQuery({ queryKey: ['thinktank', 'symposiums'], queryFn: () => api<Symposium[]>('/api/thinktank/symposiums') });
export const useSymposium = (id: string | undefined) =>
  useQuery({ queryKey: ['thinktank', 'symposium', id], enabled: !!id, queryFn: () => api<SymposiumDetail>(`/api/thinktank/symposiums/${enc(id!)}`) });
export const createSymposium = (body: { orgId: string; title: string; topic?: string; heldOn: string; place?: string }) => api<Symposium>('/api/thinktank/symposiums', { method: 'POST', body });
export const inviteExperts = (id: string, expertIds: string[]) => api<{ invited: number; already: number }>(`/api/thinktank/symposiums/${enc(id)}/invitations`, { method: 'POST', body: { expertIds } });

// A suggestion's detail, stages and files.
export type FilePurpose = 'attachment' | 'evidence';

export interface SuggestionFile {
  id: string;
  purpose: FilePurpose;
  name: string;
  mime: string;
  size: number;
  at: string;
}

export interface SuggestionDetail extends Suggestion {
  stages: { stage: SuggestionStage; note: string | null; at: string }[];
  files: SuggestionFile[];
}

/** Until it is forwarded, the author may still add attachments (the server says the same). */
export const AUTHOR_UPLOAD_STAGES: readonly SuggestionStage[] = ['received', 'under_review'];

/** The largest file the server takes (files.ts MAX_SUGGESTION_FILE). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const FILE_ACCEPT = '.pdf,.docx,.png,.jpg,.jpeg,.webp,.gif,application/pdf,image/*';

export const useSuggestion = (id: string | undefined) =>
  useQuery({ queryKey: ['thinktank', 'suggestion', id], enabled: !!id, queryFn: () => api<SuggestionDetail>(`/api/thinktank/suggestions/${enc(id!)}`) });

export function uploadSuggestionFile(id: string, purpose: FilePurpose, file: File): Promise<SuggestionFile> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<SuggestionFile>(`/api/thinktank/suggestions/${enc(id)}/files?purpose=${purpose}`, { method: 'POST', body: form });
}

/** Uploads files one after the other; the names of those the server refused, with why. */
export async function uploadAll(id: string, purpose: FilePurpose, files: File[]): Promise<{ name: string; error: unknown }[]> {
  const failed: { name: string; error: unknown }[] = [];
  for (const f of files) {
    try {
      await uploadSuggestionFile(id, purpose, f);
    } catch (error) {
      failed.push({ name: f.name, error });
    }
  }
  return failed;
}

export const suggestionFileUrl = (id: string, fileId: string) => `/api/thinktank/suggestions/${enc(id)}/files/${enc(fileId)}`;
