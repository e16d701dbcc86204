import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots } from '../../test/support/factories.js';
import { bookSlot } from '../booking/book.js';
import { sameDayDemand } from './same-day-demand.js';

let database: TestDatabase;
const db = () => database.db;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('a unit’s same-day demand', () => {
  it('counts, over its past four weeks, appointments booked on their own day and how full the same-day slots ran', async () => {
    const clinic = await aClinic(db());
    const day = DateTime.now().setZone(clinic.timeZone).minus({ days: 3 }).set({ hour: 12, minute: 0 });
    const opening = day.set({ hour: 7 }).startOf('minute').toJSDate();
    const weekBefore = day.minus({ days: 7 }).toJSDate();
    // Four slots opened that morning, six a week before; eight of the ten booked, three of those on the day.
    const sameDay = await freeSlots(db(), clinic, 4, {
      from: day.startOf('minute').toJSDate(),
      opensAt: opening,
      pool: 'phone',
    });
    const earlier = await freeSlots(db(), clinic, 6, {
      from: day.set({ hour: 14 }).startOf('minute').toJSDate(),
      opensAt: weekBefore,
      pool: 'phone',
    });
    const booked = [...sameDay.slice(0, 3), ...earlier.slice(0, 5)];
    const ids: string[] = [];
    for (const slotId of booked) {
      const person = await aBeneficiary(db(), clinic);
      // After the release's rush (two hours from 07:00), before the slots start.
      const at = day.set({ hour: 9, minute: 30 }).toJSDate();
      const { appointment } = await bookSlot(
        db(),
        { curp: person.curp, slotId, channel: 'agent', actor: 't' },
        at,
      );
      ids.push(appointment.id);
    }
    await db()
      .updateTable('appointments')
      .set({ created_at: day.minus({ days: 2 }).toJSDate() })
      .where('id', 'in', ids)
      .execute();
    await db()
      .updateTable('appointments')
      .set({ created_at: opening })
      .where('id', 'in', ids.slice(0, 3))
      .execute();
    // A cancelled appointment is no demand.
    await db()
      .updateTable('appointments')
      .set({ status: 'cancelled', is_open: false })
      .where('id', '=', ids[7] as string)
      .execute();

    expect(await sameDayDemand(db(), clinic.clues, new Date())).toEqual([
      {
        serviceCode: clinic.serviceCode,
        appointments: 7,
        bookedSameDay: 3,
        sameDaySlots: 4,
        sameDaySlotsBooked: 3,
      },
    ]);
  });
});
