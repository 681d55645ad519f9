// Indicators and the work report (issue 8). Types follow the server's route schemas.
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { query, type BiName } from './dissemination';
import type { Me } from './types';

export interface Label {
  zh: string;
  mn: string;
  en: string;
}

export interface Indicator {
  key: string;
  group: 'dissemination' | 'activities' | 'volunteers' | 'organisation' | 'thinktank';
  label: Label;
  unit: Label;
  value: number;
  ratio?: { done: number; total: number };
  parts?: { key: string; label: Label; value: number }[];
  /** The page listing what the figure counts. */
  link: string;
}

export interface IndicatorReport {
  org: { id: string; code: string; name: BiName };
  from: string;
  to: string;
  items: Indicator[];
}

export interface Period {
  from: string;
  to: string;
  orgId?: string;
}

/** Who reads figures and makes reports (the server decides; this only hides what would be refused). */
export const canReport = (me?: Me | null) => !!me?.roles.some((g) => ['admin', 'organizer', 'editor', 'reviewer'].includes(g.role));

export const fetchIndicators = (p: Period) => api<IndicatorReport>(`/api/indicators${query(p)}`);
export const useIndicators = (p: Period) => useQuery({ queryKey: ['indicators', p], queryFn: () => fetchIndicators(p) });

/** The download of the report in one format (a plain link: the browser saves the file). */
export const reportUrl = (format: 'html' | 'pdf' | 'docx', p: Period) => `/api/reports/annual.${format}${query(p)}`;

/** The label in the UI's language (Mongolian, Chinese or English). */
export const labelIn = (l: Label, lang: string) => (lang === 'mn-Mong' ? l.mn : lang === 'en' ? l.en : l.zh);
