import type { Lang } from '../content/tables.js';

/** One concept of the science-and-technology termbase in the four languages Gerel writes. */
export interface TranslationTermTable {
  id: string;
  org_id: string;
  zh: string;
  mn_mong: string | null;
  mn_cyrl: string | null;
  en: string | null;
  domain: string | null;
  notes: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export const UNIT_ORIGINS = ['aligned', 'manual', 'tmx', 'task'] as const;
export type UnitOrigin = (typeof UNIT_ORIGINS)[number];

/** One sentence pair of the translation memory. */
export interface TranslationUnitTable {
  id: string;
  org_id: string;
  source_lang: Lang;
  target_lang: Lang;
  source_text: string;
  target_text: string;
  /** The resource whose linked versions it was aligned from, if any. */
  resource_id: string | null;
  origin: UnitOrigin;
  /** Order within the alignment of its resource (0 for pairs from elsewhere). */
  position: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export const TASK_STATUSES = ['assigned', 'in_review', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * A request for a resource's version in another language: assigned to a translator, drafted here,
 * submitted as a new version of the resource (through the content module) and reviewed there.
 */
export interface TranslationTaskTable {
  id: string;
  /** The resource's org (tasks are scoped like the resource). */
  org_id: string;
  resource_id: string;
  source_lang: Lang;
  target_lang: Lang;
  /** The source version's title when the task was made, for lists. */
  source_title: string;
  assignee_id: string;
  requested_by: string;
  status: TaskStatus;
  note: string | null;
  draft_title: string | null;
  draft_body: string | null;
  review_note: string | null;
  created_at: string;
  updated_at: string;
}

export interface TranslationTables {
  translation_terms: TranslationTermTable;
  translation_units: TranslationUnitTable;
  translation_tasks: TranslationTaskTable;
}
