import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('defaults to port 8080, ./data, SQLite and no Redis', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.databaseUrl).toBeNull();
    expect(c.redisUrl).toBeNull();
    expect(c.seedDemo).toBe(true);
  });

  it('honours PORT, GEREL_DATA_DIR, DATABASE_URL, REDIS_URL and GEREL_ADMIN_PASSWORD', () => {
    const c = loadConfig({
      PORT: '9000',
      GEREL_DATA_DIR: '/tmp/g',
      DATABASE_URL: 'postgres://u:p@h/db',
      REDIS_URL: 'redis://h:6379',
      GEREL_ADMIN_PASSWORD: 'long-secret',
    });
    expect(c).toMatchObject({ port: 9000, dataDir: '/tmp/g', databaseUrl: 'postgres://u:p@h/db', redisUrl: 'redis://h:6379', adminPassword: 'long-secret' });
  });

  it('does not seed demo accounts in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).seedDemo).toBe(false);
  });

  it('refuses bad values with a clear message', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/postgres/);
    expect(() => loadConfig({ GEREL_ADMIN_PASSWORD: 'short' })).toThrow(/at least 8/);
  });
});
