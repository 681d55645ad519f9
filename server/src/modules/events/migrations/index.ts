import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/migrate.js';

export const eventMigrations: Migrations = {
  '20261128_1520_events': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('events')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('resource_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('station_code', 'varchar(32)', (c) => c.notNull())
        .addColumn('officer_code', 'varchar(16)', (c) => c.notNull())
        .addColumn('channel', 'varchar(32)', (c) => c.notNull())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('at', 'varchar(30)', (c) => c.notNull())
        .addColumn('day', 'varchar(10)', (c) => c.notNull())
        .addColumn('received_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('event_rollups')
        .addColumn('day', 'varchar(10)', (c) => c.notNull())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('resource_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('officer_code', 'varchar(16)', (c) => c.notNull())
        .addColumn('station_code', 'varchar(32)', (c) => c.notNull())
        .addColumn('channel', 'varchar(32)', (c) => c.notNull())
        .addColumn('n', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_rollups_pk', ['day', 'kind', 'org_id', 'resource_id', 'officer_code', 'station_code', 'channel'])
        .execute();
      // Dashboards read by org and day range.
      await db.schema.createIndex('event_rollups_org_day').on('event_rollups').columns(['org_id', 'day', 'kind']).execute();
      await db.schema.createIndex('event_rollups_station').on('event_rollups').columns(['station_code', 'day']).execute();
      await db.schema
        .createTable('event_area_daily')
        .addColumn('area_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('day', 'varchar(10)', (c) => c.notNull())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('channel', 'varchar(32)', (c) => c.notNull())
        .addColumn('n', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_area_daily_pk', ['area_id', 'day', 'kind', 'channel'])
        .execute();
      await db.schema
        .createTable('event_area_resource_monthly')
        .addColumn('area_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('month', 'varchar(7)', (c) => c.notNull())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('resource_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('n', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_area_resource_monthly_pk', ['area_id', 'month', 'kind', 'resource_id'])
        .execute();
    },
  },
};
