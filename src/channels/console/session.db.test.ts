import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { aStaffAccount, signedInConsole, type TestStaff } from '../../../test/support/console-staff.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { PortalClient } from '../../../test/support/web-client.js';

let database: TestDatabase;
let app: FastifyInstance;
let shortApp: FastifyInstance;
let agent: TestStaff;
let now = new Date('2026-11-03T15:00:00Z');
const minutes = (n: number) => {
  now = new Date(now.getTime() + n * 60_000);
};

beforeAll(async () => {
  database = await createTestDatabase();
  // Defaults: console 15 idle minutes; the portal keeps its own 20.
  app = await testApp(database.db, { clock: () => now });
  shortApp = await testApp(database.db, { clock: () => now, env: { STAFF_SESSION_MAX_HOURS: '1' } });
  agent = await aStaffAccount(database.db, 'agent');
});
afterAll(async () => {
  await app.close();
  await shortApp.close();
  await database.drop();
});

const stillSignedIn = async (browser: PortalClient) => {
  await browser.get('/consola');
  return browser.page.includes('<h1>Buscar a una persona</h1>');
};

describe('console sessions', () => {
  it('end after 15 minutes without a request, sooner than a portal session', async () => {
    const browser = await signedInConsole(app, agent);
    minutes(14);
    expect(await stillSignedIn(browser)).toBe(true);
    minutes(14); // 28 minutes after sign-in, but only 14 since the last request
    expect(await stillSignedIn(browser)).toBe(true);
    minutes(16);
    expect(await stillSignedIn(browser)).toBe(false);
    expect(browser.page).toContain('Entrar a la consola');
  });

  it('end STAFF_SESSION_MAX_HOURS after sign-in, however active', async () => {
    const browser = await signedInConsole(shortApp, agent);
    for (let i = 0; i < 5; i++) {
      minutes(10);
      expect(await stillSignedIn(browser)).toBe(true);
    }
    minutes(11); // 61 minutes after sign-in
    expect(await stillSignedIn(browser)).toBe(false);
  });

  it('get a new session id at sign-in, and sign-out ends the session for good', async () => {
    const browser = new PortalClient(app);
    await browser.get('/consola/entrar');
    const anonymous = browser.cookieHeader();
    await browser.post('/consola/entrar', { correo: agent.email, clave: agent.password });
    const signedIn = browser.cookieHeader();
    expect(signedIn).not.toBe(anonymous);
    // The cookie from before sign-in (a planted one, say) opens nothing.
    const planted = await app.inject({ url: '/consola', headers: { cookie: anonymous } });
    expect(planted.statusCode).toBe(303);
    expect(planted.headers.location).toBe('/consola/entrar');

    await browser.post('/consola/salir', {});
    expect(browser.page).toContain('Entrar a la consola');
    const replayed = await app.inject({ url: '/consola', headers: { cookie: signedIn } });
    expect(replayed.statusCode).toBe(303);
    const trail = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_kind', '=', 'staff')
      .where('actor_id', '=', String(agent.id))
      .where('action', 'in', ['staff.sign_in', 'staff.sign_out'])
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    expect(trail.map((t) => t.action)).toEqual(['staff.sign_out', 'staff.sign_in']);
  });
});
