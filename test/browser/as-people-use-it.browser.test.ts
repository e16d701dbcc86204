// The portal and the console as the people who complained about them use them: a receptionist
// answering "¿tiene para el jueves en la tarde?", an elderly person on a 320 px phone. JavaScript off.
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, startBrowserApp } from '../support/browser-app.js';
import { aStaffAccount } from '../support/console-staff.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../support/factories.js';
import { lastCode } from '../support/web-client.js';

let world: BrowserApp;

beforeAll(async () => {
  world = await startBrowserApp();
}, 120_000);

afterAll(async () => {
  await world?.close();
});

/** `hour`:00 on the clinic's walls, `days` from today. */
const onTheWall = (clinic: TestClinic, days: number, hour: number) =>
  DateTime.now().setZone(clinic.timeZone).plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 });

/** A second consultorio of the clinic, for slots at the same times as the first's. */
async function aSecondConsultorio(clinic: TestClinic): Promise<TestClinic> {
  const room = await world.database.db
    .insertInto('resources')
    .values({ unit_clues: clinic.clues, name: 'Consultorio 2', kind: 'consultorio', shift: 'M' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...clinic, resourceId: room.id };
}

const afternoon = (ids: number[]) =>
  world.database.db.updateTable('slots').set({ shift: 'V' }).where('id', 'in', ids).execute();

async function signInToPortal(page: Page, person: { curp: string; birthDate: string }) {
  const [year, month, day] = person.birthDate.split('-') as [string, string, string];
  await page.goto(`${world.base}/entrar`);
  await page.getByLabel('CURP').fill(person.curp);
  await page.getByLabel('Día').fill(day);
  await page.getByLabel('Mes').fill(month);
  await page.getByLabel('Año').fill(year);
  await page.getByRole('button', { name: 'Enviar código' }).click();
  await page.getByLabel('Código de 6 números').fill(await lastCode(world.database.db));
  await page.getByRole('button', { name: 'Entrar' }).click();
}

describe('the console, as a receptionist answers the phone', () => {
  it('finds "maria hernandez" and offers Thursday afternoon when asked for it', async () => {
    const { db } = world.database;
    const clinic = await aClinic(db);
    const maria = await aBeneficiary(db, clinic, {
      given_names: 'María',
      first_surname: 'Hernández',
      second_surname: 'López',
      phone: '5512345678',
    });
    await aBeneficiary(db, clinic, { given_names: 'Sofía', first_surname: 'Castro', second_surname: 'Ruiz' });
    // The 8 earliest free times are all tomorrow morning; Thursday's afternoon comes later.
    let thursday = onTheWall(clinic, 1, 0);
    while (thursday.weekday !== 4) thursday = thursday.plus({ days: 1 });
    await freeSlots(db, clinic, 8, { pool: 'counter', from: onTheWall(clinic, 1, 8).toJSDate() });
    const late = await freeSlots(db, clinic, 3, {
      pool: 'counter',
      from: thursday.set({ hour: 16 }).toJSDate(),
    });
    await afternoon(late);
    const reception = await aStaffAccount(db, 'reception', clinic.clues);

    const { context, page } = await world.newPage();
    await page.goto(`${world.base}/consola/entrar`);
    await page.getByLabel('Correo institucional').fill(reception.email);
    await page.getByLabel('Contraseña').fill(reception.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${world.base}/consola`);
    expect(await page.title()).toContain('Buscar a una persona');

    // Typed as said: no accents, lower case, the one match opens at once.
    await page.locator('#q').fill('maria hernandez');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${world.base}/consola/personas/${maria.id}`);
    expect(await page.textContent('h1')).toBe('María Hernández López');

    const said = thursday.setLocale('es').toFormat("cccc d 'de' LLLL");
    const day = (await page.locator('#dia option', { hasText: said }).textContent())?.trim() ?? '';
    await page.selectOption('#dia', { label: day });
    await page.getByLabel('Tarde (vespertino)').check();
    await page.getByRole('button', { name: 'Ver horarios' }).click();
    const offered = await page.locator('form[action$="/confirmar"] .radio-label').allTextContents();
    expect(offered).toHaveLength(3);
    for (const time of offered) expect(time).toMatch(new RegExp(`^${said}, [0-9:]+ p\\. m\\.`));
    // The choice stays on the form, ready for the next question.
    expect(await page.locator('#dia').inputValue()).toBe(thursday.toISODate());
    await context.close();
  });
});

describe('the portal, on a 320 px phone', () => {
  it('says a mistyped birth date does not match the CURP, and asks for a 4-digit year', async () => {
    const { db } = world.database;
    const clinic = await aClinic(db);
    const person = await aBeneficiary(db, clinic, { birth_date: '1948-03-17' });
    const { context, page } = await world.newPage({ width: 320 });
    const attempt = async (day: string, month: string, year: string) => {
      await page.goto(`${world.base}/entrar`);
      await page.getByLabel('CURP').fill(person.curp);
      await page.getByLabel('Día').fill(day);
      await page.getByLabel('Mes').fill(month);
      await page.getByLabel('Año').fill(year);
      await page.getByRole('button', { name: 'Enviar código' }).click();
      return (await page.locator('.error-summary').textContent()) ?? '';
    };
    expect(await attempt('13', '03', '1948')).toContain('no coincide con la de tu CURP');
    expect(await attempt('17', '03', '48')).toContain('Escribe el año con 4 cifras');
    await context.close();
  });

  it('lists each time once across consultorios, books one, and keeps the folio on one line', async () => {
    const { db } = world.database;
    const clinic = await aClinic(db);
    const second = await aSecondConsultorio(clinic);
    const from = onTheWall(clinic, 1, 8).toJSDate();
    await freeSlots(db, clinic, 4, { from });
    await freeSlots(db, second, 4, { from });
    const person = await aBeneficiary(db, clinic, { given_names: 'Guadalupe', phone: '5522223333' });
    const { context, page } = await world.newPage({ width: 320 });
    await signInToPortal(page, person);
    await page.getByLabel(/Guadalupe/).check();
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByLabel('Medicina familiar').check();
    await page.getByRole('button', { name: 'Continuar' }).click();
    expect(await page.locator('.choice-list').textContent()).toContain('mañana');
    await page.locator('.choice-list a').first().click();

    const times = await page.locator('.times a').allTextContents();
    expect(times).toHaveLength(4);
    expect(new Set(times).size).toBe(times.length);

    await page.locator('.times a').first().click();
    await page.getByRole('button', { name: 'Confirmar cita' }).click();
    await page.waitForURL(/\/confirmacion$/);
    expect(await page.title()).toContain('Tu cita está confirmada');
    const folio = await page.evaluate(`(() => {
      const folio = document.querySelector('.folio');
      const text = document.createRange();
      text.selectNodeContents(folio);
      const lines = new Set([...text.getClientRects()].map((r) => Math.round(r.top))).size;
      return { lines, fits: folio.scrollWidth <= folio.clientWidth, width: window.innerWidth };
    })()`);
    expect(folio).toEqual({ lines: 1, fits: true, width: 320 });
    await context.close();
  });
});
