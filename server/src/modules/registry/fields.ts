import type { Role } from '../../kernel/scope/roles.js';
import type { OrgKind } from '../orgs/tables.js';

/**
 * The vocabulary of a registry list: every list (societies, reform tasks, competitions …) is one
 * `ListDef` naming its fields; one engine validates, stores, imports and exports them all. Labels
 * here are the spreadsheet headers and the words of error messages (Chinese and English); the UI
 * shows the same labels from its catalogs (keys `reg.<list>.<field>`, checked equal by a test).
 */
export const FIELD_TYPES = ['text', 'longtext', 'integer', 'decimal', 'date', 'boolean', 'enum', 'org', 'person', 'phone', 'idnumber'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface Label {
  zh: string;
  en: string;
}

export interface EnumValue extends Label {
  key: string;
}

interface Common extends Label {
  /** Column name in the list's table, key in the API and in the UI catalogs. */
  key: string;
  required?: boolean;
  /** Personal data: masked in lists, exports, history and the audit log; in full only through the audited personal view. */
  personal?: boolean;
  /** Offered as a list filter: enum and boolean by value, date and numbers by range. */
  filter?: boolean;
  /** Shown as a column of the list table (the form shows every field). */
  column?: boolean;
  /** A line for the template's help sheet. */
  note?: Label;
}

export type TextField = Common & { type: 'text' | 'longtext' | 'person'; max?: number };
export type NumberField = Common & { type: 'integer' | 'decimal'; min?: number; max?: number };
export type PlainField = Common & { type: 'date' | 'boolean' | 'phone' | 'idnumber' };
export type EnumField = Common & { type: 'enum'; values: readonly EnumValue[] };
export type OrgField = Common & { type: 'org'; kinds?: readonly OrgKind[] };
export type FieldDef = TextField | NumberField | PlainField | EnumField | OrgField;

/** A stored value as the API speaks it: booleans as booleans, dates as YYYY-MM-DD, enums by key, orgs by id. */
export type Value = string | number | boolean | null;
export type Values = Record<string, Value>;

/** A problem a list's own rule finds in a (whole, merged) row. `problem` names an error code `registry.problem.<problem>`. */
export interface RuleProblem {
  field: string;
  problem: string;
  params?: Record<string, string | number>;
  /** Another field the message names (as `{other}`, in the message's language). */
  other?: string;
}

export interface ListDef<F extends readonly FieldDef[] = readonly FieldDef[]> extends Label {
  /** The list's name in URLs and catalogs. */
  key: string;
  /** Its own table, spelled out in migrations/. */
  table: string;
  /** The first field is always `org_id`: the org the row belongs to, the scope boundary. */
  fields: F;
  /** The field that names a row (history, titles). */
  title: F[number]['key'];
  /** Rows are unique by org_id plus these fields (checked before writing, enforced by an index). */
  unique?: readonly F[number]['key'][];
  /** Who may write in the subtree of the row's org (default admin, organizer). Readers: any role there. */
  writers?: readonly Role[];
  /** Cross-field rules on the whole row (after each field is valid on its own). `today` is the local day. */
  rules?: (v: Values, today: string) => RuleProblem[];
  /** Which changes of a status field an edit may make (new rows may start in any state). */
  transitions?: { field: F[number]['key']; allowed: Readonly<Record<string, readonly string[]>> };
  /** The summary's headline: rows with `field = value` out of all rows ("55 of 60 = 91 %"). */
  headline?: { field: F[number]['key']; value: string };
  /** Default order of the list. */
  order: { field: F[number]['key']; dir: 'asc' | 'desc' };
}

/** Declares a list with its field keys kept as literal types (so tables.ts can derive the row type). */
export function defineList<const F extends readonly FieldDef[]>(def: ListDef<F>): ListDef<F> {
  return def;
}

/** The `org_id` field every list starts with. */
export function ownerField<const K extends readonly OrgKind[]>(label: Label, kinds?: K) {
  return { key: 'org_id', type: 'org', required: true, filter: true, column: true, zh: label.zh, en: label.en, ...(kinds ? { kinds } : {}) } as const;
}

const YES_WORDS = ['是', '有', 'y', 'yes', 'true', '1', '√', '✓', '已'];
const NO_WORDS = ['否', '无', '没有', 'n', 'no', 'false', '0', '×', '未'];
/** A yes/no as people write it in a sheet; undefined when it is neither. */
export function parseYesNo(s: string): boolean | undefined {
  const t = s.trim().toLowerCase();
  if (YES_WORDS.includes(t)) return true;
  if (NO_WORDS.includes(t)) return false;
  return undefined;
}

/** Row type of a list's table, derived from its definition: what tables.ts gives to Kysely. */
type ColumnOf<T extends FieldType> = T extends 'integer' | 'decimal' | 'boolean' ? number : string;
export type RowOf<F extends readonly FieldDef[]> = {
  id: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
} & { [D in F[number] as D['key']]: D extends { required: true } ? ColumnOf<D['type']> : ColumnOf<D['type']> | null };
