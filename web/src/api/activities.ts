// Activities (issue 6): lectures, trainings, clinics, tours, exhibitions, contests; sign-up with a
// waiting list, QR check-in (scanner with an offline queue), service hours, certificates, pairings.
import { api } from './client';
import { query, type BiName } from './dissemination';
import type { Me } from './types';

const enc = encodeURIComponent;

export const ACTIVITY_KINDS = ['lecture', 'training', 'clinic', 'tour', 'exhibition', 'contest'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_STATUSES = ['open', 'closed', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const DELIVERY_LANGUAGES = ['mn', 'zh', 'both'] as const;
export type DeliveryLanguage = (typeof DELIVERY_LANGUAGES)[number];
export const AUDIENCES = ['public', 'farmers_herders', 'students', 'teachers', 'elderly', 'women', 'cadres', 'workers', 'enterprise'] as const;
export type Audience = (typeof AUDIENCES)[number];
export type SignupStatus = 'confirmed' | 'waitlisted' | 'cancelled';
export type HoursStatus = 'pending' | 'approved' | 'rejected';

const hasRole = (me: Me | null | undefined, ...roles: string[]) => !!me?.roles.some((g) => roles.includes(g.role));
export const canActivities = {
  see: (me?: Me | null) => (me?.roles.length ?? 0) > 0,
  manage: (me?: Me | null) => hasRole(me, 'admin', 'organizer'),
};

export interface Activity {
  id: string;
  kind: ActivityKind;
  title: BiName;
  description: string | null;
  orgId: string;
  org: { code: string; name: BiName };
  place: { orgId: string; code: string; name: BiName } | null;
  placeText: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  audience: Audience;
  language: DeliveryLanguage;
  pairingId: string | null;
  teamId: string | null;
  status: ActivityStatus;
  signups: { confirmed: number; waitlisted: number };
  attendance: { checkedIn: number; checkedOut: number };
  beneficiaries: { counted: number; reported: number | null };
  canManage: boolean;
}

export interface ActivityInput {
  orgId: string;
  kind: ActivityKind;
  title: { zh: string; mn?: string | null };
  description?: string | null;
  placeOrgId?: string | null;
  placeText?: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  audience: Audience;
  language: DeliveryLanguage;
  pairingId?: string | null;
}

export interface Signup {
  id: string;
  activityId: string;
  volunteer: { id: string; name: string; phone: string; orgName: BiName };
  status: SignupStatus;
  position: number | null;
  createdAt: string;
  promotedAt: string | null;
  cancelledAt: string | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
}

export interface MySignup {
  id: string;
  status: SignupStatus;
  position: number | null;
  activity: Activity;
  qrPayload: string | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
}

export interface ActivityFilter {
  orgId?: string;
  kind?: ActivityKind;
  status?: ActivityStatus;
  q?: string;
  pairingId?: string;
}

export const listActivities = (f: ActivityFilter & { limit?: number; offset?: number }) => api<{ items: Activity[]; total: number }>(`/api/activities${query(f)}`);
export const getActivity = (id: string) => api<Activity>(`/api/activities/${enc(id)}`);
export const createActivity = (input: ActivityInput) => api<Activity>('/api/activities', { method: 'POST', body: input });
export const updateActivity = (id: string, input: Partial<ActivityInput> & { status?: ActivityStatus }) => api<Activity>(`/api/activities/${enc(id)}`, { method: 'PATCH', body: input });
export const activitySignups = (id: string) => api<Signup[]>(`/api/activities/${enc(id)}/signups`);
export const addSignup = (id: string, volunteerId: string) => api<Signup[]>(`/api/activities/${enc(id)}/signups`, { method: 'POST', body: { volunteerId } });
export const cancelSignup = (signupId: string) => api<{ cancelled: string; promoted: string[] }>(`/api/activities/signups/${enc(signupId)}/cancel`, { method: 'POST', body: {} });
export const reportBeneficiaries = (id: string, reported: number | null) => api<Activity>(`/api/activities/${enc(id)}/beneficiaries`, { method: 'PUT', body: { reported } });
export const venueQr = (id: string) => api<{ url: string; svg: string }>(`/api/activities/${enc(id)}/venue-qr`);
export const openActivities = () => api<{ volunteerStatus: string; items: (Activity & { mySignup: SignupStatus | null })[] }>('/api/activities/open');
export const mySignups = () => api<MySignup[]>('/api/activities/me/signups');
export const signUp = (id: string) => api<MySignup>(`/api/activities/${enc(id)}/signup`, { method: 'POST', body: {} });
export const signupQrUrl = (signupId: string) => `/api/activities/signups/${enc(signupId)}/qr.svg`;
export const attend = (id: string, k: string, nonce: string) =>
  api<{ counted: boolean; title: BiName; startsAt: string }>(`/api/public/activities/${enc(id)}/attend`, { method: 'POST', body: { k, nonce } });

// ——— scans ———

export interface ScanInput {
  nonce: string;
  activityId: string;
  payload: string;
  direction: 'in' | 'out';
  scannedAt: string;
}

export interface ScanOutcome {
  nonce: string;
  activityId: string;
  direction: 'in' | 'out';
  result: 'counted' | 'duplicate' | 'rejected';
  reason: string | null;
  replayed: boolean;
  volunteer: { id: string; name: string } | null;
}

export const sendScans = (scans: ScanInput[]) => api<{ results: ScanOutcome[] }>('/api/activities/scans', { method: 'POST', body: { scans } });

// ——— service hours ———

export interface Hours {
  id: string;
  volunteer: { id: string; name: string };
  orgId: string;
  orgName: BiName;
  activity: { id: string; title: BiName; kind: string } | null;
  source: 'scan' | 'self';
  minutes: number;
  serviceDate: string;
  description: string | null;
  status: HoursStatus;
  reason: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export const listHours = (f: { status?: HoursStatus; activityId?: string; limit?: number; offset?: number }) => api<{ items: Hours[]; total: number }>(`/api/service-hours${query(f)}`);
export const reportHours = (body: { activityId?: string | null; minutes: number; serviceDate?: string; description?: string | null }) => api<Hours>('/api/service-hours', { method: 'POST', body });
export const decideHours = (id: string, action: 'approve' | 'reject', body: { minutes?: number; reason?: string } = {}) => api<Hours>(`/api/service-hours/${enc(id)}/${action}`, { method: 'POST', body });
export const myHours = () => api<{ volunteerId: string; approvedMinutes: number; pendingMinutes: number; items: Hours[] }>('/api/service-hours/me');
export const MY_CERTIFICATE_URL = '/api/service-hours/me/certificate.pdf';
export const certificateUrl = (volunteerId: string) => `/api/service-hours/volunteers/${enc(volunteerId)}/certificate.pdf`;
export const hoursText = (minutes: number) => (minutes / 60).toFixed(1);

// ——— pairings ———

export interface Pairing {
  id: string;
  society: { id: string; code: string; name: BiName };
  banner: { id: string; code: string; name: BiName };
  since: string;
  note: string | null;
  status: 'active' | 'ended';
  produced: { activities: number; checkedIn: number; beneficiariesCounted: number; beneficiariesReported: number };
  canManage: boolean;
}

export const listPairings = () => api<Pairing[]>('/api/pairings');
export const createPairing = (body: { societyOrgId: string; bannerOrgId: string; since?: string; note?: string | null }) => api<Pairing>('/api/pairings', { method: 'POST', body });
export const updatePairing = (id: string, body: { status?: 'active' | 'ended'; note?: string | null }) => api<Pairing>(`/api/pairings/${enc(id)}`, { method: 'PATCH', body });
