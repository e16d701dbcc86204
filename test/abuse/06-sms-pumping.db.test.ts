// Abuse case 6: SMS pumping, and the portal's other layered limits. One client cycling through many
// CURPs (with or without dropping its cookie) is cut off after a few, and no phone on file receives
// more than its daily cap of codes; every refusal is a 429 with Retry-After that sends nothing.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createClient } from 'redis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCurp } from '../../src/registry/curp.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../support/factories.js';
import { PortalClient } from '../support/web-client.js';

let database: TestDatabase;
let clinic: TestClinic;
const apps: FastifyInstance[] = [];
// A fixed instant 10 s into the hour: every window in these tests is the same one.
const hour = new Date();
hour.setUTCMinutes(0, 10, 0);
const clock = () => hour;

beforeAll(async () => {
  database = await createTestDatabase();
  clinic = await aClinic(database.db);
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await database.drop();
});

async function portal(env: Record<string, string> = {}) {
  const app = await testApp(database.db, { env, clock });
  apps.push(app);
  return app;
}

async function aPerson(phone = '5512345678') {
  return await aBeneficiary(database.db, clinic, { phone });
}

/** Data held by no beneficiary: a CURP and the birth date it holds. */
const aStranger = (n: number) => {
  const birthDate = `1960-01-${String(1 + (n % 28)).padStart(2, '0')}`;
  const curp = buildCurp({
    givenNames: 'Nadie',
    firstSurname: 'Inexistente',
    secondSurname: 'Ninguno',
    birthDate,
    sex: 'H',
    state: 'VZ',
    differentiator: n % 10,
  });
  return { curp, birthDate };
};

/** POST /entrar from the browser's current session (a new one unless `browser` is given). */
async function startSignIn(
  app: FastifyInstance,
  who: { curp: string; birthDate: string },
  browser = new PortalClient(app, address),
): Promise<LightMyRequestResponse> {
  await browser.get('/entrar');
  const [year, month, day] = who.birthDate.split('-') as [string, string, string];
  return browser.post('/entrar', {
    curp: who.curp,
    'nacimiento-day': day,
    'nacimiento-month': month,
    'nacimiento-year': year,
  });
}

/** Each test comes from its own address: the counters live in the one database of this file. */
let address = '198.51.100.1';
let addresses = 1;
beforeEach(() => {
  addresses++;
  address = `198.51.100.${addresses}`;
});

const rows = async (table: 'notifications' | 'sign_in_codes' | 'appointments' | 'rate_limit_windows') =>
  Number(
    (
      await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

function expectRateLimited(response: LightMyRequestResponse) {
  expect(response.statusCode).toBe(429);
  expect(response.headers['citas-error-code']).toBe('RATE_LIMITED');
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  expect(response.headers['content-type']).toContain('text/html');
  expect(response.body).toContain('<html lang="es-MX">');
  expect(response.body).toContain('Demasiados intentos');
  expect(response.body).toContain('No se hizo ningún cambio');
}

const withoutTokens = (body: string) => body.replace(/name="_csrf" value="[^"]+"/g, '');

describe('portal rate limits', () => {
  it('refuse a CURP tried too often, known or not, with the same page, and send nothing', async () => {
    const app = await portal({ WEB_RATE_SIGN_IN_PER_CURP_PER_HOUR: '2' });
    const person = await aPerson();
    const nobody = aStranger(1);
    const answers = [];
    for (let i = 0; i < 2; i++) answers.push(await startSignIn(app, person), await startSignIn(app, nobody));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200]);
    expect(answers[0]?.body).toContain('Si tus datos coinciden');
    expect(withoutTokens(answers[0]?.body ?? '')).toBe(withoutTokens(answers[1]?.body ?? ''));

    const before = { sms: await rows('notifications'), codes: await rows('sign_in_codes') };
    const known = await startSignIn(app, person);
    const unknown = await startSignIn(app, nobody);
    expectRateLimited(known);
    expectRateLimited(unknown);
    expect(withoutTokens(known.body)).toBe(withoutTokens(unknown.body));
    expect(known.headers['retry-after']).toBe(unknown.headers['retry-after']);
    expect({ sms: await rows('notifications'), codes: await rows('sign_in_codes') }).toEqual(before);
  });

  it('limit sign-in starts per browser session and per address', async () => {
    const perSession = await portal({ WEB_RATE_SIGN_IN_PER_SESSION_PER_HOUR: '2' });
    const person = await aPerson();
    const browser = new PortalClient(perSession, address);
    expect((await startSignIn(perSession, person, browser)).statusCode).toBe(200);
    expect((await startSignIn(perSession, person, browser)).statusCode).toBe(200);
    const sent = await rows('notifications');
    expectRateLimited(await startSignIn(perSession, person, browser));
    expect(await rows('notifications')).toBe(sent);

    const perIp = await portal({ WEB_RATE_SIGN_IN_PER_IP_PER_HOUR: '3' });
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await startSignIn(perIp, aStranger(10 + i), new PortalClient(perIp, `203.0.113.${addresses}`)))
          .statusCode,
      );
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('refuse one session cycling through 30 CURPs after 5, yet let a person retry their own', async () => {
    const app = await portal();
    const people = [];
    for (let i = 0; i < 30; i++) people.push(await aPerson(`55300000${String(i).padStart(2, '0')}`));
    const browser = new PortalClient(app, address);
    const before = await rows('notifications');
    const statuses = [];
    for (const person of people) statuses.push((await startSignIn(app, person, browser)).statusCode);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    expect(await rows('notifications')).toBe(before + 5);
    // Even a CURP it tried before is refused now: the client, not the CURP, is over the limit.
    expectRateLimited(await startSignIn(app, people[0] as (typeof people)[0], browser));

    const retrying = new PortalClient(app, address);
    const elder = await aPerson('5531111111');
    // A birth date that is not the CURP's is answered by the form itself, however often it is mistyped.
    const wrong = { curp: elder.curp, birthDate: '1901-01-01' };
    for (let i = 0; i < 4; i++) expect((await startSignIn(app, wrong, retrying)).statusCode).toBe(422);
    expect((await startSignIn(app, elder, retrying)).statusCode).toBe(200);
  });

  it('refuse one address cycling through CURPs with a fresh session each time', async () => {
    const app = await portal({ WEB_RATE_CURPS_PER_IP_PER_HOUR: '10' });
    const statuses = [];
    for (let i = 0; i < 30; i++) statuses.push((await startSignIn(app, aStranger(100 + i))).statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['detail', 'result'])
      .where('action', '=', 'web.rate_limited')
      .execute();
    // One entry per limit and window, not one per refused request.
    expect(audit.filter((a) => a.detail.limit === 'curps_per_ip')).toHaveLength(1);
  });

  it('cap the codes one phone on file receives in a day, answering as if one was sent', async () => {
    const app = await portal({ WEB_OTP_PER_PHONE_PER_DAY: '2' });
    const person = await aPerson('5532222222');
    const first = await startSignIn(app, person);
    expect(first.statusCode).toBe(200);
    expect((await startSignIn(app, person)).statusCode).toBe(200);
    const sent = await rows('notifications');
    const unsent = await startSignIn(app, person);
    expect(unsent.statusCode).toBe(200);
    expect(withoutTokens(unsent.body)).toBe(withoutTokens(first.body));
    expect(await rows('notifications')).toBe(sent);
  });

  it('limit code checks and re-sends per session', async () => {
    const app = await portal({ WEB_RATE_CODE_PER_SESSION_PER_HOUR: '3' });
    const person = await aPerson('5533333333');
    const browser = new PortalClient(app, address);
    await startSignIn(app, person, browser);
    for (let i = 0; i < 3; i++)
      expect((await browser.post('/entrar/codigo', { codigo: '000000' })).statusCode).toBe(422);
    const before = await rows('notifications');
    expectRateLimited(await browser.post('/entrar/codigo/nuevo', {}));
    expect(await rows('notifications')).toBe(before);
  });

  it('limit booking, cancelling and changing posts per person, changing nothing', async () => {
    const app = await portal({ WEB_RATE_CHANGES_PER_PERSON_PER_DAY: '1' });
    const person = await aPerson('5534444444');
    const [slot] = await freeSlots(database.db, clinic, 1);
    const browser = new PortalClient(app, address);
    await browser.signIn(database.db, person);
    const review = await browser.get(`/cita/revisar?persona=${person.id}&horario=${slot}`);
    const form = {
      persona: String(person.id),
      horario: String(slot),
      clave: /name="clave" value="([^"]+)"/.exec(review.body)?.[1] ?? '',
    };
    expect((await browser.post('/cita', form)).body).toContain('Tu cita está confirmada');
    const booked = await database.db
      .selectFrom('appointments')
      .select(['id', 'status'])
      .where('beneficiary_id', '=', person.id)
      .executeTakeFirstOrThrow();
    await browser.get(`/citas/${booked.id}/cancelar`);
    expectRateLimited(await browser.post(`/citas/${booked.id}/cancelar`, {}));
    const after = await database.db
      .selectFrom('appointments')
      .select('status')
      .where('id', '=', booked.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('booked');
  });

  it.skipIf(!process.env.TEST_REDIS_URL)('hold the same way with the counters in Redis', async () => {
    const keyPrefix = `citas-test:${randomUUID()}:`;
    const app = await portal({
      REDIS_URL: process.env.TEST_REDIS_URL as string,
      REDIS_KEY_PREFIX: keyPrefix,
      WEB_RATE_SIGN_IN_PER_CURP_PER_HOUR: '2',
    });
    const windowsBefore = await rows('rate_limit_windows');
    const nobody = aStranger(999);
    expect((await startSignIn(app, nobody)).statusCode).toBe(200);
    expect((await startSignIn(app, nobody)).statusCode).toBe(200);
    expectRateLimited(await startSignIn(app, nobody));
    expect(await rows('rate_limit_windows')).toBe(windowsBefore);
    const redis = createClient({ url: process.env.TEST_REDIS_URL });
    await redis.connect();
    const keys = await redis.keys(`${keyPrefix}*`);
    expect(keys.some((k) => k.includes('web:sign-in:curp:'))).toBe(true);
    expect(keys.join(' ')).not.toContain(nobody.curp);
    await redis.del(keys);
    await redis.quit();
  });
});
