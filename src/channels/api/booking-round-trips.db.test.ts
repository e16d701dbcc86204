import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp } from '../../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import {
  aBeneficiary,
  aClinic,
  aStaffToken,
  freeSlots,
  type TestClinic,
} from '../../../test/support/factories.js';

let database: TestDatabase;
let app: FastifyInstance;
let clinic: TestClinic;
let agent: Record<string, string>;
const sent = { statements: 0 };

/** Counts every statement the app sends to the database. */
const counting: KyselyPlugin = {
  transformQuery: (args) => {
    sent.statements++;
    return args.node;
  },
  transformResult: async (args) => args.result,
};

beforeAll(async () => {
  database = await createTestDatabase();
  // Production defaults, limits on; the periodic flush is pushed past the test's length so that
  // the counts below are the requests' own.
  app = await testApp(database.db.withPlugin(counting), { env: { RATE_LIMIT_FLUSH_MS: '60000' } });
  clinic = await aClinic(database.db);
  agent = bearer(await aStaffToken(database.db, 'agent'));
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

async function book(key?: string) {
  const person = await aBeneficiary(database.db, clinic);
  const [slotId] = await freeSlots(database.db, clinic, 1, { pool: 'phone' });
  const before = sent.statements;
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    headers: { ...agent, ...(key ? { 'idempotency-key': key } : {}) },
    payload: { curp: person.curp, slotId, channel: 'agent' },
  });
  expect(response.statusCode).toBe(201);
  return sent.statements - before;
}

describe('the database round trips of an API booking, rate limits on', () => {
  it('are one statement once the token and the limit counters are known, with or without a key', async () => {
    await book();
    const statements = [await book(), await book('key-00000001'), await book(), await book('key-00000002')];
    // When a minute's window turns meanwhile, the two counters ask the shared store once more.
    expect(statements.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4 + 2);
    expect(Math.min(...statements)).toBe(1);
  });
});
