import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/migrate.js';

const ts = 'varchar(30)';

export const thinktankMigrations: Migrations = {
  '20261128_2300_thinktank': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('tt_experts')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('title', 'varchar(200)')
        .addColumn('workplace', 'varchar(200)')
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('languages', 'varchar(16)', (c) => c.notNull())
        .addColumn('availability', 'varchar(16)', (c) => c.notNull())
        .addColumn('bio', 'text')
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tt_experts_org').on('tt_experts').columns(['org_id', 'name']).execute();

      await db.schema
        .createTable('tt_symposiums')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('title', 'varchar(300)', (c) => c.notNull())
        .addColumn('topic', 'text')
        .addColumn('held_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('place', 'varchar(300)')
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tt_symposiums_org').on('tt_symposiums').columns(['org_id', 'held_on']).execute();

      await db.schema
        .createTable('tt_invitations')
        .addColumn('symposium_id', 'varchar(36)', (c) => c.notNull().references('tt_symposiums.id'))
        .addColumn('expert_id', 'varchar(36)', (c) => c.notNull().references('tt_experts.id'))
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('invited_by', 'varchar(36)', (c) => c.notNull())
        .addColumn('invited_at', ts, (c) => c.notNull())
        .addColumn('answered_at', ts)
        .addPrimaryKeyConstraint('tt_invitations_pk', ['symposium_id', 'expert_id'])
        .execute();

      await db.schema
        .createTable('tt_suggestions')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('author_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('author_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('lang', 'varchar(2)', (c) => c.notNull())
        .addColumn('title', 'varchar(300)', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('category', 'varchar(16)', (c) => c.notNull())
        .addColumn('symposium_id', 'varchar(36)', (c) => c.references('tt_symposiums.id'))
        .addColumn('stage', 'varchar(16)', (c) => c.notNull())
        .addColumn('forwarded_to', 'varchar(200)')
        .addColumn('adopting_body', 'varchar(200)')
        .addColumn('adopted_on', 'varchar(10)')
        .addColumn('instruction_level', 'varchar(16)')
        .addColumn('evidence', 'text')
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tt_suggestions_org').on('tt_suggestions').columns(['org_id', 'stage']).execute();
      await db.schema.createIndex('tt_suggestions_author').on('tt_suggestions').columns(['author_id', 'created_at']).execute();

      await db.schema
        .createTable('tt_suggestion_stages')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('suggestion_id', 'varchar(36)', (c) => c.notNull().references('tt_suggestions.id'))
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('stage', 'varchar(16)', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('actor_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('at', ts, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tt_suggestion_stages_s').on('tt_suggestion_stages').columns(['suggestion_id', 'at']).execute();

      await db.schema
        .createTable('tt_suggestion_files')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('suggestion_id', 'varchar(36)', (c) => c.notNull().references('tt_suggestions.id'))
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('purpose', 'varchar(16)', (c) => c.notNull())
        .addColumn('name', 'varchar(255)', (c) => c.notNull())
        .addColumn('mime', 'varchar(100)', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
        .addColumn('uploaded_by', 'varchar(36)', (c) => c.notNull())
        .addColumn('at', ts, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tt_suggestion_files_s').on('tt_suggestion_files').columns(['suggestion_id', 'at']).execute();

      await db.schema
        .createTable('tt_surveys')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('title', 'varchar(300)', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('questions', 'text', (c) => c.notNull())
        .addColumn('public_key', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('tt_survey_responses')
        .addColumn('survey_id', 'varchar(36)', (c) => c.notNull().references('tt_surveys.id'))
        .addColumn('nonce', 'varchar(64)', (c) => c.notNull())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('at', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('tt_survey_responses_pk', ['survey_id', 'nonce'])
        .execute();
    },
  },
};
