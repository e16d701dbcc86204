import { Type } from '@sinclair/typebox';
import { DateTime } from 'luxon';
import { type AvailableSlot, findAvailability } from '../../agenda/availability.js';
import { localToday } from '../../agenda/slot-plan.js';
import { calendarDay } from '../../platform/calendar-day.js';
import type { Db } from '../../platform/db/connect.js';
import type { AppointmentChannel } from '../../platform/db/schema.js';

/** Free times an agent is offered at once: enough to choose from while on the phone. */
export const SLOTS_SHOWN = 8;
/** With a day chosen, the whole shift fits on the screen ("¿tiene para el jueves en la tarde?"). */
const SLOTS_SHOWN_FOR_A_DAY = 24;
const DAYS_AHEAD = 31;
/** The days a receptionist can pick from: three weeks, as far as agendas are open. */
export const DAYS_OFFERED = 21;

/** The day and shift a caller asked for; either may be left open. */
export interface SlotFilter {
  day?: string;
  shift?: 'M' | 'V';
}

/** `dia` and `turno` as a GET form sends them: empty means "any" (readSlotFilter). */
export const SlotFilterQuery = {
  dia: Type.Optional(Type.String({ maxLength: 10 })),
  turno: Type.Optional(Type.String({ maxLength: 1 })),
};

/** Reads the `dia` and `turno` query fields; an empty or impossible value means "any". */
export function readSlotFilter(query: { dia?: string; turno?: string }): SlotFilter {
  const day = query.dia && calendarDay(query.dia) !== null ? query.dia : undefined;
  const shift = query.turno === 'M' || query.turno === 'V' ? query.turno : undefined;
  return { ...(day ? { day } : {}), ...(shift ? { shift } : {}) };
}

/** The calendar days offered in the day list, from today on the unit's walls. */
export function daysToOffer(now: Date, timeZone: string): string[] {
  const today = DateTime.fromISO(localToday(now, timeZone));
  return Array.from({ length: DAYS_OFFERED }, (_, i) => today.plus({ days: i }).toISODate() as string);
}

/** The next free slots of a service at a unit from the channel's share (phone or counter), earliest first. */
export function nextFreeSlots(
  db: Db,
  where: { unitClues: string; serviceCode: string; channel: AppointmentChannel; excludeSlotIds?: number[] },
  now: Date,
  filter: SlotFilter = {},
): Promise<AvailableSlot[]> {
  return findAvailability(
    db,
    {
      ...where,
      ...(filter.day
        ? { from: filter.day, days: 1, limit: SLOTS_SHOWN_FOR_A_DAY }
        : { days: DAYS_AHEAD, limit: SLOTS_SHOWN }),
      ...(filter.shift ? { shift: filter.shift } : {}),
    },
    now,
  );
}
