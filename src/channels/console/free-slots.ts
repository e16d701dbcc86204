import { type AvailableSlot, findAvailability } from '../../agenda/availability.js';
import type { Db } from '../../platform/db/connect.js';
import type { AppointmentChannel } from '../../platform/db/schema.js';

/** Free times an agent is offered at once: enough to choose from while on the phone. */
export const SLOTS_SHOWN = 8;
const DAYS_AHEAD = 31;

/** The next free slots of a service at a unit from the channel's share (phone or counter), earliest first. */
export function nextFreeSlots(
  db: Db,
  where: { unitClues: string; serviceCode: string; channel: AppointmentChannel; excludeSlotIds?: number[] },
  now: Date,
): Promise<AvailableSlot[]> {
  return findAvailability(db, { ...where, days: DAYS_AHEAD, limit: SLOTS_SHOWN }, now);
}
