import type { RowOf } from './fields.js';
import type * as L from './lists/index.js';

type Row<D> = D extends { fields: infer F extends readonly import('./fields.js').FieldDef[] } ? RowOf<F> & { org_id: string } : never;

export interface RegistryHistoryTable {
  id: string;
  list: string;
  row_id: string;
  org_id: string;
  action: 'create' | 'update' | 'delete' | 'import';
  /** JSON of the row's values before and after (personal values masked); null for create / delete. */
  before_json: string | null;
  after_json: string | null;
  actor_id: string | null;
  at: string;
}

export interface RegistryImportJobTable {
  id: string;
  list: string;
  user_id: string;
  phase: 'reading' | 'checking' | 'writing' | 'done' | 'failed';
  bytes_total: number;
  bytes_read: number;
  rows_read: number;
  problems: number;
  created: number;
  created_at: string;
  updated_at: string;
}

/** Each list's table, typed from its definition (booleans are stored as 0/1, dates as YYYY-MM-DD). */
export interface RegistryTables {
  reg_societies: Row<typeof L.societies>;
  reg_society_meetings: Row<typeof L.societyMeetings>;
  reg_grassroots: Row<typeof L.grassroots>;
  reg_heads: Row<typeof L.heads>;
  reg_reform_tasks: Row<typeof L.reformTasks>;
  reg_gov_functions: Row<typeof L.govFunctions>;
  reg_talent: Row<typeof L.talent>;
  reg_workstations: Row<typeof L.workstations>;
  reg_service_stations: Row<typeof L.serviceStations>;
  reg_demands: Row<typeof L.demands>;
  reg_competitions: Row<typeof L.competitions>;
  reg_academic_events: Row<typeof L.academicEvents>;
  reg_delegates: Row<typeof L.delegates>;
  registry_history: RegistryHistoryTable;
  registry_import_jobs: RegistryImportJobTable;
}
