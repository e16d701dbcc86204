import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aClinic, freeSlots } from '../../../test/support/factories.js';
import { aHousehold } from '../../../test/support/households.js';
import { placeCall } from '../../../test/support/phone-caller.js';
import { openDatabase } from '../../platform/db/connect.js';
import { PHONE } from '../../platform/i18n/phone-messages.js';
import { findCall, purgeExpiredCalls } from '../../telephony/calls.js';

let shared: { database: TestDatabase; app: FastifyInstance };
beforeAll(async () => {
  const database = await createTestDatabase();
  shared = { database, app: await testApp(database.db) };
});
afterAll(async () => {
  await shared.app.close();
  await shared.database.drop();
});

describe('the state of a call', () => {
  // Migrates a database of its own inside the test: more than the default 30 s on a loaded machine.
  it('survives a restart of the server in the middle of the call', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'citas-call-'));
    const database = await createTestDatabase({ pgliteDir: dir });
    try {
      const clinic = await aClinic(database.db);
      await freeSlots(database.db, clinic, 3, { pool: 'phone' });
      const family = await aHousehold(database.db, clinic);
      const app = await testApp(database.db);
      const { caller } = await placeCall(app, 'twiml', { from: family.holder.phone });
      await caller.press(family.holder.birthKeys);
      await caller.press('1'); // agendar
      expect((await caller.press('1')).text).toContain(PHONE.slotsIntro(`Clínica de prueba ${clinic.clues}`));
      await app.close();
      await database.close();

      const reopened = await openDatabase(database.target);
      const again = await testApp(reopened.db);
      try {
        caller.switchServer(again);
        expect((await caller.press('1')).text).toContain('Vas a agendar Medicina familiar para ti');
        expect((await caller.press('1')).text).toContain(PHONE.booked);
      } finally {
        await again.close();
        await reopened.close();
      }
    } finally {
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('applies a keypress once even when the platform sends the webhook twice, and forgets the call at its end', async () => {
    const { database, app } = shared;
    const clinic = await aClinic(database.db);
    await freeSlots(database.db, clinic, 3, { pool: 'phone' });
    const family = await aHousehold(database.db, clinic);
    const { caller } = await placeCall(app, 'twiml', { from: family.holder.phone });
    await caller.press(family.holder.birthKeys);
    await caller.press('1');
    await caller.press('1');
    await caller.press('1');
    expect((await caller.press('1')).text).toContain(PHONE.booked);

    const retried = await caller.retryLast();
    expect(retried.text).toBe(PHONE.afterAction); // the current question, nothing done again
    const appointments = await database.db
      .selectFrom('appointments')
      .select('id')
      .where('beneficiary_id', '=', family.holder.id)
      .execute();
    expect(appointments).toHaveLength(1);

    expect((await caller.stayQuiet()).next).toBe('hang-up');
    expect(await database.db.selectFrom('phone_calls').select('call_id').execute()).toEqual([]);
  });

  it('expires a call abandoned without a hang-up', async () => {
    const { database, app } = shared;
    await placeCall(app, 'twiml', { from: null });
    const row = await database.db
      .selectFrom('phone_calls')
      .select(['call_id', 'expires_at'])
      .executeTakeFirstOrThrow();
    const later = new Date(row.expires_at.getTime() + 1000);
    expect(await findCall(database.db, row.call_id, later)).toBeUndefined();
    expect(await purgeExpiredCalls(database.db, later)).toBe(1);
  });
});
