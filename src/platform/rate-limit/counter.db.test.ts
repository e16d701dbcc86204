import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { databaseRateLimitStore, hitRateLimit } from './counter.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('rate limit counters', () => {
  it('allow the limit, refuse the next hit with the seconds left in the window, and reset after it', async () => {
    const rule = { key: 'ip:203.0.113.9', limit: 3, windowSeconds: 60 };
    const t0 = new Date('2026-11-22T10:00:10Z');
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await hitRateLimit(database.db, rule, t0));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
    expect(verdicts[3]).toMatchObject({ retryAfterSeconds: 50, hits: 4 });
    expect(await databaseRateLimitStore(database.db).count(rule, t0)).toBe(4);
    expect((await hitRateLimit(database.db, rule, new Date('2026-11-22T10:01:00Z'))).allowed).toBe(true);
  });

  it('count concurrent hits exactly', async () => {
    const rule = { key: 'token:9', limit: 20, windowSeconds: 60 };
    const now = new Date('2026-11-22T11:00:00Z');
    const verdicts = await Promise.all(
      Array.from({ length: 30 }, () => hitRateLimit(database.db, rule, now)),
    );
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(20);
  });

  it('never limits when the limit is 0', async () => {
    const rule = { key: 'ip:off', limit: 0, windowSeconds: 60 };
    for (let i = 0; i < 5; i++)
      expect((await hitRateLimit(database.db, rule, new Date())).allowed).toBe(true);
  });
});
