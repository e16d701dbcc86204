import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots } from '../../test/support/factories.js';
import { bookSlot } from './book.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('bookSlot', () => {
  it('returns the appointment as presented, and stops counting an appointment whose time has passed', async () => {
    const { db } = database;
    const clinic = await aClinic(db);
    const person = await aBeneficiary(db, clinic);
    const [first] = await freeSlots(db, clinic, 1, { pool: 'phone' });
    const firstSlot = await db
      .selectFrom('slots')
      .selectAll()
      .where('id', '=', first as number)
      .executeTakeFirstOrThrow();
    const later = new Date(firstSlot.starts_at.getTime() + 3 * 3600_000);
    const [second, third] = await freeSlots(db, clinic, 2, { pool: 'phone', from: later });
    const book = (slotId: number, now: Date) =>
      bookSlot(db, { curp: person.curp, slotId, channel: 'agent', actor: 'test' }, now);

    const booked = await book(first as number, new Date());
    expect(booked.appointment).toMatchObject({
      status: 'booked',
      slotId: first,
      unit: { clues: clinic.clues },
      service: { code: 'medicina_familiar', name: 'Medicina familiar' },
      resource: { id: clinic.resourceId, name: 'Consultorio 1' },
      beneficiary: { id: person.id, curp: person.curp },
      timeZone: 'America/Mexico_City',
    });

    const afterFirst = new Date(firstSlot.ends_at.getTime() + 60_000);
    await expect(book(second as number, new Date())).rejects.toMatchObject({
      code: 'ACTIVE_APPOINTMENT_EXISTS',
    });
    expect((await book(second as number, afterFirst)).appointment.slotId).toBe(second);
    await expect(book(third as number, afterFirst)).rejects.toMatchObject({
      code: 'ACTIVE_APPOINTMENT_EXISTS',
    });
  });

  it('remembers what a key asked for: the same request gets its first answer, another request with it is refused', async () => {
    const { db } = database;
    const clinic = await aClinic(db);
    const person = await aBeneficiary(db, clinic);
    const [first, second] = await freeSlots(db, clinic, 2, { pool: 'phone' });
    const book = (slotId: number, channel: 'agent' | 'counter') =>
      bookSlot(
        db,
        { curp: person.curp, slotId, channel, actor: 'staff:1', idempotencyKey: 'key-of-this-test' },
        new Date(),
      );

    const booked = await book(first as number, 'agent');
    expect(booked.replayed).toBe(false);
    const retried = await book(first as number, 'agent');
    expect(retried).toMatchObject({ replayed: true, appointment: { id: booked.appointment.id } });
    await expect(book(second as number, 'agent')).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    await expect(book(first as number, 'counter')).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });
});
