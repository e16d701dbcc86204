import { createServer, type Socket } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { registerLoadShedding } from './load-shedding.js';
import { overloadProblem, registerProblemHandling } from './problem.js';

let app: FastifyInstance;
afterEach(() => app.close());

/** A server whose /slow route holds every request until `release()`. */
async function serverWithGate(maxInFlight: number) {
  app = Fastify();
  await registerLoadShedding(
    app,
    { maxInFlight, maxEventLoopDelayMs: 0, retryAfterSeconds: 7 },
    (_r, reply, s) => overloadProblem(reply, s),
  );
  registerProblemHandling(app, () => ({}));
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  app.get('/slow', async () => {
    await gate;
    return { ok: true };
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, release };
}

describe('load shedding', () => {
  it('answers 503 with Retry-After and a Spanish problem at once, beyond the in-flight limit', async () => {
    const { url, release } = await serverWithGate(2);
    const held = [fetch(`${url}/slow`), fetch(`${url}/slow`)];
    await new Promise((resolve) => setTimeout(resolve, 50));
    const shed = await fetch(`${url}/slow`);
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('7');
    expect(shed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await shed.json()).toMatchObject({
      status: 503,
      code: 'SERVICE_OVERLOADED',
      detail: 'Hay mucha demanda en este momento. Intenta de nuevo en 7 segundos.',
      retryAfterSeconds: 7,
    });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    release();
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
    expect((await fetch(`${url}/slow`)).status).toBe(200);
  });

  it('serves everything when the limit is off', async () => {
    const { url, release } = await serverWithGate(0);
    const requests = Array.from({ length: 5 }, () => fetch(`${url}/slow`));
    release();
    expect((await Promise.all(requests)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  });
});

describe('load shedding with a database that does not answer', () => {
  it('still counts statements waiting at the database after their clients hung up', async () => {
    // A frozen database: it accepts connections and never says a word.
    const sockets: Socket[] = [];
    const frozen = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => frozen.listen(0, '127.0.0.1', resolve));
    const { port } = frozen.address() as { port: number };
    const pool = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${port}/citas`, max: 5 });
    pool.on('error', () => undefined);
    const backlog = () => pool.waitingCount + pool.totalCount - pool.idleCount;

    app = Fastify();
    await registerLoadShedding(
      app,
      { maxInFlight: 2, maxEventLoopDelayMs: 0, retryAfterSeconds: 7 },
      (_r, reply, s) => overloadProblem(reply, s),
      backlog,
    );
    registerProblemHandling(app, () => ({}));
    app.get('/book', async () => (await pool.query('select 1')).rows);
    app.get('/healthz', async () => ({ status: 'ok' }));
    const url = await app.listen({ port: 0, host: '127.0.0.1' });

    // Two clients give up waiting: their requests are over for HTTP, not for the database.
    for (let i = 0; i < 2; i++) {
      await fetch(`${url}/book`, { signal: AbortSignal.timeout(100) }).catch(() => undefined);
    }
    expect(backlog()).toBe(2);
    const shed = await fetch(`${url}/book`, { signal: AbortSignal.timeout(2000) });
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('7');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => frozen.close(resolve));
    await pool.end().catch(() => undefined);
  });
});
