import type { Kysely } from 'kysely';
import type { Migrations } from './migrate.js';

export const kernelMigrations: Migrations = {
  '20261128_0900_kernel': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('at', 'varchar(30)', (c) => c.notNull())
        .addColumn('actor_id', 'varchar(36)')
        .addColumn('action', 'varchar(64)', (c) => c.notNull())
        .addColumn('entity', 'varchar(64)', (c) => c.notNull())
        .addColumn('entity_id', 'varchar(64)')
        .addColumn('org_id', 'varchar(36)')
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .addColumn('ip', 'varchar(64)')
        .execute();
      await db.schema.createIndex('audit_log_org_at').on('audit_log').columns(['org_id', 'at']).execute();
      await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
    },
  },
};
