import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { type BatchingRateLimitStore, bufferedRateLimitStore } from './buffered-store.js';
import { databaseRateLimitStore } from './counter.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** The database store, with the statements it is sent counted. */
function countedDatabaseStore() {
  const inner = databaseRateLimitStore(database.db);
  const sent = { statements: 0 };
  const store: BatchingRateLimitStore = {
    ...inner,
    add: (increments) => {
      sent.statements++;
      return inner.add(increments);
    },
  };
  return { store, sent };
}

// Flushed by hand in these tests: the timer's interval is longer than any test.
const HOUR_MS = 3_600_000;

describe('rate limits counted in memory and flushed in batches', () => {
  it('in one process are exact: the limit-th hit is allowed, the next refused as the first refusal', async () => {
    const { store: shared } = countedDatabaseStore();
    const store = bufferedRateLimitStore(shared, { flushMs: HOUR_MS });
    const rule = { key: 'ip:192.0.2.1', limit: 10, windowSeconds: 60 };
    const now = new Date('2026-11-30T10:00:05Z');
    const verdicts = [];
    for (let i = 0; i < 12; i++) verdicts.push(await store.hit(rule, now));
    expect(verdicts.map((v) => v.allowed)).toEqual([...Array(10).fill(true), false, false]);
    expect(verdicts[10]).toMatchObject({ hits: 11, retryAfterSeconds: 55 });
    await store.close();
  });

  it('send nothing per hit while under half the limit, and the flush adds them all in one statement', async () => {
    const { store: shared, sent } = countedDatabaseStore();
    const store = bufferedRateLimitStore(shared, { flushMs: HOUR_MS });
    const now = new Date('2026-11-30T11:00:00Z');
    const hot = { key: 'ip:198.51.100.7', limit: 1200, windowSeconds: 60 };
    const other = { key: 'token:3', limit: 600, windowSeconds: 60 };
    await store.hit(hot, now);
    await store.hit(other, now);
    expect(sent.statements).toBe(2);
    for (let i = 0; i < 299; i++) {
      await store.hit(hot, now);
      await store.hit(other, now);
    }
    expect(sent.statements).toBe(2);
    const stored = databaseRateLimitStore(database.db);
    expect(await stored.count(hot, now)).toBe(1);
    await store.flush();
    expect(sent.statements).toBe(3);
    expect(await stored.count(hot, now)).toBe(300);
    expect(await stored.count(other, now)).toBe(300);
    await store.close();
  });

  it('across processes admit at most limit + (processes − 1) × half the limit per window', async () => {
    const processes = [1, 2, 3].map(() =>
      bufferedRateLimitStore(countedDatabaseStore().store, { flushMs: HOUR_MS }),
    );
    const rule = { key: 'token:shared', limit: 40, windowSeconds: 60 };
    const now = new Date('2026-11-30T12:00:00Z');
    // Each process has seen the shared total once, so the rest race on their own estimates.
    const verdicts = [];
    for (const p of processes) verdicts.push(await p.hit(rule, now));
    verdicts.push(
      ...(await Promise.all(
        Array.from({ length: 197 }, (_, i) => (processes[i % 3] as (typeof processes)[0]).hit(rule, now)),
      )),
    );
    const allowed = verdicts.filter((v) => v.allowed).length;
    expect(allowed).toBeGreaterThanOrEqual(40);
    expect(allowed).toBeLessThanOrEqual(40 + 2 * 20);
    for (const p of processes) await p.close();
    expect(await databaseRateLimitStore(database.db).count(rule, now)).toBe(200);
  });

  it('hand their unsent hits to the store when closed', async () => {
    const store = bufferedRateLimitStore(countedDatabaseStore().store, { flushMs: HOUR_MS });
    const rule = { key: 'web:reads:session:abc', limit: 120, windowSeconds: 60 };
    const now = new Date('2026-11-30T13:00:00Z');
    for (let i = 0; i < 7; i++) await store.hit(rule, now);
    expect(await store.count(rule, now)).toBe(7);
    await store.close();
    expect(await databaseRateLimitStore(database.db).count(rule, now)).toBe(7);
  });

  it('never limit when the limit is 0', async () => {
    const store = bufferedRateLimitStore(countedDatabaseStore().store, { flushMs: HOUR_MS });
    for (let i = 0; i < 5; i++)
      expect((await store.hit({ key: 'ip:off', limit: 0, windowSeconds: 60 }, new Date())).allowed).toBe(
        true,
      );
    await store.close();
  });
});
