import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/migrate.js';

export const contentMigrations: Migrations = {
  '20261128_1300_content': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('resources')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('category', 'varchar(64)')
        .addColumn('tags_json', 'text', (c) => c.notNull())
        .addColumn('audience_json', 'text', (c) => c.notNull())
        .addColumn('source', 'varchar(400)')
        .addColumn('licence', 'varchar(200)')
        .addColumn('link', 'varchar(2000)')
        .addColumn('cover_url', 'varchar(2000)')
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('resources_org').on('resources').columns(['org_id', 'updated_at']).execute();
      await db.schema
        .createTable('resource_versions')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('resource_id', 'varchar(36)', (c) => c.notNull().references('resources.id').onDelete('cascade'))
        .addColumn('lang', 'varchar(16)', (c) => c.notNull())
        .addColumn('title', 'varchar(500)', (c) => c.notNull())
        .addColumn('summary', 'text')
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('body_text', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('publish_at', 'varchar(30)')
        .addColumn('published_at', 'varchar(30)')
        .addColumn('author_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('resource_versions_lang', ['resource_id', 'lang'])
        .execute();
      await db.schema.createIndex('resource_versions_status').on('resource_versions').columns(['status', 'publish_at']).execute();
      await db.schema.createIndex('resource_versions_published').on('resource_versions').columns(['lang', 'published_at']).execute();
      await db.schema
        .createTable('resource_revisions')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('version_id', 'varchar(36)', (c) => c.notNull().references('resource_versions.id').onDelete('cascade'))
        .addColumn('n', 'integer', (c) => c.notNull())
        .addColumn('title', 'varchar(500)', (c) => c.notNull())
        .addColumn('summary', 'text')
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('author_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('resource_revisions_n', ['version_id', 'n'])
        .execute();
      await db.schema
        .createTable('resource_comments')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('version_id', 'varchar(36)', (c) => c.notNull().references('resource_versions.id').onDelete('cascade'))
        .addColumn('author_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('resource_comments_version').on('resource_comments').column('version_id').execute();
      await db.schema
        .createTable('resource_outlets')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('resource_id', 'varchar(36)', (c) => c.notNull().references('resources.id').onDelete('cascade'))
        .addColumn('lang', 'varchar(16)', (c) => c.notNull())
        .addColumn('channel', 'varchar(32)', (c) => c.notNull())
        .addColumn('at', 'varchar(30)', (c) => c.notNull())
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('resource_outlets_resource').on('resource_outlets').columns(['resource_id', 'at']).execute();
    },
  },
};
