import path from 'node:path';

/** One typed config object from environment variables, validated at start. */
export interface Config {
  port: number;
  host: string;
  production: boolean;
  dataDir: string;
  /** postgres://… when set; otherwise the embedded SQLite file under dataDir. */
  databaseUrl: string | null;
  redisUrl: string | null;
  adminPassword: string | null;
  /** Seed demo data (users, grassroots orgs) on first start. Off in production. */
  seedDemo: boolean;
  /** Extra origins allowed to make cookie-authenticated writes (behind a proxy on another host). */
  trustedOrigins: string[];
  sessionTtlHours: number;
  /** How often scheduled publishing runs; 0 turns it off (tests drive it by hand). */
  schedulerIntervalMs: number;
  /** Event batches per minute per client address (kiosks and readers). */
  eventsRateLimit: number;
  /** Login attempts per minute per client address and username. */
  loginRateLimit: number;
  logLevel: string;
  webDist: string;
}

export class ConfigError extends Error {}

function intFrom(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

/** Passwords nobody should run a production install with. */
const WEAK_SECRETS = /^(admin|gerel|password|passw0rd|changeme|secret|123456|12345678|qwerty|letmein)/i;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite database)');
  }
  const redisUrl = env.REDIS_URL?.trim() || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('REDIS_URL must start with redis:// or rediss://');
  const adminPassword = env.GEREL_ADMIN_PASSWORD || null;
  if (adminPassword !== null && adminPassword.length < 8) {
    throw new ConfigError('GEREL_ADMIN_PASSWORD must be at least 8 characters');
  }
  // In production the admin secret guards the whole region: long, and not one of the usual guesses.
  if (production && adminPassword !== null && (adminPassword.length < 12 || WEAK_SECRETS.test(adminPassword) || new Set(adminPassword).size < 5)) {
    throw new ConfigError('GEREL_ADMIN_PASSWORD is too weak for production: at least 12 characters, not a common password / 生产环境的管理员密码过弱：至少12位，且不能是常见密码');
  }
  const dbPassword = databaseUrl ? decodeURIComponent(new URL(databaseUrl).password) : null;
  if (production && databaseUrl && !dbPassword && !/[?&]host=\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL has no password: in production the database must need one (or use a local socket) / 生产环境的数据库连接缺少密码');
  }
  return {
    port: intFrom('PORT', env.PORT, 8080, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    production,
    dataDir: path.resolve(env.GEREL_DATA_DIR?.trim() || 'data'),
    databaseUrl,
    redisUrl,
    adminPassword,
    seedDemo: env.GEREL_SEED_DEMO ? env.GEREL_SEED_DEMO !== '0' : !production,
    trustedOrigins: (env.GEREL_TRUSTED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    sessionTtlHours: intFrom('GEREL_SESSION_TTL_HOURS', env.GEREL_SESSION_TTL_HOURS, 12, 1, 24 * 90),
    schedulerIntervalMs: intFrom('GEREL_SCHEDULER_INTERVAL_MS', env.GEREL_SCHEDULER_INTERVAL_MS, 15_000, 0, 3_600_000),
    eventsRateLimit: intFrom('GEREL_EVENTS_RATE_LIMIT', env.GEREL_EVENTS_RATE_LIMIT, 1200, 1, 10_000_000),
    loginRateLimit: intFrom('GEREL_LOGIN_RATE_LIMIT', env.GEREL_LOGIN_RATE_LIMIT, 10, 1, 100_000),
    logLevel: env.LOG_LEVEL?.trim() || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    webDist: path.resolve(env.GEREL_WEB_DIST?.trim() || new URL('../../web/dist', import.meta.url).pathname),
  };
}
