import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
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
  /**
   * Rollups keyed for how dashboards read them (ADR 0006): every table leads with the org or area, then
   * the kind, then the day, so a dashboard reads one contiguous range per org instead of seeking
   * through every day. Station uptime gets its own small table of heartbeats per station and day.
   */
  '20261129_0900_event_rollups_by_org': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('station_heartbeats_daily')
        .addColumn('station_code', 'varchar(32)', (c) => c.notNull())
        .addColumn('day', 'varchar(10)', (c) => c.notNull())
        .addColumn('n', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('station_heartbeats_daily_pk', ['station_code', 'day'])
        .execute();
      await sql`insert into station_heartbeats_daily (station_code, day, n)
        select station_code, day, sum(n) from event_rollups where kind = 'heartbeat' and station_code <> '' group by station_code, day`.execute(db);
      await rekey(db, 'event_rollups', ['org_id', 'kind', 'day', 'resource_id', 'officer_code', 'station_code', 'channel'], {
        org_id: 'varchar(36)',
        kind: 'varchar(16)',
        day: 'varchar(10)',
        resource_id: 'varchar(36)',
        officer_code: 'varchar(16)',
        station_code: 'varchar(32)',
        channel: 'varchar(32)',
      });
      await rekey(db, 'event_area_daily', ['area_id', 'kind', 'day', 'channel'], {
        area_id: 'varchar(36)',
        kind: 'varchar(16)',
        day: 'varchar(10)',
        channel: 'varchar(32)',
      });
      await rekey(db, 'event_area_resource_monthly', ['area_id', 'kind', 'month', 'resource_id'], {
        area_id: 'varchar(36)',
        kind: 'varchar(16)',
        month: 'varchar(7)',
        resource_id: 'varchar(36)',
      });
    },
  },
};

/** Rebuilds a count table (key columns + n) with a new primary key order, keeping its rows. */
async function rekey(db: Kysely<unknown>, table: string, key: string[], types: Record<string, 'varchar(7)' | 'varchar(10)' | 'varchar(16)' | 'varchar(32)' | 'varchar(36)'>) {
  const old = `${table}_old`;
  await db.schema.alterTable(table).renameTo(old).execute();
  // Column names are only known at run time here; the builder's typed column list cannot follow them.
  let create = db.schema.createTable(table) as unknown as CreateTableBuilder<string, string>;
  for (const c of key) create = create.addColumn(c, types[c]!, (col) => col.notNull());
  await create.addColumn('n', 'bigint', (c) => c.notNull()).addPrimaryKeyConstraint(`${table}_key`, key).execute();
  const cols = sql.raw([...key, 'n'].join(', '));
  await sql`insert into ${sql.table(table)} (${cols}) select ${cols} from ${sql.table(old)}`.execute(db);
  await db.schema.dropTable(old).execute();
}
