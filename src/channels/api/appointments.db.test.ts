import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp } from '../../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import {
  aBeneficiary,
  aClinic,
  aStaffToken,
  freeSlots,
  phoneSlotsOf,
  type TestClinic,
} from '../../../test/support/factories.js';
import { rollHorizon } from '../../agenda/generate-slots.js';

let database: TestDatabase;
let app: FastifyInstance;
let clinic: TestClinic;
let agent: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db);
  clinic = await aClinic(database.db, { services: ['medicina_preventiva', 'medicina_interna'] });
  agent = bearer(await aStaffToken(database.db, 'agent'));
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

const book = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    headers: { ...agent, ...headers },
    payload: body,
  });

const countAppointments = async () =>
  Number(
    (
      await database.db
        .selectFrom('appointments')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('booking through the API', () => {
  it('books a free slot and answers 201 with the folio and times in the unit offset', async () => {
    const person = await aBeneficiary(database.db, clinic);
    const [slotId] = await freeSlots(database.db, clinic, 1, { pool: 'phone' });
    const response = await book({ curp: person.curp, slotId, channel: 'agent' });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ status: 'booked', curp: person.curp, channel: 'agent', unit: clinic.clues });
    expect(body.folio).toMatch(/^[ACDEFHJKMNPRTWXY3479]{8}$/);
    expect(body.start).toMatch(/T08:00:00-06:00$/);

    const listed = await app.inject({ url: `/api/v1/appointments?curp=${person.curp}`, headers: agent });
    expect(listed.json().items.map((a: { id: string }) => a.id)).toEqual([body.id]);
    const one = await app.inject({ url: `/api/v1/appointments/${body.id}`, headers: agent });
    expect(one.json().folio).toBe(body.folio);
  });

  it('answers a repeated booking of the slot the person already holds with her appointment', async () => {
    const person = await aBeneficiary(database.db, clinic);
    const [slotId] = await freeSlots(database.db, clinic, 1, { pool: 'phone' });
    const first = await book({ curp: person.curp, slotId, channel: 'agent' });
    const again = await book({ curp: person.curp, slotId, channel: 'agent' }); // a retry without a key
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await aBeneficiary(database.db, clinic);
    expect((await book({ curp: other.curp, slotId, channel: 'agent' })).json().code).toBe('SLOT_TAKEN');
  });

  it('cancels, gives the slot back, and records the history', async () => {
    const person = await aBeneficiary(database.db, clinic);
    const [slotId] = await freeSlots(database.db, clinic, 1, { pool: 'phone' });
    const booked = (await book({ curp: person.curp, slotId, channel: 'agent' })).json();
    const cancelled = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${booked.id}/cancel`,
      headers: agent,
      payload: { reason: 'No puede asistir' },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    const slot = await database.db
      .selectFrom('slots')
      .select('status')
      .where('id', '=', slotId as number)
      .executeTakeFirstOrThrow();
    expect(slot.status).toBe('free');
    const events = await database.db
      .selectFrom('appointment_events')
      .select('action')
      .where('appointment_id', '=', booked.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['booked', 'cancelled']);

    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${booked.id}/cancel`,
      headers: agent,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('APPOINTMENT_NOT_ACTIVE');
  });

  it('reschedules keeping id, folio and person, and frees the old slot', async () => {
    const person = await aBeneficiary(database.db, clinic);
    const [first, second] = await freeSlots(database.db, clinic, 2, { pool: 'phone' });
    const booked = (await book({ curp: person.curp, slotId: first, channel: 'agent' })).json();
    const moved = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${booked.id}/reschedule`,
      headers: agent,
      payload: { slotId: second },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      id: booked.id,
      folio: booked.folio,
      curp: person.curp,
      status: 'booked',
    });
    expect(moved.json().start).not.toBe(booked.start);
    const slots = await database.db
      .selectFrom('slots')
      .select(['id', 'status'])
      .where('id', 'in', [first, second] as number[])
      .orderBy('id')
      .execute();
    expect(slots.map((s) => s.status)).toEqual(['free', 'booked']);
  });

  it('leaves the appointment untouched when the new slot is taken', async () => {
    const [mine, taken] = await freeSlots(database.db, clinic, 2, { pool: 'phone' });
    const person = await aBeneficiary(database.db, clinic);
    const other = await aBeneficiary(database.db, clinic);
    const booked = (await book({ curp: person.curp, slotId: mine, channel: 'agent' })).json();
    await book({ curp: other.curp, slotId: taken, channel: 'agent' });
    const moved = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${booked.id}/reschedule`,
      headers: agent,
      payload: { slotId: taken },
    });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().code).toBe('SLOT_TAKEN');
    const still = (await app.inject({ url: `/api/v1/appointments/${booked.id}`, headers: agent })).json();
    expect(still).toMatchObject({ status: 'booked', start: booked.start });
  });
});

describe('booking rules answer with their code and change nothing', () => {
  it('NOT_ELIGIBLE when eligibility ends before the appointment day', async () => {
    const person = await aBeneficiary(database.db, clinic, { eligible_until: '2020-01-31' });
    const [slotId] = await freeSlots(database.db, clinic, 1, { pool: 'phone' });
    await expectRefused(book({ curp: person.curp, slotId, channel: 'agent' }), 422, 'NOT_ELIGIBLE');
  });

  it('WRONG_UNIT for family medicine outside the unit of adscription', async () => {
    const elsewhere = await aClinic(database.db);
    const person = await aBeneficiary(database.db, elsewhere);
    const [slotId] = await freeSlots(database.db, clinic, 1, { pool: 'phone' });
    await expectRefused(book({ curp: person.curp, slotId, channel: 'agent' }), 422, 'WRONG_UNIT');
  });

  it('lets a service without adscription be booked at any unit', async () => {
    const preventive = await aClinic(database.db, { serviceCode: 'medicina_preventiva' });
    const person = await aBeneficiary(database.db, clinic);
    const [slotId] = await freeSlots(database.db, preventive, 1, { pool: 'phone' });
    expect((await book({ curp: person.curp, slotId, channel: 'agent' })).statusCode).toBe(201);
  });

  it('ACTIVE_APPOINTMENT_EXISTS for a second open appointment of the same service, showing the first', async () => {
    const person = await aBeneficiary(database.db, clinic);
    const [a, b] = await freeSlots(database.db, clinic, 2, { pool: 'phone' });
    const first = (await book({ curp: person.curp, slotId: a, channel: 'agent' })).json();
    const response = await expectRefused(
      book({ curp: person.curp, slotId: b, channel: 'agent' }),
      409,
      'ACTIVE_APPOINTMENT_EXISTS',
    );
    expect(response.existing.id).toBe(first.id);
  });

  it('SLOT_TAKEN with the next free slots', async () => {
    const [slotId] = await freeSlots(database.db, clinic, 3, { pool: 'phone' });
    const first = await aBeneficiary(database.db, clinic);
    const second = await aBeneficiary(database.db, clinic);
    await book({ curp: first.curp, slotId, channel: 'agent' });
    const refused = await expectRefused(
      book({ curp: second.curp, slotId, channel: 'agent' }),
      409,
      'SLOT_TAKEN',
    );
    expect(refused.alternatives.length).toBeGreaterThan(0);
    expect(refused.alternatives.map((s: { slotId: number }) => s.slotId)).not.toContain(slotId);
  });

  it('OUTSIDE_BOOKING_WINDOW for a past slot and for one not yet released', async () => {
    const person = await aBeneficiary(database.db, clinic);
    const [past] = await freeSlots(database.db, clinic, 1, {
      pool: 'phone',
      from: new Date(Date.now() - 86_400_000),
    });
    await expectRefused(
      book({ curp: person.curp, slotId: past, channel: 'agent' }),
      422,
      'OUTSIDE_BOOKING_WINDOW',
    );
    const [unreleased] = await freeSlots(database.db, clinic, 1, {
      pool: 'phone',
      opensAt: new Date(Date.now() + 3_600_000),
    });
    await expectRefused(
      book({ curp: person.curp, slotId: unreleased, channel: 'agent' }),
      422,
      'OUTSIDE_BOOKING_WINDOW',
    );
  });

  it('QUOTA_EXHAUSTED when the slot belongs to the web share', async () => {
    const person = await aBeneficiary(database.db, clinic);
    const [slotId] = await freeSlots(database.db, clinic, 1, { pool: 'web' });
    await expectRefused(book({ curp: person.curp, slotId, channel: 'agent' }), 409, 'QUOTA_EXHAUSTED');
  });

  it('TOO_LATE_TO_CHANGE inside the cut-off before the start', async () => {
    const person = await aBeneficiary(database.db, clinic);
    const [slotId] = await freeSlots(database.db, clinic, 1, {
      pool: 'phone',
      from: new Date(Date.now() + 30 * 60_000),
    });
    const booked = (await book({ curp: person.curp, slotId, channel: 'agent' })).json();
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${booked.id}/cancel`,
      headers: agent,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('TOO_LATE_TO_CHANGE');
    const still = (await app.inject({ url: `/api/v1/appointments/${booked.id}`, headers: agent })).json();
    expect(still.status).toBe('booked');
  });

  it('REBOOKING_LIMIT after three cancellations of the same service within 30 days', async () => {
    const person = await aBeneficiary(database.db, clinic);
    const slots = await freeSlots(database.db, clinic, 4, { pool: 'phone' });
    for (const slotId of slots.slice(0, 3)) {
      const booked = (await book({ curp: person.curp, slotId, channel: 'agent' })).json();
      await app.inject({ method: 'POST', url: `/api/v1/appointments/${booked.id}/cancel`, headers: agent });
    }
    await expectRefused(
      book({ curp: person.curp, slotId: slots[3], channel: 'agent' }),
      422,
      'REBOOKING_LIMIT',
    );
  });

  async function expectRefused(pending: ReturnType<typeof book>, status: number, code: string) {
    const before = await countAppointments();
    const response = await pending;
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json();
    expect(body).toMatchObject({ status, code });
    expect(body.detail).toMatch(/[a-záéíóúñ]/);
    expect(await countAppointments()).toBe(before);
    return body;
  }
});

describe('bad input gets a clear 4xx and changes nothing', () => {
  const cases: [string, () => Promise<LightMyRequestResponse>, number, string][] = [
    [
      'malformed CURP',
      () => book({ curp: 'NOESUNACURPVALIDA1', slotId: 1, channel: 'agent' }),
      400,
      'INVALID_CURP',
    ],
    [
      'unknown slot',
      () => book({ curp: 'HEGG560427MVZRRL04', slotId: 999999, channel: 'agent' }),
      404,
      'BENEFICIARY_NOT_FOUND',
    ],
    [
      'unknown field',
      () => book({ curp: 'HEGG560427MVZRRL04', slotId: 1, channel: 'agent', status: 'attended' }),
      400,
      'VALIDATION_FAILED',
    ],
    ['missing field', () => book({ curp: 'HEGG560427MVZRRL04', channel: 'agent' }), 400, 'VALIDATION_FAILED'],
    [
      'channel spoofing',
      () => book({ curp: 'HEGG560427MVZRRL04', slotId: 1, channel: 'web' }),
      400,
      'CHANNEL_NOT_ALLOWED',
    ],
    [
      'invalid JSON',
      () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/appointments',
          headers: { ...agent, 'content-type': 'application/json' },
          payload: '{"curp": ',
        }),
      400,
      'INVALID_JSON',
    ],
    [
      'oversized body',
      () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/appointments',
          headers: { ...agent, 'content-type': 'application/json' },
          payload: JSON.stringify({ curp: 'x'.repeat(100_000) }),
        }),
      413,
      'BODY_TOO_LARGE',
    ],
    [
      '__proto__ key',
      () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/appointments',
          headers: { ...agent, 'content-type': 'application/json' },
          payload: '{"__proto__": {"x": 1}, "curp": "HEGG560427MVZRRL04", "slotId": 1, "channel": "agent"}',
        }),
      400,
      'INVALID_JSON',
    ],
    ['unknown unit', () => app.inject({ url: '/api/v1/units/XXIST999999' }), 404, 'UNIT_NOT_FOUND'],
    ['invalid CLUES', () => app.inject({ url: '/api/v1/units/abc' }), 400, 'VALIDATION_FAILED'],
    [
      'invalid date',
      () =>
        app.inject({
          url: `/api/v1/availability?unit=${clinic.clues}&service=medicina_familiar&from=2026-02-30`,
        }),
      400,
      'VALIDATION_FAILED',
    ],
    [
      'unknown service',
      () => app.inject({ url: `/api/v1/availability?unit=${clinic.clues}&service=cardiologia` }),
      404,
      'SERVICE_NOT_FOUND',
    ],
    [
      'unknown appointment',
      () => app.inject({ url: '/api/v1/appointments/00000000-0000-4000-8000-000000000000', headers: agent }),
      404,
      'APPOINTMENT_NOT_FOUND',
    ],
    ['unknown route', () => app.inject({ url: '/api/v1/nothing-here' }), 404, 'NOT_FOUND'],
    ['no token', () => app.inject({ url: '/api/v1/beneficiaries?q=Rosa' }), 401, 'UNAUTHENTICATED'],
    [
      'a made-up token',
      () => app.inject({ url: '/api/v1/beneficiaries?q=Rosa', headers: bearer('citas_made_up') }),
      401,
      'UNAUTHENTICATED',
    ],
    [
      'an agent closing a unit',
      () =>
        app.inject({
          method: 'POST',
          url: `/api/v1/units/${clinic.clues}/closures`,
          headers: agent,
          payload: { day: '2030-01-02', reason: 'Fumigación' },
        }),
      403,
      'FORBIDDEN',
    ],
  ];

  it.each(cases)('%s', async (_name, request, status, code) => {
    const before = await countAppointments();
    const response = await request();
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status, code });
    expect(typeof response.json().detail).toBe('string');
    expect(await countAppointments()).toBe(before);
  });
});

describe('the audit trail of staff actions', () => {
  it('records reads of a person, bookings and refusals with the token, channel and source IP', async () => {
    const person = await aBeneficiary(database.db, clinic);
    const [slotId, another] = await freeSlots(database.db, clinic, 2, { pool: 'phone' });
    await app.inject({ url: `/api/v1/beneficiaries/${person.curp}`, headers: agent });
    const booked = (await book({ curp: person.curp, slotId, channel: 'agent' })).json();
    await book({ curp: person.curp, slotId: another, channel: 'agent' });
    await app.inject({ method: 'POST', url: `/api/v1/appointments/${booked.id}/cancel`, headers: agent });
    const trail = await database.db
      .selectFrom('audit_log')
      .select(['actor_kind', 'action', 'result', 'channel', 'source_ip', 'detail'])
      .where('subject_beneficiary_id', '=', person.id)
      .orderBy('id')
      .execute();
    expect(trail.map((e) => [e.actor_kind, e.action, e.result])).toEqual([
      ['token', 'beneficiary.read', 'ok'],
      ['token', 'appointment.book', 'ok'],
      ['token', 'appointment.book', 'refused'],
      ['token', 'appointment.cancel', 'ok'],
    ]);
    expect(trail[2]?.detail).toMatchObject({ code: 'ACTIVE_APPOINTMENT_EXISTS' });
    expect(trail.every((e) => e.source_ip === '127.0.0.1')).toBe(true);
  });
});

describe('catalog and availability', () => {
  it('lists released free slots earliest first with the unit offset', async () => {
    const tijuana = await aClinic(database.db, { timeZone: 'America/Tijuana', state: 'BC' });
    await freeSlots(database.db, tijuana, 3, { pool: 'web' });
    await freeSlots(database.db, tijuana, 1, { pool: 'phone', from: new Date(Date.now() + 3 * 86_400_000) });
    const response = await app.inject({
      url: `/api/v1/availability?unit=${tijuana.clues}&service=medicina_familiar&days=7&channel=web`,
    });
    expect(response.statusCode).toBe(200);
    const items = response.json().items;
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({ unit: tijuana.clues, service: 'medicina_familiar', shift: 'M' });
    expect(items[0].start).toMatch(/T08:00:00-0[78]:00$/);
    const starts = items.map((i: { start: string }) => Date.parse(i.start));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  it('answers an empty list, not an error, for dates far beyond any agenda', async () => {
    const response = await app.inject({
      url: `/api/v1/availability?unit=${clinic.clues}&service=medicina_familiar&from=9999-12-31&days=60`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([]);
  });

  it('serves units, services and the OpenAPI document', async () => {
    const units = (await app.inject({ url: '/api/v1/units?state=DF' })).json();
    expect(units.items.length).toBeGreaterThan(0);
    const services = (await app.inject({ url: '/api/v1/services' })).json();
    expect(services.items.map((s: { code: string }) => s.code)).toContain('medicina_familiar');
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/appointments',
        '/api/v1/availability',
        '/api/v1/units/{clues}',
        '/api/v1/appointments/{id}/reschedule',
      ]),
    );
  });

  it('lets staff look up a person and their family', async () => {
    const holder = await aBeneficiary(database.db, clinic);
    await aBeneficiary(database.db, clinic, { holder_id: holder.id, category: 'hijo' });
    const response = await app.inject({ url: `/api/v1/beneficiaries/${holder.curp}`, headers: agent });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ curp: holder.curp, holder: true, eligible: true });
    expect(response.json().family).toHaveLength(1);
  });

  it.each([
    ['true', ['eligible']],
    ['false', ['lapsed']],
    ['absent', ['eligible', 'lapsed']],
  ])('lists by eligibility when ?eligible is %s', async (value, expected) => {
    const unit = await aClinic(database.db);
    await aBeneficiary(database.db, unit, { given_names: 'eligible' });
    await aBeneficiary(database.db, unit, { given_names: 'lapsed', eligible_until: '2020-01-31' });
    const query = value === 'absent' ? '' : `&eligible=${value}`;
    const response = await app.inject({
      url: `/api/v1/beneficiaries?unit=${unit.clues}${query}`,
      headers: agent,
    });
    expect(response.statusCode).toBe(200);
    const names = response.json().items.map((b: { givenNames: string }) => b.givenNames);
    expect(names.sort()).toEqual(expected);
  });
});

describe('a refused request says what the field must be', () => {
  it.each([
    ['too short', 'abc'],
    ['with a space', 'clave con espacios'],
    ['too long', 'k'.repeat(201)],
  ])('explains an Idempotency-Key %s', async (_name, key) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/appointments',
      headers: { ...agent, 'idempotency-key': key },
      payload: { curp: 'HEGG560427MVZRRL04', slotId: 1, channel: 'agent' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
    expect(response.json().detail).toContain('encabezado «idempotency-key»');
    expect(response.json().detail).toContain('de 8 a 200 caracteres ASCII visibles sin espacios');
  });

  it('names the bound a query parameter broke', async () => {
    const response = await app.inject({ url: '/api/v1/beneficiaries?limit=500', headers: agent });
    expect(response.json().detail).toContain('parámetro «limit» debe ser a lo más 200');
  });
});

describe('a unit administrator closing a day through the API', () => {
  it('answers what the closure did: slots blocked, appointments flagged, times held, people told', async () => {
    const unit = await aClinic(database.db);
    await rollHorizon(database.db, { now: new Date(), unitClues: unit.clues });
    let day = DateTime.now().setZone(unit.timeZone).plus({ days: 7 });
    while (day.weekday > 5) day = day.plus({ days: 1 });
    const [slotId] = (await phoneSlotsOf(database.db, unit, day.toISODate() as string)) as [number];
    const person = await aBeneficiary(database.db, unit, { phone: '5516660001' });
    await book({ curp: person.curp, slotId, channel: 'agent' });
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/units/${unit.clues}/closures`,
      headers: bearer(await aStaffToken(database.db, 'unit_admin', unit.clues)),
      payload: { day: day.toISODate(), reason: 'Fumigación' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      blockedSlots: expect.any(Number),
      flaggedAppointments: 1,
      proposed: 1,
      notified: 1,
    });
    expect(response.json().blockedSlots).toBeGreaterThan(0);
  });
});
