import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../test/harness.js';
import { migrateToLatest } from '../../kernel/db/migrate.js';
import { allMigrations } from '../../migrations.js';
import type { Db } from '../../kernel/db/database.js';
import { bulkInsert } from '../../kernel/db/bulk.js';

let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await openTestDb());
});
afterAll(() => drop());

const before = (name: string) => Object.fromEntries(Object.entries(allMigrations).filter(([n]) => n < name));

describe('the rollup re-keying migration', () => {
  it('keeps every count of a database written before it, and derives heartbeats per station and day', async () => {
    await migrateToLatest(db, before('20261129_0900_event_rollups_by_org'));
    const fine = [
      ['2026-11-01', 'view', 'org-a', 'res-1', '', 'ES00001', 'estation', 3],
      ['2026-11-01', 'heartbeat', 'org-a', '', '', 'ES00001', 'estation', 40],
      ['2026-11-01', 'heartbeat', 'org-a', '', '', 'ES00001', 'offline', 2],
      ['2026-11-02', 'share-open', 'org-b', 'res-2', 'OF0001', '', 'wechat', 5],
    ];
    await bulkInsert(db.kysely, 'event_rollups', ['day', 'kind', 'org_id', 'resource_id', 'officer_code', 'station_code', 'channel', 'n'], fine);
    await bulkInsert(db.kysely, 'event_area_daily', ['area_id', 'day', 'kind', 'channel', 'n'], [['area-1', '2026-11-01', 'view', 'estation', 3]]);
    await bulkInsert(db.kysely, 'event_area_resource_monthly', ['area_id', 'month', 'kind', 'resource_id', 'n'], [['area-1', '2026-11', 'view', 'res-1', 3]]);

    await migrateToLatest(db, allMigrations);

    const k = db.kysely;
    const rolled = await k.selectFrom('event_rollups').selectAll().execute();
    const tuple = (r: (typeof rolled)[number]) => JSON.stringify([r.day, r.kind, r.org_id, r.resource_id, r.officer_code, r.station_code, r.channel, Number(r.n)]);
    expect(rolled.map(tuple).sort()).toEqual(fine.map((f) => JSON.stringify(f)).sort());
    expect((await k.selectFrom('event_area_daily').selectAll().execute()).map((r) => Number(r.n))).toEqual([3]);
    expect((await k.selectFrom('event_area_resource_monthly').selectAll().execute()).map((r) => [r.resource_id, Number(r.n)])).toEqual([['res-1', 3]]);
    const beats = await k.selectFrom('station_heartbeats_daily').selectAll().execute();
    expect(beats.map((b) => [b.station_code, b.day, Number(b.n)])).toEqual([['ES00001', '2026-11-01', 42]]);
    // The new keys hold: the same fine key again is refused.
    await expect(bulkInsert(db.kysely, 'event_rollups', ['org_id', 'kind', 'day', 'resource_id', 'officer_code', 'station_code', 'channel', 'n'], [['org-a', 'view', '2026-11-01', 'res-1', '', 'ES00001', 'estation', 1]])).rejects.toThrow();
  });
});
