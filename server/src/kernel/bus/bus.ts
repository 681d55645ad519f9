import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

export type Handler = (message: unknown) => void;

/**
 * Publish/subscribe between modules and across processes. One process: in memory. Several processes
 * (REDIS_URL set): Redis pub/sub, so a message published on any process reaches subscribers on all.
 * Messages are JSON values; delivery is at most once (durable work goes through the database).
 */
export interface Bus {
  publish(topic: string, message: unknown): Promise<void>;
  subscribe(topic: string, handler: Handler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class InProcessBus implements Bus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(topic: string, message: unknown): Promise<void> {
    // Round-trip through JSON so in-process subscribers see exactly what a Redis subscriber would.
    const copy: unknown = JSON.parse(JSON.stringify(message ?? null));
    queueMicrotask(() => this.emitter.emit(topic, copy));
  }

  async subscribe(topic: string, handler: Handler): Promise<() => Promise<void>> {
    this.emitter.on(topic, handler);
    return async () => {
      this.emitter.off(topic, handler);
    };
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

export class RedisBus implements Bus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, Set<Handler>>();

  constructor(url: string, private readonly prefix = 'gerel:') {
    // A subscribed connection can do nothing else, hence two.
    this.pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.sub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.sub.on('message', (channel: string, raw: string) => {
      const set = this.handlers.get(channel.slice(this.prefix.length));
      if (!set) return;
      const message: unknown = JSON.parse(raw);
      for (const h of set) h(message);
    });
  }

  async publish(topic: string, message: unknown): Promise<void> {
    await this.pub.publish(this.prefix + topic, JSON.stringify(message ?? null));
  }

  async subscribe(topic: string, handler: Handler): Promise<() => Promise<void>> {
    let set = this.handlers.get(topic);
    if (!set) {
      set = new Set();
      this.handlers.set(topic, set);
      await this.sub.subscribe(this.prefix + topic);
    }
    set.add(handler);
    return async () => {
      const s = this.handlers.get(topic);
      if (!s) return;
      s.delete(handler);
      if (s.size === 0) {
        this.handlers.delete(topic);
        await this.sub.unsubscribe(this.prefix + topic);
      }
    };
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await Promise.all([this.pub.quit(), this.sub.quit()]);
  }
}

export function createBus(redisUrl: string | null): Bus {
  return redisUrl ? new RedisBus(redisUrl) : new InProcessBus();
}
