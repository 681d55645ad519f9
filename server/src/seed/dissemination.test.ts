import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../test/harness.js';
import { migrateToLatest } from '../kernel/db/migrate.js';
import { allMigrations } from '../migrations.js';
import type { Db } from '../kernel/db/database.js';
import { seedIfEmpty } from './seed.js';
import { seedDissemination } from './dissemination.js';
import { areasFromPath, rollupDeltas } from '../modules/events/writer.js';

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
describe('region-scale dissemination data (scaled down)', () => {
  it('creates the stations, officers and events asked for', async () => {
    expect(await count('stations')).toBe(300);
    expect(await count('officers')).toBe(2_000);
    expect(await count('events')).toBe(20_000);
  });

  it('writes exactly the rollups the live writer would have kept for the same events', async () => {
    const k = db.kysely;
    const events = await k.selectFrom('events').selectAll().execute();
    const orgs = await k.selectFrom('orgs').select(['id', 'path']).execute();
    const expected = rollupDeltas(events, new Map(orgs.map((o) => [o.id, areasFromPath(o.path)])));
    const key = (r: object) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)).map(([c, v]) => [c, c === 'n' ? Number(v) : v]));
    const same = (actual: object[], want: object[]) => expect(actual.map(key).sort()).toEqual(want.map(key).sort());
    same(await k.selectFrom('event_rollups').selectAll().execute(), expected.fine);
    same(await k.selectFrom('event_area_daily').selectAll().execute(), expected.daily);
    same(await k.selectFrom('event_area_resource_monthly').selectAll().execute(), expected.monthly);
    same(await k.selectFrom('station_heartbeats_daily').selectAll().execute(), expected.heartbeats);
    // And they add up: the region counts every event once.
    const root = orgs.find((o) => o.path.split('/').filter(Boolean).length === 1)!;
    const regionDaily = expected.daily.filter((d) => d.area_id === root.id).reduce((a, d) => a + d.n, 0);
    expect(regionDaily).toBe(20_000);
  });
});
