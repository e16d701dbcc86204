import type { AvailableSlot } from './availability.js';

/**
 * One slot per start time, the earliest-listed consultorio's: a person chooses a time, not a room,
 * and the same "8:00 a. m." three times over (one per consultorio) reads as a fault on a page and
 * only confuses a caller ("ocho veinte… marca uno; ocho veinte… marca dos"). Portal and phone.
 */
export function distinctTimes<T extends Pick<AvailableSlot, 'startsAt'>>(slots: readonly T[]): T[] {
  const seen = new Set<number>();
  return slots.filter((s) => {
    const time = s.startsAt.getTime();
    if (seen.has(time)) return false;
    seen.add(time);
    return true;
  });
}
