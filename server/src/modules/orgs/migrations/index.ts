import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/migrate.js';

export const orgMigrations: Migrations = {
  '20261128_1000_orgs': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('orgs')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
        .addColumn('kind', 'varchar(32)', (c) => c.notNull())
        .addColumn('parent_id', 'varchar(36)', (c) => c.references('orgs.id'))
        .addColumn('path', 'varchar(1024)', (c) => c.notNull())
        .addColumn('depth', 'integer', (c) => c.notNull())
        .addColumn('name_zh', 'varchar(200)', (c) => c.notNull())
        .addColumn('name_mn', 'varchar(400)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('orgs_parent').on('orgs').column('parent_id').execute();
      await db.schema.createIndex('orgs_path').on('orgs').column('path').execute();
    },
  },
};
