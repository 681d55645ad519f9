// Volunteers (issue 6): registration with separate consents, approval, masked personal data with an
// audited unmasked view, import/export, expert teams. Types follow the server's route schemas.
import { api } from './client';
import { query, type BiName, type ImportReport } from './dissemination';
import type { Me } from './types';

const enc = encodeURIComponent;

export const VOLUNTEER_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];
export const VOLUNTEER_LANGUAGES = ['mn', 'zh'] as const;
export type VolunteerLanguage = (typeof VOLUNTEER_LANGUAGES)[number];
export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const CONSENT_PURPOSES = ['id_number', 'health', 'minor'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

const hasRole = (me: Me | null | undefined, ...roles: string[]) => !!me?.roles.some((g) => roles.includes(g.role));
export const canVolunteers = {
  manage: (me?: Me | null) => hasRole(me, 'admin', 'organizer'),
  seePersonal: (me?: Me | null) => hasRole(me, 'admin'),
};

export interface Volunteer {
  id: string;
  orgId: string;
  org: { code: string; name: BiName };
  hasAccount: boolean;
  name: string;
  gender: Gender | null;
  phone: string;
  idNumber: string | null;
  healthNote: string | null;
  hasHealthNote: boolean;
  under14: boolean;
  skills: string[];
  fields: string[];
  languages: VolunteerLanguage[];
  status: VolunteerStatus;
  source: 'self' | 'organiser' | 'import' | 'seed';
  reason: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
  masked: boolean;
  canSeePersonal: boolean;
}

export interface Consent {
  id: string;
  purpose: ConsentPurpose;
  textVersion: string;
  givenBy: string;
  channel: 'self' | 'organiser' | 'import';
  givenAt: string;
  withdrawnAt: string | null;
  withdrawChannel: 'self' | 'organiser' | 'import' | null;
  withdrawNote: string | null;
}

export interface ConsentText {
  purpose: ConsentPurpose;
  version: string;
  zh: string;
  en: string;
}

export interface VolunteerFilter {
  orgId?: string;
  status?: VolunteerStatus;
  language?: VolunteerLanguage;
  q?: string;
  teamId?: string;
}

export interface Registration {
  orgId: string;
  name: string;
  gender?: Gender | null;
  phone: string;
  skills?: string[];
  fields?: string[];
  languages: VolunteerLanguage[];
  idNumber?: string | null;
  healthNote?: string | null;
  under14?: boolean;
  consents?: { purpose: ConsentPurpose; textVersion: string; givenBy?: string }[];
}

export interface JoinableOrg {
  id: string;
  code: string;
  kind: string;
  parentId: string | null;
  name: BiName;
}

export const listVolunteers = (f: VolunteerFilter & { limit?: number; offset?: number }) => api<{ items: Volunteer[]; total: number }>(`/api/volunteers${query(f)}`);
export const createVolunteer = (input: Registration) => api<Volunteer>('/api/volunteers', { method: 'POST', body: input });
export const registerVolunteer = (input: Registration) => api<Volunteer>('/api/volunteers/register', { method: 'POST', body: input });
export const myVolunteer = () => api<Volunteer>('/api/volunteers/me');
export const joinableOrgs = () => api<JoinableOrg[]>('/api/volunteers/joinable-orgs');
export const consentTexts = () => api<ConsentText[]>('/api/volunteers/consent-texts');
export const decideVolunteer = (id: string, action: 'approve' | 'reject', reason?: string) =>
  api<Volunteer>(`/api/volunteers/${enc(id)}/${action}`, { method: 'POST', body: reason ? { reason } : {} });
export const volunteerPersonal = (id: string) =>
  api<{ id: string; name: string; phone: string; idNumber: string | null; healthNote: string | null }>(`/api/volunteers/${enc(id)}/personal`);
export const volunteerConsents = (id: string) => api<Consent[]>(`/api/volunteers/${enc(id)}/consents`);
export const giveConsent = (id: string, body: { purpose: ConsentPurpose; textVersion: string; givenBy?: string; value?: string }) =>
  api<Consent[]>(`/api/volunteers/${enc(id)}/consents`, { method: 'POST', body });
export const withdrawConsent = (id: string, consentId: string, note?: string) =>
  api<Consent[]>(`/api/volunteers/${enc(id)}/consents/${enc(consentId)}/withdraw`, { method: 'POST', body: note ? { note } : {} });
export const volunteerExportUrl = (format: 'xlsx' | 'csv', f: VolunteerFilter) => `/api/volunteers/export.${format}${query(f)}`;
export const VOLUNTEER_TEMPLATE_URL = '/api/volunteers/import-template.xlsx';
export function importVolunteers(file: File, dryRun: boolean): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', file);
  return api<ImportReport>(`/api/volunteers/import?dryRun=${dryRun}`, { method: 'POST', body: form });
}

// ——— expert teams ———

export const TEAM_ROLES = ['leader', 'member'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export interface Team {
  id: string;
  orgId: string;
  org: { code: string; name: BiName };
  name: BiName;
  field: string | null;
  members: number;
  leaders: number;
  createdAt: string;
  updatedAt: string;
}

export interface TeamDetail extends Team {
  memberList: (Volunteer & { teamRole: TeamRole })[];
}

export const listTeams = () => api<Team[]>('/api/volunteer-teams');
export const getTeam = (id: string) => api<TeamDetail>(`/api/volunteer-teams/${enc(id)}`);
export const createTeam = (body: { orgId: string; name: { zh: string; mn?: string | null }; field?: string | null }) => api<TeamDetail>('/api/volunteer-teams', { method: 'POST', body });
export const setTeamMember = (teamId: string, volunteerId: string, role: TeamRole) =>
  api<TeamDetail>(`/api/volunteer-teams/${enc(teamId)}/members/${enc(volunteerId)}`, { method: 'PUT', body: { role } });
export const removeTeamMember = (teamId: string, volunteerId: string) => api<TeamDetail>(`/api/volunteer-teams/${enc(teamId)}/members/${enc(volunteerId)}`, { method: 'DELETE' });
