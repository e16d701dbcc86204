import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots } from '../../test/support/factories.js';
import { bookSlot } from '../booking/book.js';
import { cancelAppointment } from '../booking/cancel.js';
import { DEFAULT_REMINDER_POLICY } from '../reminders/policy.js';
import { RELEASED_BY } from '../reminders/release-unconfirmed.js';
import { attendanceOf } from './attendance.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});
const db = () => database.db;
const rule = DEFAULT_REMINDER_POLICY.noShow; // two no-shows in 180 days
const now = new Date();
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const hoursBefore = (at: Date, h: number) => new Date(at.getTime() - h * 3_600_000);

describe('a person attendance record', () => {
  it('counts attended, missed and late-cancelled appointments, and says the confirm-to-keep policy applies until the second no-show leaves the window', async () => {
    const clinic = await aClinic(db());
    const person = await aBeneficiary(db(), clinic);
    // Six past appointments, oldest first, each booked three days ahead and then kept, missed or
    // cancelled (the person has one open appointment of the service at a time).
    const starts = [40, 30, 20, 10, 5, 2].map((d) => daysAgo(d));
    const fates: Array<'attended' | 'no_show' | { by: string; hoursBefore: number }> = [
      'no_show',
      'attended',
      { by: 'beneficiary:1', hoursBefore: 72 }, // in good time
      'no_show',
      { by: 'beneficiary:1', hoursBefore: 3 }, // after the last reminder: late
      { by: RELEASED_BY, hoursBefore: 10 }, // the policy released it: not the person cancelling
    ];
    for (const [i, startsAt] of starts.entries()) {
      const [slotId] = (await freeSlots(db(), clinic, 1, { from: startsAt })) as [number];
      const { appointment } = await bookSlot(
        db(),
        { curp: person.curp, slotId, channel: 'web', actor: 'test' },
        hoursBefore(startsAt, 73),
      );
      const fate = fates[i];
      if (typeof fate === 'string')
        await db()
          .updateTable('appointments')
          .set({ status: fate, is_open: false })
          .where('id', '=', appointment.id)
          .execute();
      else if (fate)
        await cancelAppointment(
          db(),
          { appointmentId: appointment.id, actor: fate.by, channel: 'web', cutoffMinutes: 60 },
          hoursBefore(startsAt, fate.hoursBefore),
        );
    }

    const record = await attendanceOf(db(), person.id, rule, 24, now);
    expect(record).toMatchObject({ attended: 1, noShows: 2, cancelledLate: 1, windowDays: 180 });
    expect(record.recent.map((r) => r.outcome)).toEqual([
      'cancelled',
      'cancelled_late',
      'no_show',
      'cancelled',
      'attended',
      'no_show',
    ]);
    // The older of the two no-shows (40 days ago) leaves the 180-day window first.
    expect(record.mustConfirm).toEqual({ until: new Date((starts[0] as Date).getTime() + 180 * 86_400_000) });

    // With a threshold of three the same record asks nothing; with 0 the policy is off.
    expect((await attendanceOf(db(), person.id, { ...rule, threshold: 3 }, 24, now)).mustConfirm).toBeNull();
    expect((await attendanceOf(db(), person.id, { ...rule, threshold: 0 }, 24, now)).mustConfirm).toBeNull();
    // Seen 150 days on, the no-show of 40 days ago is out of the window.
    const later = await attendanceOf(db(), person.id, rule, 24, new Date(now.getTime() + 150 * 86_400_000));
    expect(later).toMatchObject({ noShows: 1, mustConfirm: null });
  });
});
