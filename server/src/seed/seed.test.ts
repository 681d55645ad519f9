import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../test/harness.js';
import { migrateToLatest } from '../kernel/db/migrate.js';
import { allMigrations } from '../migrations.js';
import type { Db } from '../kernel/db/database.js';
import { seedIfEmpty } from './seed.js';
import { REGION_SOCIETY_COUNT } from './societies.js';
import { loadDivisions, loadTownships } from './org-tree.js';

let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await openTestDb());
  await migrateToLatest(db, allMigrations);
});
afterAll(() => drop());

const countKind = async (kind: string) =>
  Number((await db.kysely.selectFrom('orgs').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', kind as never).executeTakeFirstOrThrow()).n);

describe('seeding at region scale', () => {
  it('fills every banner with its real townships (GB/T 2260), villages, all societies and a banner admin each', async () => {
    const result = await seedIfEmpty(db.kysely, { scale: 'region', adminPassword: 'region-pass-1' });
    expect(result.seeded).toBe(true);
    expect(await countKind('league')).toBe(12);
    expect(await countKind('banner')).toBe(103);
    // Townships of the 103 banners as the data package lists them (those of development zones excluded).
    const townships = loadTownships(new Set(loadDivisions().banners.map((b) => b.code))).length;
    expect(townships).toBeGreaterThan(1100);
    expect(await countKind('township')).toBe(townships);
    expect(await countKind('village')).toBe(townships * 4);
    expect(await countKind('society')).toBe(REGION_SOCIETY_COUNT);
    const admins = await db.kysely.selectFrom('users').select('username').where('username', 'like', 'admin-15%').execute();
    expect(admins).toHaveLength(103);
    // Every org's path runs through its parent's path: the subtree filter depends on it.
    const orgs = await db.kysely.selectFrom('orgs').select(['id', 'parent_id', 'path']).execute();
    const byId = new Map(orgs.map((o) => [o.id, o]));
    for (const o of orgs) {
      if (o.parent_id) expect(o.path).toBe(`${byId.get(o.parent_id)!.path}${o.id}/`);
    }
  });

  it('does nothing when the database already has data', async () => {
    const before = await db.kysely.selectFrom('orgs').select('id').execute();
    expect((await seedIfEmpty(db.kysely, { scale: 'demo', adminPassword: 'other-pass-1' })).seeded).toBe(false);
    expect(await db.kysely.selectFrom('orgs').select('id').execute()).toHaveLength(before.length);
  });
});
