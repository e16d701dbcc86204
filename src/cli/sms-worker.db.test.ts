import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aBeneficiary, aClinic, anAnonymousWebSession } from '../../test/support/factories.js';
import { TEST_SIGN_IN_CODE_KEY } from '../../test/support/sms-inbox.js';
import { loadConfig } from '../config.js';
import { startSignIn } from '../identity/sign-in-codes.js';
import { startSmsWorker } from './sms-worker.js';

let database: TestDatabase;
let gateway: Server;
/** What the fake gateway received: the idempotency key and the phone of every message. */
const received: { key: string; to: string }[] = [];
let config: ReturnType<typeof loadConfig>;

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({
        key: String(request.headers['idempotency-key']),
        to: new URLSearchParams(body).get('To') ?? '',
      });
      response.writeHead(201, { 'content-type': 'application/json' }).end('{"sid":"SM1"}');
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  config = loadConfig({
    SMS_ADAPTER: 'http',
    SMS_HTTP_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`,
    SMS_HTTP_FROM: 'CITAS',
  });
});
afterAll(async () => {
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
  await database.drop();
});

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
/** A tick the tests never reach: only a sign-in's ring can wake the worker. */
const NEVER_MS = 3_600_000;
/** A person signing in from a browser session of their own. */
async function signIn(person: { curp: string; birthDate: string }) {
  const now = new Date();
  const sessionHash = await anAnonymousWebSession(database.db, now);
  await startSignIn(
    database.db,
    { curp: person.curp, birthDate: person.birthDate },
    { sessionHash, now, sourceIp: '127.0.0.1', codeKey: TEST_SIGN_IN_CODE_KEY },
  );
}

describe('the SMS worker at the opening hour', () => {
  it('sends a sign-in code as soon as the sign-in commits, without waiting for its tick', async () => {
    expect(config.secrets.signInCodeKey).toBe(TEST_SIGN_IN_CODE_KEY);
    const stop = startSmsWorker(database.db, config, quiet, NEVER_MS);
    try {
      const person = await aBeneficiary(database.db, await aClinic(database.db), { phone: '5531000001' });
      await signIn(person);
      await vi.waitFor(() => expect(received.map((r) => r.to)).toContain('+525531000001'), {
        timeout: 10_000,
      });
    } finally {
      stop();
    }
  });

  it('shares a burst of sign-ins among several workers without sending any code twice', async () => {
    received.length = 0;
    const stops = [1, 2, 3].map(() => startSmsWorker(database.db, config, quiet, NEVER_MS));
    try {
      const clinic = await aClinic(database.db);
      const people = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          aBeneficiary(database.db, clinic, { phone: `55320000${String(i).padStart(2, '0')}` }),
        ),
      );
      await Promise.all(people.map(signIn));
      await vi.waitFor(() => expect(received).toHaveLength(30), { timeout: 20_000 });
      // A worker marks a message sent once the gateway has answered: the last mark may still come.
      await vi.waitFor(
        async () => {
          const sent = await database.db
            .selectFrom('notifications')
            .select(['status'])
            .where('recipient', 'like', '553200%')
            .execute();
          expect(sent.map((n) => n.status)).toEqual(Array(30).fill('sent'));
        },
        { timeout: 10_000 },
      );
      expect(new Set(received.map((r) => r.key)).size).toBe(30);
      expect(new Set(received.map((r) => r.to)).size).toBe(30);
    } finally {
      for (const stop of stops) stop();
    }
  });
});
