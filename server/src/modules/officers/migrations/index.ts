import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/migrate.js';

export const officerMigrations: Migrations = {
  '20261128_1510_officers': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('officers')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('code', 'varchar(16)', (c) => c.notNull().unique())
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('phone', 'varchar(32)', (c) => c.notNull())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('user_id', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('approved_by', 'varchar(36)')
        .addColumn('approved_at', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('officers_org').on('officers').columns(['org_id', 'status']).execute();
      await db.schema.createIndex('officers_phone').on('officers').column('phone').execute();
    },
  },
};
