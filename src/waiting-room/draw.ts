import { createHmac, randomBytes } from 'node:crypto';

/**
 * The draw that orders a release's pre-window places: a Fisher-Yates shuffle driven by a stream of
 * HMAC-SHA256(seed, counter) values. Deterministic given the seed, so the recorded seed and input
 * let anyone replay it; uniform because each index is drawn by rejection sampling (no modulo bias).
 */
export interface DrawRecord {
  seed: string;
  /** The ids of the places taken before opens_at, ascending. */
  input: readonly number[];
  /** The same ids in drawn order: first = first in line. */
  order: readonly number[];
}

const RANGE = 2 ** 48;

/** A fresh 256-bit seed, as 64 hex digits. */
export const newDrawSeed = () => randomBytes(32).toString('hex');

/** Shuffles `placeIds` (sorted ascending first, so the input's order does not matter). */
export function drawOrder(placeIds: readonly number[], seed: string): number[] {
  const order = [...placeIds].sort((a, b) => a - b);
  const next = uniformStream(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = next(i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/** True when the recorded order is what the recorded seed makes of the recorded input. */
export function replaysTo(record: DrawRecord): boolean {
  const again = drawOrder(record.input, record.seed);
  return again.length === record.order.length && again.every((id, i) => id === record.order[i]);
}

/** Uniform integers below a bound, from the seed's stream. */
function uniformStream(seed: string) {
  let counter = 0;
  return (bound: number) => {
    const limit = Math.floor(RANGE / bound) * bound;
    for (;;) {
      const block = createHmac('sha256', seed).update(String(counter++)).digest();
      const value = block.readUIntBE(0, 6);
      if (value < limit) return value % bound;
    }
  };
}
