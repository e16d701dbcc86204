import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { PortalClient } from '../../../test/support/web-client.js';
import { loadConfig } from '../../config.js';

let database: TestDatabase;
let untrusting: FastifyInstance;
let behindProxy: FastifyInstance;

const PROXY = '10.0.0.5';
const env = { API_RATE_PER_IP_PER_MINUTE: '2' };

beforeAll(async () => {
  database = await createTestDatabase();
  untrusting = await testApp(database.db, { env });
  behindProxy = await testApp(database.db, { env: { ...env, TRUSTED_PROXIES: '10.0.0.0/24' } });
});
afterAll(async () => {
  await untrusting.close();
  await behindProxy.close();
  await database.drop();
});

const units = (app: FastifyInstance, remoteAddress: string, forwardedFor: string) =>
  app.inject({
    method: 'GET',
    url: '/api/v1/units',
    remoteAddress,
    headers: { 'x-forwarded-for': forwardedFor },
  });

async function signInFailure(app: FastifyInstance, remoteAddress: string, forwardedFor: string) {
  const browser = new PortalClient(app, remoteAddress, { 'x-forwarded-for': forwardedFor });
  await browser.get('/consola/entrar');
  await browser.post('/consola/entrar', { correo: 'nadie@citas.test', clave: 'equivocada' });
}

const auditedAddresses = async () =>
  (
    await database.db
      .selectFrom('audit_log')
      .select('source_ip')
      .where('action', '=', 'staff.sign_in')
      .execute()
  ).map((row) => row.source_ip);

describe('the client address', () => {
  it('ignores X-Forwarded-For from a client that is not a configured proxy', async () => {
    const statuses = [];
    for (let i = 1; i <= 3; i++)
      statuses.push((await units(untrusting, '198.51.100.7', `203.0.113.${i}`)).statusCode);
    // A new forged address per request still counts against the connection's own.
    expect(statuses).toEqual([200, 200, 429]);
    await signInFailure(untrusting, '198.51.100.8', '203.0.113.99');
    expect(await auditedAddresses()).toContain('198.51.100.8');
    expect(await auditedAddresses()).not.toContain('203.0.113.99');
  });

  it('takes the client address a configured proxy forwards', async () => {
    expect((await units(behindProxy, PROXY, '192.0.2.1')).statusCode).toBe(200);
    expect((await units(behindProxy, PROXY, '192.0.2.1')).statusCode).toBe(200);
    expect((await units(behindProxy, PROXY, '192.0.2.1')).statusCode).toBe(429);
    // Another client behind the same proxy has its own count.
    expect((await units(behindProxy, PROXY, '192.0.2.2')).statusCode).toBe(200);
    await signInFailure(behindProxy, PROXY, '192.0.2.3');
    expect(await auditedAddresses()).toContain('192.0.2.3');
  });

  it('trusts nobody by default and refuses a malformed proxy list', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8, ::1, loopback' }).trustedProxies).toEqual([
      '10.0.0.0/8',
      '::1',
      'loopback',
    ]);
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES/);
    expect(() => loadConfig({ TRUSTED_PROXIES: 'proxy.example' })).toThrow(/TRUSTED_PROXIES/);
  });
});
