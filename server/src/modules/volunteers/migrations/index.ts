import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/migrate.js';

export const volunteerMigrations: Migrations = {
  '20261201_1000_volunteers': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('volunteers')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('user_id', 'varchar(36)', (c) => c.references('users.id').unique())
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('gender', 'varchar(8)')
        .addColumn('phone', 'varchar(32)', (c) => c.notNull())
        .addColumn('id_number', 'varchar(18)', (c) => c.unique())
        .addColumn('health_note', 'varchar(500)')
        .addColumn('under14', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('skills', 'varchar(1000)', (c) => c.notNull())
        .addColumn('fields', 'varchar(1000)', (c) => c.notNull())
        .addColumn('languages', 'varchar(16)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('source', 'varchar(16)', (c) => c.notNull())
        .addColumn('decided_by', 'varchar(36)')
        .addColumn('decided_at', 'varchar(30)')
        .addColumn('reason', 'varchar(500)')
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('volunteers_org_phone', ['org_id', 'phone'])
        .execute();
      await db.schema.createIndex('volunteers_org_status').on('volunteers').columns(['org_id', 'status']).execute();
      await db.schema
        .createTable('volunteer_consents')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('volunteer_id', 'varchar(36)', (c) => c.notNull().references('volunteers.id'))
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('purpose', 'varchar(16)', (c) => c.notNull())
        .addColumn('text_version', 'varchar(32)', (c) => c.notNull())
        .addColumn('given_by_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('recorded_by', 'varchar(36)')
        .addColumn('channel', 'varchar(16)', (c) => c.notNull())
        .addColumn('given_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('withdrawn_at', 'varchar(30)')
        .addColumn('withdrawn_by', 'varchar(36)')
        .addColumn('withdraw_channel', 'varchar(16)')
        .addColumn('withdraw_note', 'varchar(500)')
        .execute();
      await db.schema.createIndex('volunteer_consents_volunteer').on('volunteer_consents').columns(['volunteer_id', 'purpose']).execute();
      await db.schema
        .createTable('volunteer_teams')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('name_zh', 'varchar(200)', (c) => c.notNull())
        .addColumn('name_mn', 'varchar(400)')
        .addColumn('field', 'varchar(200)')
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('volunteer_teams_org').on('volunteer_teams').column('org_id').execute();
      await db.schema
        .createTable('volunteer_team_members')
        .addColumn('team_id', 'varchar(36)', (c) => c.notNull().references('volunteer_teams.id'))
        .addColumn('volunteer_id', 'varchar(36)', (c) => c.notNull().references('volunteers.id'))
        .addColumn('role', 'varchar(16)', (c) => c.notNull())
        .addColumn('added_at', 'varchar(30)', (c) => c.notNull())
        .addPrimaryKeyConstraint('volunteer_team_members_pk', ['team_id', 'volunteer_id'])
        .execute();
      await db.schema.createIndex('volunteer_team_members_volunteer').on('volunteer_team_members').column('volunteer_id').execute();
    },
  },
};
