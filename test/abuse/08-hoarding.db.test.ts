// Abuse case 8: hoarding (OWASP OAT-021, denial of inventory). One person cannot hold places in every
// service at once: the database caps the appointments a person holds still to come, even when the
// requests race; and cancel-and-rebook loops of one service are cut off by the churn limit.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DEMO_SERVICES } from '../../src/seed/demo-network.js';
import { aClinic, freeSlots, type TestClinic } from '../support/factories.js';
import { expectNothingChanged } from '../support/fingerprint.js';
import { aWorld, type Person } from './world.js';

const world = aWorld();
const SERVICES = DEMO_SERVICES.map((s) => s.code);
const CAP = 3;

async function everyService(): Promise<TestClinic> {
  await sql`update booking_policy set max_open_appointments = ${CAP}`.execute(world.database.db);
  return aClinic(world.database.db, { services: SERVICES });
}

const book = (person: Person, slotId: number) =>
  world.app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    headers: world.staff.agent,
    payload: { curp: person.curp, slotId, channel: 'agent' },
  });

async function oneSlotPerService(clinic: TestClinic): Promise<number[]> {
  const slots: number[] = [];
  for (const serviceCode of SERVICES) {
    const [slotId] = await freeSlots(world.database.db, clinic, 1, { pool: 'phone', serviceCode });
    slots.push(slotId as number);
  }
  return slots;
}

const openAppointments = async (person: Person) =>
  world.database.db
    .selectFrom('appointments')
    .select('service_code')
    .where('beneficiary_id', '=', person.id)
    .where('status', '=', 'booked')
    .execute();

describe('one person across all services', () => {
  it(`holds at most ${CAP} appointments to come; the next is refused and changes nothing`, async () => {
    const clinic = await everyService();
    const person = await world.aPerson(clinic);
    const slots = await oneSlotPerService(clinic);
    for (const slotId of slots.slice(0, CAP)) expect((await book(person, slotId)).statusCode).toBe(201);
    const refused = await expectNothingChanged(world.database.db, () => book(person, slots[CAP] as number));
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'OPEN_APPOINTMENT_LIMIT' });
    expect(refused.json().detail).toContain(`${CAP} citas pendientes`);
  });

  it(`gets exactly ${CAP} of ${SERVICES.length} bookings sent at the same moment`, async () => {
    const clinic = await everyService();
    const person = await world.aPerson(clinic);
    const slots = await oneSlotPerService(clinic);
    const responses = await Promise.all(slots.map((slotId) => book(person, slotId)));
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(CAP);
    expect(statuses.filter((s) => s === 409)).toHaveLength(SERVICES.length - CAP);
    expect(await openAppointments(person)).toHaveLength(CAP);
    const freed = await world.database.db
      .selectFrom('slots')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('id', 'in', slots)
      .where('status', '=', 'booked')
      .executeTakeFirstOrThrow();
    expect(Number(freed.n)).toBe(CAP);
  });

  it('counts a cancelled appointment no more, so a place can be held again', async () => {
    const clinic = await everyService();
    const person = await world.aPerson(clinic);
    const slots = await oneSlotPerService(clinic);
    const booked = [];
    for (const slotId of slots.slice(0, CAP)) booked.push((await book(person, slotId)).json().id);
    const cancel = await world.app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${booked[0]}/cancel`,
      headers: world.staff.agent,
    });
    expect(cancel.statusCode).toBe(200);
    expect((await book(person, slots[CAP] as number)).statusCode).toBe(201);
  });
});

describe('a cancel-and-rebook loop on the portal', () => {
  it('is refused after three cancellations of the service, with the way forward', async () => {
    const person = await world.aPerson(world.clinicA);
    const browser = await world.signedIn(person);
    const slots = await freeSlots(world.database.db, world.clinicA, 4);
    for (const slotId of slots.slice(0, 3)) {
      await browser.get(`/cita/revisar?persona=${person.id}&horario=${slotId}`);
      await browser.post('/cita', {
        persona: String(person.id),
        horario: String(slotId),
        clave: browser.reviewKey(),
      });
      const [appointment] = await world.database.db
        .selectFrom('appointments')
        .select('id')
        .where('beneficiary_id', '=', person.id)
        .where('status', '=', 'booked')
        .execute();
      expect(appointment).toBeDefined();
      await browser.get(`/citas/${appointment?.id}/cancelar`);
      await browser.post(`/citas/${appointment?.id}/cancelar`, {});
    }
    await browser.get(`/cita/revisar?persona=${person.id}&horario=${slots[3]}`);
    const refused = await expectNothingChanged(world.database.db, () =>
      browser.post('/cita', {
        persona: String(person.id),
        horario: String(slots[3]),
        clave: browser.reviewKey(),
      }),
    );
    expect(refused.statusCode).toBe(422);
    expect(browser.page).toContain('Por ahora no puedes agendar este servicio');
  });
});
