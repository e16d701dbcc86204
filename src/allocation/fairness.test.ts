import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seededShuffle } from '../platform/seeded-shuffle.js';
import { type DrawRequest, type DrawSlot, drawAllocation } from './draw.js';

// Fixed seeds, so these statistical tests give the same answer on every run.
const seed = (label: string) => createHash('sha256').update(`fairness-${label}`).digest('hex');

/** Pearson's chi-square statistic of observed counts against a uniform expectation. */
const chiSquare = (counts: readonly number[], expected: number) =>
  counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);

describe('the allocation draw is fair', () => {
  it('puts every order of four requests equally often (chi-square, 23 degrees of freedom)', () => {
    const draws = 24_000;
    const counts = new Map<string, number>();
    for (let i = 0; i < draws; i++) {
      const key = seededShuffle([1, 2, 3, 4], seed(String(i))).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(24);
    // 49.73 is the 0.999 quantile of chi-square with 23 degrees of freedom.
    expect(chiSquare([...counts.values()], draws / 24)).toBeLessThan(49.73);
  });

  it('puts each of ten requests in each place equally often', () => {
    const draws = 10_000;
    const atPlace = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
    for (let i = 0; i < draws; i++) {
      seededShuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], seed(`p${i}`)).forEach((request, place) => {
        (atPlace[request] as number[])[place] = ((atPlace[request] as number[])[place] as number) + 1;
      });
    }
    // 21.67 is the 0.99 quantile of chi-square with 9 degrees of freedom, for each request's row.
    for (const row of atPlace) expect(chiSquare(row, draws / 10)).toBeLessThan(21.67);
  });

  it('gives requests filed early and late in the window the same chance of a slot', () => {
    // 100 requests in filing order (ids grow with the time of filing), 20 slots: each person's
    // chance is 20 %. Over 2,000 draws the first 50 filers and the last 50 win alike.
    const requests: DrawRequest[] = Array.from({ length: 100 }, (_, i) => ({
      id: i + 1,
      pool: 'web',
      days: [],
      shift: null,
    }));
    const slots: DrawSlot[] = Array.from({ length: 20 }, (_, i) => ({
      id: 1000 + i,
      pool: 'web',
      localDate: '2026-12-07',
      shift: i < 10 ? 'M' : 'V',
      startsAt: new Date(Date.UTC(2026, 11, 7, 14, 20 * i)),
    }));
    const draws = 2_000;
    let early = 0;
    let late = 0;
    let firstToEarly = 0;
    for (let i = 0; i < draws; i++) {
      for (const a of drawAllocation(requests, slots, seed(`w${i}`))) {
        if (a.slotId === null) continue;
        if (a.requestId <= 50) early++;
        else late++;
        if (a.slotId === 1000 && a.requestId <= 50) firstToEarly++;
      }
    }
    // Each half wins 20,000 of 40,000 slots in expectation; the binomial standard deviation of one
    // half's count is sqrt(40,000 × 0.25) = 100. Four deviations is a bound a fair draw meets.
    expect(early + late).toBe(draws * 20);
    expect(Math.abs(early - late) / 2).toBeLessThan(400);
    // The most wanted slot (the earliest) goes to an early filer half the time: sd = sqrt(2,000/4).
    expect(Math.abs(firstToEarly - draws / 2)).toBeLessThan(4 * Math.sqrt(draws / 4));
  });

  it('replays a recorded draw exactly', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect(seededShuffle(items, seed('r'))).toEqual(seededShuffle(items, seed('r')));
    expect(seededShuffle(items, seed('r'))).not.toEqual(seededShuffle(items, seed('s')));
  });
});
