import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aClinicDay, type ClinicDay } from '../../test/support/clinic-day.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aBeneficiary, aClinic } from '../../test/support/factories.js';
import { UNIT_ADMIN } from '../../test/support/unit-admin.js';
import { cancelAppointment } from './cancel.js';
import { closeUnitDay, rebookingWorklist, recordDayAbsence } from './rebooking.js';
import { rescheduleAppointment } from './reschedule.js';

let database: TestDatabase;
const admin = UNIT_ADMIN;

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await database.drop();
});

describe('a closure from the unit’s administrator', () => {
  // This clinic has no free time left to propose (replacement.db.test.ts holds one).
  it('blocks the day, puts each appointment on the worklist and sends each person the link to choose again', async () => {
    const clinic = await aClinic(database.db);
    const noPhone = await aBeneficiary(database.db, clinic, { phone: null });
    const day = await aClinicDay(database.db, clinic, 2);
    const lonely = await aClinicDay(database.db, clinic, 1, [noPhone]);
    const result = await closeUnitDay(
      database.db,
      { unitClues: clinic.clues, day: day.day, reason: 'Fumigación', ...admin },
      new Date(),
    );
    expect(result).toEqual({ blockedSlots: 0, flaggedAppointments: 2, notified: 2, proposed: 0 });
    await closeUnitDay(
      database.db,
      { unitClues: clinic.clues, day: lonely.day, reason: 'Reparación', ...admin },
      new Date(),
    );

    const sms = await database.db
      .selectFrom('notifications')
      .select(['beneficiary_id', 'body'])
      .where('kind', '=', 'notice')
      .where(
        'beneficiary_id',
        'in',
        day.appointments.map((a) => a.person.id),
      )
      .orderBy('id')
      .execute();
    expect(sms.map((s) => s.beneficiary_id)).toEqual(day.appointments.map((a) => a.person.id));
    expect(sms[0]?.body).toContain(`https://citas.example.mx/citas/${day.appointments[0]?.id}/cambiar`);

    const worklist = await rebookingWorklist(database.db, clinic.clues);
    expect(worklist.map((i) => i.appointmentId)).toEqual(
      [...day.appointments, ...lonely.appointments].map((a) => a.id),
    );
    expect(worklist.map((i) => i.reason)).toEqual([
      'Cierre: Fumigación',
      'Cierre: Fumigación',
      'Cierre: Reparación',
    ]);
    // Nobody to text: the worklist says so, and the audit still records the person was handled.
    expect(worklist[2]).toMatchObject({ phone: null });
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'subject_beneficiary_id'])
      .where('unit_clues', '=', clinic.clues)
      .where('action', 'in', ['agenda.closure', 'appointment.rebooking_notice'])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'appointment.rebooking_notice',
      'appointment.rebooking_notice',
      'agenda.closure',
      'appointment.rebooking_notice',
      'agenda.closure',
    ]);

    await expect(
      closeUnitDay(
        database.db,
        { unitClues: clinic.clues, day: day.day, reason: 'Otra vez', ...admin },
        new Date(),
      ),
    ).rejects.toMatchObject({ code: 'CLOSURE_EXISTS' });
  });

  it('keeps an appointment on the worklist until it is moved to a new time', async () => {
    const clinic = await aClinic(database.db);
    const day = await aClinicDay(database.db, clinic, 1);
    const later = await aClinicDay(database.db, clinic, 1);
    const [appointment] = day.appointments;
    await recordDayAbsence(
      database.db,
      { resourceId: clinic.resourceId, day: day.day, reason: 'Médico enfermo', ...admin },
      new Date(),
    );
    expect((await rebookingWorklist(database.db, clinic.clues)).map((i) => i.appointmentId)).toEqual([
      appointment?.id,
    ]);
    // The later day's slot is taken; a fresh one of that day is free.
    const free = await database.db
      .insertInto('slots')
      .values({
        template_id: clinic.templateId,
        resource_id: clinic.resourceId,
        unit_clues: clinic.clues,
        service_code: clinic.serviceCode,
        local_date: later.day,
        shift: 'M',
        starts_at: later.at('11:00'),
        ends_at: later.at('11:20'),
        opens_at: new Date('2020-01-01T00:00:00Z'),
        pool: 'phone',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await rescheduleAppointment(
      database.db,
      {
        appointmentId: appointment?.id as string,
        slotId: free.id,
        actor: 'staff:9',
        channel: 'agent',
        cutoffMinutes: 120,
      },
      new Date(),
    );
    expect(await rebookingWorklist(database.db, clinic.clues)).toEqual([]);
  });

  it('gives back the slot of an appointment flagged only because the person’s rights end; a closed one stays closed', async () => {
    const clinic = await aClinic(database.db);
    const day = await aClinicDay(database.db, clinic, 2);
    const [rightsEnd, closed] = day.appointments as [
      ClinicDay['appointments'][0],
      ClinicDay['appointments'][0],
    ];
    const cancel = (id: string) =>
      cancelAppointment(
        database.db,
        { appointmentId: id, actor: 'staff:9', channel: 'agent', cutoffMinutes: 120 },
        new Date(),
      );
    const slotOf = async (id: string) =>
      (
        await database.db
          .selectFrom('appointments as a')
          .innerJoin('slots as s', 's.id', 'a.slot_id')
          .select('s.status')
          .where('a.id', '=', id)
          .executeTakeFirstOrThrow()
      ).status;
    // As the nightly import flags it (registry/import/apply-import.ts): the slot itself is fine.
    await database.db
      .updateTable('appointments')
      .set({ needs_rebooking: true, rebooking_reason: 'Vigencia de derechos hasta el 2026-12-01' })
      .where('id', '=', rightsEnd.id)
      .execute();
    await cancel(rightsEnd.id);
    expect(await slotOf(rightsEnd.id)).toBe('free');

    await recordDayAbsence(
      database.db,
      { resourceId: clinic.resourceId, day: day.day, reason: 'Médico enfermo', ...admin },
      new Date(),
    );
    await cancel(closed.id);
    expect(await slotOf(closed.id)).toBe('blocked');
  });
});
