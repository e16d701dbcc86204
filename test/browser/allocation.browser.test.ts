import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAllocationWindows } from '../../src/allocation/releases.js';
import { type BrowserApp, startBrowserApp } from '../support/browser-app.js';
import type { TestDatabase } from '../support/database.js';
import { aBeneficiary, aClinic, freeSlots } from '../support/factories.js';
import { lastCode } from '../support/web-client.js';
import { PageChecker } from './chromium.js';

let database: TestDatabase;
let browser: Browser;
let base: string;
const checker = new PageChecker('allocation');

let world: BrowserApp;

beforeAll(async () => {
  world = await startBrowserApp();
  ({ database, browser, base } = world);
}, 120_000);

afterAll(async () => {
  checker.save();
  await world?.close();
});

describe('portal in Chromium with JavaScript off: request and allocate', () => {
  it('files a request, sees it in Mis solicitudes and withdraws it', async () => {
    const { db } = database;
    const clinic = await aClinic(db);
    await db
      .insertInto('release_settings')
      .values({ unit_clues: clinic.clues, service_code: clinic.serviceCode, mode: 'allocate' })
      .execute();
    await freeSlots(db, clinic, 4, { pool: 'web', opensAt: new Date(Date.now() + 20 * 60_000) });
    await openAllocationWindows(db, new Date());
    const person = await aBeneficiary(db, clinic);
    const [year, month, day] = person.birthDate.split('-') as [string, string, string];

    const context = await browser.newContext({ locale: 'es-MX', javaScriptEnabled: false });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${base}/solicitudes`);
    await page.getByRole('link', { name: /Solicitar Medicina familiar/ }).click();
    await page.getByRole('button', { name: 'Enviar solicitud' }).click();
    expect(await page.title()).toMatch(/^Error:/);

    await page.getByLabel('CURP').fill(person.curp);
    await page.getByLabel('Día').fill(day);
    await page.getByLabel('Mes').fill(month);
    await page.getByLabel('Año').fill(year);
    await page.getByLabel('Matutino (mañana)').check();
    await page.getByRole('button', { name: 'Enviar solicitud' }).click();
    await page.waitForURL(/\/recibida$/);
    expect(await page.locator('h1').textContent()).toBe('Recibimos la solicitud');
    const received = page.url();

    await page.getByRole('link', { name: 'Mis solicitudes' }).click();
    await page.getByLabel('CURP').fill(person.curp);
    await page.getByLabel('Día').fill(day);
    await page.getByLabel('Mes').fill(month);
    await page.getByLabel('Año').fill(year);
    await page.getByRole('button', { name: 'Enviar código' }).click();
    await page.getByLabel('Código de 6 números').fill(await lastCode(db));
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.goto(`${base}/mis-solicitudes`);
    expect(await page.locator('main').textContent()).toContain('Esperando la asignación');
    await page.getByRole('button', { name: 'Retirar solicitud' }).click();
    expect(await page.locator('main').textContent()).toContain('Retiraste la solicitud');
    expect(await db.selectFrom('allocation_requests').selectAll().execute()).toEqual([]);
    await context.close();

    // The quality bars (axe-core runs as a script, so these pages are checked with scripts on).
    const checking = await browser.newContext({ locale: 'es-MX' });
    checking.setDefaultTimeout(10_000);
    const shown = await checking.newPage();
    await shown.goto(`${base}/solicitudes`);
    await checker.check(shown, 'aperturas');
    await shown.getByRole('link', { name: /Solicitar Medicina familiar/ }).click();
    await checker.check(shown, 'solicitud');
    await shown.getByRole('button', { name: 'Enviar solicitud' }).click();
    await checker.check(shown, 'solicitud-con-errores');
    await shown.goto(received);
    await checker.check(shown, 'solicitud-recibida');
    await checking.close();
  }, 240_000);
});
