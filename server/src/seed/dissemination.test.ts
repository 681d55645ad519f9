import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../test/harness.js';
import { migrateToLatest } from '../kernel/db/migrate.js';
import { allMigrations } from '../migrations.js';
import type { Db } from '../kernel/db/database.js';
import { seedIfEmpty } from './seed.js';
import { seedDissemination } from './dissemination.js';

let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await openTestDb());
  await migrateToLatest(db, allMigrations);
  await seedIfEmpty(db.kysely, { scale: 'region', adminPassword: 'region-pass-1' });
  await seedDissemination(db, { stations: 300, officers: 2_000, resources: 20, events: 20_000, days: 30 });
}, 120_000);
afterAll(() => drop());

const count = async (table: 'stations' | 'officers' | 'events') =>
  Number((await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const sum = async (table: 'event_rollups' | 'event_area_daily') =>
  Number((await db.kysely.selectFrom(table).select((eb) => eb.fn.sum('n').as('n')).executeTakeFirstOrThrow()).n);

describe('region-scale dissemination data (scaled down)', () => {
  it('creates the stations, officers and events asked for', async () => {
    expect(await count('stations')).toBe(300);
    expect(await count('officers')).toBe(2_000);
    expect(await count('events')).toBe(20_000);
  });

  it('keeps the rollups equal to the events: fine, per area (region counted once per event), per resource and month', async () => {
    expect(await sum('event_rollups')).toBe(20_000);
    const root = await db.kysely.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const regionDaily = await db.kysely.selectFrom('event_area_daily').select((eb) => eb.fn.sum('n').as('n')).where('area_id', '=', root.id).executeTakeFirstOrThrow();
    expect(Number(regionDaily.n)).toBe(20_000);
    const withResource = Number((await db.kysely.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).where('resource_id', '<>', '').executeTakeFirstOrThrow()).n);
    const regionMonthly = await db.kysely.selectFrom('event_area_resource_monthly').select((eb) => eb.fn.sum('n').as('n')).where('area_id', '=', root.id).executeTakeFirstOrThrow();
    expect(Number(regionMonthly.n)).toBe(withResource);
    expect(await sum('event_area_daily')).toBeGreaterThan(20_000);
  });
});
