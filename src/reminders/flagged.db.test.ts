// An appointment a closure took away waits on the unit's rebooking worklist. No worker may treat it
// as an ordinary appointment meanwhile: it is not reminded, not released, not read as tomorrow's,
// and when its day passes unmoved it is not the person's no-show.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots } from '../../test/support/factories.js';
import { UNIT_ADMIN } from '../../test/support/unit-admin.js';
import { bookSlot } from '../booking/book.js';
import { closeUnitDay, rebookingWorklist } from '../booking/rebooking.js';
import { closeNoShows } from '../no-show/close.js';
import { signLink } from '../platform/signed-links.js';
import { remindedAppointment } from './answer.js';
import { DEFAULT_REMINDER_POLICY } from './policy.js';
import { releaseUnconfirmed } from './release-unconfirmed.js';
import { remindersPass } from './send.js';
import { answerSms } from './sms-reply.js';
import { appointmentTomorrow } from './tomorrow.js';

let database: TestDatabase;
const db = () => database.db;
const linkKey = 'k'.repeat(32);
const settings = { policy: DEFAULT_REMINDER_POLICY, linkKey, publicUrl: 'https://citas.example.mx' };

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('an appointment a closure took away', () => {
  it('gets no reminder, is not released or read as tomorrow’s, and is nobody’s no-show', async () => {
    const clinic = await aClinic(db());
    const phone = '5517770001';
    const person = await aBeneficiary(db(), clinic, { phone });
    // Tomorrow at 08:00 on the unit's clock: every reminder lead is due, and it is "tomorrow".
    const [slotId] = (await freeSlots(db(), clinic, 1, { pool: 'phone' })) as [number];
    const { appointment } = await bookSlot(
      db(),
      { curp: person.curp, slotId, channel: 'agent', actor: 't' },
      new Date(),
    );
    // A reminder went out before the closure, asking to confirm by now.
    await db()
      .insertInto('appointment_reminders')
      .values({
        appointment_id: appointment.id,
        lead_hours: 72,
        confirm_by: new Date(),
        recipient: phone,
        queued_at: new Date(),
      })
      .execute();
    const day = DateTime.fromJSDate(appointment.startsAt, { zone: clinic.timeZone }).toISODate() as string;
    await closeUnitDay(db(), { unitClues: clinic.clues, day, reason: 'Sin luz', ...UNIT_ADMIN }, new Date());

    expect(await remindersPass(db(), settings, new Date())).toBe(0);
    expect(await releaseUnconfirmed(db(), new Date(Date.now() + 60_000))).toBe(0);
    expect(await appointmentTomorrow(db(), [person.id], new Date())).toBeNull();
    const token = signLink(linkKey, 'reminder', appointment.id, appointment.startsAt);
    await expect(remindedAppointment(db(), linkKey, token, new Date())).rejects.toMatchObject({
      code: 'REMINDER_APPOINTMENT_GONE',
    });
    expect(await answerSms(db(), { from: phone, body: '1', cutoffMinutes: 120 }, new Date())).toEqual({
      kind: 'nothing_pending',
    });

    const dayAfter = new Date(appointment.startsAt.getTime() + 2 * 86_400_000);
    expect(await closeNoShows(db(), 60, dayAfter)).toBe(0);
    const row = await db()
      .selectFrom('appointments')
      .select(['status', 'needs_rebooking', 'confirmed_at'])
      .where('id', '=', appointment.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'booked', needs_rebooking: true, confirmed_at: null });
    expect((await rebookingWorklist(db(), clinic.clues)).map((i) => i.appointmentId)).toEqual([
      appointment.id,
    ]);
  });
});
