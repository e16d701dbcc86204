import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../../../test/support/factories.js';
import { lastCode, PortalClient } from '../../../test/support/web-client.js';

// The portal on a clock the test moves, to reach the pages that only time produces.
let database: TestDatabase;
let app: FastifyInstance;
let clinic: TestClinic;
let now = new Date();
const advance = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db, { clock: () => now });
  clinic = await aClinic(database.db);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

async function aHolder() {
  return await aBeneficiary(database.db, clinic, { phone: '5512345678' });
}

async function askForCode(browser: PortalClient, person: { curp: string; birthDate: string }) {
  const [year, month, day] = person.birthDate.split('-') as [string, string, string];
  await browser.get('/entrar');
  return browser.post('/entrar', {
    curp: person.curp,
    'nacimiento-day': day,
    'nacimiento-month': month,
    'nacimiento-year': year,
  });
}

describe('refusal pages of the portal', () => {
  it('says the code expired after 5 minutes and offers a new one', async () => {
    const browser = new PortalClient(app);
    await askForCode(browser, await aHolder());
    const code = await lastCode(database.db);
    advance(6);
    const expired = await browser.post('/entrar/codigo', { codigo: code });
    expect(expired.headers['citas-error-code']).toBe('CODE_EXPIRED');
    expect(expired.body).toContain('El código venció');
    expect(expired.body).toContain('Enviar un código nuevo');
  });

  it('asks to wait before re-sending, then sends a new code without naming the phone', async () => {
    const browser = new PortalClient(app);
    await askForCode(browser, await aHolder());
    const early = await browser.post('/entrar/codigo/nuevo', {});
    expect(early.body).toContain('Espera 60 segundos antes de pedir otro código');
    advance(1);
    const resent = await browser.post('/entrar/codigo/nuevo', {});
    expect(resent.body).toContain('te enviamos un código nuevo al celular que tienes registrado');
    expect(resent.body).not.toContain('••••');
  });

  it('counts down the attempts, then asks to start again', async () => {
    const browser = new PortalClient(app);
    await askForCode(browser, await aHolder());
    const code = await lastCode(database.db);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const first = await browser.post('/entrar/codigo', { codigo: wrong });
    expect(first.statusCode).toBe(422);
    expect(first.body).toContain('El código no es correcto. Te quedan 4 intentos.');
    expect(first.body).toContain(`value="${wrong}"`);
    for (let i = 0; i < 3; i++) await browser.post('/entrar/codigo', { codigo: wrong });
    const token = browser.csrfToken();
    const last = await browser.post('/entrar/codigo', { codigo: wrong });
    expect(last.body).toContain('Demasiados intentos');
    const right = await browser.post('/entrar/codigo', { codigo: code, _csrf: token }, { csrf: false });
    expect(right.body).not.toContain('¿Para quién es la cita?');
  });

  it('lets a signed-in session lapse after 20 idle minutes', async () => {
    const browser = new PortalClient(app);
    await browser.signIn(database.db, await aHolder());
    advance(21);
    const response = await app.inject({ url: '/citas', headers: { cookie: browser.cookieHeader() } });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/entrar?despues=%2Fcitas');
  });

  it('hides "Cambiar" close to the start, and refuses a late change with the way forward', async () => {
    const holder = await aHolder();
    const [slot] = await freeSlots(database.db, clinic, 1, { from: new Date(now.getTime() + 130 * 60_000) });
    const browser = new PortalClient(app);
    await browser.signIn(database.db, holder);
    const review = await browser.get(`/cita/revisar?persona=${holder.id}&horario=${slot}`);
    const confirmed = await browser.post('/cita', {
      persona: String(holder.id),
      horario: String(slot),
      clave: /name="clave" value="([^"]+)"/.exec(review.body)?.[1] ?? '',
    });
    expect(confirmed.body).toContain('Tu cita está confirmada');
    const id = /\/citas\/([0-9a-f-]{36})\/cita\.ics/.exec(confirmed.body)?.[1];
    advance(15);
    const mine = await browser.get('/citas');
    expect(mine.body).toContain('Ya no se puede cambiar por internet');
    expect(mine.body).not.toContain(`/citas/${id}/cambiar`);
    const late = await browser.get(`/citas/${id}/cancelar`);
    expect(late.statusCode).toBe(422);
    expect(late.headers['citas-error-code']).toBe('TOO_LATE_TO_CHANGE');
    expect(late.body).toContain('hasta 2 horas antes');
  });

  it('answers overload with a calm page and Retry-After', async () => {
    const busy = await testApp(database.db);
    busy.addHook('onRequest', async () => {
      throw Object.assign(new Error('rate limited'), { statusCode: 429, code: 'RATE_LIMITED' });
    });
    const response = await busy.inject({ url: '/cita' });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('30');
    expect(response.body).toContain('Hay mucha demanda en este momento');
    expect(response.body).toContain('Intenta de nuevo en 30 segundos');
    await busy.close();
  });
});
