// Dissemination (issue 5): e-stations, science information officers, today's picks, event counts
// and the leaderboard. Types follow the server's route schemas.
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Me } from './types';

const enc = encodeURIComponent;

export function query(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface BiName {
  zh: string;
  mn: string | null;
}

// ——— who may do what (the server decides; this only hides what would be refused) ———

const hasRole = (me: Me | null | undefined, ...roles: string[]) => !!me?.roles.some((g) => roles.includes(g.role));
export const STAFF_ROLES = ['admin', 'organizer', 'editor', 'reviewer'] as const;

export const can = {
  seeStations: (me?: Me | null) => hasRole(me, ...STAFF_ROLES),
  manageStations: (me?: Me | null) => hasRole(me, 'admin', 'organizer'),
  seeOfficers: (me?: Me | null) => hasRole(me, ...STAFF_ROLES),
  manageOfficers: (me?: Me | null) => hasRole(me, 'admin'),
  pick: (me?: Me | null) => hasRole(me, 'admin'),
  seeDashboard: (me?: Me | null) => hasRole(me, ...STAFF_ROLES),
  seeLeaderboard: (me?: Me | null) => hasRole(me, ...STAFF_ROLES, 'officer'),
  beOfficer: (me?: Me | null) => hasRole(me, 'officer'),
};

// ——— stations ———

export const STATION_KINDS = ['screen', 'kiosk', 'reading_room'] as const;
export type StationKind = (typeof STATION_KINDS)[number];
export const STATION_STATUSES = ['active', 'inactive', 'retired'] as const;
export type StationStatus = (typeof STATION_STATUSES)[number];

export interface Station {
  id: string;
  code: string;
  name: BiName;
  orgId: string;
  org: { code: string; name: BiName };
  place: string | null;
  kind: StationKind;
  owner: { name: string | null; phone: string | null; phoneMasked: boolean };
  status: StationStatus;
  lastHeartbeatAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StationFilter {
  orgId?: string;
  status?: StationStatus;
  kind?: StationKind;
  q?: string;
  silentHours?: number;
}

export interface StationInput {
  code?: string;
  name: { zh: string; mn?: string | null };
  orgId: string;
  place?: string | null;
  kind: StationKind;
  owner?: { name?: string | null; phone?: string | null };
  status?: StationStatus;
}

export interface ImportReport {
  rows: number;
  valid: number;
  errors: { row: number; column: string; problem: string; message?: string; messages?: { zh: string; en: string } }[];
  created: number;
}

export const listStations = (f: StationFilter & { limit?: number; offset?: number }) =>
  api<{ items: Station[]; total: number }>(`/api/stations${query(f)}`);
export const createStation = (input: StationInput) => api<Station>('/api/stations', { method: 'POST', body: input });
export const updateStation = (id: string, input: Partial<StationInput>) =>
  api<Station>(`/api/stations/${enc(id)}`, { method: 'PATCH', body: input });
export const stationContact = (id: string) =>
  api<{ name: string | null; phone: string | null }>(`/api/stations/${enc(id)}/contact`);
export const stationUptime = (id: string, from?: string, to?: string) =>
  api<{ day: string; heartbeats: number; minutes: number }[]>(`/api/stations/${enc(id)}/uptime${query({ from, to })}`);
export const stationExportUrl = (format: 'xlsx' | 'csv', f: StationFilter) => `/api/stations/export.${format}${query(f)}`;
export const dashboardExportUrl = (format: 'xlsx' | 'csv', r: Range) => `/api/dissemination/export.${format}${query(r)}`;
export const STATION_TEMPLATE_URL = '/api/stations/import-template.xlsx';

function upload<T>(path: string, file: File, dryRun: boolean): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  return api<T>(`${path}?dryRun=${dryRun}`, { method: 'POST', body: form });
}
export const importStations = (file: File, dryRun: boolean) => upload<ImportReport>('/api/stations/import', file, dryRun);

// ——— officers ———

export const OFFICER_STATUSES = ['pending', 'approved', 'rejected', 'suspended'] as const;
export type OfficerStatus = (typeof OFFICER_STATUSES)[number];

export interface OfficerRow {
  id: string;
  code: string;
  name: string;
  phone: string;
  orgId: string;
  orgName: BiName;
  status: OfficerStatus;
}

export interface Points {
  points: number;
  shareOpens: number;
  reads: number;
  reshareOpens: number;
}

export interface OfficerMe extends OfficerRow {
  approvedAt: string | null;
  createdAt: string;
  hasAccount: boolean;
  canContact: boolean;
  today: { day: string } & Points;
}

export interface MyPick {
  resourceId: string;
  day: string;
  kind: string;
  coverUrl: string | null;
  versions: { lang: string; title: string; summary: string | null; publishedAt: string | null }[];
  shareUrl: string;
  posterUrl: string;
}

export const listOfficers = (f: { status?: OfficerStatus; limit?: number; offset?: number }) =>
  api<{ items: OfficerRow[]; total: number }>(`/api/officers${query(f)}`);
export const decideOfficer = (id: string, action: 'approve' | 'reject' | 'suspend', reason?: string) =>
  api<OfficerRow & { username: string | null }>(`/api/officers/${enc(id)}/${action}`, { method: 'POST', body: reason ? { reason } : {} });
export const officerContact = (id: string) => api<{ id: string; name: string; phone: string }>(`/api/officers/${enc(id)}/contact`);
export const importOfficers = (file: File, dryRun: boolean) => upload<ImportReport>('/api/officers/import', file, dryRun);
export const fetchOfficerMe = () => api<OfficerMe>('/api/officers/me');
export const fetchMyPicks = (day?: string) => api<{ day: string; officerCode: string; items: MyPick[] }>(`/api/officers/me/picks${query({ day })}`);
export const fetchMyPoints = (from: string, to: string) =>
  api<{ from: string; to: string; dailyCap: number; pointsPerAction: Record<string, number>; days: ({ day: string } & Points)[] } & Points>(
    `/api/officers/me/points${query({ from, to })}`,
  );

export interface Pick {
  id: string;
  resourceId: string;
  orgId: string;
  day: string;
  createdAt: string;
}
export const listPicks = (day: string) => api<Pick[]>(`/api/officers/picks${query({ day })}`);
export const addPick = (input: { resourceId: string; orgId: string; day: string }) =>
  api<Pick>('/api/officers/picks', { method: 'POST', body: input });
export const deletePick = (id: string) => api<void>(`/api/officers/picks/${enc(id)}`, { method: 'DELETE' });

export interface Leaderboard {
  orgId: string;
  enabled: boolean;
  from: string;
  to: string;
  items: ({ rank: number; officerId: string; name: string; orgId: string; orgName: BiName } & Points)[];
}
export const fetchLeaderboard = (orgId: string, from: string, to: string) =>
  api<Leaderboard>(`/api/officers/leaderboard${query({ orgId, from, to })}`);
export const setLeaderboard = (orgId: string, enabled: boolean) =>
  api<{ orgId: string; enabled: boolean }>('/api/officers/leaderboard-settings', { method: 'PATCH', body: { orgId, enabled } });

// ——— counts ———

export const EVENT_KINDS = ['view', 'click', 'share-open', 'read', 'heartbeat'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface Totals {
  views: number;
  clicks: number;
  shareOpens: number;
  reads: number;
  heartbeats: number;
}
export interface Range {
  from: string;
  to: string;
  orgId?: string;
}
export const fetchTotals = (r: Range) => api<Totals>(`/api/dissemination/totals${query(r)}`);
export const fetchTrend = (r: Range, kind: EventKind) => api<{ day: string; n: number }[]>(`/api/dissemination/trend${query({ ...r, kind })}`);
export interface TopResource {
  resourceId: string;
  n: number;
  title: { zh: string | null; mn: string | null };
}

export const fetchTopResources = (r: Range, kind: EventKind, limit = 10) =>
  api<TopResource[]>(`/api/dissemination/top-resources${query({ ...r, kind, limit })}`);
export const fetchByBanner = (r: Range, kind: EventKind) =>
  api<{ orgId: string; name: BiName; n: number }[]>(`/api/dissemination/by-banner${query({ ...r, kind })}`);

/** Today in Inner Mongolia (UTC+8): the server counts events, uptime and points by these days. */
export const todayUtc8 = (offsetDays = 0) => new Date(Date.now() + 8 * 3600e3 + offsetDays * 86_400e3).toISOString().slice(0, 10);

export function useTotals(r: Range) {
  return useQuery({ queryKey: ['dissemination', 'totals', r], queryFn: () => fetchTotals(r) });
}
