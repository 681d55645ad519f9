import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import type { MediaTable } from './tables.js';

type Q = Kysely<Database> | Transaction<Database>;

export async function insertMedia(db: Q, row: MediaTable) {
  await db.insertInto('media').values(row).execute();
}

export async function findMedia(db: Q, id: string) {
  return db
    .selectFrom('media')
    .innerJoin('orgs', 'orgs.id', 'media.org_id')
    .selectAll('media')
    .select('orgs.path as org_path')
    .where('media.id', '=', id)
    .executeTakeFirst();
}

export async function markPublished(db: Q, ids: string[]) {
  if (ids.length) await db.updateTable('media').set({ published: 1 }).where('id', 'in', ids).execute();
}
