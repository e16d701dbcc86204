import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollHorizon } from '../../src/agenda/generate-slots.js';
import { bookSlot } from '../../src/booking/book.js';
import { formatFolio } from '../../src/booking/folio.js';
import { testApp } from '../support/app.js';
import { aClinicDay, type ClinicDay } from '../support/clinic-day.js';
import { aStaffAccount, type TestStaff } from '../support/console-staff.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { aBeneficiary, aClinic, phoneSlotsOf, type TestClinic } from '../support/factories.js';
import { launchChromium, PageChecker } from './chromium.js';

let database: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let clinic: TestClinic;
// The app's clock: each test sets the morning it plays.
let now = new Date();
const checker = new PageChecker('clinic');

beforeAll(async () => {
  database = await createTestDatabase();
  // The morning's clock jumps ahead between steps: staff sessions must outlive the jumps.
  app = await testApp(database.db, {
    clock: () => now,
    env: { PUBLIC_URL: 'https://citas.example.mx', STAFF_SESSION_IDLE_MINUTES: '120' },
  });
  clinic = await aClinic(database.db);
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://localhost:${(app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  checker.save();
  await browser?.close();
  await app?.close();
  await database?.drop();
});

/**
 * A signed-in console with JavaScript off, and `check(name)`: axe runs in the page, so the quality
 * bars are checked on the same address in a second, scripted tab holding the same session.
 */
async function signedIn(staff: TestStaff): Promise<{ page: Page; check: (name: string) => Promise<void> }> {
  const context = await browser.newContext({ locale: 'es-MX', javaScriptEnabled: false });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(`${base}/consola/entrar`);
  await page.fill('#correo', staff.email);
  await page.fill('#clave', staff.password);
  await page.click('button[type="submit"]');
  await expect.poll(() => page.textContent('nav')).toContain('Salir');
  const scripted = await browser.newContext({ locale: 'es-MX' });
  scripted.setDefaultTimeout(15_000);
  await scripted.addCookies(await context.cookies());
  const viewer = await scripted.newPage();
  const check = async (name: string) => {
    await viewer.goto(page.url());
    await checker.check(viewer, name);
  };
  return { page, check };
}

describe('the clinic’s morning in Chromium, JavaScript off', () => {
  it('a receptionist checks people in by folio and CURP, the doctor calls the next one, the screen shows the folio only', async () => {
    const day: ClinicDay = await aClinicDay(database.db, clinic, 2);
    const [first, second] = day.appointments;
    const reception = await aStaffAccount(database.db, 'reception', clinic.clues);
    now = day.at('07:50');
    const { page, check } = await signedIn(reception);

    await page.getByRole('link', { name: 'Recepción' }).click();
    await expect.poll(() => page.textContent('h1')).toBe('Recepción');
    await check('recepcion');
    await page.fill('#llegada', formatFolio(first?.folio as string));
    await page.getByRole('button', { name: 'Buscar citas de hoy' }).click();
    await expect.poll(() => page.textContent('main')).toContain('identificación oficial con fotografía');
    await page.getByRole('button', { name: /Registrar llegada de Rosa Prueba/ }).click();
    await expect
      .poll(() => page.textContent('[role="status"]'))
      .toContain(formatFolio(first?.folio as string));

    now = day.at('08:40');
    await page.fill('#llegada', second?.person.curp as string);
    await page.getByRole('button', { name: 'Buscar citas de hoy' }).click();
    await page.getByRole('button', { name: /Registrar llegada/ }).click();
    await expect.poll(() => page.textContent('[role="status"]')).toContain('con retraso');

    await page.getByRole('link', { name: 'Consultorio 1' }).click();
    await expect.poll(() => page.textContent('h1')).toBe('Fila de Consultorio 1');
    await check('fila');
    now = day.at('08:45');
    await page.getByRole('button', { name: 'Llamar a la siguiente persona' }).click();
    await expect
      .poll(() => page.textContent('[role="status"]'))
      .toBe(`Se llamó al folio ${formatFolio(first?.folio as string)}.`);
    await check('fila-llamado');

    const screen = await page.goto(`${base}/pantalla/${clinic.clues}`);
    expect(screen?.headers().refresh).toBe('10');
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain(formatFolio(first?.folio as string));
    expect(text).toContain('Consultorio 1');
    expect(text).not.toContain('Rosa');
    expect(text).not.toContain(first?.person.curp as string);
    // A screen for one floor's consultorios shows their calls.
    await page.goto(`${base}/pantalla/${clinic.clues}?consultorios=${clinic.resourceId}`);
    expect(await page.textContent('main')).toContain(formatFolio(first?.folio as string));
    await check('pantalla');

    const rows = await database.db
      .selectFrom('appointments')
      .select(['id', 'status', 'checked_in_by', 'called_by'])
      .where('id', 'in', [first?.id as string, second?.id as string])
      .orderBy('starts_at')
      .execute();
    expect(rows).toEqual([
      {
        id: first?.id,
        status: 'attended',
        checked_in_by: `staff:${reception.id}`,
        called_by: `staff:${reception.id}`,
      },
      { id: second?.id, status: 'booked', checked_in_by: `staff:${reception.id}`, called_by: null },
    ]);
    await page.context().close();
  }, 300_000);

  it('a unit administrator closes a day: the worklist lists the appointment and the SMS waits in the outbox', async () => {
    now = new Date();
    const day = await aClinicDay(database.db, clinic, 1);
    const [appointment] = day.appointments;
    const admin = await aStaffAccount(database.db, 'unit_admin', clinic.clues);
    const { page, check } = await signedIn(admin);

    await page.getByRole('link', { name: 'Agenda de la unidad' }).click();
    await expect.poll(() => page.textContent('h1')).toBe('Agenda de la unidad');
    await check('agenda-unidad');
    await page.getByRole('button', { name: 'Cerrar ese día' }).click();
    await expect.poll(() => page.title()).toContain('Error');
    await page.fill('#cierre-dia', day.day);
    await page.fill('#cierre-motivo', 'Reparación del techo');
    await page.getByRole('button', { name: 'Cerrar ese día' }).click();
    await expect
      .poll(() => page.textContent('[role="status"]'))
      .toContain('1 cita pasó a la lista por reagendar');

    await page.getByRole('link', { name: /Citas por reagendar \(1\)/ }).click();
    await expect.poll(() => page.textContent('h1')).toBe('Citas por reagendar');
    expect(await page.textContent('main')).toContain('Cierre: Reparación del techo');
    await check('reagendar');

    const sms = await database.db
      .selectFrom('notifications')
      .select('body')
      .where('beneficiary_id', '=', appointment?.person.id as number)
      .where('kind', '=', 'notice')
      .execute();
    expect(sms).toHaveLength(1);
    expect(sms[0]?.body).toContain(`https://citas.example.mx/citas/${appointment?.id}/cambiar`);

    // The template editor: a preview of the slots, and a change that would orphan 8:20 refused.
    const morning = await aClinicDay(database.db, clinic, 2);
    await page.getByRole('link', { name: 'Plantillas de agenda' }).first().click();
    await expect.poll(() => page.textContent('h1')).toBe('Plantillas de agenda');
    await check('plantillas');
    await page.getByRole('link', { name: /^Cambiar Consultorio 1/ }).click();
    await page.fill('#duracion', '30');
    await page.getByRole('button', { name: 'Ver horarios' }).click();
    await expect.poll(() => page.textContent('main')).toContain('Horarios que generará');
    await page.getByRole('button', { name: 'Guardar plantilla' }).click();
    await expect.poll(() => page.textContent('main')).toContain('No se guardó nada');
    expect(await page.textContent('main')).toContain(formatFolio(morning.appointments[1]?.folio ?? ''));
    await page.context().close();
  }, 300_000);

  it('a closure tomorrow holds the nearest free time: the SMS names it, the person keeps it with one tap, the worklist empties', async () => {
    now = new Date();
    const open = await aClinic(database.db);
    await rollHorizon(database.db, { now, unitClues: open.clues });
    let tomorrow = DateTime.now().setZone(open.timeZone).plus({ days: 1 });
    while (tomorrow.weekday > 5) tomorrow = tomorrow.plus({ days: 1 });
    const [slotId] = (await phoneSlotsOf(database.db, open, tomorrow.toISODate() as string)) as [number];
    const person = await aBeneficiary(database.db, open, { phone: '5515550101' });
    const { appointment } = await bookSlot(
      database.db,
      { curp: person.curp, slotId, channel: 'agent', actor: 'test' },
      now,
    );
    const admin = await aStaffAccount(database.db, 'unit_admin', open.clues);
    const { page, check } = await signedIn(admin);
    await page.goto(`${base}/consola/unidades/${open.clues}/agenda`);
    await page.fill('#cierre-dia', tomorrow.toISODate() as string);
    await page.fill('#cierre-motivo', 'Corte de agua');
    await page.getByRole('button', { name: 'Cerrar ese día' }).click();
    await expect.poll(() => page.textContent('[role="status"]')).toContain('1 con un horario nuevo apartado');
    await page.getByRole('link', { name: /Citas por reagendar \(1\)/ }).click();
    await expect.poll(() => page.textContent('main')).toContain('apartado hasta');
    await check('reagendar-apartado');

    const sms = await database.db
      .selectFrom('notifications')
      .select('body')
      .where('beneficiary_id', '=', person.id)
      .where('kind', '=', 'notice')
      .executeTakeFirstOrThrow();
    expect(sms.body).toContain('Te apartamos el');
    const link = /https:\/\/citas\.example\.mx(\/p\/\S+?)[,.]?(?:\s|$)/.exec(sms.body ?? '')?.[1];
    expect(link).toBeDefined();

    // The person, on their phone, JavaScript off, no sign-in.
    const phone = await browser.newContext({ locale: 'es-MX', javaScriptEnabled: false });
    phone.setDefaultTimeout(15_000);
    const tab = await phone.newPage();
    await tab.goto(`${base}${link}`);
    await expect.poll(() => tab.textContent('h1')).toBe('Te apartamos otro horario');
    // axe runs in a page: the quality bars are checked on the same address in a scripted tab.
    const scripted = await browser.newContext({ locale: 'es-MX' });
    const viewer = await scripted.newPage();
    await viewer.goto(`${base}${link}`);
    await checker.check(viewer, 'propuesta');
    await scripted.close();
    await tab.getByRole('button', { name: 'Conservar este horario' }).click();
    await expect.poll(() => tab.textContent('h1')).toBe('Tu cita quedó en el nuevo horario');
    expect(await tab.textContent('main')).toContain(formatFolio(appointment.folio));
    await phone.close();

    await page.reload();
    await expect.poll(() => page.textContent('main')).not.toContain(formatFolio(appointment.folio));
    await page.context().close();
  }, 300_000);
});
