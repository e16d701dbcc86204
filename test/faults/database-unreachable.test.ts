import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_COOKIE } from '../../src/channels/console/index.js';
import { PORTAL_COOKIE } from '../../src/channels/web/index.js';
import type { Tables } from '../../src/platform/db/schema.js';
import { bearer, testApp } from '../support/app.js';

/** A port nothing listens on: every connection is refused, as when PostgreSQL is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let app: FastifyInstance;
let db: Kysely<Tables>;

beforeAll(async () => {
  const pool = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${await closedPort()}/citas` });
  db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  app = await testApp(db, { env: { OVERLOAD_RETRY_AFTER_SECONDS: '9' } });
});
afterAll(async () => {
  await app.close();
  await db.destroy();
});

// A session cookie makes the page look its session up in the database.
const cookie = (name: string) => ({ accept: 'text/html', cookie: `${name}=${'a'.repeat(43)}` });

describe('with the database unreachable', () => {
  it('the API answers 503 problem+json with Retry-After, not 500', async () => {
    const response = await app.inject({
      url: '/api/v1/appointments/00000000-0000-4000-8000-000000000000',
      headers: bearer('citas_x'),
    });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('9');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
      retryAfterSeconds: 9,
    });
    expect(response.json().detail).toMatch(/Intenta de nuevo en 9 segundos/);
  });

  it('a portal page says so in Spanish with 503 and Retry-After', async () => {
    const response = await app.inject({ url: '/citas', headers: cookie(PORTAL_COOKIE) });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('9');
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('El servicio no está disponible por un momento');
  });

  it('a console page says so with 503 and Retry-After', async () => {
    const response = await app.inject({ url: '/consola', headers: cookie(CONSOLE_COOKIE) });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('9');
    expect(response.body).toContain('Sin conexión con la agenda por un momento');
  });

  it('the phone line apologises in valid TwiML instead of failing the call', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/phone/twiml/voice',
      payload: new URLSearchParams({ CallSid: 'CA123', From: '+525512345678' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/xml/);
    expect(response.body).toContain('no podemos consultar la agenda');
    expect(response.body).toContain('<Hangup/>');
  });

  it('liveness stays 200 while readiness answers 503', async () => {
    expect((await app.inject({ url: '/livez' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ code: 'NOT_READY', reason: 'database unreachable' });
  });
});
