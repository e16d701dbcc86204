import type { Db } from '../platform/db/connect.js';

/**
 * Availability answers remembered by one process, so that the request everybody repeats at 07:00
 * does not cost a database round trip each time. An answer is forgotten:
 * - when any of its slots is booked, cancelled or rescheduled anywhere (the appointment events,
 *   read by `watchSlotChanges`, bump the unit and service's generation),
 * - when its first slot starts, and when the next slot of its unit and service is released (a
 *   remembered list would otherwise show a past slot, or hide new ones from one process's callers
 *   longer than from another's),
 * - after `ttlMs` at the latest: a closure, a waitlist hold or a new day of agenda shows by then.
 * A remembered slot can thus have been taken a moment ago — the race every list of free slots
 * has — and the booking statement refuses it as taken; it is never one the statement refuses for
 * another reason.
 */
export interface AvailabilityMemoryOptions {
  ttlMs: number;
  /** Answers kept at most; the oldest half is dropped when full. */
  maxEntries?: number;
}

interface Remembered<T> {
  value: T;
  generation: number;
  until: number;
}

export class AvailabilityMemory {
  private readonly entries = new Map<string, Remembered<unknown>>();
  private readonly generations = new Map<string, number>();
  private readonly maxEntries: number;

  constructor(readonly options: AvailabilityMemoryOptions) {
    this.maxEntries = options.maxEntries ?? 20_000;
  }

  /** The generation an answer must be read under to be remembered: take it before reading. */
  generationOf(unitClues: string, serviceCode: string): number {
    return this.generations.get(pairKey(unitClues, serviceCode)) ?? 0;
  }

  recall<T>(key: string, unitClues: string, serviceCode: string, now: number): T | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.until > now && hit.generation === this.generationOf(unitClues, serviceCode))
      return hit.value as T;
    this.entries.delete(key);
    return undefined;
  }

  /**
   * Remembers an answer read under `generation` until `until` (capped by the TTL), unless its unit
   * and service changed while it was being read.
   */
  remember<T>(
    key: string,
    pair: { unitClues: string; serviceCode: string; generation: number },
    value: T,
    now: number,
    until: number,
  ) {
    if (pair.generation !== this.generationOf(pair.unitClues, pair.serviceCode)) return;
    const expiry = Math.min(until, now + this.options.ttlMs);
    if (expiry <= now) return;
    if (this.entries.size >= this.maxEntries) this.dropOldestHalf();
    this.entries.set(key, { value, generation: pair.generation, until: expiry });
  }

  /** Something at this unit and service changed: answers read before now are stale. */
  changed(unitClues: string, serviceCode: string) {
    const key = pairKey(unitClues, serviceCode);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
  }

  /** Nothing remembered can be vouched for (the changes could not be read). */
  forgetEverything() {
    this.entries.clear();
  }

  private dropOldestHalf() {
    let drop = Math.floor(this.entries.size / 2);
    for (const key of this.entries.keys()) {
      if (drop-- <= 0) break;
      this.entries.delete(key);
    }
  }
}

const pairKey = (unitClues: string, serviceCode: string) => `${unitClues}|${serviceCode}`;

const memories = new WeakMap<Db, AvailabilityMemory>();

/** From now on, availability read through `db` is remembered (see AvailabilityMemory). */
export function rememberAvailability(db: Db, options: AvailabilityMemoryOptions): AvailabilityMemory {
  const memory = new AvailabilityMemory(options);
  memories.set(db, memory);
  return memory;
}

export function availabilityMemoryOf(db: Db): AvailabilityMemory | undefined {
  return memories.get(db);
}
