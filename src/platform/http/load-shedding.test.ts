import Fastify, { type FastifyInstance } from 'fastify';
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
