// Console accounts and a signed-in browser for them: each test names the role and unit it talks about.
import type { FastifyInstance } from 'fastify';
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
  return { id: account.id, email, password, role, unitClues };
}

/** A browser signed in to the console as `staff`. */
export async function signedInConsole(app: FastifyInstance, staff: Pick<TestStaff, 'email' | 'password'>) {
  const browser = new PortalClient(app);
  await browser.get('/consola/entrar');
  await browser.post('/consola/entrar', { correo: staff.email, clave: staff.password });
  expect(browser.last?.statusCode).toBe(200);
  expect(browser.page).toContain('>Salir</button>');
  return browser;
}
