import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * Who is online: sockets per user in this process, and (with Redis) a sorted set per user of the
 * processes holding a socket for them, scored by an expiry each process refreshes. A process that
 * dies stops refreshing and its entries lapse within TTL_MS.
 */
export interface Presence {
  connected(userId: string): Promise<void>;
  disconnected(userId: string): Promise<void>;
  online(userIds: string[]): Promise<Set<string>>;
  close(): Promise<void>;
}

const TTL_MS = 60_000;

class LocalPresence implements Presence {
  protected readonly counts = new Map<string, number>();

  async connected(userId: string) {
    this.counts.set(userId, (this.counts.get(userId) ?? 0) + 1);
  }

  async disconnected(userId: string) {
    const n = (this.counts.get(userId) ?? 1) - 1;
    if (n <= 0) this.counts.delete(userId);
    else this.counts.set(userId, n);
  }

  async online(userIds: string[]) {
    return new Set(userIds.filter((u) => this.counts.has(u)));
  }

  async close() {}
}

class RedisPresence extends LocalPresence {
  private readonly redis: Redis;
  private readonly me = randomUUID();
  private readonly timer: NodeJS.Timeout;

  constructor(url: string, private readonly prefix = 'gerel:presence:') {
    super();
    this.redis = new Redis(url, { maxRetriesPerRequest: 3 });
    this.timer = setInterval(() => void this.refresh().catch(() => {}), TTL_MS / 3);
    this.timer.unref();
  }

  private async refresh() {
    if (this.counts.size === 0) return;
    const p = this.redis.pipeline();
    const until = Date.now() + TTL_MS;
    for (const u of this.counts.keys()) p.zadd(this.prefix + u, until, this.me).pexpire(this.prefix + u, TTL_MS);
    await p.exec();
  }

  override async connected(userId: string) {
    await super.connected(userId);
    await this.redis.pipeline().zadd(this.prefix + userId, Date.now() + TTL_MS, this.me).pexpire(this.prefix + userId, TTL_MS).exec();
  }

  override async disconnected(userId: string) {
    await super.disconnected(userId);
    if (!this.counts.has(userId)) await this.redis.zrem(this.prefix + userId, this.me);
  }

  override async online(userIds: string[]) {
    if (userIds.length === 0) return new Set<string>();
    const p = this.redis.pipeline();
    const now = Date.now();
    for (const u of userIds) p.zcount(this.prefix + u, now, '+inf');
    const res = (await p.exec()) ?? [];
    return new Set(userIds.filter((_, i) => Number(res[i]?.[1] ?? 0) > 0));
  }

  override async close() {
    clearInterval(this.timer);
    const p = this.redis.pipeline();
    for (const u of this.counts.keys()) p.zrem(this.prefix + u, this.me);
    await p.exec().catch(() => {});
    await this.redis.quit();
  }
}

export function createPresence(redisUrl: string | null): Presence {
  return redisUrl ? new RedisPresence(redisUrl) : new LocalPresence();
}
