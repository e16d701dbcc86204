import { connect } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameworkRefusals } from './framework-errors.js';
import { frameworkRefusal } from './framework-refusal.js';
import { registerProblemHandling } from './problem.js';

// A tiny app with an API route and a console-like HTML channel: what the framework refuses before
// any route runs must come back in the project's shape, whatever the client sent.
let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  const refusals = new FrameworkRefusals();
  app = Fastify({ logger: false, ...refusals.serverOptions });
  refusals.register(app);
  registerProblemHandling(app, () => ({}));
  refusals.addPages({
    prefix: '/consola',
    send: (_request, reply, refusal) =>
      reply.code(refusal.status).type('text/html; charset=utf-8').send(`<h1>${refusal.code}</h1>`),
    document: (refusal) => `<!doctype html><html lang="es-MX"><h1>${refusal.code}</h1></html>`,
  });
  app.get('/api/v1/units/:clues', async (request) => request.params);
  app.get('/consola/personas/:id', async () => 'persona');
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
});

afterAll(() => app.close());

/** Sends raw bytes over a socket, as a client Node's parser refuses would; returns the whole answer. */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

const bodyOf = (answer: string) => answer.slice(answer.indexOf('\r\n\r\n') + 4);

describe('refusals of the framework itself', () => {
  it.each([
    ['a path parameter over 100 characters', `/api/v1/units/${'A'.repeat(150)}`, 414, 'URI_TOO_LONG'],
    ['a bad escape in the path', '/api/v1/units/%E0%A4%A', 400, 'INVALID_URL'],
    ['a bad escape in the query', '/api/v1/units/DFIST000001?q=%ZZ', 400, 'INVALID_URL'],
    ['no such route', '/api/v1/nada', 404, 'NOT_FOUND'],
  ])('%s is a problem document that repeats nothing of the URL', async (_name, url, status, code) => {
    const response = await app.inject({ url });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status, code });
    expect(response.body).not.toContain('AAAAAAAAAA');
    expect(response.body).not.toMatch(/%E0|%ZZ|nada/);
  });

  it('answers 405 with Allow when the route exists for other methods', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/api/v1/units/DFIST000001' });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
    expect(response.json()).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
  });

  it("gives a browser the channel's page, and a program problem+json, on the channel's paths", async () => {
    const long = `/consola/personas/${'9'.repeat(150)}`;
    const page = await app.inject({ url: long, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(414);
    expect(page.body).toBe('<h1>URI_TOO_LONG</h1>');
    const program = await app.inject({ url: long });
    expect(program.headers['content-type']).toContain('application/problem+json');
  });

  it("answers headers too large (Node's own 431) with a problem document, then closes", async () => {
    const answer = await raw(`GET /api/v1/units HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toContain('Content-Type: application/problem+json');
    expect(JSON.parse(bodyOf(answer))).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
  });

  it("answers headers too large from a browser on a channel's path with its page", async () => {
    const answer = await raw(
      `GET /consola/personas/1 HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toContain('Content-Type: text/html');
    expect(bodyOf(answer)).toContain('<h1>HEADERS_TOO_LARGE</h1>');
  });

  it("answers a request Node cannot parse with a problem document, not Fastify's English JSON", async () => {
    const answer = await raw('GET /api/v1/units HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(bodyOf(answer))).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(answer).not.toContain('Client Error');
  });
});

describe('frameworkRefusal', () => {
  it.each([
    [{ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }, 413, 'BODY_TOO_LARGE'],
    [{ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [{ code: 'FST_ERR_CTP_EMPTY_JSON_BODY', statusCode: 400 }, 400, 'INVALID_JSON'],
    [{ code: 'FST_ERR_CTP_INVALID_CONTENT_LENGTH', statusCode: 400 }, 400, 'BAD_REQUEST'],
    [{ code: 'SOMETHING', statusCode: 406 }, 406, 'NOT_ACCEPTABLE'],
  ])('maps %o to %i %s', (error, status, code) => {
    expect(frameworkRefusal(error)).toEqual({ status, code });
  });

  it('leaves real failures (no 4xx status) to the error handler', () => {
    expect(frameworkRefusal({ code: '57P01' })).toBeNull();
    expect(frameworkRefusal({ code: 'X', statusCode: 500 })).toBeNull();
  });
});
