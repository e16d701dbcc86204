// Abuse case 3: booking at another unit by tampering with the unit or the slot. Family medicine is
// booked only at the person's unit of adscription, and unit-scoped staff act only on their unit,
// whatever slot id a request carries.
import { describe, expect, it } from 'vitest';
import { freeSlots } from '../support/factories.js';
import { expectNothingChanged } from '../support/fingerprint.js';
import { aWorld } from './world.js';

const world = aWorld();

describe('a slot of another unit', () => {
  it('is refused to a beneficiary on the portal for family medicine (WRONG_UNIT)', async () => {
    const person = await world.aPerson(world.clinicA);
    const browser = await world.signedIn(person);
    const [elsewhere] = await freeSlots(world.database.db, world.clinicB, 1);
    await browser.get(`/cita/revisar?persona=${person.id}&horario=${elsewhere}`);
    const response = await expectNothingChanged(world.database.db, () =>
      browser.post('/cita', {
        persona: String(person.id),
        horario: String(elsewhere),
        clave: browser.reviewKey(),
      }),
    );
    expect(response.statusCode).toBe(422);
    expect(browser.page).toContain('solo en tu unidad');
  });

  it('is refused to an agent booking family medicine for someone adscribed elsewhere', async () => {
    const person = await world.aPerson(world.clinicA);
    const [elsewhere] = await freeSlots(world.database.db, world.clinicB, 1, { pool: 'phone' });
    const response = await expectNothingChanged(world.database.db, () =>
      world.app.inject({
        method: 'POST',
        url: '/api/v1/appointments',
        headers: world.staff.agent,
        payload: { curp: person.curp, slotId: elsewhere, channel: 'agent' },
      }),
    );
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'WRONG_UNIT' });
  });

  it('is out of reach of reception of clinic A, even for a person of clinic A', async () => {
    const person = await world.aPerson(world.clinicA);
    const [elsewhere] = await freeSlots(world.database.db, world.clinicB, 1, {
      pool: 'phone',
      serviceCode: 'medicina_preventiva',
    });
    const response = await expectNothingChanged(world.database.db, () =>
      world.app.inject({
        method: 'POST',
        url: '/api/v1/appointments',
        headers: world.staff.reception,
        payload: { curp: person.curp, slotId: elsewhere, channel: 'counter' },
      }),
    );
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('cannot receive an appointment of clinic A moved by reception of clinic A', async () => {
    const person = await world.aPerson(world.clinicA);
    const appointment = await world.anAppointment(person, world.clinicA);
    const [elsewhere] = await freeSlots(world.database.db, world.clinicB, 1, { pool: 'phone' });
    const response = await expectNothingChanged(world.database.db, () =>
      world.app.inject({
        method: 'POST',
        url: `/api/v1/appointments/${appointment}/reschedule`,
        headers: world.staff.reception,
        payload: { slotId: elsewhere },
      }),
    );
    expect(response.statusCode).toBe(403);
  });

  it('cannot receive a portal appointment moved there by a tampered slot id', async () => {
    const person = await world.aPerson(world.clinicA);
    const appointment = await world.anAppointment(person, world.clinicA);
    const browser = await world.signedIn(person);
    const [elsewhere] = await freeSlots(world.database.db, world.clinicB, 1);
    await browser.get(`/citas/${appointment}/cambiar`);
    const response = await expectNothingChanged(world.database.db, () =>
      browser.post(`/citas/${appointment}/cambiar`, { horario: String(elsewhere) }),
    );
    expect(response.statusCode).toBe(422);
    expect(browser.page).toContain('solo en tu unidad');
  });
});
