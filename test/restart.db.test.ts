import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/connect.js';
import { migrate } from '../src/platform/db/migrate.js';
import { bearer, testApp } from './support/app.js';
import { createTestDatabase } from './support/database.js';
import { aBeneficiary, aClinic, aStaffToken, freeSlots } from './support/factories.js';

describe('a confirmed appointment survives a restart', () => {
  // Migrates a database of its own inside the test: more than the default 30 s on a loaded machine.
  it('is there after closing the app and the database and opening them again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'citas-restart-'));
    const database = await createTestDatabase({ pgliteDir: dir });
    try {
      const clinic = await aClinic(database.db);
      const person = await aBeneficiary(database.db, clinic);
      const [slotId] = await freeSlots(database.db, clinic, 1, { pool: 'phone' });
      const token = await aStaffToken(database.db);
      const app = await testApp(database.db);
      const booked = await app.inject({
        method: 'POST',
        url: '/api/v1/appointments',
        headers: bearer(token),
        payload: { curp: person.curp, slotId, channel: 'agent' },
      });
      expect(booked.statusCode).toBe(201);
      await app.close();
      await database.close();

      const reopened = await openDatabase(database.target);
      try {
        expect((await migrate(reopened)).applied).toEqual([]);
        const again = await testApp(reopened.db);
        const found = await again.inject({
          url: `/api/v1/appointments/${booked.json().id}`,
          headers: bearer(token),
        });
        expect(found.statusCode).toBe(200);
        expect(found.json()).toMatchObject({
          folio: booked.json().folio,
          status: 'booked',
          curp: person.curp,
        });
        await again.close();
      } finally {
        await reopened.close();
      }
    } finally {
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
