import { describe, expect, it } from 'vitest';
import { newSeed } from '../platform/seeded-shuffle.js';
import { drawOrder, replaysTo } from './draw.js';

const SEED = 'a'.repeat(64);

describe('the draw of a release', () => {
  it('is a permutation of the places taken before the release', () => {
    const ids = [5, 3, 9, 1, 7];
    expect([...drawOrder(ids, SEED)].sort((a, b) => a - b)).toEqual([1, 3, 5, 7, 9]);
  });

  it('replays to the same order from the recorded seed, whatever order the input was read in', () => {
    const order = drawOrder([4, 2, 8, 6], SEED);
    expect(drawOrder([8, 6, 4, 2], SEED)).toEqual(order);
    expect(replaysTo({ seed: SEED, input: [2, 4, 6, 8], order })).toBe(true);
    expect(replaysTo({ seed: SEED, input: [2, 4, 6, 8], order: [...order].reverse() })).toBe(false);
    expect(replaysTo({ seed: 'b'.repeat(64), input: [2, 4, 6, 8], order })).toBe(false);
  });

  it('puts each place first with equal chance (chi-square over 24,000 draws of 6 places)', () => {
    const ids = [1, 2, 3, 4, 5, 6];
    const draws = 24_000;
    const counts = new Map<string, number>();
    const firsts = [0, 0, 0, 0, 0, 0];
    for (let n = 0; n < draws; n++) {
      const order = drawOrder(ids, `${n.toString(16).padStart(8, '0')}${SEED.slice(8)}`);
      const first = (order[0] as number) - 1;
      firsts[first] = (firsts[first] ?? 0) + 1;
      counts.set(order.join(), (counts.get(order.join()) ?? 0) + 1);
    }
    // All 720 orders occur, each about 33 times: chi-square with 719 degrees of freedom stays far
    // below 850 (p ≈ 0.0006) for a uniform shuffle.
    expect(counts.size).toBe(720);
    const expected = draws / 720;
    const chi = [...counts.values()].reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    expect(chi).toBeLessThan(850);
    // Each place first in about a sixth of the draws: chi-square with 5 degrees of freedom < 20.5 (p = 0.001).
    const chiFirst = firsts.reduce((sum, c) => sum + (c - draws / 6) ** 2 / (draws / 6), 0);
    expect(chiFirst).toBeLessThan(20.5);
  });

  it('gives every release its own fresh seed', () => {
    expect(newSeed()).toMatch(/^[0-9a-f]{64}$/);
    expect(newSeed()).not.toBe(newSeed());
  });
});
