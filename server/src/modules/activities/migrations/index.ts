import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/migrate.js';

export const activityMigrations: Migrations = {
  '20261201_1010_activities': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('pairings')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('society_org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('banner_org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('since', 'varchar(10)', (c) => c.notNull())
        .addColumn('note', 'varchar(500)')
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('pairings_unique', ['society_org_id', 'banner_org_id'])
        .execute();
      await db.schema.createIndex('pairings_banner').on('pairings').column('banner_org_id').execute();
      await db.schema
        .createTable('activities')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('title_zh', 'varchar(200)', (c) => c.notNull())
        .addColumn('title_mn', 'varchar(400)')
        .addColumn('description', 'varchar(4000)')
        .addColumn('place_org_id', 'varchar(36)', (c) => c.references('orgs.id'))
        .addColumn('place_text', 'varchar(300)')
        .addColumn('starts_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('ends_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull())
        .addColumn('audience', 'varchar(24)', (c) => c.notNull())
        .addColumn('language', 'varchar(8)', (c) => c.notNull())
        .addColumn('pairing_id', 'varchar(36)', (c) => c.references('pairings.id'))
        .addColumn('team_id', 'varchar(36)', (c) => c.references('volunteer_teams.id'))
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('reported_beneficiaries', 'integer')
        .addColumn('reported_by', 'varchar(36)')
        .addColumn('reported_at', 'varchar(30)')
        .addColumn('checkin_key', 'varchar(32)', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('activities_org_start').on('activities').columns(['org_id', 'starts_at']).execute();
      await db.schema.createIndex('activities_place').on('activities').column('place_org_id').execute();
      await db.schema.createIndex('activities_pairing').on('activities').column('pairing_id').execute();
      await db.schema
        .createTable('activity_signups')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('activity_id', 'varchar(36)', (c) => c.notNull().references('activities.id'))
        .addColumn('volunteer_id', 'varchar(36)', (c) => c.notNull().references('volunteers.id'))
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('qr_token', 'varchar(32)', (c) => c.notNull())
        .addColumn('signed_up_by', 'varchar(36)', (c) => c.notNull())
        .addColumn('promoted_at', 'varchar(30)')
        .addColumn('cancelled_at', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('activity_signups_unique', ['activity_id', 'volunteer_id'])
        .execute();
      await db.schema.createIndex('activity_signups_volunteer').on('activity_signups').column('volunteer_id').execute();
      await db.schema
        .createTable('activity_attendance')
        .addColumn('activity_id', 'varchar(36)', (c) => c.notNull().references('activities.id'))
        .addColumn('volunteer_id', 'varchar(36)', (c) => c.notNull().references('volunteers.id'))
        .addColumn('signup_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('checked_in_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('checked_out_at', 'varchar(30)')
        .addColumn('in_nonce', 'varchar(64)', (c) => c.notNull())
        .addColumn('out_nonce', 'varchar(64)')
        .addPrimaryKeyConstraint('activity_attendance_pk', ['activity_id', 'volunteer_id'])
        .execute();
      await db.schema
        .createTable('activity_scans')
        .addColumn('activity_id', 'varchar(36)', (c) => c.notNull().references('activities.id'))
        .addColumn('nonce', 'varchar(64)', (c) => c.notNull())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('signup_id', 'varchar(36)')
        .addColumn('volunteer_id', 'varchar(36)')
        .addColumn('direction', 'varchar(4)', (c) => c.notNull())
        .addColumn('scanned_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('received_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('scanned_by', 'varchar(36)', (c) => c.notNull())
        .addColumn('result', 'varchar(16)', (c) => c.notNull())
        .addColumn('reason', 'varchar(32)')
        .addPrimaryKeyConstraint('activity_scans_pk', ['activity_id', 'nonce'])
        .execute();
      await db.schema
        .createTable('activity_attendees')
        .addColumn('activity_id', 'varchar(36)', (c) => c.notNull().references('activities.id'))
        .addColumn('nonce', 'varchar(64)', (c) => c.notNull())
        .addColumn('at', 'varchar(30)', (c) => c.notNull())
        .addPrimaryKeyConstraint('activity_attendees_pk', ['activity_id', 'nonce'])
        .execute();
      await db.schema
        .createTable('service_hours')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('volunteer_id', 'varchar(36)', (c) => c.notNull().references('volunteers.id'))
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('activity_id', 'varchar(36)', (c) => c.references('activities.id'))
        .addColumn('source', 'varchar(8)', (c) => c.notNull())
        .addColumn('minutes', 'integer', (c) => c.notNull())
        .addColumn('service_date', 'varchar(10)', (c) => c.notNull())
        .addColumn('description', 'varchar(1000)')
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('reported_by', 'varchar(36)')
        .addColumn('decided_by', 'varchar(36)')
        .addColumn('decided_at', 'varchar(30)')
        .addColumn('reason', 'varchar(500)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('service_hours_volunteer').on('service_hours').columns(['volunteer_id', 'status']).execute();
      await db.schema.createIndex('service_hours_org').on('service_hours').columns(['org_id', 'status']).execute();
      await db.schema.createIndex('service_hours_activity').on('service_hours').column('activity_id').execute();
    },
  },
};
