import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openConfiguredDb, sqliteFileFor } from '../kernel/db/open-from-config.js';
import { createStorage } from '../kernel/files/storage.js';
import { restoreBackup } from '../kernel/backup/backup.js';

/**
 * `npm run restore -- FILE`: into an empty install (GEREL_DATA_DIR / DATABASE_URL as for `npm start`).
 * Checksums are verified before anything is written; start Gerel afterwards to apply newer migrations.
 */
async function main(): Promise<void> {
  const { positionals } = parseArgs({ allowPositionals: true });
  const file = positionals[0];
  if (!file) throw new Error('usage: npm run restore -- FILE.tar.gz / 用法：npm run restore -- 备份文件');
  const config = loadConfig();
  const m = await restoreBackup(path.resolve(file), {
    dialect: config.databaseUrl ? 'postgres' : 'sqlite',
    sqliteFile: sqliteFileFor(config),
    databaseUrl: config.databaseUrl,
    files: createStorage(config),
    open: () => openConfiguredDb(config),
  });
  console.log(`restored / 已恢复: ${file} (${m.dialect}, schema ${m.schemaVersion}, made ${m.createdAt}); every checksum and table count verified`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
