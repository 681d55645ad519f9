import type { Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import type { AppContext } from '../../kernel/context.js';
import type { ResourceTable, ResourceVersionTable } from './tables.js';

/**
 * Keeps the search index in step with the resource, inside the same transaction as the change.
 * (Wired to kernel/search once the engine lands; until then the index is not written.)
 */
export async function indexVersions(
  _ctx: AppContext,
  _trx: Transaction<Database>,
  _resource: ResourceTable,
  _versions: ResourceVersionTable[],
): Promise<void> {}
