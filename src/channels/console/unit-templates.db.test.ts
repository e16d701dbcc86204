import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { aStaffAccount, signedInConsole, type TestStaff } from '../../../test/support/console-staff.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../../../test/support/factories.js';
import { rollHorizon } from '../../agenda/generate-slots.js';
import { findTemplate } from '../../agenda/templates.js';
import { bookSlot } from '../../booking/book.js';

let database: TestDatabase;
let app: FastifyInstance;
let unitA: TestClinic;
let unitB: TestClinic;
let unitAdmin: TestStaff;
let national: TestStaff;
let reception: TestStaff;

const form = (over: Record<string, string | string[]> = {}) => ({
  dias: ['1', '2', '3', '4', '5'],
  inicio: '08:00',
  fin: '14:00',
  duracion: '20',
  horizonte: '14',
  apertura: '07:00',
  web: '50',
  telefono: '35',
  ventanilla: '15',
  mismo_dia: '0',
  ...over,
});

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db);
  unitA = await aClinic(database.db);
  unitB = await aClinic(database.db);
  await rollHorizon(database.db, { now: new Date(), unitClues: unitA.clues });
  unitAdmin = await aStaffAccount(database.db, 'unit_admin', unitA.clues);
  reception = await aStaffAccount(database.db, 'reception', unitA.clues);
  national = await aStaffAccount(database.db, 'national_admin', null);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

describe('the agenda-template editor', () => {
  it('previews the slots, refuses to orphan a booked appointment naming it, and saves when told to rebook it', async () => {
    let day = DateTime.now().setZone(unitA.timeZone).plus({ days: 3 }).startOf('day');
    while (day.weekday > 5) day = day.plus({ days: 1 });
    const slot = await database.db
      .selectFrom('slots')
      .select(['id', 'pool'])
      .where('resource_id', '=', unitA.resourceId)
      .where('starts_at', '=', day.set({ hour: 8, minute: 20 }).toJSDate())
      .executeTakeFirstOrThrow();
    const person = await aBeneficiary(database.db, unitA, { phone: '5512340000' });
    const channel = ({ web: 'web', phone: 'agent', counter: 'counter' } as const)[slot.pool];
    const { appointment } = await bookSlot(
      database.db,
      { curp: person.curp, slotId: slot.id, channel, actor: 'test' },
      new Date(),
    );

    const browser = await signedInConsole(app, unitAdmin);
    await browser.get(`/consola/unidades/${unitA.clues}/plantillas`);
    expect(browser.page).toContain('Consultorio 1');
    expect(browser.page).toContain('50 % / 35 % / 15 %');
    const edit = `/consola/unidades/${unitA.clues}/plantillas/${unitA.templateId}`;
    await browser.get(edit);
    expect(browser.last?.statusCode).toBe(200);
    expect(browser.page).toContain('value="08:00"');
    await browser.post(edit, form({ duracion: '30', accion: 'vista' }));
    expect(browser.last?.statusCode).toBe(200);
    expect(browser.page).toContain('Horarios que generará en los próximos 7 días');
    expect(browser.page).toContain('8:30');
    expect(browser.page).toContain('Una cita agendada se quedaría sin horario');

    await browser.post(edit, form({ duracion: '30', accion: 'guardar' }));
    expect(browser.last?.statusCode).toBe(409);
    expect(browser.page).toContain('No se guardó nada');
    expect(browser.page).toContain(appointment.folio.slice(0, 4));
    expect((await findTemplate(database.db, unitA.templateId))?.slotMinutes).toBe(20);

    await browser.post(edit, form({ duracion: '30', accion: 'reagendar' }));
    expect(browser.page).toContain(
      '1 cita pasó a la lista para reprogramar, 1 con un horario nuevo apartado; 1 persona recibió SMS',
    );
    expect((await findTemplate(database.db, unitA.templateId))?.slotMinutes).toBe(30);
    await browser.get(`/consola/unidades/${unitA.clues}/reprogramar`);
    expect(browser.page).toContain('Cambio de horario del consultorio');
  });

  it('names the wrong fields in Spanish and changes nothing', async () => {
    const browser = await signedInConsole(app, unitAdmin);
    const edit = `/consola/unidades/${unitA.clues}/plantillas/${unitA.templateId}`;
    await browser.get(edit);
    await browser.post(edit, form({ dias: [], fin: '07:00', web: '90', accion: 'guardar' }));
    expect(browser.last?.statusCode).toBe(422);
    expect(browser.page).toContain('Elige al menos un día');
    expect(browser.page).toContain('Escribe una hora de fin posterior a la de inicio');
    expect(browser.page).toContain('que sumen 100');
  });

  it('sets the same-day share of a service at the unit and shows it', async () => {
    const browser = await signedInConsole(app, unitAdmin);
    await browser.get(`/consola/unidades/${unitA.clues}/plantillas`);
    await browser.post(`/consola/unidades/${unitA.clues}/plantillas/mismo-dia`, {
      servicio: unitA.serviceCode,
      mismo_dia: '25',
    });
    expect(browser.page).toContain('ahora 25 % de las citas se abre el mismo día');
    expect((await findTemplate(database.db, unitA.templateId))?.sameDayShare).toBe(25);
  });

  it('suggests the same-day share from the unit’s last four weeks and applies it in one click', async () => {
    const unit = await aClinic(database.db);
    const admin = await aStaffAccount(database.db, 'unit_admin', unit.clues);
    const browser = await signedInConsole(app, admin);
    await browser.get(`/consola/unidades/${unit.clues}/plantillas`);
    expect(browser.page).toContain('todavía son pocas para sugerir un porcentaje');

    // Two past days, 20 slots each opened that morning, all booked; half booked on the day itself.
    const ids: string[] = [];
    for (const daysAgo of [2, 3]) {
      const day = DateTime.now().setZone(unit.timeZone).minus({ days: daysAgo }).startOf('day');
      const slots = await freeSlots(database.db, unit, 20, {
        from: day.set({ hour: 10 }).toJSDate(),
        opensAt: day.set({ hour: 7 }).toJSDate(),
        pool: 'phone',
      });
      for (const slotId of slots) {
        const person = await aBeneficiary(database.db, unit);
        const at = day.set({ hour: 9, minute: 30 }).toJSDate();
        const booked = await bookSlot(
          database.db,
          { curp: person.curp, slotId, channel: 'agent', actor: 't' },
          at,
        );
        ids.push(booked.appointment.id);
      }
      const [onTheDay, dayBefore] = [ids.slice(-20, -10), ids.slice(-10)];
      for (const [booked, at] of [
        [onTheDay, day.set({ hour: 9, minute: 30 })],
        [dayBefore, day.minus({ days: 1 })],
      ] as const)
        await database.db
          .updateTable('appointments')
          .set({ created_at: at.toJSDate() })
          .where('id', 'in', booked)
          .execute();
    }
    await browser.get(`/consola/unidades/${unit.clues}/plantillas`);
    expect(browser.page).toContain(
      'Últimas 4 semanas: 50 % de 40 citas se pidieron para el mismo día; las citas para hoy se llenaron al 100 %.',
    );
    // Full same-day slots capped the bookings: one step above the demand measured.
    expect(browser.page).toContain('Sugerido según la demanda: 55 %.');
    expect(browser.page).toContain('Aplicar 55 %<span class="visually-hidden">');
    await browser.post(`/consola/unidades/${unit.clues}/plantillas/mismo-dia`, {
      servicio: unit.serviceCode,
      mismo_dia: '55',
    });
    expect(browser.page).toContain('ahora 55 % de las citas se abre el mismo día');
    expect((await findTemplate(database.db, unit.templateId))?.sameDayShare).toBe(55);
  });

  it('keeps unit staff to their unit: another unit’s editor is a 403, audited', async () => {
    const browser = await signedInConsole(app, unitAdmin);
    await browser.get(`/consola/unidades/${unitB.clues}/plantillas`);
    expect(browser.last?.statusCode).toBe(403);
    const refused = await database.db
      .selectFrom('audit_log')
      .select('result')
      .where('unit_clues', '=', unitB.clues)
      .where('result', '=', 'refused')
      .execute();
    expect(refused.length).toBeGreaterThan(0);
    await browser.get('/consola/unidades');
    expect(browser.last?.statusCode).toBe(403);
    const desk = await signedInConsole(app, reception);
    await desk.get(`/consola/unidades/${unitA.clues}/plantillas`);
    expect(desk.last?.statusCode).toBe(403);
  });

  it('lets a national administrator find any unit by CLUES and reach its pages', async () => {
    const browser = await signedInConsole(app, national);
    expect(browser.page).toContain('href="/consola/unidades"');
    await browser.get(`/consola/unidades?q=${unitB.clues}`);
    for (const page of ['recepcion', 'agenda', 'plantillas', 'reprogramar', 'espera'])
      expect(browser.page).toContain(`/consola/unidades/${unitB.clues}/${page}`);
    expect(browser.page).not.toContain(`/consola/unidades/${unitA.clues}/`);
    for (const page of ['recepcion', 'agenda', 'plantillas', 'reprogramar', 'espera']) {
      await browser.get(`/consola/unidades/${unitB.clues}/${page}`);
      expect(browser.last?.statusCode).toBe(200);
    }
  });
});
