import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchingRateLimitStore } from './buffered-store.js';
import { redisRateLimitStore } from './redis-store.js';
import { fixedWindow } from './store.js';

// Runs against a real Redis only when TEST_REDIS_URL is set (CI sets it); keys are unique per run.
const url = process.env.TEST_REDIS_URL;
const prefix = `citas-test:${randomUUID()}:`;

describe.skipIf(!url)('the Redis rate-limit store', () => {
  let store: BatchingRateLimitStore;
  beforeAll(async () => {
    store = await redisRateLimitStore({ url: url as string, keyPrefix: prefix });
  });
  afterAll(async () => {
    await store.close();
    const client = createClient({ url });
    await client.connect();
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(keys);
    await client.quit();
  });

  it('allows the limit, refuses the next hit with the seconds left, and starts over next window', async () => {
    const rule = { key: 'ip:203.0.113.9', limit: 3, windowSeconds: 60 };
    const t0 = new Date('2026-11-22T10:00:10Z');
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await store.hit(rule, t0));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
    expect(verdicts[3]).toMatchObject({ retryAfterSeconds: 50, hits: 4 });
    expect(await store.count(rule, t0)).toBe(4);
    expect((await store.hit(rule, new Date('2026-11-22T10:01:00Z'))).allowed).toBe(true);
  });

  it('counts concurrent hits exactly', async () => {
    const rule = { key: 'token:9', limit: 20, windowSeconds: 60 };
    const now = new Date();
    const verdicts = await Promise.all(Array.from({ length: 30 }, () => store.hit(rule, now)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(20);
  });

  it('adds a batch of hits to several counters in one pipeline and returns their totals', async () => {
    const now = new Date();
    const windowStart = fixedWindow(60, now).start;
    const batch = (key: string, hits: number) => ({ key, windowStart, windowSeconds: 60, hits });
    expect(await store.add([batch('batch:a', 3), batch('batch:b', 5)])).toEqual([3, 5]);
    expect(await store.add([batch('batch:a', 2)])).toEqual([5]);
    expect(await store.count({ key: 'batch:a', limit: 10, windowSeconds: 60 }, now)).toBe(5);
  });

  it('sets an expiry on every counter, so none outlives its window', async () => {
    const rule = { key: 'phone:abc', limit: 5, windowSeconds: 60 };
    const now = new Date();
    await store.hit(rule, now);
    const client = createClient({ url });
    await client.connect();
    const [key] = await client.keys(`${prefix}phone:abc:*`);
    const ttl = await client.pTTL(key as string);
    await client.quit();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(65_000);
  });
});

describe('starting with a Redis that cannot be reached', () => {
  it('fails at once instead of waiting forever', async () => {
    const started = Date.now();
    await expect(redisRateLimitStore({ url: 'redis://127.0.0.1:1' })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
