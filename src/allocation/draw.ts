import type { SlotPool } from '../platform/db/schema.js';
import { seededShuffle } from '../platform/seeded-shuffle.js';

export type Shift = 'M' | 'V';

/** A request as the draw sees it: which share it draws from and what the person accepts. */
export interface DrawRequest {
  id: number;
  pool: SlotPool;
  /** Acceptable days of the release ('YYYY-MM-DD'); empty accepts any. */
  days: readonly string[];
  /** Acceptable shift; null accepts either. */
  shift: Shift | null;
}

export interface DrawSlot {
  id: number;
  pool: SlotPool;
  localDate: string;
  shift: Shift;
  startsAt: Date;
}

export interface DrawAssignment {
  requestId: number;
  /** 1-based place in the shuffled order. */
  position: number;
  /** The slot given, or null when none was left that the person accepts and may take. */
  slotId: number | null;
}

export const acceptsSlot = (request: DrawRequest, slot: DrawSlot): boolean =>
  request.pool === slot.pool &&
  (request.days.length === 0 || request.days.includes(slot.localDate)) &&
  (request.shift === null || request.shift === slot.shift);

/**
 * The allocation of a release (random serial dictatorship): the requests, taken in id order, are
 * shuffled uniformly by the seed; in that order each person gets the earliest free slot of their
 * pool they accept. One slot per person, no slot twice. The caller has already narrowed each
 * request's days to those the booking rules let the person take. Pure and deterministic: the same
 * requests, slots and seed give the same assignments, so a recorded draw can be replayed.
 */
export function drawAllocation(
  requests: readonly DrawRequest[],
  slots: readonly DrawSlot[],
  seedHex: string,
): DrawAssignment[] {
  const canonical = [...requests].sort((a, b) => a.id - b.id);
  const free = [...slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id - b.id);
  const given = new Set<number>();
  return seededShuffle(canonical, seedHex).map((request, index) => {
    const slot = free.find((s) => !given.has(s.id) && acceptsSlot(request, s));
    if (slot) given.add(slot.id);
    return { requestId: request.id, position: index + 1, slotId: slot?.id ?? null };
  });
}
