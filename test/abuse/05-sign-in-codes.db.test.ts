// Abuse case 5: the sign-in code. Guessing is capped per code wherever the guesses come from; a code
// works once, only in the session it was sent for, and only for five minutes.
import { describe, expect, it } from 'vitest';
import { lastCode, PortalClient } from '../support/web-client.js';
import { aWorld, type Person } from './world.js';

let now = new Date();
const world = aWorld({ clock: () => now });

async function codeSentTo(person: Person): Promise<{ browser: PortalClient; code: string }> {
  const browser = new PortalClient(world.app);
  await browser.get('/entrar');
  const [year, month, day] = person.birthDate.split('-') as [string, string, string];
  await browser.post('/entrar', {
    curp: person.curp,
    'nacimiento-day': day,
    'nacimiento-month': month,
    'nacimiento-year': year,
  });
  expect(browser.page).toContain('name="codigo"');
  return { browser, code: await lastCode(world.database.db) };
}

const wrongFor = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** Types a code into the session's form, from the given address. */
const typeCode = (browser: PortalClient, code: string, remoteAddress = '127.0.0.1') =>
  world.app.inject({
    method: 'POST',
    url: '/entrar/codigo',
    remoteAddress,
    headers: { cookie: browser.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: browser.csrfToken(), codigo: code }).toString(),
  });

/** Whether the session now opens "Mis citas" (instead of being sent to sign in). */
const signedIn = async (browser: PortalClient) =>
  (await world.app.inject({ url: '/citas', headers: { cookie: browser.cookieHeader() } })).statusCode === 200;

describe('guessing a code', () => {
  it('stops after five wrong codes even from five addresses, and the right one no longer works', async () => {
    const person = await world.aPerson(world.clinicA);
    const { browser, code } = await codeSentTo(person);
    for (let i = 1; i <= 5; i++) {
      const response = await typeCode(browser, wrongFor(code), `198.51.100.${i}`);
      expect(response.statusCode).toBe(i < 5 ? 422 : 429);
    }
    const right = await typeCode(browser, code, '198.51.100.9');
    expect(right.statusCode).toBe(429);
    expect(await signedIn(browser)).toBe(false);
  });

  it('cannot buy five more guesses by asking for a new code once they are spent: no SMS, a fresh start', async () => {
    const person = await world.aPerson(world.clinicA);
    const { browser, code } = await codeSentTo(person);
    for (let i = 0; i < 5; i++) await typeCode(browser, wrongFor(code));
    const codePage = await browser.get('/entrar/codigo');
    expect(codePage.body).not.toContain('/entrar/codigo/nuevo');
    now = new Date(now.getTime() + 61_000);
    const smsBefore = await world.database.db.selectFrom('notifications').select('id').execute();
    const resend = await browser.post('/entrar/codigo/nuevo', {});
    expect(resend.statusCode).toBe(429);
    expect(resend.body).toContain('CODE_ATTEMPTS_EXHAUSTED');
    expect(resend.body).toContain('ya no podemos enviarte otro código');
    expect(resend.body).toContain('href="/entrar"');
    expect(await world.database.db.selectFrom('notifications').select('id').execute()).toEqual(smsBefore);
  });
});

describe('a code', () => {
  it('cannot be used twice', async () => {
    const person = await world.aPerson(world.clinicA);
    const { browser, code } = await codeSentTo(person);
    expect((await typeCode(browser, code)).statusCode).toBe(303);
    const again = await codeSentTo(person);
    expect((await typeCode(again.browser, code)).statusCode).toBe(422);
    expect(await signedIn(again.browser)).toBe(false);
  });

  it('sent for one session does not work in another, for the same person or someone else', async () => {
    const victim = await world.aPerson(world.clinicA);
    const { code } = await codeSentTo(victim);
    const sameVictim = await codeSentTo(victim);
    const stolenInto = (await codeSentTo(await world.aPerson(world.clinicA))).browser;
    expect((await typeCode(stolenInto, code)).statusCode).toBe(422);
    expect(await signedIn(stolenInto)).toBe(false);
    expect((await typeCode(sameVictim.browser, code)).statusCode).toBe(422);
    expect(await signedIn(sameVictim.browser)).toBe(false);
  });

  it('expires after five minutes', async () => {
    const person = await world.aPerson(world.clinicA);
    const { browser, code } = await codeSentTo(person);
    now = new Date(now.getTime() + 5 * 60_000 + 1000);
    const late = await typeCode(browser, code);
    expect(late.statusCode).toBe(422);
    expect(late.body).toContain('CODE_EXPIRED');
    expect(await signedIn(browser)).toBe(false);
  });
});
