import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp } from '../../test/support/app.js';
import { tablesRevealing } from '../../test/support/at-rest.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import {
  aBeneficiary,
  aClinic,
  anAnonymousWebSession,
  aStaffToken,
  type TestClinic,
} from '../../test/support/factories.js';
import { TEST_SIGN_IN_CODE_KEY } from '../../test/support/sms-inbox.js';
import { PortalClient } from '../../test/support/web-client.js';
import { composeQueuedSms } from '../cli/notices.js';
import { loadConfig } from '../config.js';
import type { OutgoingSms, SmsAdapter } from '../notify/adapters.js';
import { deliverDueNotifications } from '../notify/deliver.js';
import { resendSignInCode, startSignIn, verifySignInCode } from './sign-in-codes.js';

let database: TestDatabase;
let clinic: TestClinic;
beforeAll(async () => {
  database = await createTestDatabase();
  clinic = await aClinic(database.db);
});
afterAll(() => database.drop());

const secrets = loadConfig({}).secrets;
/** A delivery round half a minute after `at` (the outbox stamps rows with the database's clock). */
const deliver = (adapter: SmsAdapter, at: Date) => {
  const now = new Date(at.getTime() + 30_000);
  const compose = composeQueuedSms(database.db, secrets, () => now);
  return deliverDueNotifications(database.db, adapter, compose, now, 1000);
};

/** A sign-in started for a person with a phone, at `now`; returns its session. */
async function aSignIn(now: Date, phone: string) {
  const person = await aBeneficiary(database.db, clinic, { phone });
  const session = await anAnonymousWebSession(database.db, now);
  const context = { sessionHash: session, sourceIp: null, now, codeKey: TEST_SIGN_IN_CODE_KEY };
  await startSignIn(database.db, person, context);
  return context;
}

describe('a live sign-in code', () => {
  it('is in no table once queued, while the gateway has it, once sent, and still signs in', async () => {
    const now = new Date();
    const context = await aSignIn(now, '5512340001');
    const handed: OutgoingSms[] = [];
    const seenWhileHanded: string[][] = [];
    const gateway: SmsAdapter = {
      async send(sms) {
        handed.push(sms);
        // A crash now, between the gateway's acceptance and "sent", leaves the database like this.
        seenWhileHanded.push(await tablesRevealing(database.db, sms.printable ?? ''));
        return { providerId: 'SM1' };
      },
    };
    await deliver(gateway, now);
    const code = handed[0]?.printable as string;
    expect(code).toMatch(/^[0-9]{6}$/);
    expect(handed[0]?.body).toContain(code);
    expect(seenWhileHanded).toEqual([[]]);
    expect(await tablesRevealing(database.db, code)).toEqual([]);
    expect(await verifySignInCode(database.db, code, context)).toMatchObject({ kind: 'signed_in' });
  });

  it('is in no table after a failed delivery, even when the gateway echoes the message in its error', async () => {
    const now = new Date();
    await aSignIn(now, '5512340002');
    let code = '';
    const echoing: SmsAdapter = {
      async send(sms) {
        code = sms.printable ?? '';
        throw new Error(`rejected: ${sms.body}`);
      },
    };
    const round = await deliver(echoing, now);
    expect(round.retried).toBe(1);
    expect(code).toMatch(/^[0-9]{6}$/);
    expect(await tablesRevealing(database.db, code)).toEqual([]);
  });

  it('is not sent once superseded by a newer code: the older message has nothing left to say', async () => {
    const now = new Date();
    const context = await aSignIn(now, '5512340003');
    const later = new Date(now.getTime() + 61_000);
    expect(await resendSignInCode(database.db, { ...context, now: later })).toEqual({ kind: 'sent' });
    const handed: OutgoingSms[] = [];
    const recording: SmsAdapter = {
      async send(sms) {
        handed.push(sms);
        return { providerId: null };
      },
    };
    await deliver(recording, later);
    expect(handed.filter((sms) => sms.recipient === '5512340003')).toHaveLength(1);
  });
});

describe('credentials shown once', () => {
  it('are stored only as hashes: the portal session cookie and a staff API token', async () => {
    const app = await testApp(database.db);
    const person = await aBeneficiary(database.db, clinic, { phone: '5587654321' });
    const portal = new PortalClient(app);
    await portal.signIn(database.db, person);
    const cookies = portal
      .cookieHeader()
      .split('; ')
      .map((c) => c.slice(c.indexOf('=') + 1));
    expect(cookies.length).toBeGreaterThan(0);
    const token = await aStaffToken(database.db, 'agent');
    expect((await app.inject({ url: '/api/v1/services', headers: bearer(token) })).statusCode).toBe(200);
    for (const secret of [...cookies, token]) expect(await tablesRevealing(database.db, secret)).toEqual([]);
    await app.close();
  });
});
