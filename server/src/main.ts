import { loadConfig, ConfigError } from './config.js';
import { buildApp } from './app.js';
import { openConfiguredDb } from './kernel/db/open-from-config.js';
import { assertReachable, migrateToLatest, StartupError } from './kernel/db/migrate.js';
import { allMigrations } from './migrations.js';
import { assertStorageReachable, createStorage } from './kernel/files/storage.js';
import { loginBanner, seedOnFirstStart } from './seed/first-start.js';
import { closeChatSockets } from './modules/messaging/hub.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = openConfiguredDb(config);
  await assertReachable(db);
  await assertStorageReachable(createStorage(config));
  await migrateToLatest(db, allMigrations);
  const seeded = await seedOnFirstStart(config, db);
  const { app } = await buildApp(config, db);
  const address = await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${new URL(address).port}`;
  if (seeded) console.log(loginBanner(seeded, url));
  else app.log.info({ url, database: db.dialect }, 'Gerel is listening');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    // close() stops accepting and closes the connections idle at that moment; a keep-alive connection
    // that becomes idle later (its last response sent) would hold close() open until the timer fires.
    const sweeper = setInterval(() => app.server.closeIdleConnections(), 100);
    // Chat sockets first, with 1012 "restart": clients reconnect and resume (app.close() would close them without a code).
    await closeChatSockets().catch((err) => app.log.warn({ err }, 'closing chat sockets'));
    await app.close();
    clearInterval(sweeper);
    await db.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(`Gerel: configuration error / 配置错误: ${err.message}`);
  else if (err instanceof StartupError) console.error(`Gerel will not start / 拒绝启动: ${err.message}`);
  else console.error('Gerel failed to start / 启动失败:', err);
  process.exit(1);
});
