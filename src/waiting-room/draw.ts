import { seededShuffle } from '../platform/seeded-shuffle.js';

/**
 * The draw that orders a release's pre-window places: the seeded shuffle (platform/seeded-shuffle.ts).
 * Deterministic given the seed, so the recorded seed and input let anyone replay it.
 */
export interface DrawRecord {
  seed: string;
  /** The ids of the places taken before opens_at, ascending. */
  input: readonly number[];
  /** The same ids in drawn order: first = first in line. */
  order: readonly number[];
}

/** Shuffles `placeIds` (sorted ascending first, so the input's order does not matter). */
export function drawOrder(placeIds: readonly number[], seed: string): number[] {
  return seededShuffle(
    [...placeIds].sort((a, b) => a - b),
    seed,
  );
}

/** True when the recorded order is what the recorded seed makes of the recorded input. */
export function replaysTo(record: DrawRecord): boolean {
  const again = drawOrder(record.input, record.seed);
  return again.length === record.order.length && again.every((id, i) => id === record.order[i]);
}
