import { createHmac, randomBytes } from 'node:crypto';

// The one seeded shuffle of the system: the waiting room's draw and the allocation's draw both
// order people with it, so an auditor replays either with the same recipe.

/**
 * A stream of uniform 32-bit words from a recorded seed: HMAC-SHA256(seed, counter) in counter
 * mode. Anyone holding the seed can recompute it with any HMAC implementation, which is what makes
 * a draw replayable by an auditor.
 */
class SeededWords {
  private readonly key: Buffer;
  private counter = 0n;
  private words: number[] = [];

  constructor(seedHex: string) {
    if (!/^[0-9a-f]{64}$/.test(seedHex)) throw new RangeError('a seed is 32 bytes in lowercase hex');
    this.key = Buffer.from(seedHex, 'hex');
  }

  next(): number {
    if (this.words.length === 0) {
      const block = Buffer.alloc(8);
      block.writeBigUInt64BE(this.counter++);
      const digest = createHmac('sha256', this.key).update(block).digest();
      for (let i = 0; i < digest.length; i += 4) this.words.push(digest.readUInt32BE(i));
    }
    return this.words.shift() as number;
  }

  /** A uniform integer in [0, bound): words above the largest multiple of bound are drawn again. */
  below(bound: number): number {
    const limit = Math.floor(2 ** 32 / bound) * bound;
    for (;;) {
      const word = this.next();
      if (word < limit) return word % bound;
    }
  }
}

/** `items` in a uniformly random order fixed by the seed (Fisher–Yates). The input is not changed. */
export function seededShuffle<T>(items: readonly T[], seedHex: string): T[] {
  const words = new SeededWords(seedHex);
  const order = [...items];
  for (let i = order.length - 1; i > 0; i--) {
    const j = words.below(i + 1);
    [order[i], order[j]] = [order[j] as T, order[i] as T];
  }
  return order;
}

/** A fresh 256-bit seed, as 64 lowercase hex digits. */
export const newSeed = () => randomBytes(32).toString('hex');
