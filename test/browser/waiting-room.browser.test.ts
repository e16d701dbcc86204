import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, startBrowserApp } from '../support/browser-app.js';
import type { TestDatabase } from '../support/database.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../support/factories.js';
import { lastCode } from '../support/web-client.js';
import { PageChecker } from './chromium.js';

const MINUTE = 60_000;
let database: TestDatabase;
let browser: Browser;
let base: string;
let clinic: TestClinic;
let opensAt: Date;
let now: Date;
const checker = new PageChecker('waiting-room');
const at = (minutes: number) => {
  now = new Date(opensAt.getTime() + minutes * MINUTE);
};

let world: BrowserApp;

beforeAll(async () => {
  opensAt = new Date(Math.ceil(Date.now() / MINUTE) * MINUTE + 60 * MINUTE);
  now = opensAt;
  // The page refreshes itself every 5 minutes here, so no reload lands in the middle of a check.
  world = await startBrowserApp({
    clock: () => now,
    env: { WAITING_ROOM_REFRESH_SECONDS: '300', RELEASE_ADMIT_PER_MINUTE: '1' },
  });
  ({ database, browser, base } = world);
  clinic = await aClinic(database.db);
  await freeSlots(database.db, clinic, 3, { opensAt, from: new Date(opensAt.getTime() + 2 * 86_400_000) });
}, 120_000);

afterAll(async () => {
  checker.save();
  await world?.close();
});

async function join(page: Page, person: { curp: string; birthDate: string }) {
  const [year, month, day] = person.birthDate.split('-') as [string, string, string];
  await page.goto(`${base}/fila/${clinic.clues}/${clinic.serviceCode}`);
  await page.getByLabel('CURP').fill(person.curp);
  await page.getByLabel('Día').fill(day);
  await page.getByLabel('Mes').fill(month);
  await page.getByLabel('Año').fill(year);
  await page.getByRole('button', { name: 'Pedir mi lugar' }).click();
}

describe('the waiting room in Chromium with JavaScript off', () => {
  it('joins in the pre-window, waits, is admitted, signs in and books', async () => {
    const context = await browser.newContext({ locale: 'es-MX', javaScriptEnabled: false });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    // axe runs in the page, so the bars are checked on the same addresses in a second, scripted tab.
    const viewer = await (await browser.newContext({ locale: 'es-MX' })).newPage();
    const check = async (name: string) => {
      await viewer.goto(page.url());
      await checker.check(viewer, name);
    };
    const [first, second] = [
      await aBeneficiary(database.db, clinic),
      await aBeneficiary(database.db, clinic),
    ];
    at(-20);
    await page.goto(`${base}/fila`);
    await check('estados');
    await page.getByRole('link', { name: 'Ciudad de México' }).click();
    await page.getByRole('link', { name: 'Medicina familiar' }).first().click();
    await check('apertura');
    await join(page, first);
    expect(await page.title()).toContain('Ya tienes tu lugar');
    await check('lugar-antes-del-sorteo');

    // Another person joins from their own browser; at the release the draw orders both.
    const other = await browser.newContext({ locale: 'es-MX', javaScriptEnabled: false });
    await join(await other.newPage(), second);
    await other.close();
    at(0.01);
    await page.getByRole('button', { name: 'Actualizar ahora' }).click();
    expect(await page.title()).toMatch(/Tu lugar en la fila: [12]/);
    expect(await page.textContent('main')).toContain('Puedes cerrar esta página y volver');
    await check('lugar-en-fila');

    // One admission a minute: the first is in after a minute, the second a minute later.
    for (const minutes of [2, 4]) {
      at(minutes);
      await page.getByRole('button', { name: 'Actualizar ahora' }).click();
      if ((await page.title()).includes('Es tu turno')) break;
    }
    expect(await page.title()).toContain('Es tu turno');
    await check('turno');
    await page.getByRole('button', { name: 'Entrar y agendar' }).click();
    const [year, month, day] = first.birthDate.split('-') as [string, string, string];
    await page.getByLabel('CURP').fill(first.curp);
    await page.getByLabel('Día').fill(day);
    await page.getByLabel('Mes').fill(month);
    await page.getByLabel('Año').fill(year);
    await page.getByRole('button', { name: 'Enviar código' }).click();
    await page.getByLabel('Código de 6 números').fill(await lastCode(database.db));
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByLabel(/Rosa/).check();
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByLabel('Medicina familiar').check();
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByRole('button', { name: 'Elegir esta cita' }).click();
    await page.getByRole('button', { name: 'Confirmar cita' }).click();
    expect(await page.title()).toContain('Tu cita está confirmada');
    await context.close();
  }, 240_000);
});
