import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots } from '../../test/support/factories.js';
import { bookSlot } from '../booking/book.js';
import { addAbsence, addClosure } from './closures.js';
import { generateSlots } from './generate-slots.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const slotStatuses = (ids: number[]) =>
  database.db.selectFrom('slots').select(['id', 'status']).where('id', 'in', ids).orderBy('id').execute();

describe('slot generation', () => {
  it('is idempotent: a second run creates nothing and leaves booked slots as they are', async () => {
    const clinic = await aClinic(database.db, { timeZone: 'America/Cancun', state: 'QR' });
    const now = new Date();
    const created = await generateSlots(database.db, { now, unitClues: clinic.clues });
    expect(created).toBeGreaterThan(100);
    const [first] = await database.db
      .selectFrom('slots')
      .select('id')
      .where('unit_clues', '=', clinic.clues)
      .orderBy('starts_at')
      .limit(1)
      .execute();
    await database.db
      .updateTable('slots')
      .set({ status: 'booked' })
      .where('id', '=', first?.id as number)
      .execute();
    expect(await generateSlots(database.db, { now, unitClues: clinic.clues })).toBe(0);
    expect((await slotStatuses([first?.id as number]))[0]?.status).toBe('booked');
  });

  it('leaves national holidays and unit closures out', async () => {
    const clinic = await aClinic(database.db);
    const monday = DateTime.now()
      .setZone(clinic.timeZone)
      .plus({ weeks: 1 })
      .startOf('week')
      .toISODate() as string;
    await database.db
      .insertInto('closures')
      .values({ unit_clues: null, day: monday, reason: 'Día festivo' })
      .execute();
    await generateSlots(database.db, { now: new Date(), unitClues: clinic.clues });
    const onHoliday = await database.db
      .selectFrom('slots')
      .select('id')
      .where('unit_clues', '=', clinic.clues)
      .where('local_date', '=', monday)
      .execute();
    expect(onHoliday).toEqual([]);
  });
});

describe('a closure or absence added later', () => {
  it('blocks the free slots of the day and flags booked appointments for rebooking, deleting nothing', async () => {
    const clinic = await aClinic(database.db);
    const slots = await freeSlots(database.db, clinic, 3, { pool: 'web' });
    const person = await aBeneficiary(database.db, clinic);
    const { appointment } = await bookSlot(
      database.db,
      { curp: person.curp, slotId: slots[0] as number, channel: 'web', actor: 'test' },
      new Date(),
    );
    const day = DateTime.fromJSDate(appointment.startsAt, { zone: clinic.timeZone }).toISODate() as string;

    const result = await database.db
      .transaction()
      .execute((trx) =>
        addClosure(trx, { unitClues: clinic.clues, day, reason: 'Fumigación', actor: 'test' }),
      );
    expect(result).toEqual({ blockedSlots: 2, flaggedAppointments: 1, proposalsWithdrawn: [] });
    expect((await slotStatuses(slots)).map((s) => s.status)).toEqual(['booked', 'blocked', 'blocked']);
    const flagged = await database.db
      .selectFrom('appointments')
      .select(['status', 'needs_rebooking', 'rebooking_reason'])
      .where('id', '=', appointment.id)
      .executeTakeFirstOrThrow();
    expect(flagged).toEqual({
      status: 'booked',
      needs_rebooking: true,
      rebooking_reason: 'Cierre: Fumigación',
    });
  });

  it('an absence blocks only the slots inside it', async () => {
    const clinic = await aClinic(database.db);
    const slots = await freeSlots(database.db, clinic, 3, { pool: 'web' });
    const rows = await database.db
      .selectFrom('slots')
      .select(['starts_at', 'ends_at'])
      .where('id', 'in', slots)
      .orderBy('starts_at')
      .execute();
    const result = await database.db.transaction().execute((trx) =>
      addAbsence(trx, {
        resourceId: clinic.resourceId,
        startsAt: rows[1]?.starts_at as Date,
        endsAt: rows[1]?.ends_at as Date,
        reason: 'Capacitación',
        actor: 'test',
      }),
    );
    expect(result).toEqual({ blockedSlots: 1, flaggedAppointments: 0, proposalsWithdrawn: [] });
    expect((await slotStatuses(slots)).map((s) => s.status)).toEqual(['free', 'blocked', 'free']);
  });
});
