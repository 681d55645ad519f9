import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/migrate.js';

export const officeMigrations: Migrations = {
  '20261128_2320_office_documents': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('office_documents')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('layout', 'varchar(16)', (c) => c.notNull())
        .addColumn('issuer_zh', 'varchar(200)', (c) => c.notNull())
        .addColumn('issuer_mn', 'varchar(400)')
        .addColumn('number_prefix', 'varchar(32)', (c) => c.notNull())
        .addColumn('year', 'integer')
        .addColumn('seq', 'integer')
        .addColumn('title_zh', 'varchar(400)', (c) => c.notNull())
        .addColumn('title_mn', 'varchar(800)')
        .addColumn('body_zh', 'text', (c) => c.notNull())
        .addColumn('body_mn', 'text')
        .addColumn('recipients', 'varchar(400)')
        .addColumn('attachments_json', 'text', (c) => c.notNull())
        .addColumn('approvals_json', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(24)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
        .addColumn('issued_at', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      // The register: one number per org, agency code and year.
      await db.schema.createIndex('office_documents_number').unique().on('office_documents').columns(['org_id', 'number_prefix', 'year', 'seq']).execute();
      await db.schema.createIndex('office_documents_org').on('office_documents').columns(['org_id', 'status']).execute();
    },
  },
};
