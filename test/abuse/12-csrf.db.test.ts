// Abuse case 12: cross-site request forgery. A form posted from another site, without the session's
// token, or with another session's token is refused with 403 and changes nothing; no GET changes
// anything, whatever its path suggests.
import { describe, expect, it } from 'vitest';
import { expectNothingChanged } from '../support/fingerprint.js';
import type { PortalClient } from '../support/web-client.js';
import { aWorld, type Person } from './world.js';

const world = aWorld();

async function aSignedInPersonWithAnAppointment(): Promise<{
  person: Person;
  browser: PortalClient;
  appointment: string;
}> {
  const person = await world.aPerson(world.clinicA);
  const appointment = await world.anAppointment(person, world.clinicA);
  const browser = await world.signedIn(person);
  return { person, browser, appointment };
}

const cancelPost = (browser: PortalClient, appointment: string, form: Record<string, string>, headers = {}) =>
  world.app.inject({
    method: 'POST',
    url: `/citas/${appointment}/cancelar`,
    headers: {
      cookie: browser.cookieHeader(),
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      ...headers,
    },
    payload: new URLSearchParams(form).toString(),
  });

describe('a cancellation forged from another site', () => {
  it.each([
    ['without a token', () => ({})],
    ['with a made-up token', () => ({ _csrf: 'x'.repeat(43) })],
  ])('is refused %s', async (_name, form) => {
    const { browser, appointment } = await aSignedInPersonWithAnAppointment();
    const response = await expectNothingChanged(world.database.db, () =>
      cancelPost(browser, appointment, form()),
    );
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('lang="es-MX"');
  });

  it('is refused with the token of another session', async () => {
    const { browser, appointment } = await aSignedInPersonWithAnAppointment();
    const attacker = await world.signedIn(await world.aPerson(world.clinicA));
    await attacker.get('/citas');
    const response = await expectNothingChanged(world.database.db, () =>
      cancelPost(browser, appointment, { _csrf: attacker.csrfToken() }),
    );
    expect(response.statusCode).toBe(403);
  });

  it.each([
    ['an Origin of another site', { origin: 'https://citas-gratis.example' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
  ])('is refused with %s even when the token was stolen', async (_name, headers) => {
    const { browser, appointment } = await aSignedInPersonWithAnAppointment();
    await browser.get(`/citas/${appointment}/cancelar`);
    const response = await expectNothingChanged(world.database.db, () =>
      cancelPost(browser, appointment, { _csrf: browser.csrfToken() }, headers),
    );
    expect(response.statusCode).toBe(403);
  });

  it('is refused at the sign-in form too (no login CSRF)', async () => {
    const person = await world.aPerson(world.clinicA);
    const [year, month, day] = person.birthDate.split('-') as [string, string, string];
    const response = await expectNothingChanged(world.database.db, () =>
      world.app.inject({
        method: 'POST',
        url: '/entrar',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://citas-gratis.example',
        },
        payload: new URLSearchParams({
          curp: person.curp,
          'nacimiento-day': day,
          'nacimiento-month': month,
          'nacimiento-year': year,
        }).toString(),
      }),
    );
    expect(response.statusCode).toBe(403);
  });
});

describe('a console form forged from another site', () => {
  it('cannot cancel an appointment on behalf of a signed-in agent', async () => {
    const person = await world.aPerson(world.clinicA);
    const appointment = await world.anAppointment(person, world.clinicA);
    const agent = await world.staffConsole('agent');
    const response = await expectNothingChanged(world.database.db, () =>
      world.app.inject({
        method: 'POST',
        url: `/consola/citas/${appointment}/cancelar`,
        headers: {
          cookie: agent.cookieHeader(),
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://citas-gratis.example',
        },
        payload: 'motivo=robo',
      }),
    );
    expect(response.statusCode).toBe(403);
  });
});

// An action is POST only: a GET to its address is 405 Method Not Allowed (with Allow), and changes nothing.
describe('a GET to an address that names an action', () => {
  it.each([
    ['/citas/:id/cancelar', 200],
    ['/citas/:id/cambiar', 200],
    ['/salir', 405],
    ['/entrar/codigo/nuevo', 405],
    ['/consola/salir', 405],
    ['/api/v1/appointments/:id/cancel', 405],
  ])('%s changes nothing', async (path, status) => {
    const { browser, appointment } = await aSignedInPersonWithAnAppointment();
    const response = await expectNothingChanged(world.database.db, () =>
      browser.get(path.replace(':id', appointment)),
    );
    expect(response.statusCode).toBe(status);
    const still = await world.database.db
      .selectFrom('appointments')
      .select('status')
      .where('id', '=', appointment)
      .executeTakeFirstOrThrow();
    expect(still.status).toBe('booked');
    expect((await browser.get('/citas')).statusCode).toBe(200);
  });
});
