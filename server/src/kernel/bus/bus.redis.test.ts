import { describe, expect, it } from 'vitest';
import { RedisBus } from './bus.js';
import { busContract } from './bus.test.js';

const url = process.env.TEST_REDIS_URL;
if (!url) throw new Error('the services test project needs TEST_REDIS_URL=redis://… (see README)');

busContract('Redis', () => new RedisBus(url, `gerel-test-${process.pid}:`));

describe('Redis bus across processes', () => {
  it('carries a message from one connection pair (process A) to another (process B)', async () => {
    const a = new RedisBus(url, 'gerel-x:');
    const b = new RedisBus(url, 'gerel-x:');
    const got: unknown[] = [];
    await b.subscribe('chat.message', (m) => got.push(m));
    await a.publish('chat.message', { text: 'ᠰᠠᠢᠨ ᠪᠠᠢᠨ᠎ᠠ ᠤᠤ 你好' });
    await expect.poll(() => got).toEqual([{ text: 'ᠰᠠᠢᠨ ᠪᠠᠢᠨ᠎ᠠ ᠤᠤ 你好' }]);
    await a.close();
    await b.close();
  });
});
