import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openConfiguredDb, sqliteFileFor } from '../kernel/db/open-from-config.js';
import { createStorage } from '../kernel/files/storage.js';
import { createBackup } from '../kernel/backup/backup.js';

/** `npm run backup [-- --out FILE]`: the database and the uploaded files, in one archive with a manifest. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const config = loadConfig();
  const out = path.resolve(values.out ?? path.join(config.dataDir, 'backups', `gerel-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`));
  const db = openConfiguredDb(config);
  try {
    const m = await createBackup({ db, sqliteFile: sqliteFileFor(config), databaseUrl: config.databaseUrl, files: createStorage(config) }, out);
    const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
    console.log(`backup written / 备份已写入: ${out}`);
    console.log(`  ${m.dialect}, schema ${m.schemaVersion}, ${Object.keys(m.tables).length} tables, ${rows} rows, ${Object.keys(m.entries).length - 1} files`);
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
