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
  '20261130_1000_officers_attribution': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('officer_applications')
        .addColumn('officer_id', 'varchar(36)', (c) => c.primaryKey().references('officers.id'))
        .addColumn('password_hash', 'varchar(200)')
        .addColumn('source', 'varchar(16)', (c) => c.notNull())
        .addColumn('reason', 'varchar(500)')
        .execute();
      await db.schema
        .createTable('officer_picks')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('resource_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('day', 'varchar(10)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('officer_picks_unique', ['day', 'org_id', 'resource_id'])
        .execute();
      await db.schema
        .createTable('officer_devices')
        .addColumn('officer_id', 'varchar(36)', (c) => c.notNull().references('officers.id'))
        .addColumn('device_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('seen_at', 'varchar(30)', (c) => c.notNull())
        .addPrimaryKeyConstraint('officer_devices_pk', ['officer_id', 'device_hash'])
        .execute();
      await db.schema
        .createTable('officer_attributions')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('officer_id', 'varchar(36)', (c) => c.notNull().references('officers.id'))
        .addColumn('officer_code', 'varchar(16)', (c) => c.notNull())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('resource_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('parent_id', 'varchar(36)')
        .addColumn('ref', 'varchar(16)', (c) => c.unique())
        .addColumn('device_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('client_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('channel', 'varchar(32)', (c) => c.notNull())
        .addColumn('at', 'varchar(30)', (c) => c.notNull())
        .addColumn('day', 'varchar(10)', (c) => c.notNull())
        .execute();
      // Repeat checks: this officer's link for this resource on this device (or client), newest first.
      await db.schema.createIndex('officer_attr_device').on('officer_attributions').columns(['officer_id', 'resource_id', 'device_hash', 'at']).execute();
      await db.schema.createIndex('officer_attr_client').on('officer_attributions').columns(['officer_id', 'resource_id', 'client_hash', 'at']).execute();
      // Points and leaderboards: by org subtree and day, per officer.
      await db.schema.createIndex('officer_attr_org_day').on('officer_attributions').columns(['org_id', 'day']).execute();
      await db.schema.createIndex('officer_attr_officer_day').on('officer_attributions').columns(['officer_id', 'day']).execute();
      await db.schema
        .createTable('officer_leaderboard_settings')
        .addColumn('org_id', 'varchar(36)', (c) => c.primaryKey().references('orgs.id'))
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(36)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
    },
  },
};
