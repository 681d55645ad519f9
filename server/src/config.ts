import path from 'node:path';
// Passwords nobody should run a production install with: the same list users cannot choose.
import { WEAK_SECRETS } from './kernel/auth/password-policy.js';

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
  /**
   * Peers whose X-Forwarded-For/-Proto are believed (the reverse proxy). Production default: loopback
   * only, so a client talking to the app directly cannot forge its address past the rate limits.
   */
  trustProxy: string[] | false;
  sessionTtlHours: number;
  /** How often scheduled publishing runs; 0 turns it off (tests drive it by hand). */
  schedulerIntervalMs: number;
  /** Event batches per minute per client address (kiosks and readers). */
  eventsRateLimit: number;
  /** Login attempts per minute per client address and username. */
  loginRateLimit: number;
  logLevel: string;
  webDist: string;
  /** Where uploaded files live: `local` (dataDir/files, or a shared volume) or an S3-compatible bucket. */
  storage: { kind: 'local' } | S3Settings;
  /** Machine translation engines (translation module); no model ships with Gerel. */
  mt: MtSettings;
}

/** A LibreTranslate-compatible and an OpenAI-compatible engine (each null when its URL is unset). */
export interface MtSettings {
  libretranslate: { url: string; key: string | null } | null;
  openai: { url: string; key: string | null; model: string } | null;
  /** Per attempt. */
  timeoutMs: number;
  retries: number;
}

/** An S3-compatible bucket (GEREL_STORAGE=s3); without keys the AWS SDK's own credential chain applies. */
export interface S3Settings {
  kind: 's3';
  bucket: string;
  /** Key prefix inside the bucket ('' or ending in '/'). */
  prefix: string;
  /** http(s)://host:port of MinIO or another S3-compatible store; null for AWS itself. */
  endpoint: string | null;
  region: string;
  accessKeyId: string | null;
  secretAccessKey: string | null;
  /** bucket in the path (MinIO, most self-hosted stores) rather than in the host name. */
  forcePathStyle: boolean;
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

function storageFrom(env: NodeJS.ProcessEnv): Config['storage'] {
  const kind = env.GEREL_STORAGE?.trim() || 'local';
  if (kind === 'local') return { kind };
  if (kind !== 's3') throw new ConfigError(`GEREL_STORAGE must be local or s3, got "${kind}"`);
  const bucket = env.GEREL_S3_BUCKET?.trim();
  if (!bucket) throw new ConfigError('GEREL_STORAGE=s3 needs GEREL_S3_BUCKET / 对象存储需要设置存储桶 GEREL_S3_BUCKET');
  const endpoint = env.GEREL_S3_ENDPOINT?.trim() || null;
  if (endpoint && !/^https?:\/\/[^/]+/.test(endpoint)) throw new ConfigError('GEREL_S3_ENDPOINT must be an http:// or https:// URL');
  const accessKeyId = env.GEREL_S3_ACCESS_KEY_ID?.trim() || null;
  const secretAccessKey = env.GEREL_S3_SECRET_ACCESS_KEY?.trim() || null;
  if (!accessKeyId !== !secretAccessKey) throw new ConfigError('GEREL_S3_ACCESS_KEY_ID and GEREL_S3_SECRET_ACCESS_KEY go together');
  const prefix = (env.GEREL_S3_PREFIX?.trim() ?? '').replace(/^\/+|\/+$/g, '');
  const pathStyle = env.GEREL_S3_FORCE_PATH_STYLE?.trim();
  return {
    kind,
    bucket,
    prefix: prefix ? `${prefix}/` : '',
    endpoint,
    region: env.GEREL_S3_REGION?.trim() || 'us-east-1',
    accessKeyId,
    secretAccessKey,
    // Self-hosted stores (an endpoint is set) almost always want the bucket in the path.
    forcePathStyle: pathStyle ? pathStyle !== '0' : endpoint !== null,
  };
}

/** GEREL_LIBRETRANSLATE_URL/_KEY, GEREL_OPENAI_URL (ending in /v1)/_KEY/_MODEL, GEREL_MT_TIMEOUT_MS, GEREL_MT_RETRIES. */
export function mtFrom(env: NodeJS.ProcessEnv): MtSettings {
  const url = (name: string) => {
    const v = env[name]?.trim();
    if (!v) return null;
    if (!/^https?:\/\/[^/]+/.test(v)) throw new ConfigError(`${name} must be an http:// or https:// URL / ${name} 必须是 http:// 或 https:// 地址`);
    return v.replace(/\/+$/, '');
  };
  const lt = url('GEREL_LIBRETRANSLATE_URL');
  const oa = url('GEREL_OPENAI_URL');
  return {
    libretranslate: lt ? { url: lt, key: env.GEREL_LIBRETRANSLATE_KEY?.trim() || null } : null,
    openai: oa ? { url: oa, key: env.GEREL_OPENAI_KEY?.trim() || null, model: env.GEREL_OPENAI_MODEL?.trim() || 'gpt-4o-mini' } : null,
    timeoutMs: intFrom('GEREL_MT_TIMEOUT_MS', env.GEREL_MT_TIMEOUT_MS, 15_000, 100, 120_000),
    retries: intFrom('GEREL_MT_RETRIES', env.GEREL_MT_RETRIES, 2, 0, 5),
  };
}

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
    trustProxy: trustProxyFrom(env.GEREL_TRUST_PROXY, production),
    sessionTtlHours: intFrom('GEREL_SESSION_TTL_HOURS', env.GEREL_SESSION_TTL_HOURS, 12, 1, 24 * 90),
    schedulerIntervalMs: intFrom('GEREL_SCHEDULER_INTERVAL_MS', env.GEREL_SCHEDULER_INTERVAL_MS, 15_000, 0, 3_600_000),
    eventsRateLimit: intFrom('GEREL_EVENTS_RATE_LIMIT', env.GEREL_EVENTS_RATE_LIMIT, 1200, 1, 10_000_000),
    loginRateLimit: intFrom('GEREL_LOGIN_RATE_LIMIT', env.GEREL_LOGIN_RATE_LIMIT, 10, 1, 100_000),
    logLevel: env.LOG_LEVEL?.trim() || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    webDist: path.resolve(env.GEREL_WEB_DIST?.trim() || new URL('../../web/dist', import.meta.url).pathname),
    storage: storageFrom(env),
    mt: mtFrom(env),
  };
}

/** GEREL_TRUST_PROXY: comma-separated addresses/CIDRs of the proxies, or `off`. */
function trustProxyFrom(raw: string | undefined, production: boolean): string[] | false {
  if (raw === undefined || raw.trim() === '') return production ? ['127.0.0.1', '::1'] : false;
  if (raw.trim() === 'off') return false;
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const a of list) {
    if (!/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(a)) throw new ConfigError(`GEREL_TRUST_PROXY: "${a}" is not an address or CIDR / 不是有效的地址或网段`);
  }
  return list;
}
