import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/migrate.js';

export const translationMigrations: Migrations = {
  '20261128_2230_translation': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('translation_terms')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('zh', 'varchar(200)', (c) => c.notNull())
        .addColumn('mn_mong', 'varchar(400)')
        .addColumn('mn_cyrl', 'varchar(400)')
        .addColumn('en', 'varchar(400)')
        .addColumn('domain', 'varchar(100)')
        .addColumn('notes', 'varchar(2000)')
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('translation_terms_org_zh').on('translation_terms').columns(['org_id', 'zh']).execute();
      await db.schema
        .createTable('translation_units')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('source_lang', 'varchar(8)', (c) => c.notNull())
        .addColumn('target_lang', 'varchar(8)', (c) => c.notNull())
        .addColumn('source_text', 'text', (c) => c.notNull())
        .addColumn('target_text', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'varchar(36)')
        .addColumn('origin', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('translation_units_pair').on('translation_units').columns(['org_id', 'source_lang', 'target_lang']).execute();
      await db.schema.createIndex('translation_units_resource').on('translation_units').columns(['resource_id']).execute();
    },
  },
  '20261128_2300_translation_tasks': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('translation_tasks')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('resource_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('source_lang', 'varchar(8)', (c) => c.notNull())
        .addColumn('target_lang', 'varchar(8)', (c) => c.notNull())
        .addColumn('source_title', 'varchar(400)', (c) => c.notNull())
        .addColumn('assignee_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('requested_by', 'varchar(36)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('note', 'varchar(2000)')
        .addColumn('draft_title', 'varchar(400)')
        .addColumn('draft_body', 'text')
        .addColumn('review_note', 'varchar(2000)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('translation_tasks_org').on('translation_tasks').columns(['org_id', 'status']).execute();
      await db.schema.createIndex('translation_tasks_assignee').on('translation_tasks').columns(['assignee_id', 'status']).execute();
      await db.schema.createIndex('translation_tasks_resource').on('translation_tasks').columns(['resource_id', 'target_lang']).execute();
    },
  },
  '20261128_2310_translation_units_position': {
    async up(db: Kysely<unknown>) {
      // Where an aligned pair stands in its document, so a resource's pairs list in reading order.
      await db.schema.alterTable('translation_units').addColumn('position', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
  },
};
