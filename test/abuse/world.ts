// The small world the abuse cases attack: two clinics, people adscribed to each, a staff token of
// every role (unit-scoped roles on clinic A), and ways in as a beneficiary and as staff.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { STAFF_ROLES, type StaffRole, UNIT_SCOPED_ROLES } from '../../src/identity/roles.js';
import { bearer, testApp } from '../support/app.js';
import { aStaffAccount, signedInConsole } from '../support/console-staff.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { aBeneficiary, aClinic, aStaffToken, freeSlots, type TestClinic } from '../support/factories.js';
import { PortalClient } from '../support/web-client.js';

export interface World {
  database: TestDatabase;
  app: FastifyInstance;
  clinicA: TestClinic;
  clinicB: TestClinic;
  /** Authorization headers of a token of each role; reception and unit_admin act on clinic A. */
  staff: Record<StaffRole, Record<string, string>>;
  aPerson(clinic: TestClinic, overrides?: Parameters<typeof aBeneficiary>[2]): Promise<Person>;
  /** A booked appointment of `person` on a fresh slot of `clinic` (booked by a national admin). */
  anAppointment(person: Person, clinic: TestClinic): Promise<string>;
  /** A browser signed in to the portal as `person`. */
  signedIn(person: Person): Promise<PortalClient>;
  /** A browser signed in to the staff console with a new account of `role` (scoped roles on A). */
  staffConsole(role: StaffRole): Promise<PortalClient>;
}

export interface Person {
  id: number;
  curp: string;
  birthDate: string;
}

let people = 0;

/** Builds the world before the file's tests and drops its database after them. */
export function aWorld(options: { env?: NodeJS.ProcessEnv; clock?: () => Date } = {}): World {
  const world = {} as World;
  beforeAll(async () => {
    const database = await createTestDatabase();
    // No case here is about the waiting room: releases are a race, so booking does not depend on the
    // hour (a queue-mode rush would ask for a pass).
    const app = await testApp(database.db, {
      ...options,
      env: { RELEASE_DEFAULT_MODE: 'race', ...options.env },
    });
    const clinicA = await aClinic(database.db, { services: ['medicina_preventiva'] });
    const clinicB = await aClinic(database.db, { services: ['medicina_preventiva'] });
    const staff = {} as World['staff'];
    for (const role of STAFF_ROLES) {
      const unit = UNIT_SCOPED_ROLES.has(role) ? clinicA.clues : null;
      staff[role] = bearer(await aStaffToken(database.db, role, unit));
    }
    Object.assign(world, {
      database,
      app,
      clinicA,
      clinicB,
      staff,
      async aPerson(clinic: TestClinic, overrides = {}) {
        // A phone of their own: the daily cap on sign-in codes is per phone.
        const phone = `55${String(10_000_000 + ++people).slice(-8)}`;
        return aBeneficiary(database.db, clinic, { phone, ...overrides });
      },
      async anAppointment(person: Person, clinic: TestClinic) {
        const [slotId] = await freeSlots(database.db, clinic, 1, { pool: 'phone' });
        const booked = await app.inject({
          method: 'POST',
          url: '/api/v1/appointments',
          headers: staff.national_admin,
          payload: { curp: person.curp, slotId, channel: 'agent' },
        });
        expect(booked.statusCode).toBe(201);
        return booked.json().id as string;
      },
      async signedIn(person: Person) {
        const browser = new PortalClient(app);
        await browser.signIn(database.db, person);
        expect(browser.page).toContain('Salir');
        return browser;
      },
      async staffConsole(role: StaffRole) {
        const unit = UNIT_SCOPED_ROLES.has(role) ? clinicA.clues : null;
        return signedInConsole(app, await aStaffAccount(database.db, role, unit));
      },
    });
  });
  afterAll(async () => {
    await world.app?.close();
    await world.database?.drop();
  });
  return world;
}
