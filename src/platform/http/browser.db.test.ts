import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { isDomainError } from '../domain-error.js';
import { registerBrowserScope } from './browser.js';
import { CSRF_FIELD } from './csrf.js';
import { purgeExpiredSessions, type WebSessions } from './session.js';

const COOKIE = '__Host-prueba';
let database: TestDatabase;
let app: FastifyInstance;
let sessions: WebSessions;
let now = new Date('2026-11-24T15:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const effects: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = Fastify();
  await app.register(async (scope) => {
    sessions = await registerBrowserScope(scope, {
      db: database.db,
      production: true,
      sessions: {
        cookieName: COOKIE,
        idleMinutes: 20,
        maxMinutes: 120,
        anonymousMinutes: 30,
        clock: () => now,
      },
    });
    scope.setErrorHandler((error, _request, reply) =>
      reply.code(isDomainError(error) ? 403 : 500).send({ code: isDomainError(error) ? error.code : 'BUG' }),
    );
    scope.get('/form', async (request, reply) => ({
      token: (await sessions.ensure(request, reply)).csrfToken,
    }));
    scope.get('/who', async (request) => ({ subject: request.session?.subject ?? null }));
    scope.post('/act', async () => {
      effects.push('acted');
      return { ok: true };
    });
    scope.post('/sign-in', async (request, reply) => {
      const session = await sessions.signIn(request, reply, { kind: 'beneficiary', id: '42' });
      return { token: session.csrfToken };
    });
    scope.post('/sign-out', async (request, reply) => {
      await sessions.signOut(request, reply);
      return { ok: true };
    });
  });
});
afterAll(async () => {
  await app.close();
  await database.drop();
});
beforeEach(() => {
  effects.length = 0;
  now = new Date('2026-11-24T15:00:00Z');
});

const cookieOf = (response: LightMyRequestResponse) => {
  const set = response.cookies.find((c) => c.name === COOKIE);
  return set ? `${COOKIE}=${set.value}` : '';
};

async function anonymous() {
  const response = await app.inject({ url: '/form' });
  return { cookie: cookieOf(response), token: response.json().token as string, response };
}

const post = (
  url: string,
  cookie: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) =>
  app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(form).toString(),
  });

describe('browser sessions', () => {
  it('set a __Host- cookie that is Secure, HttpOnly, SameSite=Lax and for the whole site', async () => {
    const { response } = await anonymous();
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/^__Host-prueba=[A-Za-z0-9_-]{43};/);
    expect(header).toContain('Path=/');
    expect(header).toContain('Secure');
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Lax');
    expect(header).not.toContain('Domain');
  });

  it('keep only a hash of the cookie secret in the database', async () => {
    const { cookie } = await anonymous();
    const secret = cookie.split('=')[1] as string;
    const rows = await database.db.selectFrom('web_sessions').select('id_hash').execute();
    expect(rows.some((r) => r.id_hash.includes(secret))).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id_hash))).toBe(true);
  });

  it('rotate the secret and the CSRF token at sign-in, so a planted session is worthless', async () => {
    const before = await anonymous();
    const signedIn = await post('/sign-in', before.cookie, { [CSRF_FIELD]: before.token });
    const after = cookieOf(signedIn);
    expect(after).not.toBe(before.cookie);
    expect(signedIn.json().token).not.toBe(before.token);
    expect((await app.inject({ url: '/who', headers: { cookie: after } })).json().subject).toEqual({
      kind: 'beneficiary',
      id: '42',
    });
    expect((await app.inject({ url: '/who', headers: { cookie: before.cookie } })).json().subject).toBeNull();
  });

  it('end after the idle time without requests, and stay alive while used', async () => {
    const { cookie, token } = await anonymous();
    const signedIn = cookieOf(await post('/sign-in', cookie, { [CSRF_FIELD]: token }));
    const who = () => app.inject({ url: '/who', headers: { cookie: signedIn } });
    now = minutes(15);
    expect((await who()).json().subject).not.toBeNull();
    now = minutes(15); // 30 minutes after sign-in, 15 after the last request
    expect((await who()).json().subject).not.toBeNull();
    now = minutes(21);
    expect((await who()).json().subject).toBeNull();
  });

  it('end at the absolute limit however active the person is', async () => {
    const { cookie, token } = await anonymous();
    const signedIn = cookieOf(await post('/sign-in', cookie, { [CSRF_FIELD]: token }));
    for (let i = 0; i < 7; i++) {
      now = minutes(18);
      await app.inject({ url: '/who', headers: { cookie: signedIn } });
    }
    expect((await app.inject({ url: '/who', headers: { cookie: signedIn } })).json().subject).toBeNull();
  });

  it('end at sign-out: the old cookie opens nothing', async () => {
    const { cookie, token } = await anonymous();
    const signedIn = await post('/sign-in', cookie, { [CSRF_FIELD]: token });
    const out = await post('/sign-out', cookieOf(signedIn), { [CSRF_FIELD]: signedIn.json().token });
    expect(String(out.headers['set-cookie'])).toMatch(/__Host-prueba=;/);
    expect(
      (await app.inject({ url: '/who', headers: { cookie: cookieOf(signedIn) } })).json().subject,
    ).toBeNull();
  });

  it('are purged once idle or past their end', async () => {
    const { cookie } = await anonymous();
    now = minutes(31);
    expect(await purgeExpiredSessions(database.db, now, 20)).toBeGreaterThan(0);
    const idle = minutes(-20);
    const left = await database.db.selectFrom('web_sessions').selectAll().execute();
    expect(left.filter((s) => s.expires_at <= now || s.last_seen_at <= idle)).toEqual([]);
    expect((await app.inject({ url: '/who', headers: { cookie } })).json().subject).toBeNull();
  });
});

describe('CSRF protection', () => {
  it('refuses a form without the token, and nothing happens', async () => {
    const { cookie } = await anonymous();
    const response = await post('/act', cookie, { anything: 'x' });
    expect(response.json()).toEqual({ code: 'CSRF_REJECTED' });
    expect(effects).toEqual([]);
  });

  it("refuses another session's token", async () => {
    const mine = await anonymous();
    const theirs = await anonymous();
    expect((await post('/act', mine.cookie, { [CSRF_FIELD]: theirs.token })).json().code).toBe(
      'CSRF_REJECTED',
    );
    expect(effects).toEqual([]);
  });

  it('refuses a post from another origin even with a token', async () => {
    const { cookie, token } = await anonymous();
    const response = await post('/act', cookie, { [CSRF_FIELD]: token }, { origin: 'https://evil.example' });
    expect(response.json().code).toBe('CSRF_REJECTED');
    expect(effects).toEqual([]);
  });

  it('accepts a form with the session token from the same origin', async () => {
    const { cookie, token } = await anonymous();
    const response = await post('/act', cookie, { [CSRF_FIELD]: token }, { origin: 'http://localhost' });
    expect(response.json()).toEqual({ ok: true });
    expect(effects).toEqual(['acted']);
  });
});

describe('security headers', () => {
  it('forbid framing, inline script and sniffing, and pin HTTPS in production', async () => {
    const { response } = await anonymous();
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });
});
