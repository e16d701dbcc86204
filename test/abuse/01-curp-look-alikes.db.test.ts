// Abuse case 1: CURP look-alikes. A CURP is read as plain ASCII: a variant either names the very same
// person (so every per-person rule still applies) or is refused as malformed. No look-alike reaches
// another record, a second appointment or a new identity for the limits.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCurp } from '../../src/registry/curp.js';
import { bearer, testApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { aBeneficiary, aClinic, aStaffToken, freeSlots, type TestPerson } from '../support/factories.js';
import { expectNothingChanged } from '../support/fingerprint.js';
import { PortalClient } from '../support/web-client.js';

let database: TestDatabase;
let app: FastifyInstance;
let agent: Record<string, string>;
let person: TestPerson;
let slotId: number;

const CYRILLIC: Record<string, string> = { A: 'А', E: 'Е', O: 'О', C: 'С', H: 'Н', M: 'М', P: 'Р', X: 'Х' };
const lookAlikes = (curp: string): [string, string][] => [
  ['Cyrillic letters', curp.replace(/[AEOCHMPX]/g, (c) => CYRILLIC[c] ?? c)],
  ['full-width digits', curp.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)))],
  ['a zero-width space', `${curp.slice(0, 4)}\u200b${curp.slice(4)}`],
  ['a zero-width joiner', `${curp.slice(0, 10)}\u200d${curp.slice(10)}`],
  ['inner spaces', `${curp.slice(0, 4)} ${curp.slice(4, 10)} ${curp.slice(10)}`],
  ['a dotless ı for I', curp.replace('I', 'ı')],
];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db);
  const clinic = await aClinic(database.db);
  agent = bearer(await aStaffToken(database.db, 'agent'));
  const birthDate = '1961-03-14';
  const curp = buildCurp({
    givenNames: 'Inés',
    firstSurname: 'Prueba',
    secondSurname: 'Pérez',
    birthDate,
    sex: 'M',
    state: 'DF',
    differentiator: 0,
  });
  person = await aBeneficiary(database.db, clinic, { curp, birth_date: birthDate, given_names: 'Inés' });
  [slotId] = (await freeSlots(database.db, clinic, 2, { pool: 'phone' })) as [number];
  const first = await app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    headers: agent,
    payload: { curp: person.curp, slotId, channel: 'agent' },
  });
  expect(first.statusCode).toBe(201);
  slotId += 1;
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

describe('a CURP look-alike at the API', () => {
  it.each([['booking'], ['looking up']])('is refused as malformed when %s', async (operation) => {
    for (const [, variant] of lookAlikes(person.curp)) {
      expect(variant).not.toBe(person.curp);
      const response = await expectNothingChanged(database.db, () =>
        operation === 'booking'
          ? app.inject({
              method: 'POST',
              url: '/api/v1/appointments',
              headers: agent,
              payload: { curp: variant, slotId, channel: 'agent' },
            })
          : app.inject({ url: `/api/v1/beneficiaries/${encodeURIComponent(variant)}`, headers: agent }),
      );
      expect(response.statusCode, JSON.stringify(variant)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'INVALID_CURP' });
      expect(response.json().detail).toMatch(/18 caracteres/);
    }
  });

  it('in lowercase is the same person, held to the same one-appointment rule', async () => {
    const response = await expectNothingChanged(database.db, () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/appointments',
        headers: agent,
        payload: { curp: person.curp.toLowerCase(), slotId, channel: 'agent' },
      }),
    );
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'ACTIVE_APPOINTMENT_EXISTS' });
  });
});

describe('a CURP look-alike at the portal sign-in', () => {
  it('gets the form back with the CURP marked, and no code is sent', async () => {
    const [year, month, day] = person.birthDate.split('-') as [string, string, string];
    for (const [name, variant] of lookAlikes(person.curp).filter(([name]) => name !== 'inner spaces')) {
      const browser = new PortalClient(app);
      await browser.get('/entrar');
      const response = await expectNothingChanged(database.db, () =>
        browser.post('/entrar', {
          curp: variant,
          'nacimiento-day': day,
          'nacimiento-month': month,
          'nacimiento-year': year,
        }),
      );
      expect(response.statusCode, name).toBe(422);
      expect(browser.page).toContain('CURP');
      expect(browser.page).toMatch(/error-summary/);
    }
  });
});
