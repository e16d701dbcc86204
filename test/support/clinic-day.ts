// A consultorio's morning for reception tests: people booked one after another on a day to come,
// and the clock of that morning.
import { DateTime } from 'luxon';
import { bookSlot } from '../../src/booking/book.js';
import type { Db } from '../../src/platform/db/connect.js';
import { aBeneficiary, freeSlots, type TestClinic, type TestPerson } from './factories.js';

export interface ClinicDay {
  /** 'YYYY-MM-DD' on the clinic's walls. */
  day: string;
  /** An instant of that morning, 'HH:mm' on the clinic's walls. */
  at: (hhmm: string) => Date;
  appointments: { id: string; folio: string; person: TestPerson; startsAt: Date }[];
}

/**
 * `people.length` appointments every 20 minutes from 08:00 on a day at least a week ahead (each
 * call its own day), booked by phone agents; `people` defaults to new adults with phones.
 */
let dayOffset = 7;
export async function aClinicDay(
  db: Db,
  clinic: TestClinic,
  count: number,
  people?: TestPerson[],
): Promise<ClinicDay> {
  const start = DateTime.now()
    .setZone(clinic.timeZone)
    .plus({ days: dayOffset++ })
    .set({ hour: 8, minute: 0, second: 0, millisecond: 0 });
  const slots = await freeSlots(db, clinic, count, { from: start.toJSDate(), pool: 'phone' });
  const appointments: ClinicDay['appointments'] = [];
  for (const [i, slotId] of slots.entries()) {
    const person =
      people?.[i] ??
      (await aBeneficiary(db, clinic, { phone: `551${String(1_000_000 + i).padStart(7, '0')}` }));
    const { appointment } = await bookSlot(
      db,
      { curp: person.curp, slotId, channel: 'agent', actor: 'test' },
      new Date(),
    );
    appointments.push({
      id: appointment.id,
      folio: appointment.folio,
      person,
      startsAt: appointment.startsAt,
    });
  }
  const day = start.toISODate() as string;
  const at = (hhmm: string) => {
    const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
    return start.set({ hour, minute }).toJSDate();
  };
  return { day, at, appointments };
}
