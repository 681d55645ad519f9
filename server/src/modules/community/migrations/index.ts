import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/migrate.js';

export const communityMigrations: Migrations = {
  '20261128_2230_community': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('community_profiles')
        .addColumn('user_id', 'varchar(36)', (c) => c.primaryKey().references('users.id'))
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('field', 'varchar(100)')
        .addColumn('title', 'varchar(100)')
        .addColumn('languages_json', 'text', (c) => c.notNull())
        .addColumn('bio', 'text')
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('community_profiles_org').on('community_profiles').columns(['org_id']).execute();
      await db.schema
        .createTable('community_follows')
        .addColumn('follower_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('followee_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addPrimaryKeyConstraint('community_follows_pk', ['follower_id', 'followee_id'])
        .execute();
      await db.schema.createIndex('community_follows_followee').on('community_follows').columns(['followee_id']).execute();
      await db.schema
        .createTable('community_moderators')
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addPrimaryKeyConstraint('community_moderators_pk', ['org_id', 'user_id'])
        .execute();
      await db.schema
        .createTable('community_posts')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('parent_id', 'varchar(36)', (c) => c.references('community_posts.id'))
        .addColumn('author_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('category', 'varchar(32)', (c) => c.notNull())
        .addColumn('title', 'varchar(400)')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('mentions_json', 'text', (c) => c.notNull())
        .addColumn('attachments_json', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('held_for_json', 'text', (c) => c.notNull())
        .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('last_activity_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('community_posts_space').on('community_posts').columns(['org_id', 'parent_id', 'last_activity_at']).execute();
      await db.schema.createIndex('community_posts_parent').on('community_posts').columns(['parent_id', 'created_at']).execute();
      await db.schema
        .createTable('community_reports')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('post_id', 'varchar(36)', (c) => c.notNull().references('community_posts.id'))
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('reporter_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('reason', 'varchar(500)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('resolved_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('resolved_at', 'varchar(30)')
        .execute();
      await db.schema.createIndex('community_reports_org').on('community_reports').columns(['org_id', 'status']).execute();
      await db.schema
        .createTable('moderation_keywords')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('word', 'varchar(100)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('moderation_keywords_word', ['org_id', 'word'])
        .execute();
    },
  },
  // A space's setting (absent row: the whole subtree belongs) and when a post's text was last edited by its author.
  '20261129_0010_community_spaces': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('community_spaces')
        .addColumn('org_id', 'varchar(36)', (c) => c.primaryKey().references('orgs.id'))
        .addColumn('include_subtree', 'integer', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('community_posts').addColumn('edited_at', 'varchar(30)').execute();
    },
  },
};
