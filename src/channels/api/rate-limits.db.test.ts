import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp } from '../../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aBeneficiary, aClinic, aStaffToken } from '../../../test/support/factories.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('API rate limits', () => {
  it('answer 429 with Retry-After and a Spanish problem once a token spends its minute', async () => {
    const app = await testApp(database.db, { env: { API_RATE_PER_TOKEN_PER_MINUTE: '3' } });
    const clinic = await aClinic(database.db);
    const person = await aBeneficiary(database.db, clinic);
    const headers = bearer(await aStaffToken(database.db));
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await app.inject({ url: `/api/v1/beneficiaries/${person.curp}`, headers })).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await app.inject({ url: `/api/v1/beneficiaries/${person.curp}`, headers });
    expect(refused.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const otherToken = await app.inject({
      url: `/api/v1/beneficiaries/${person.curp}`,
      headers: bearer(await aStaffToken(database.db)),
    });
    expect(otherToken.statusCode).toBe(200);
    await app.close();
  });

  it('limit each source address across tokens and public routes', async () => {
    const app = await testApp(database.db, { env: { API_RATE_PER_IP_PER_MINUTE: '2' } });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await app.inject({ url: '/api/v1/services', remoteAddress: '198.51.100.7' })).statusCode,
      );
    expect(statuses).toEqual([200, 200, 429]);
    expect((await app.inject({ url: '/api/v1/services', remoteAddress: '198.51.100.8' })).statusCode).toBe(
      200,
    );
    await app.close();
  });
});
