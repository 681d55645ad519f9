import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import { newId } from '../db/ids.js';
import { nowIso } from '../db/time.js';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  orgId: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** Writes one audit row inside the caller's transaction, so the record and the change commit together. */
export async function audit(db: Kysely<Database> | Transaction<Database>, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: nowIso(),
      actor_id: e.actorId,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      org_id: e.orgId,
      before_json: e.before === undefined ? null : JSON.stringify(e.before),
      after_json: e.after === undefined ? null : JSON.stringify(e.after),
      ip: e.ip ?? null,
    })
    .execute();
}
