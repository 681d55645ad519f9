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

  it('trusts forwarded headers only from loopback in production unless told which proxies', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).trustProxy).toEqual(['127.0.0.1', '::1']);
    expect(loadConfig({ GEREL_TRUST_PROXY: '10.0.0.2, 10.1.0.0/16' }).trustProxy).toEqual(['10.0.0.2', '10.1.0.0/16']);
    expect(loadConfig({ NODE_ENV: 'production', GEREL_TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(() => loadConfig({ GEREL_TRUST_PROXY: 'nginx.local' })).toThrow(/GEREL_TRUST_PROXY/);
  });

  it('does not seed demo accounts in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).seedDemo).toBe(false);
  });

  it('refuses bad values with a clear message', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/postgres/);
    expect(() => loadConfig({ GEREL_ADMIN_PASSWORD: 'short' })).toThrow(/at least 8/);
  });

  it('refuses a weak admin secret or a database without a password in production', () => {
    const prod = { NODE_ENV: 'production' };
    for (const weak of ['admin1234567', 'password2026!', 'short-pass', 'aaaaaaaaaaaaaaaa']) {
      expect(() => loadConfig({ ...prod, GEREL_ADMIN_PASSWORD: weak }), weak).toThrow(/too weak/);
    }
    expect(loadConfig({ ...prod, GEREL_ADMIN_PASSWORD: 'herd-of-nine-horses' }).adminPassword).toBe('herd-of-nine-horses');
    // Not set at all: the first start makes a random one and prints it once.
    expect(loadConfig(prod).adminPassword).toBeNull();
    expect(() => loadConfig({ ...prod, DATABASE_URL: 'postgres://gerel@db.example/gerel' })).toThrow(/no password/);
    expect(loadConfig({ ...prod, DATABASE_URL: 'postgres://gerel:s3cret-pass@db.example/gerel' }).databaseUrl).toContain('db.example');
    // Outside production a local database without a password is fine.
    expect(loadConfig({ DATABASE_URL: 'postgres://gerel@localhost/gerel' }).databaseUrl).toContain('localhost');
  });
});
