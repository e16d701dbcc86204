import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCurp } from '../../src/registry/curp.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { aBeneficiary, aClinic, anAnonymousWebSession, type TestClinic } from '../support/factories.js';
import { lastCode, PortalClient } from '../support/web-client.js';

let database: TestDatabase;
let app: FastifyInstance;
let clinic: TestClinic;
let addresses = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db);
  clinic = await aClinic(database.db);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

/** Data that reach nobody: a well-formed CURP that agrees with its birth date, held by no beneficiary. */
const aStranger = (differentiator: number) => {
  const birthDate = '1956-04-27';
  const curp = buildCurp({
    givenNames: 'Nadie',
    firstSurname: 'Inexistente',
    secondSurname: 'Ninguno',
    birthDate,
    sex: 'M',
    state: 'VZ',
    differentiator,
  });
  return { curp, birthDate };
};

async function aPerson(phone: string | null) {
  return await aBeneficiary(database.db, clinic, { phone });
}

/** Spends the person's codes of the hour, as six earlier sign-ins would have. */
async function overTheHourlyCap(beneficiaryId: number) {
  const now = new Date();
  const idHash = await anAnonymousWebSession(database.db, now);
  for (let i = 0; i < 2; i++) {
    await database.db
      .insertInto('sign_in_codes')
      .values({
        session_hash: idHash,
        beneficiary_id: beneficiaryId,
        salt: 'spent',
        code_hash: '0'.repeat(64),
        created_at: now,
        expires_at: new Date(now.getTime() + 300_000),
        last_sent_at: now,
        sends: 3,
        consumed_at: now,
      })
      .execute();
  }
}

/** POST /entrar from a fresh browser (and address): the raw answer, then the page it leads to. */
async function startAs(who: { curp: string; birthDate: string }) {
  addresses++;
  const remoteAddress = `192.0.2.${addresses}`;
  const browser = new PortalClient(app, remoteAddress);
  await browser.get('/entrar');
  const [year, month, day] = who.birthDate.split('-') as [string, string, string];
  const answer = await app.inject({
    method: 'POST',
    url: '/entrar',
    remoteAddress,
    headers: {
      cookie: browser.cookieHeader(),
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
    },
    payload: new URLSearchParams({
      curp: who.curp,
      'nacimiento-day': day,
      'nacimiento-month': month,
      'nacimiento-year': year,
      _csrf: browser.csrfToken(),
    }).toString(),
  });
  const page = await browser.get(String(answer.headers.location));
  return { answer, page, browser };
}

/** A page with what differs per request taken out: the form token and the seconds counted down. */
const comparable = (body: string) =>
  body.replace(/name="_csrf" value="[^"]+"/g, '').replace(/\d+ segundos?/g, 'N segundos');

const rows = async (table: 'notifications' | 'sign_in_codes') =>
  Number(
    (
      await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('starting a sign-in', () => {
  it('answers alike for a beneficiary and for data that reach no phone, and never shows a phone', async () => {
    const known = await aPerson('5512345678');
    const noPhone = await aPerson(null);
    const capped = await aPerson('5587654321');
    await overTheHourlyCap(capped.id);
    const nobody = aStranger(0);
    const sentBefore = await rows('notifications');
    const cases = {
      known: await startAs(known),
      unknownCurp: await startAs(nobody),
      noPhone: await startAs(noPhone),
      overTheCap: await startAs(capped),
    };
    // Only the beneficiary with a phone under the caps receives a code.
    expect(await rows('notifications')).toBe(sentBefore + 1);
    const reference = cases.known;
    expect(reference.answer.statusCode).toBe(303);
    expect(reference.answer.headers.location).toBe('/entrar/codigo');
    expect(reference.page.statusCode).toBe(200);
    for (const [name, { answer, page }] of Object.entries(cases)) {
      expect({ name, status: answer.statusCode }).toEqual({ name, status: 303 });
      expect(answer.headers.location).toBe('/entrar/codigo');
      expect(answer.body).toBe(reference.answer.body);
      expect(page.statusCode).toBe(200);
      expect(comparable(page.body)).toBe(comparable(reference.page.body));
      expect(page.body).not.toContain('••••');
      for (const phone of ['5512345678', '5587654321']) expect(page.body).not.toContain(phone.slice(-4));
    }
    expect(reference.page.body).toContain('Si tus datos coinciden con los del Instituto');
    expect(reference.page.body).toContain('55 4000 1000');
  });

  it('says a birth date is not the one in the CURP alike for a beneficiary and for nobody, sending nothing', async () => {
    const known = await aPerson('5512349999');
    const sentBefore = await rows('notifications');
    const pages = [];
    for (const curp of [known.curp, aStranger(4).curp]) {
      const browser = new PortalClient(app, `192.0.2.${++addresses}`);
      await browser.get('/entrar');
      const answer = await browser.post('/entrar', {
        curp,
        'nacimiento-day': '01',
        'nacimiento-month': '01',
        'nacimiento-year': '1901',
      });
      expect(answer.statusCode).toBe(422);
      pages.push(comparable(answer.body).replace(curp, 'CURP'));
    }
    expect(pages[0]).toContain('no coincide con la de tu CURP');
    expect(pages[0]).toBe(pages[1]);
    expect(await rows('notifications')).toBe(sentBefore);
  });

  it('holds every answer to the same moment, whether a code was queued or a decoy made', async () => {
    const held = await testApp(database.db, { env: { WEB_SIGN_IN_ANSWER_MS: '150' } });
    try {
      const known = await aPerson('5512340000');
      for (const who of [known, aStranger(1)]) {
        const browser = new PortalClient(held);
        await browser.get('/entrar');
        const [year, month, day] = who.birthDate.split('-') as [string, string, string];
        const form = {
          curp: who.curp,
          'nacimiento-day': day,
          'nacimiento-month': month,
          'nacimiento-year': year,
        };
        const started = performance.now();
        const answer = await held.inject({
          method: 'POST',
          url: '/entrar',
          headers: { cookie: browser.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ ...form, _csrf: browser.csrfToken() }).toString(),
        });
        expect(answer.statusCode).toBe(303);
        // A floor, not a speed target (timers may round a millisecond): no answer leaves before the common moment.
        expect(performance.now() - started).toBeGreaterThanOrEqual(145);
      }
    } finally {
      await held.close();
    }
  });

  it('lets a decoy refuse every code like a wrong one and run out after 5, and re-send alike', async () => {
    const known = await aPerson('5511112222');
    const real = await startAs(known);
    const realCode = await lastCode(database.db);
    const decoy = await startAs(aStranger(2));
    const wrong = String((Number(realCode) + 1) % 1_000_000).padStart(6, '0');
    const answers = { real: [] as number[], decoy: [] as number[] };
    for (let i = 0; i < 5; i++) {
      answers.real.push((await real.browser.post('/entrar/codigo', { codigo: wrong })).statusCode);
      // The decoy is offered the very code the person received: it still names nobody.
      const guess = await decoy.browser.post('/entrar/codigo', { codigo: realCode });
      answers.decoy.push(guess.statusCode);
      const typed = (body: string) => comparable(body).replace(/value="\d{6}"/, '');
      if (i === 0) expect(typed(guess.body)).toBe(typed(real.browser.page));
    }
    expect(answers.real).toEqual([422, 422, 422, 422, 429]);
    expect(answers.decoy).toEqual(answers.real);
    expect(comparable(decoy.browser.page)).toBe(comparable(real.browser.page));
    const signedIn = await app.inject({ url: '/citas', headers: { cookie: decoy.browser.cookieHeader() } });
    expect(signedIn.statusCode).toBe(303);

    const again = {
      real: await startAs(known),
      decoy: await startAs(aStranger(3)),
    };
    const early = {
      real: await again.real.browser.post('/entrar/codigo/nuevo', {}),
      decoy: await again.decoy.browser.post('/entrar/codigo/nuevo', {}),
    };
    expect(early.decoy.statusCode).toBe(early.real.statusCode);
    expect(comparable(early.decoy.body)).toBe(comparable(early.real.body));
    expect(early.real.body).not.toContain('••••');
  });
});
