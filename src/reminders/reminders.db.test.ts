import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../../test/support/factories.js';
import { bookSlot } from '../booking/book.js';
import { closeNoShows } from '../no-show/close.js';
import { noShowRates } from '../no-show/rates.js';
import { isDomainError } from '../platform/domain-error.js';
import { signLink } from '../platform/signed-links.js';
import { backfillPass } from '../waitlist/backfill.js';
import { joinWaitlist } from '../waitlist/entries.js';
import { answerReminderLink } from './answer.js';
import { DEFAULT_REMINDER_POLICY } from './policy.js';
import { releaseUnconfirmed } from './release-unconfirmed.js';
import { remindersPass } from './send.js';
import { answerSms } from './sms-reply.js';

let database: TestDatabase;
const db = () => database.db;
const linkKey = 'test-link-key-of-at-least-thirty-two-chars';
const publicUrl = 'https://citas.example.mx';
const settings = { policy: DEFAULT_REMINDER_POLICY, linkKey, publicUrl };
const waitlistSettings = {
  policy: { offerMinutes: 30, minLeadMinutes: 120, priorityAge: null },
  linkKey,
  publicUrl,
};

// Tomorrow 10:00 on Mexico City's walls (UTC-6 all year): after the rows' created_at (the database's clock).
const today = new Date();
const now = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1, 16));
let phones = 0;
const aPhone = () => `55${String(10_000_000 + ++phones)}`;
const hoursLater = (h: number) => new Date(now.getTime() + h * 3_600_000);

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

/** An appointment `hours` from `now`, booked a week before it, for a person with a phone of their own. */
async function anAppointment(clinic: TestClinic, hours: number, person?: { id: number; curp: string }) {
  const [slotId] = (await freeSlots(db(), clinic, 1, { from: hoursLater(hours) })) as [number];
  const who = person ?? (await aBeneficiary(db(), clinic, { phone: aPhone() }));
  const { appointment } = await bookSlot(
    db(),
    { curp: who.curp, slotId, channel: 'web', actor: `beneficiary:${who.id}` },
    hoursLater(hours - 24 * 7),
  );
  return { appointment, person: who, slotId };
}

const remindersOf = (appointmentId: string) =>
  db().selectFrom('appointment_reminders').selectAll().where('appointment_id', '=', appointmentId).execute();

const tokenOf = (appointmentId: string, startsAt: Date) =>
  signLink(linkKey, 'reminder', appointmentId, startsAt);

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
};

describe('reminders', () => {
  it('queues each reminder once, even when five workers run the same pass at once', async () => {
    const clinic = await aClinic(db());
    const { appointment } = await anAppointment(clinic, 71);
    await Promise.all(Array.from({ length: 5 }, () => remindersPass(db(), settings, now)));
    expect((await remindersOf(appointment.id)).map((r) => r.lead_hours)).toEqual([72]);
    const sms = await db()
      .selectFrom('notifications')
      .select('body')
      .where('beneficiary_id', '=', appointment.beneficiary.id)
      .where('kind', '=', 'notice')
      .execute();
    expect(sms).toHaveLength(1);
    expect(sms[0]?.body).toContain(`${publicUrl}/r/`);
  });

  it('sends nothing at night on the unit clock, and the reminder once morning comes', async () => {
    const clinic = await aClinic(db());
    const { appointment } = await anAppointment(clinic, 30);
    await remindersPass(db(), settings, hoursLater(13)); // 23:00 on the unit's clock
    await remindersPass(db(), settings, hoursLater(16)); // 02:00
    expect(await remindersOf(appointment.id)).toEqual([]);
    await remindersPass(db(), settings, hoursLater(22)); // 08:00
    expect((await remindersOf(appointment.id)).map((r) => r.lead_hours)).toEqual([24]);
  });
});

describe('one-tap answer links', () => {
  it('confirms the appointment once; the same link is then refused', async () => {
    const clinic = await aClinic(db());
    const { appointment } = await anAppointment(clinic, 30);
    const token = tokenOf(appointment.id, appointment.startsAt);
    await answerReminderLink(db(), { linkKey, token, answer: 'confirm', cutoffMinutes: 60 }, now);
    const row = await db()
      .selectFrom('appointments')
      .select('confirmed_at')
      .where('id', '=', appointment.id)
      .executeTakeFirstOrThrow();
    expect(row.confirmed_at).not.toBeNull();
    expect(
      await codeOf(answerReminderLink(db(), { linkKey, token, answer: 'cancel', cutoffMinutes: 60 }, now)),
    ).toBe('REMINDER_LINK_USED');
  });

  it('refuses forged, expired and another appointment’s links, changing nothing', async () => {
    const clinic = await aClinic(db());
    const mine = await anAppointment(clinic, 30);
    const theirs = await anAppointment(clinic, 31);
    const answer = (token: string, at = now) =>
      codeOf(answerReminderLink(db(), { linkKey, token, answer: 'cancel', cutoffMinutes: 60 }, at));
    const token = tokenOf(mine.appointment.id, mine.appointment.startsAt);
    expect(await answer(token.replace(mine.appointment.id, theirs.appointment.id))).toBe(
      'REMINDER_LINK_INVALID',
    );
    expect(
      await answer(
        signLink('another-key-of-at-least-thirty-two-chars', 'reminder', mine.appointment.id, hoursLater(30)),
      ),
    ).toBe('REMINDER_LINK_INVALID');
    expect(await answer(signLink(linkKey, 'offer', mine.appointment.id, hoursLater(30)))).toBe(
      'REMINDER_LINK_INVALID',
    );
    expect(await answer(token, hoursLater(31))).toBe('REMINDER_LINK_EXPIRED');
    const statuses = await db()
      .selectFrom('appointments')
      .select('status')
      .where('id', 'in', [mine.appointment.id, theirs.appointment.id])
      .execute();
    expect(statuses.map((s) => s.status)).toEqual(['booked', 'booked']);
  });

  it('cancelling by link frees the slot, and the backfill offers it to the waitlist at once', async () => {
    const clinic = await aClinic(db());
    const { appointment, slotId } = await anAppointment(clinic, 30);
    const waiting = await aBeneficiary(db(), clinic);
    await joinWaitlist(
      db(),
      {
        beneficiaryId: waiting.id,
        unitClues: clinic.clues,
        serviceCode: clinic.serviceCode,
        weekdays: null,
        shift: null,
        channel: 'web',
        actor: 'x',
      },
      now,
    );
    const token = tokenOf(appointment.id, appointment.startsAt);
    await answerReminderLink(db(), { linkKey, token, answer: 'cancel', cutoffMinutes: 60 }, now);
    await backfillPass(db(), waitlistSettings, now);
    const offer = await db()
      .selectFrom('waitlist_offers')
      .selectAll()
      .where('slot_id', '=', slotId)
      .executeTakeFirst();
    expect(offer).toMatchObject({ beneficiary_id: waiting.id, status: 'open' });
  });
});

describe('SMS replies', () => {
  it('CANCELAR (any case or accent, or 2) to a reminder frees the slot; 1 confirms', async () => {
    const clinic = await aClinic(db());
    const at = hoursLater(7);
    const first = await anAppointment(clinic, 30);
    await remindersPass(db(), settings, at);
    const phone = (await remindersOf(first.appointment.id))[0]?.recipient as string;
    expect(await answerSms(db(), { from: phone, body: 'cancélar', cutoffMinutes: 60 }, at)).toMatchObject({
      kind: 'cancelled',
    });
    const slot = await db()
      .selectFrom('slots')
      .select('status')
      .where('id', '=', first.slotId)
      .executeTakeFirstOrThrow();
    expect(slot.status).toBe('free');
    const second = await anAppointment(clinic, 29);
    await remindersPass(db(), settings, at);
    const phone2 = (await remindersOf(second.appointment.id))[0]?.recipient as string;
    expect(await answerSms(db(), { from: phone2, body: '1', cutoffMinutes: 60 }, at)).toMatchObject({
      kind: 'confirmed',
    });
    expect(await answerSms(db(), { from: phone2, body: 'hola', cutoffMinutes: 60 }, at)).toEqual({
      kind: 'unknown_keyword',
    });
    expect(await answerSms(db(), { from: '5500000000', body: '2', cutoffMinutes: 60 }, at)).toEqual({
      kind: 'nothing_pending',
    });
  });
});

describe('no-shows', () => {
  it('closes as no-show what nobody marked attended once the unit’s day is over, and counts rates', async () => {
    const clinic = await aClinic(db());
    const missed = await anAppointment(clinic, 2);
    const attended = await anAppointment(clinic, 3);
    // Arrived at the counter, never called: the person came, so is no no-show.
    const arrived = await anAppointment(clinic, 4);
    await db()
      .updateTable('appointments')
      .set({ status: 'attended', is_open: false })
      .where('id', '=', attended.appointment.id)
      .execute();
    await db()
      .updateTable('appointments')
      .set({ checked_in_at: now, checked_in_by: 'staff:1' })
      .where('id', '=', arrived.appointment.id)
      .execute();
    const statusOf = async () =>
      (
        await db()
          .selectFrom('appointments')
          .select('status')
          .where('id', '=', missed.appointment.id)
          .executeTakeFirstOrThrow()
      ).status;
    // 22:00 the same day on the unit's clock: the day is not over yet.
    await closeNoShows(db(), 60, hoursLater(12), 5000);
    expect(await statusOf()).toBe('booked');
    // 01:30 the next day: an hour after midnight has passed.
    await closeNoShows(db(), 60, hoursLater(15.5), 5000);
    const rows = await db()
      .selectFrom('appointments')
      .select(['id', 'status'])
      .where('id', 'in', [missed.appointment.id, attended.appointment.id, arrived.appointment.id])
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [missed.appointment.id]: 'no_show',
      [attended.appointment.id]: 'attended',
      [arrived.appointment.id]: 'booked',
    });
    const rates = await noShowRates(db(), { from: now, to: hoursLater(24), unitClues: clinic.clues });
    expect(rates).toEqual([
      {
        unitClues: clinic.clues,
        serviceCode: clinic.serviceCode,
        channel: 'web',
        attended: 1,
        noShows: 1,
        rate: 0.5,
      },
    ]);
  });

  it('asks a person with repeated no-shows to confirm, and releases the slot if they do not', async () => {
    const clinic = await aClinic(db());
    const person = await aBeneficiary(db(), clinic, { phone: '5577778888' });
    for (const hours of [-24 * 20, -24 * 10]) {
      const past = await anAppointment(clinic, hours, person);
      await db()
        .updateTable('appointments')
        .set({ status: 'no_show', is_open: false })
        .where('id', '=', past.appointment.id)
        .execute();
    }
    const next = await anAppointment(clinic, 30, person);
    await remindersPass(db(), settings, hoursLater(7));
    const [reminder] = await remindersOf(next.appointment.id);
    expect(reminder?.confirm_by).toEqual(hoursLater(30 - 12));
    expect(await releaseUnconfirmed(db(), hoursLater(17))).toBe(0);
    expect(await releaseUnconfirmed(db(), hoursLater(18))).toBe(1);
    const row = await db()
      .selectFrom('appointments')
      .select('status')
      .where('id', '=', next.appointment.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('cancelled');
  });
});
