import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots } from '../../test/support/factories.js';
import { bookSlot } from '../booking/book.js';
import { cancelAppointment } from '../booking/cancel.js';
import { suspicionReport } from './suspicion.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('the suspicion report', () => {
  it('names the operator, address and phone behind bookings of many people, high cancellation and quick flips', async () => {
    const since = new Date(Date.now() - 60_000);
    const clinic = await aClinic(database.db);
    const slots = await freeSlots(database.db, clinic, 30, { pool: 'phone' });
    const scalper = { actor: 'token:77', channel: 'agent' as const, sourceIp: '203.0.113.50' };
    for (let i = 0; i < 22; i++) {
      const person = await aBeneficiary(database.db, clinic, { phone: '5599990000' });
      const { appointment } = await bookSlot(
        database.db,
        { ...scalper, curp: person.curp, slotId: slots[i] as number },
        new Date(),
      );
      if (i < 8)
        await cancelAppointment(
          database.db,
          { ...scalper, appointmentId: appointment.id, cutoffMinutes: 0 },
          new Date(),
        );
    }
    const honest = await aBeneficiary(database.db, clinic);
    await bookSlot(
      database.db,
      { curp: honest.curp, slotId: slots[29] as number, channel: 'agent', actor: 'token:5' },
      new Date(),
    );

    const report = await suspicionReport(database.db, since);
    expect(report.manyPeople).toEqual(
      expect.arrayContaining([
        { kind: 'actor', who: 'token:77', people: 22, bookings: 22 },
        { kind: 'source_ip', who: '203.0.113.50', people: 22, bookings: 22 },
        { kind: 'phone', who: '5599990000', people: 22, bookings: 22 },
      ]),
    );
    expect(report.manyPeople.map((m) => m.who)).not.toContain('token:5');
    expect(report.highCancellation).toEqual([
      { actor: 'token:77', bookings: 22, cancelled: 8, share: 8 / 22 },
    ]);
    // Each of the first 8 slots went back on offer at once; flips count per slot only when repeated.
    expect(report.quickFlips).toEqual([]);
  });
});
