import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/migrate.js';

export const stationMigrations: Migrations = {
  '20261128_1500_stations': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('stations')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
        .addColumn('name_zh', 'varchar(200)', (c) => c.notNull())
        .addColumn('name_mn', 'varchar(400)')
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('place', 'varchar(300)')
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('owner_name', 'varchar(100)')
        .addColumn('owner_phone', 'varchar(32)')
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('last_heartbeat_at', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('stations_org').on('stations').columns(['org_id', 'code']).execute();
    },
  },
};
