import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFolio } from '../../src/booking/folio.js';
import { createStaffAccount, newStaffPassword } from '../../src/identity/staff-accounts.js';
import { requestCallback } from '../../src/telephony/callbacks.js';
import { type BrowserApp, startBrowserApp } from '../support/browser-app.js';
import { aStaffAccount, currentTotp, type TestStaff } from '../support/console-staff.js';
import type { TestDatabase } from '../support/database.js';
import { aBeneficiary, aClinic, freeSlots } from '../support/factories.js';
import { aHousehold } from '../support/households.js';
import { PageChecker } from './chromium.js';

let database: TestDatabase;
let browser: Browser;
let base: string;
let agent: { id: number; email: string; password: string };
const checker = new PageChecker('console');

let world: BrowserApp;

beforeAll(async () => {
  world = await startBrowserApp();
  ({ database, browser, base } = world);
  const password = newStaffPassword();
  const account = await createStaffAccount(database.db, {
    email: 'asesora@citas.test',
    name: 'Asesora Prueba',
    role: 'agent',
    password,
  });
  agent = { id: account.id, email: account.email, password };
}, 120_000);

afterAll(async () => {
  checker.save();
  await world?.close();
});

/** Keys pressed by the agent, to count how few a booking takes. */
async function press(page: Page, key: string, counter: { keys: number }) {
  counter.keys++;
  await page.keyboard.press(key);
}

describe('the agents’ console in Chromium', () => {
  it('lets an agent sign in, find a caller and book for them from the keyboard; the audit trail holds it', async () => {
    const clinic = await aClinic(database.db);
    const slots = await freeSlots(database.db, clinic, 4, { pool: 'phone' });
    const family = await aHousehold(database.db, clinic);
    await requestCallback(
      database.db,
      { phone: family.holder.phone, beneficiaryId: family.holder.id, callId: 'CA-browser', reason: 'busy' },
      new Date(),
    );
    const context = await browser.newContext({ locale: 'es-MX' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();

    await page.goto(`${base}/consola`);
    await expect.poll(() => page.title()).toContain('Entrar a la consola');
    await checker.check(page, 'entrar');
    // The e-mail field has the focus: typing, Tab and Enter are all it takes.
    await page.keyboard.type(agent.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(agent.password);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.title()).toContain('Buscar a una persona');
    await checker.check(page, 'buscar');

    await page.keyboard.type(family.holder.curp);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('h1')).toBe('María Guadalupe Prueba Pérez');
    await checker.check(page, 'persona');

    // After the search: the first free slot is chosen and focused, the check page's button too.
    const counter = { keys: 0 };
    await press(page, 'Enter', counter);
    await expect.poll(() => page.title()).toContain('Revisa la cita antes de confirmar');
    await checker.check(page, 'confirmar');
    await press(page, 'Enter', counter);
    await expect.poll(() => page.textContent('main')).toContain('Cita agendada');
    await checker.check(page, 'cita-agendada');
    expect(counter.keys).toBeLessThan(10);

    const appointment = await database.db
      .selectFrom('appointments')
      .select(['id', 'folio', 'slot_id', 'channel', 'created_by'])
      .where('beneficiary_id', '=', family.holder.id)
      .executeTakeFirstOrThrow();
    expect(appointment).toMatchObject({
      slot_id: slots[0],
      channel: 'agent',
      created_by: `staff:${agent.id}`,
    });
    expect(await page.textContent('.folio')).toBe(formatFolio(appointment.folio));

    const trail = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_kind', 'actor_id', 'subject_beneficiary_id', 'result'])
      .where('actor_kind', '=', 'staff')
      .where('actor_id', '=', String(agent.id))
      .orderBy('id')
      .execute();
    expect(trail.map((e) => e.action)).toEqual([
      'staff.sign_in',
      'beneficiary.search',
      'beneficiary.read',
      'beneficiary.read',
      'appointment.book',
      'appointment.read',
    ]);
    expect(trail.find((e) => e.action === 'appointment.book')).toMatchObject({
      subject_beneficiary_id: family.holder.id,
      result: 'ok',
    });

    // The call-back list, reached from the header, is keyboard-ready too.
    await page.getByRole('link', { name: /Llamadas por devolver/ }).click();
    await expect.poll(() => page.title()).toContain('Llamadas por devolver');
    await checker.check(page, 'llamadas');
    await page.keyboard.press('Enter'); // "Tomar" on the oldest request has the focus
    await expect.poll(() => page.textContent('h1')).toBe('María Guadalupe Prueba Pérez');
    await context.close();
  });

  it('shows staff management, the audit trail, the suspicion report and a refusal, all accessible', async () => {
    const unitA = await aClinic(database.db);
    const unitB = await aClinic(database.db);
    const other = await aBeneficiary(database.db, unitB, { phone: '5535000001' });
    const admin = await aStaffAccount(database.db, 'national_admin');
    const auditor = await aStaffAccount(database.db, 'auditor');
    const reception = await aStaffAccount(database.db, 'reception', unitA.clues);

    async function signedIn(staff: TestStaff): Promise<Page> {
      const context = await browser.newContext({ locale: 'es-MX' });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      await page.goto(`${base}/consola/entrar`);
      await page.fill('#correo', staff.email);
      await page.fill('#clave', staff.password);
      await page.click('button[type="submit"]');
      // National roles enrol a second factor: the page shows the secret, the test types its code.
      if (staff.role === 'national_admin' || staff.role === 'auditor') {
        const secret = (await page.textContent('#totp-secret')) ?? '';
        await checker.check(page, `segundo-factor-${staff.role}`);
        await page.fill('#codigo', currentTotp(secret));
        await page.click('button[type="submit"]');
      }
      await expect.poll(() => page.textContent('nav')).toContain('Salir');
      return page;
    }

    const adminPage = await signedIn(admin);
    await adminPage.goto(`${base}/consola/personal`);
    await checker.check(adminPage, 'personal');
    await adminPage.goto(`${base}/consola/personal/nueva`);
    await checker.check(adminPage, 'personal-nueva');
    await adminPage.getByRole('button', { name: 'Crear cuenta' }).click();
    await expect.poll(() => adminPage.title()).toContain('Error');
    await checker.check(adminPage, 'personal-nueva-errores');
    await adminPage.goto(`${base}/consola/personal/${reception.id}`);
    await checker.check(adminPage, 'personal-cuenta');
    await adminPage.goto(`${base}/consola/sospechas`);
    await checker.check(adminPage, 'sospechas');
    await adminPage.context().close();

    const auditorPage = await signedIn(auditor);
    await expect.poll(() => auditorPage.title()).toContain('Bitácora de auditoría');
    await checker.check(auditorPage, 'auditoria');
    await auditorPage.context().close();

    const receptionPage = await signedIn(reception);
    await receptionPage.goto(`${base}/consola/personas/${other.id}`);
    await expect.poll(() => receptionPage.textContent('h1')).toBe('Es de otra unidad');
    await checker.check(receptionPage, 'otra-unidad');
    await receptionPage.context().close();
  });
});
