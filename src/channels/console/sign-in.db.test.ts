import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { aStaffAccount, currentTotp, enrolmentSecret } from '../../../test/support/console-staff.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { PortalClient } from '../../../test/support/web-client.js';
import { MAX_SIGN_IN_TRIES } from '../../identity/staff-sign-in.js';

let database: TestDatabase;
let app: FastifyInstance;
let limited: FastifyInstance;
let addresses = 0;
const anAddress = () => `198.51.100.${++addresses}`;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db);
  // Its own fixed moment: its windows hold none of the other tests' sign-ins.
  const moment = new Date('2030-03-04T10:00:10Z');
  limited = await testApp(database.db, {
    clock: () => moment,
    env: { STAFF_RATE_SIGN_IN_PER_IP_PER_HOUR: '3', STAFF_RATE_SIGN_IN_PER_MINUTE: '4' },
  });
});
afterAll(async () => {
  await app.close();
  await limited.close();
  await database.drop();
});

async function atSignIn(address: string, on = app) {
  const browser = new PortalClient(on, address);
  await browser.get('/consola/entrar');
  return browser;
}

/** The page without what differs per session: the form's token and the e-mail typed. */
const answerOf = (browser: PortalClient, email: string) => ({
  status: browser.last?.statusCode,
  page: browser.page.replace(/name="_csrf" value="[^"]+"/, '').replaceAll(email, 'EMAIL'),
});

const isSignedIn = (browser: PortalClient) => browser.page.includes('>Salir</button>');

describe('signing in to the console', () => {
  it('answers an unknown e-mail, a wrong password and a locked address with the same page', async () => {
    const staff = await aStaffAccount(database.db, 'agent');
    const address = anAddress();
    const unknown = await atSignIn(address);
    await unknown.post('/consola/entrar', { correo: 'nadie@citas.test', clave: 'una-clave-cualquiera' });
    const wrong = await atSignIn(address);
    await wrong.post('/consola/entrar', { correo: staff.email, clave: 'una-clave-cualquiera' });
    for (let i = 1; i < MAX_SIGN_IN_TRIES; i++) {
      await wrong.post('/consola/entrar', { correo: staff.email, clave: `otra-clave-${i}` });
    }
    const locked = await atSignIn(address);
    await locked.post('/consola/entrar', { correo: staff.email, clave: staff.password });
    expect(answerOf(unknown, 'nadie@citas.test').status).toBe(401);
    expect(answerOf(wrong, staff.email)).toEqual(answerOf(unknown, 'nadie@citas.test'));
    expect(answerOf(locked, staff.email)).toEqual(answerOf(unknown, 'nadie@citas.test'));
    expect(locked.page).not.toContain('bloqueada');
  });

  it('signs nobody in from a burst of 20 wrong passwords and the right one once locked', async () => {
    const staff = await aStaffAccount(database.db, 'agent');
    const address = anAddress();
    const guesser = await atSignIn(address);
    for (let i = 0; i < MAX_SIGN_IN_TRIES; i++) {
      await guesser.post('/consola/entrar', { correo: staff.email, clave: `intento-${i}` });
    }
    const browsers = await Promise.all(Array.from({ length: 21 }, () => atSignIn(address)));
    await Promise.all(
      browsers.map((browser, i) =>
        browser.post('/consola/entrar', {
          correo: staff.email,
          clave: i === 20 ? staff.password : `rafaga-${i}`,
        }),
      ),
    );
    expect(browsers.filter(isSignedIn)).toHaveLength(0);
    const sessions = await database.db
      .selectFrom('web_sessions')
      .select('id_hash')
      .where('subject_kind', '=', 'staff')
      .where('subject_id', '=', String(staff.id))
      .execute();
    expect(sessions).toEqual([]);
  });

  it('lets the owner in from their own desk while someone else is locked out, and tells them', async () => {
    const staff = await aStaffAccount(database.db, 'agent');
    const attacker = await atSignIn(anAddress());
    for (let i = 0; i < MAX_SIGN_IN_TRIES + 2; i++) {
      await attacker.post('/consola/entrar', { correo: staff.email, clave: `ajena-${i}` });
    }
    const owner = await atSignIn(anAddress());
    await owner.post('/consola/entrar', { correo: staff.email, clave: staff.password });
    expect(isSignedIn(owner)).toBe(true);
    expect(owner.page).toContain('Aviso de seguridad');
    expect(owner.page).toContain('se bloqueó 1 vez');
    await owner.get('/consola/aviso');
    expect(owner.page).not.toContain('Aviso de seguridad');
  });

  it('limits sign-in posts per address and overall before any account is checked', async () => {
    const staff = await aStaffAccount(database.db, 'agent');
    const address = anAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const browser = await atSignIn(address, limited);
      await browser.post('/consola/entrar', { correo: staff.email, clave: staff.password });
      statuses.push(browser.last?.statusCode ?? 0);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Two more addresses reach the limit of everyone together (4 a minute; the refused fourth above was not counted).
    const others = [await atSignIn(anAddress(), limited), await atSignIn(anAddress(), limited)];
    for (const browser of others)
      await browser.post('/consola/entrar', { correo: staff.email, clave: 'x-y-z' });
    expect(others.map((b) => b.last?.statusCode)).toEqual([401, 429]);
  });
});

describe('the second factor in the console', () => {
  it('makes a national administrator enrol with an otpauth URI, then asks for a fresh code each time', async () => {
    const admin = await aStaffAccount(database.db, 'national_admin');
    const address = anAddress();
    const browser = await atSignIn(address);
    await browser.post('/consola/entrar', { correo: admin.email, clave: admin.password });
    expect(browser.page).toContain('Configura tu segundo factor');
    expect(browser.page).toMatch(/href="otpauth:\/\/totp\/[^"]+secret=[A-Z2-7]+/);
    const secret = enrolmentSecret(browser.page) as string;
    expect(isSignedIn(browser)).toBe(false);
    // Nothing of the console opens before the code.
    await browser.get('/consola/personal');
    expect(browser.page).not.toContain('>Salir</button>');

    await browser.get('/consola/entrar/codigo');
    await browser.post('/consola/entrar/codigo', { codigo: '000000' });
    expect(browser.last?.statusCode).toBe(401);
    expect(browser.page).toContain('El código no es correcto');
    const code = currentTotp(secret);
    await browser.post('/consola/entrar/codigo', { codigo: code });
    expect(isSignedIn(browser)).toBe(true);

    const again = await atSignIn(address);
    await again.post('/consola/entrar', { correo: admin.email, clave: admin.password });
    expect(again.page).toContain('Código de verificación');
    expect(enrolmentSecret(again.page)).toBeUndefined();
    await again.post('/consola/entrar/codigo', { codigo: code });
    expect(isSignedIn(again)).toBe(false);
    expect(again.page).toContain('ya se usó');
  });
});
