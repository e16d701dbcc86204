import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../../../test/support/factories.js';
import { PortalClient } from '../../../test/support/web-client.js';

const MINUTE = 60_000;
let database: TestDatabase;
let app: FastifyInstance;
let clinic: TestClinic;
let opensAt: Date;
let slots: number[];
let now: Date;
const at = (minutes: number) => {
  now = new Date(opensAt.getTime() + minutes * MINUTE);
};

beforeAll(async () => {
  database = await createTestDatabase();
  opensAt = new Date(Math.ceil(Date.now() / MINUTE) * MINUTE + 60 * MINUTE);
  now = opensAt;
  app = await testApp(database.db, { clock: () => now });
  clinic = await aClinic(database.db);
  slots = await freeSlots(database.db, clinic, 2, {
    opensAt,
    from: new Date(opensAt.getTime() + 2 * 86_400_000),
  });
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

const queuePath = () => `/fila/${clinic.clues}/${clinic.serviceCode}`;
const joinForm = (person: { curp: string; birthDate: string }) => {
  const [year, month, day] = person.birthDate.split('-') as [string, string, string];
  return { curp: person.curp, 'nacimiento-day': day, 'nacimiento-month': month, 'nacimiento-year': year };
};
const places = () => database.db.selectFrom('waiting_room_places').select(['id', 'status']).execute();

describe('the waiting room on the portal', () => {
  it('takes a place in the pre-window, admits at the release, and the pass books through the usual sign-in and review', async () => {
    const person = await aBeneficiary(database.db, clinic);
    const browser = new PortalClient(app, '10.1.0.1');
    at(-10);
    const release = await browser.get(queuePath());
    expect(release.headers['citas-release']).toBe(opensAt.toISOString());
    const waiting = await browser.post(queuePath(), joinForm(person));
    expect(waiting.headers['citas-queue-state']).toBe('pending');
    expect(waiting.headers.refresh).toBe('20');
    expect(waiting.body).toContain('Puedes cerrar esta página y volver');
    const placeUrl = browser.link('Actualizar ahora');

    // The same person from another browser and address: no second place, nothing changes.
    const other = new PortalClient(app, '10.1.0.2');
    await other.get(queuePath());
    const again = await other.post(queuePath(), joinForm(person));
    expect(again.statusCode).toBe(409);
    expect(again.headers['citas-error-code']).toBe('PLACE_EXISTS');
    expect(await places()).toHaveLength(1);

    // Signed in before the release, the person cannot book the new slots without a turn.
    await browser.signIn(database.db, person);
    at(0);
    await browser.get(`/cita/revisar?persona=${person.id}&horario=${slots[0]}`);
    const early = await browser.post('/cita', {
      persona: String(person.id),
      horario: String(slots[0]),
      clave: browser.reviewKey(),
    });
    expect(early.statusCode).toBe(409);
    expect(early.headers['citas-error-code']).toBe('PASS_REQUIRED');

    at(0.5);
    const admitted = await browser.get(placeUrl);
    expect(admitted.headers['citas-queue-state']).toBe('admitted');
    expect(admitted.headers['citas-pass-expires']).toBe(new Date(now.getTime() + 10 * MINUTE).toISOString());
    expect(admitted.headers.refresh).toBeUndefined();
    await browser.get(`/cita/revisar?persona=${person.id}&horario=${slots[0]}`);
    const booked = await browser.post('/cita', {
      persona: String(person.id),
      horario: String(slots[0]),
      clave: browser.reviewKey(),
    });
    expect(booked.body).toContain('Tu cita está confirmada');
    expect((await browser.get(placeUrl)).headers['citas-queue-state']).toBe('used');
  });

  it('refuses a forged place address with a clear page, audited', async () => {
    const browser = new PortalClient(app, '10.1.0.3');
    const forged = await browser.get(`/fila/lugar/${'A'.repeat(43)}`);
    expect(forged.statusCode).toBe(404);
    expect(forged.headers['citas-error-code']).toBe('PLACE_NOT_FOUND');
    const audit = await database.db
      .selectFrom('audit_log')
      .select('result')
      .where('action', '=', 'waiting_room.place')
      .execute();
    expect(audit).toContainEqual({ result: 'refused' });
  });

  it('requires the review step: a slot posted straight from a list is sent to its review', async () => {
    const person = await aBeneficiary(database.db, clinic);
    const browser = new PortalClient(app, '10.1.0.4');
    at(130);
    await browser.signIn(database.db, person);
    await browser.get('/cita');
    const skipped = await browser.post('/cita', {
      persona: String(person.id),
      horario: String(slots[1]),
      clave: crypto.randomUUID(),
    });
    expect(skipped.statusCode).toBe(409);
    expect(skipped.headers['citas-error-code']).toBe('REVIEW_REQUIRED');
    expect(browser.link('Revisar los datos')).toBe(`/cita/revisar?persona=${person.id}&horario=${slots[1]}`);
  });

  it('keeps one live session per person: signing in elsewhere ends the older one', async () => {
    const person = await aBeneficiary(database.db, clinic);
    const first = new PortalClient(app, '10.1.0.5');
    const second = new PortalClient(app, '10.1.0.6');
    await first.signIn(database.db, person);
    expect((await first.get('/citas')).statusCode).toBe(200);
    await second.signIn(database.db, person);
    expect((await second.get('/citas')).statusCode).toBe(200);
    await first.get('/citas');
    expect(first.last?.body).toContain('Escribe tus datos');
  });
});

describe('page reads', () => {
  it('are limited per browser session, with a calm 429 page', async () => {
    const limited = await testApp(database.db, { env: { WEB_READS_PER_SESSION_PER_MINUTE: '2' } });
    try {
      const browser = new PortalClient(limited, '10.1.0.7');
      await browser.get('/entrar');
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await browser.get('/entrar')).statusCode);
      expect(statuses).toEqual([200, 200, 429]);
      expect(browser.last?.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });
});
