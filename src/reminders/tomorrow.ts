// "Tienes una cita mañana": what the phone line reads before its menu. Tomorrow is the day after
// today on the walls of the appointment's own unit, as reminders count it.
import { DateTime } from 'luxon';
import { localToday } from '../agenda/slot-plan.js';
import { type Appointment, listAppointments } from '../booking/appointments.js';
import type { Db } from '../platform/db/connect.js';

/** Whether `startsAt` falls on tomorrow's date in `zone`, seen at `now`. Pure. */
export const isTomorrow = (startsAt: Date, zone: string, now: Date): boolean =>
  localToday(startsAt, zone) === DateTime.fromJSDate(now, { zone }).plus({ days: 1 }).toISODate();

/**
 * The earliest booked appointment of these people that is tomorrow on its unit's clock, if any; not
 * one a closure took away (the phone line reads its held replacement time instead).
 */
export async function appointmentTomorrow(
  db: Db,
  beneficiaryIds: number[],
  now: Date,
): Promise<Appointment | null> {
  const booked = await listAppointments(db, { beneficiaryIds, status: 'booked' });
  const tomorrow = booked
    .filter((a) => !a.needsRebooking && a.startsAt > now && isTomorrow(a.startsAt, a.timeZone, now))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return tomorrow[0] ?? null;
}
