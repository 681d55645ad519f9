export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  org_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
}

export interface KernelTables {
  audit_log: AuditLogTable;
}
