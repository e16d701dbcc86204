import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aClinicDay } from '../../test/support/clinic-day.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aClinic, type TestClinic } from '../../test/support/factories.js';
import { aHousehold } from '../../test/support/households.js';
import { UNIT_ADMIN } from '../../test/support/unit-admin.js';
import { recordDayAbsence } from '../booking/rebooking.js';
import { checkIn, findArrivals, parseArrivalQuery, type ReceptionActor } from './arrivals.js';
import { callNext, consultorioDay, latestCalls, markNoShow } from './consultorio-queue.js';

let database: TestDatabase;
let clinic: TestClinic;
const policy = { lateToleranceMinutes: 15, comeNowPlaces: 2 };
const receptionist = (n: number, unitClues: string): ReceptionActor => ({
  actor: `staff:${n}`,
  staff: { role: 'reception', unitClues },
});

beforeAll(async () => {
  database = await createTestDatabase();
  clinic = await aClinic(database.db);
}, 60_000);
afterAll(async () => {
  await database.drop();
});

const codeOf = (result: PromiseSettledResult<unknown>) =>
  result.status === 'rejected' ? (result.reason as { code?: string }).code : 'ok';

describe('check-in at the counter', () => {
  it('finds a family member’s appointment by the holder’s CURP and checks in that member, with the companion’s ID', async () => {
    const family = await aHousehold(database.db, clinic);
    const day = await aClinicDay(database.db, clinic, 1, [family.spouse]);
    const [appointment] = day.appointments;
    const found = await findArrivals(
      database.db,
      { unitClues: clinic.clues, query: parseArrivalQuery(family.holder.curp), toleranceMinutes: 15 },
      day.at('07:50'),
    );
    expect(found.map((a) => a.appointment.beneficiary.id)).toEqual([family.spouse.id]);
    expect(found[0]?.requirement.present).toContain('own_photo_id');
    const byFolio = await findArrivals(
      database.db,
      {
        unitClues: clinic.clues,
        query: parseArrivalQuery(`${appointment?.folio.slice(0, 4)}-${appointment?.folio.slice(4)}`),
        toleranceMinutes: 15,
      },
      day.at('07:50'),
    );
    expect(byFolio.map((a) => a.appointment.id)).toEqual([appointment?.id]);

    const done = await checkIn(
      database.db,
      { appointmentId: appointment?.id as string, toleranceMinutes: 15, ...receptionist(1, clinic.clues) },
      day.at('07:50'),
    );
    expect(done.late).toBe(false);
    const row = await database.db
      .selectFrom('appointments')
      .select(['beneficiary_id', 'checked_in_at', 'checked_in_by'])
      .where('id', '=', appointment?.id as string)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      beneficiary_id: family.spouse.id,
      checked_in_at: day.at('07:50'),
      checked_in_by: 'staff:1',
    });
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'subject_beneficiary_id', 'unit_clues'])
      .where('action', '=', 'appointment.check_in')
      .where('subject_beneficiary_id', '=', family.spouse.id)
      .execute();
    expect(audit).toEqual([
      { action: 'appointment.check_in', subject_beneficiary_id: family.spouse.id, unit_clues: clinic.clues },
    ]);
  });

  it('refuses another day’s folio and another unit’s receptionist', async () => {
    const day = await aClinicDay(database.db, clinic, 1);
    const [a] = day.appointments;
    await expect(
      findArrivals(
        database.db,
        { unitClues: clinic.clues, query: { folio: a?.folio as string }, toleranceMinutes: 15 },
        new Date(day.at('08:00').getTime() - 86_400_000),
      ),
    ).rejects.toMatchObject({ code: 'ARRIVAL_NOT_TODAY' });
    const other = await aClinic(database.db);
    await expect(
      checkIn(
        database.db,
        { appointmentId: a?.id as string, toleranceMinutes: 15, ...receptionist(2, other.clues) },
        day.at('07:55'),
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(() => parseArrivalQuery('hola')).toThrow(
      expect.objectContaining({ code: 'ARRIVAL_QUERY_INVALID' }),
    );
  });

  it('does not queue an appointment an absence took away: it is moved first', async () => {
    const day = await aClinicDay(database.db, clinic, 1);
    const [a] = day.appointments;
    await recordDayAbsence(
      database.db,
      { resourceId: clinic.resourceId, day: day.day, reason: 'Incapacidad', ...UNIT_ADMIN },
      new Date(),
    );
    const found = await findArrivals(
      database.db,
      { unitClues: clinic.clues, query: { folio: a?.folio as string }, toleranceMinutes: 15 },
      day.at('07:50'),
    );
    expect(found.map((f) => f.appointment.needsRebooking)).toEqual([true]);
    await expect(
      checkIn(
        database.db,
        { appointmentId: a?.id as string, toleranceMinutes: 15, ...receptionist(1, clinic.clues) },
        day.at('07:55'),
      ),
    ).rejects.toMatchObject({ code: 'ARRIVAL_NEEDS_REBOOKING' });
    // Nor is it in the consultorio's line, so no "ven ahora" goes to it.
    const line = await consultorioDay(
      database.db,
      { resourceId: clinic.resourceId, policy, ...receptionist(1, clinic.clues) },
      day.at('07:55'),
    );
    expect([...line.view.line, ...line.view.missing]).toEqual([]);
  });

  it('records the arrival once when two receptionists check the same person in at the same moment', async () => {
    const day = await aClinicDay(database.db, clinic, 1);
    const id = day.appointments[0]?.id as string;
    const results = await Promise.allSettled(
      [1, 2].map((n) =>
        checkIn(
          database.db,
          { appointmentId: id, toleranceMinutes: 15, ...receptionist(n, clinic.clues) },
          day.at('07:58'),
        ),
      ),
    );
    expect(results.map(codeOf).sort()).toEqual(['ALREADY_CHECKED_IN', 'ok']);
    const events = await database.db
      .selectFrom('appointment_events')
      .select('action')
      .where('appointment_id', '=', id)
      .where('action', '=', 'checked_in')
      .execute();
    expect(events).toHaveLength(1);
  });
});

describe('the consultorio’s queue', () => {
  it('calls by appointment time among those who arrived; a late arrival queues from their arrival', async () => {
    const day = await aClinicDay(database.db, clinic, 3);
    const [first, second, third] = day.appointments;
    const arrive = (id: string | undefined, at: string) =>
      checkIn(
        database.db,
        { appointmentId: id as string, toleranceMinutes: 15, ...receptionist(1, clinic.clues) },
        day.at(at),
      );
    await arrive(third?.id, '08:10'); // booked 08:40, early
    await arrive(second?.id, '08:15'); // booked 08:20, on time
    const late = await arrive(first?.id, '08:30'); // booked 08:00, late
    expect(late.late).toBe(true);
    const view = await consultorioDay(
      database.db,
      { resourceId: clinic.resourceId, policy, ...receptionist(1, clinic.clues) },
      day.at('08:30'),
    );
    expect(view.view.line.map((p) => p.entry.appointmentId)).toEqual([second?.id, first?.id, third?.id]);
    const called = [];
    for (const at of ['08:31', '08:50', '09:10'])
      called.push(
        (
          await callNext(
            database.db,
            { resourceId: clinic.resourceId, policy, ...receptionist(1, clinic.clues) },
            day.at(at),
          )
        ).appointmentId,
      );
    expect(called).toEqual([second?.id, first?.id, third?.id]);
    const statuses = await database.db
      .selectFrom('appointments')
      .select(['status', 'is_open'])
      .where('id', 'in', called as string[])
      .execute();
    expect(statuses).toEqual(Array(3).fill({ status: 'attended', is_open: false }));
    await expect(
      callNext(
        database.db,
        { resourceId: clinic.resourceId, policy, ...receptionist(1, clinic.clues) },
        day.at('09:30'),
      ),
    ).rejects.toMatchObject({ code: 'QUEUE_EMPTY' });
  });

  it('never calls the same person twice when screens call next at the same moment', async () => {
    const day = await aClinicDay(database.db, clinic, 5);
    for (const a of day.appointments)
      await checkIn(
        database.db,
        { appointmentId: a.id, toleranceMinutes: 15, ...receptionist(1, clinic.clues) },
        day.at('07:45'),
      );
    const results = await Promise.allSettled(
      Array.from({ length: 7 }, (_, n) =>
        callNext(
          database.db,
          { resourceId: clinic.resourceId, policy, ...receptionist(n, clinic.clues) },
          day.at('08:00'),
        ),
      ),
    );
    const called = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.appointmentId] : []));
    expect(new Set(called).size).toBe(5);
    expect(called.sort()).toEqual(day.appointments.map((a) => a.id).sort());
    expect(results.map(codeOf).filter((c) => c !== 'ok')).toEqual(['QUEUE_EMPTY', 'QUEUE_EMPTY']);
    const events = await database.db
      .selectFrom('appointment_events')
      .select('appointment_id')
      .where('action', '=', 'attended')
      .where('appointment_id', 'in', called)
      .execute();
    expect(events).toHaveLength(5);
  });

  it('sends "ven ahora" once to people still away whom a call brings within the configured places', async () => {
    const day = await aClinicDay(database.db, clinic, 4);
    const [a, b, c, d] = day.appointments;
    await checkIn(
      database.db,
      { appointmentId: a?.id as string, toleranceMinutes: 15, ...receptionist(1, clinic.clues) },
      day.at('07:55'),
    );
    await callNext(
      database.db,
      { resourceId: clinic.resourceId, policy, ...receptionist(1, clinic.clues) },
      day.at('08:00'),
    );
    const sms = async () =>
      database.db
        .selectFrom('notifications')
        .select(['beneficiary_id', 'body'])
        .where(
          'beneficiary_id',
          'in',
          [b, c, d].map((x) => x?.person.id as number),
        )
        .where('kind', '=', 'notice')
        .orderBy('id')
        .execute();
    const sent = await sms();
    expect(sent.map((s) => s.beneficiary_id)).toEqual([b?.person.id, c?.person.id]);
    expect(sent[0]?.body).toContain('ven ahora');
    expect(sent[0]?.body).toContain('Consultorio 1');
    // b arrives and is called: d comes within two places; b and c are not told again.
    await checkIn(
      database.db,
      { appointmentId: b?.id as string, toleranceMinutes: 15, ...receptionist(1, clinic.clues) },
      day.at('08:18'),
    );
    await callNext(
      database.db,
      { resourceId: clinic.resourceId, policy, ...receptionist(1, clinic.clues) },
      day.at('08:20'),
    );
    expect((await sms()).map((s) => s.beneficiary_id)).toEqual([b?.person.id, c?.person.id, d?.person.id]);
  });

  it('records a called person who did not come in as a no-show, and shows the screen folios only', async () => {
    const day = await aClinicDay(database.db, clinic, 1);
    const [a] = day.appointments;
    await checkIn(
      database.db,
      { appointmentId: a?.id as string, toleranceMinutes: 15, ...receptionist(1, clinic.clues) },
      day.at('07:55'),
    );
    await callNext(
      database.db,
      { resourceId: clinic.resourceId, policy, ...receptionist(1, clinic.clues) },
      day.at('08:00'),
    );
    expect(await latestCalls(database.db, clinic.clues, day.at('08:01'))).toEqual([
      { folio: a?.folio, consultorio: 'Consultorio 1', calledAt: day.at('08:00') },
    ]);
    // A screen for other consultorios (another floor) does not show it; one for this one does.
    const elsewhere = clinic.resourceId + 1_000_000;
    expect(await latestCalls(database.db, clinic.clues, day.at('08:01'), 8, [elsewhere])).toEqual([]);
    expect(
      await latestCalls(database.db, clinic.clues, day.at('08:01'), 8, [elsewhere, clinic.resourceId]),
    ).toHaveLength(1);
    await markNoShow(
      database.db,
      { resourceId: clinic.resourceId, appointmentId: a?.id as string, ...receptionist(1, clinic.clues) },
      day.at('08:05'),
    );
    const row = await database.db
      .selectFrom('appointments')
      .select('status')
      .where('id', '=', a?.id as string)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('no_show');
    await expect(
      markNoShow(
        database.db,
        { resourceId: clinic.resourceId, appointmentId: a?.id as string, ...receptionist(1, clinic.clues) },
        day.at('08:06'),
      ),
    ).rejects.toMatchObject({ code: 'NOT_CALLED' });
  });
});
