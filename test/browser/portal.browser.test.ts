import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookSlot } from '../../src/booking/book.js';
import { type BrowserApp, startBrowserApp } from '../support/browser-app.js';
import type { TestDatabase } from '../support/database.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../support/factories.js';
import { lastCode } from '../support/web-client.js';
import { PageChecker } from './chromium.js';

let database: TestDatabase;
let browser: Browser;
let base: string;
let clinic: TestClinic;
const checker = new PageChecker('portal');

interface Person {
  id: number;
  curp: string;
  birthDate: string;
}

async function aPerson(overrides: Parameters<typeof aBeneficiary>[2]): Promise<Person> {
  return await aBeneficiary(database.db, clinic, overrides);
}

/** Free web slots on the next two days, from 8:00 and from 15:00 on the clinic's walls. */
async function twoDaysOfSlots() {
  const day = (n: number, hour: number) =>
    DateTime.now()
      .setZone(clinic.timeZone)
      .plus({ days: n })
      .set({ hour, minute: 0, second: 0, millisecond: 0 })
      .toJSDate();
  for (const n of [1, 2]) {
    await freeSlots(database.db, clinic, 4, { from: day(n, 8) });
    await freeSlots(database.db, clinic, 3, { from: day(n, 15) });
  }
  await database.db
    .updateTable('slots')
    .set({ shift: 'V' })
    .where('starts_at', '>=', day(1, 15))
    .where('starts_at', '<', day(1, 23))
    .execute();
  await database.db.updateTable('slots').set({ shift: 'V' }).where('starts_at', '>=', day(2, 15)).execute();
}

let world: BrowserApp;

beforeAll(async () => {
  world = await startBrowserApp({
    prepare: async (server, db) => {
      // Stands in for the load shedding in front of the app: the portal must answer it calmly.
      server.addHook('onRequest', async (request) => {
        if (request.headers['x-simular-demanda'])
          throw Object.assign(new Error('overloaded'), { statusCode: 503 });
      });
      database = db;
      clinic = await aClinic(database.db);
      await twoDaysOfSlots();
    },
  });
  ({ database, browser, base } = world);
}, 120_000);

afterAll(async () => {
  checker.save();
  await world?.close();
});

async function signIn(page: Page, person: Person) {
  const [year, month, day] = person.birthDate.split('-') as [string, string, string];
  await page.goto(`${base}/entrar`);
  await page.getByLabel('CURP').fill(person.curp);
  await page.getByLabel('Día').fill(day);
  await page.getByLabel('Mes').fill(month);
  await page.getByLabel('Año').fill(year);
  await page.getByRole('button', { name: 'Enviar código' }).click();
  await page.getByLabel('Código de 6 números').fill(await lastCode(database.db));
  await page.getByRole('button', { name: 'Entrar' }).click();
}

async function newPage(
  options: { javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'es-MX', acceptDownloads: true, ...options });
  // A missing element fails with its locator in the message rather than as a test timeout.
  context.setDefaultTimeout(10_000);
  return { context, page: await context.newPage() };
}

describe('the portal in Chromium', () => {
  it('keeps every sign-in error readable at 320 px, without sideways scrolling', async () => {
    const { context, page } = await newPage();
    const attempts: [string, string, [string, string, string]][] = [
      ['curp-corta', 'HELG78', ['12', '04', '1978']],
      ['curp-invalida', 'HELG780412MDFRPD07', ['31', '02', '1978']],
      ['curp-larga', 'X'.repeat(40), ['', '', '']],
      ['fecha-incompleta', '', ['12', '', '']],
    ];
    for (const [name, curp, [day, month, year]] of attempts) {
      await page.goto(`${base}/entrar`);
      await page.getByLabel('CURP').fill(curp);
      await page.getByLabel('Día').fill(day);
      await page.getByLabel('Mes').fill(month);
      await page.getByLabel('Año').fill(year);
      await page.getByRole('button', { name: 'Enviar código' }).click();
      expect(await page.title()).toMatch(/^Error: /);
      await checker.check(page, `entrar-${name}`);
    }
    await context.close();
  });

  it('signs in with the code from the outbox, books for a family member, changes and cancels it', async () => {
    const holder = await aPerson({ phone: '5512345678', given_names: 'María Guadalupe' });
    await aPerson({ phone: null, holder_id: holder.id, category: 'conyuge', given_names: 'Carlos' });
    const { context, page } = await newPage();

    await page.goto(`${base}/`);
    await checker.check(page, 'inicio');
    await page.getByRole('button', { name: 'Comenzar' }).click();
    await checker.check(page, 'entrar');
    await page.getByRole('button', { name: 'Enviar código' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    await checker.check(page, 'entrar-con-errores');

    const [year, month, day] = holder.birthDate.split('-') as [string, string, string];
    await page.getByLabel('CURP').fill(holder.curp.toLowerCase());
    await page.getByLabel('Día').fill(day);
    await page.getByLabel('Mes').fill(month);
    await page.getByLabel('Año').fill(year);
    await page.getByRole('button', { name: 'Enviar código' }).click();
    await expect.poll(() => page.textContent('main')).toContain('Si tus datos coinciden');
    expect(await page.textContent('main')).not.toContain('••••');
    await checker.check(page, 'codigo');
    await page
      .getByLabel('Código de 6 números')
      .fill('000000' === (await lastCode(database.db)) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await checker.check(page, 'codigo-incorrecto');
    await page.getByLabel('Código de 6 números').fill(await lastCode(database.db));
    await page.getByRole('button', { name: 'Entrar' }).click();

    await expect.poll(() => page.title()).toContain('¿Para quién es la cita?');
    await checker.check(page, 'para-quien');
    await page.getByLabel(/Carlos/).check();
    await page.getByRole('button', { name: 'Continuar' }).click();
    await checker.check(page, 'servicio');
    await page.getByLabel('Medicina familiar').check();
    await page.getByRole('button', { name: 'Continuar' }).click();
    await checker.check(page, 'fecha');
    await page.locator('.choice-list a').nth(1).click();
    await checker.check(page, 'hora');
    await page.locator('.times a').last().click();
    await checker.check(page, 'revisar');
    await page.getByRole('button', { name: 'Confirmar cita' }).click();

    await expect.poll(() => page.title()).toContain('Tu cita está confirmada');
    await checker.check(page, 'confirmacion');
    const folio = (await page.textContent('.folio'))?.trim() as string;
    expect(folio).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /Guardar en tu calendario/ }).click();
    expect((await download).suggestedFilename()).toBe(`cita-${folio}.ics`);

    await page.getByRole('button', { name: 'Ver mis citas' }).click();
    expect(await page.textContent('main')).toContain(folio);
    expect(await page.textContent('main')).toContain('Carlos');
    await checker.check(page, 'mis-citas');

    await page.getByRole('button', { name: 'Cambiar' }).click();
    await checker.check(page, 'cambiar-fecha');
    await page.getByRole('button', { name: 'Elegir esta cita' }).click();
    await checker.check(page, 'cambiar-revisar');
    await page.getByRole('button', { name: 'Confirmar cambio' }).click();
    await expect.poll(() => page.title()).toContain('Tu cita cambió');
    expect(await page.textContent('.folio')).toContain(folio);
    await checker.check(page, 'cambio-confirmado');

    await page.getByRole('button', { name: 'Ver mis citas' }).click();
    await page.getByRole('link', { name: /Cancelar cita/ }).click();
    await checker.check(page, 'cancelar');
    await page.getByRole('button', { name: 'Sí, cancelar la cita' }).click();
    expect(await page.textContent('main')).toContain(`Cancelaste la cita con folio ${folio}`);
    await checker.check(page, 'cancelada');
    const appointment = await database.db
      .selectFrom('appointments')
      .select(['status', 'channel'])
      .where('folio', '=', folio.replace('-', ''))
      .executeTakeFirstOrThrow();
    expect(appointment).toEqual({ status: 'cancelled', channel: 'web' });

    await page.getByRole('link', { name: /Mis datos/ }).click();
    expect(await page.textContent('main')).toContain('Quién consultó o cambió tu registro');
    await checker.check(page, 'mis-datos');
    await page.getByRole('link', { name: 'Aviso de privacidad' }).click();
    expect(await page.textContent('main')).toContain('Tus derechos ARCO');
    await checker.check(page, 'aviso-de-privacidad');

    await page.getByRole('button', { name: 'Salir' }).click();
    await expect.poll(() => page.title()).toContain('Agenda tu cita médica');
    await page.goto(`${base}/citas`);
    // Signing in would lead back to Mis citas (return-path.ts).
    expect(page.url()).toBe(`${base}/entrar?despues=%2Fcitas`);
    await context.close();
  });

  it('books the same way with JavaScript disabled, and shows the existing appointment on a second try', async () => {
    const holder = await aPerson({ phone: '5587654321', given_names: 'Rosa' });
    const book = async (page: Page) => {
      await page.goto(`${base}/cita`);
      await page.getByLabel(/Rosa/).check();
      await page.getByRole('button', { name: 'Continuar' }).click();
      await page.getByLabel('Medicina familiar').check();
      await page.getByRole('button', { name: 'Continuar' }).click();
      await page.getByRole('button', { name: 'Elegir esta cita' }).click();
      await page.getByRole('button', { name: 'Confirmar cita' }).click();
    };
    const withoutScripts = await newPage({ javaScriptEnabled: false });
    await signIn(withoutScripts.page, holder);
    await book(withoutScripts.page);
    expect(await withoutScripts.page.title()).toContain('Tu cita está confirmada');
    await withoutScripts.context.close();
    const booked = await database.db
      .selectFrom('appointments')
      .select('channel')
      .where('beneficiary_id', '=', holder.id)
      .execute();
    expect(booked).toEqual([{ channel: 'web' }]);

    // axe runs in the page, so this refusal is checked with scripts on.
    const { context, page } = await newPage();
    await signIn(page, holder);
    await book(page);
    expect(await page.textContent('h1')).toContain('ya tiene una cita de Medicina familiar');
    await checker.check(page, 'ya-tiene-cita');
    await context.close();
  });

  it('offers the next free times when the chosen slot is taken before confirming', async () => {
    const holder = await aPerson({ phone: '5511223344', given_names: 'Lucía' });
    const rival = await aPerson({ phone: '5599887766' });
    const { context, page } = await newPage();
    await signIn(page, holder);
    await page.goto(`${base}/cita/fecha?persona=${holder.id}&servicio=medicina_familiar`);
    await page.getByRole('button', { name: 'Elegir esta cita' }).click();
    const slotId = Number(await page.inputValue('input[name="horario"]'));
    await bookSlot(
      database.db,
      { curp: rival.curp, slotId, channel: 'web', actor: 'beneficiary:rival' },
      new Date(),
    );

    await page.getByRole('button', { name: 'Confirmar cita' }).click();
    expect(await page.textContent('h1')).toContain('Ese horario ya no está disponible');
    await checker.check(page, 'horario-ocupado');
    await page.locator('.choice-list a').first().click();
    await page.getByRole('button', { name: 'Confirmar cita' }).click();
    expect(await page.title()).toContain('Tu cita está confirmada');
    await context.close();
  });

  it('explains refusals plainly: no phone, no eligibility, unknown page, heavy demand', async () => {
    const noPhone = await aPerson({ phone: null });
    const lapsed = await aPerson({ phone: '5544556677', eligible_until: '2020-01-31' });
    const { context, page } = await newPage();

    const [year, month, day] = noPhone.birthDate.split('-') as [string, string, string];
    await page.goto(`${base}/entrar`);
    await page.getByLabel('CURP').fill(noPhone.curp);
    await page.getByLabel('Día').fill(day);
    await page.getByLabel('Mes').fill(month);
    await page.getByLabel('Año').fill(year);
    await page.getByRole('button', { name: 'Enviar código' }).click();
    // Answered like everyone else (no enumeration): the code page says what to do if nothing arrives.
    await expect.poll(() => page.textContent('main')).toContain('Si no tienes un celular registrado');
    expect(await page.textContent('main')).toContain('55 4000 1000');
    await checker.check(page, 'sin-celular');

    await signIn(page, lapsed);
    expect(await page.textContent('h1')).toContain('No tienes vigencia de derechos');
    await checker.check(page, 'sin-vigencia');

    await page.goto(`${base}/no-existe`);
    await checker.check(page, 'no-encontrada');

    await context.setExtraHTTPHeaders({ 'x-simular-demanda': '1' });
    const response = await page.goto(`${base}/citas`);
    expect(response?.status()).toBe(503);
    expect(response?.headers()['retry-after']).toBe('30');
    expect(await page.textContent('h1')).toContain('Hay mucha demanda');
    await checker.check(page, 'mucha-demanda');
    await context.close();
  });
});
