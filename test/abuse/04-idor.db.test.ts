// Abuse case 4: reaching someone else's appointment by changing its id (IDOR). On the portal another
// person's appointment does not exist for you (404, nothing revealed); staff of one unit get 403 on
// another unit's appointments.
import { describe, expect, it } from 'vitest';
import { expectNothingChanged } from '../support/fingerprint.js';
import { aWorld } from './world.js';

const world = aWorld();

describe("another person's appointment on the portal", () => {
  it.each([
    ['cancelling it', 'POST', 'cancelar'],
    ['rescheduling it', 'POST', 'cambiar'],
    ['opening its cancel page', 'GET', 'cancelar'],
    ['opening its confirmation', 'GET', 'confirmacion'],
    ['downloading its calendar file', 'GET', 'cita.ics'],
  ])('is not found when %s', async (_name, method, path) => {
    const me = await world.aPerson(world.clinicA);
    const stranger = await world.aPerson(world.clinicA, { given_names: 'Extraña' });
    const theirs = await world.anAppointment(stranger, world.clinicA);
    const browser = await world.signedIn(me);
    await browser.get('/citas');
    const url = `/citas/${theirs}/${path}`;
    const response = await expectNothingChanged(world.database.db, () =>
      method === 'GET' ? browser.get(url) : browser.post(url, path === 'cambiar' ? { horario: '1' } : {}),
    );
    expect(response.statusCode).toBe(404);
    expect(browser.page).not.toContain('Extraña');
    expect(browser.page).not.toContain(stranger.curp);
  });

  it('cannot be booked for someone outside the family by changing the person id', async () => {
    const me = await world.aPerson(world.clinicA);
    const stranger = await world.aPerson(world.clinicA);
    const browser = await world.signedIn(me);
    await browser.get('/cita');
    const response = await expectNothingChanged(world.database.db, () =>
      browser.post('/cita', { persona: String(stranger.id), horario: '1', clave: crypto.randomUUID() }),
    );
    expect(response.statusCode).toBe(404);
  });
});

describe("another unit's appointment through the API", () => {
  it.each([
    ['reading it', 'GET', ''],
    ['cancelling it', 'POST', '/cancel'],
  ])('is forbidden to reception of clinic A when %s', async (_name, method, path) => {
    const person = await world.aPerson(world.clinicB);
    const theirs = await world.anAppointment(person, world.clinicB);
    const response = await expectNothingChanged(world.database.db, () =>
      world.app.inject({
        method: method as 'GET' | 'POST',
        url: `/api/v1/appointments/${theirs}${path}`,
        headers: world.staff.reception,
      }),
    );
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain(person.curp);
  });

  it('answers 404 for an id that does not exist, and 400 for one that is not an id', async () => {
    const missing = await world.app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${crypto.randomUUID()}/cancel`,
      headers: world.staff.national_admin,
    });
    expect(missing.statusCode).toBe(404);
    const malformed = await world.app.inject({
      method: 'POST',
      url: '/api/v1/appointments/1%20or%201=1/cancel',
      headers: world.staff.national_admin,
    });
    expect(malformed.statusCode).toBe(400);
  });
});

describe("another unit's appointment in the staff console", () => {
  it.each([
    ['opening it', 'GET', '', {}],
    ['opening its cancel page', 'GET', '/cancelar', {}],
    ['cancelling it', 'POST', '/cancelar', { motivo: 'Lo pidió por teléfono' }],
    ['rescheduling it', 'POST', '/cambiar', { horario: '1' }],
  ])('is forbidden to reception of clinic A when %s', async (_name, method, path, form) => {
    const person = await world.aPerson(world.clinicB, { given_names: 'Ajena' });
    const theirs = await world.anAppointment(person, world.clinicB);
    const desk = await world.staffConsole('reception');
    const url = `/consola/citas/${theirs}${path}`;
    const response = await expectNothingChanged(world.database.db, () =>
      method === 'GET' ? desk.get(url) : desk.post(url, form),
    );
    expect(response.statusCode).toBe(403);
    expect(desk.page).not.toContain('Ajena');
  });
});
