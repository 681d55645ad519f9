import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import * as store from './store.js';

/** Officers by public code with their org and status (for attributing events), one query. */
export async function officersByCodes(db: Kysely<Database> | Transaction<Database>, codes: string[]) {
  const rows = await store.byCodes(db, [...new Set(codes)]);
  return new Map(rows.map((r) => [r.code, { id: r.id, orgId: r.org_id, status: r.status, userId: r.user_id }]));
}
