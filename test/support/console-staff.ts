// Console accounts and a signed-in browser for them: each test names the role and unit it talks about.
import type { FastifyInstance } from 'fastify';
import * as OTPAuth from 'otpauth';
import { expect } from 'vitest';
import type { StaffRole } from '../../src/identity/roles.js';
import { createStaffAccount, newStaffPassword } from '../../src/identity/staff-accounts.js';
import type { Db } from '../../src/platform/db/connect.js';
import { PortalClient } from './web-client.js';

export interface TestStaff {
  id: number;
  email: string;
  password: string;
  role: StaffRole;
  unitClues: string | null;
  /** The TOTP secret, once the account enrolled through the console (national roles must). */
  totpSecret?: string;
  /** Where the account lives, so a new sign-in may use the current code again (time has "passed"). */
  db?: Db;
}

let serial = 0;

export async function aStaffAccount(
  db: Db,
  role: StaffRole,
  unitClues: string | null = null,
): Promise<TestStaff> {
  const password = newStaffPassword();
  const email = `${role.replace('_', '-')}-${process.pid}-${++serial}@citas.test`;
  const account = await createStaffAccount(db, {
    email,
    name: `Prueba ${role} ${serial}`,
    role,
    unitClues,
    password,
  });
  return { id: account.id, email, password, role, unitClues, db };
}

/** The code an authenticator app shows for `secret` at `at` (now, or the app's clock in a test that sets it). */
export const currentTotp = (secret: string, at: Date = new Date()) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });

/** The base32 secret an enrolment page shows, if it is one. */
export const enrolmentSecret = (page: string) => /id="totp-secret">([A-Z2-7]+)</.exec(page)?.[1];

/**
 * A browser signed in to the console as `staff`, through the code step when the account has one:
 * enrolling with the secret the page shows, or typing the current code of the secret it enrolled.
 */
export async function signedInConsole(
  app: FastifyInstance,
  staff:
    | Pick<TestStaff, 'email' | 'password' | 'totpSecret' | 'db' | 'id'>
    | { email: string; password: string },
  at?: Date,
) {
  const browser = new PortalClient(app);
  await browser.get('/consola/entrar');
  await browser.post('/consola/entrar', { correo: staff.email, clave: staff.password });
  if (browser.page.includes('name="codigo"')) {
    const known = staff as TestStaff;
    const secret = enrolmentSecret(browser.page) ?? known.totpSecret;
    if (!secret) throw new Error(`${staff.email} has a second factor the test does not know`);
    known.totpSecret = secret;
    // Each code is accepted once; a test signing in twice within 30 seconds is let reuse it.
    await known.db
      ?.updateTable('staff_accounts')
      .set({ totp_last_step: null })
      .where('id', '=', known.id)
      .execute();
    await browser.post('/consola/entrar/codigo', { codigo: currentTotp(secret, at) });
  }
  expect(browser.last?.statusCode).toBe(200);
  expect(browser.page).toContain('>Salir</button>');
  return browser;
}
