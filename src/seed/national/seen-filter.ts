/**
 * A Bloom filter over strings. "Not seen" is always right; "seen" may be wrong about 0.3 % of the
 * time. The generator asks it whether a CURP was already handed out and, when told "seen", picks
 * another homoclave: so CURPs come out unique while memory stays at 1.5 bytes per person, instead
 * of the gigabyte a set of 13.5 million strings would take.
 */
export class SeenFilter {
  private readonly bits: Uint32Array;
  private readonly size: number;

  constructor(expectedItems: number) {
    // 12 bits and 8 probes per item: a false-positive rate of about 0.3 %.
    this.size = Math.max(1024, Math.ceil(expectedItems * 12));
    this.bits = new Uint32Array(Math.ceil(this.size / 32));
  }

  /** Adds `key`; returns false when it may have been added before (nothing is added then). */
  addIfNew(key: string): boolean {
    const hash = fnv1a(key);
    const h1 = mix(hash);
    const h2 = mix(hash ^ 0x9e3779b9) | 1;
    const positions: number[] = [];
    let seen = true;
    for (let i = 0; i < PROBES; i++) {
      const bit = (h1 + Math.imul(i, h2)) >>> 0;
      const at = bit % this.size;
      positions.push(at);
      if (((this.bits[at >>> 5] ?? 0) & (1 << (at & 31))) === 0) seen = false;
    }
    if (seen) return false;
    for (const at of positions) this.bits[at >>> 5] = (this.bits[at >>> 5] ?? 0) | (1 << (at & 31));
    return true;
  }
}

const PROBES = 8;

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** MurmurHash3's finalizer: spreads the bits so that two probes derived from one hash look unrelated. */
function mix(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
