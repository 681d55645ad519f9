import { describe, expect, it } from 'vitest';
import { InProcessBus, type Bus } from './bus.js';

/** The contract every bus keeps; bus.redis.test.ts runs the same against a real Redis. */
export function busContract(name: string, make: () => Bus) {
  describe(`${name} bus`, () => {
    it('delivers a published message to every subscriber of the topic and to no other topic', async () => {
      const bus = make();
      const got: unknown[] = [];
      const other: unknown[] = [];
      await bus.subscribe('content.published', (m) => got.push(m));
      await bus.subscribe('content.published', (m) => got.push(m));
      await bus.subscribe('other.topic', (m) => other.push(m));
      await bus.publish('content.published', { id: 'r1', title: 'ᠭᠡᠷᠡᠯ 光' });
      await expect.poll(() => got.length).toBe(2);
      expect(got[0]).toEqual({ id: 'r1', title: 'ᠭᠡᠷᠡᠯ 光' });
      expect(other).toEqual([]);
      await bus.close();
    });

    it('stops delivering after unsubscribe', async () => {
      const bus = make();
      const got: unknown[] = [];
      const off = await bus.subscribe('t', (m) => got.push(m));
      await bus.publish('t', 1);
      await expect.poll(() => got.length).toBe(1);
      await off();
      await bus.publish('t', 2);
      await new Promise((r) => setTimeout(r, 50));
      expect(got).toEqual([1]);
      await bus.close();
    });
  });
}

busContract('in-process', () => new InProcessBus());
