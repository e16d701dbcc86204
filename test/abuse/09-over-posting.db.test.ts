// Abuse case 9: over-posting. No body field sets an appointment's status, its person, who created it
// or a self-service channel; such a request is a 400 and changes nothing. JSON bodies are never
// type-coerced.
import { describe, expect, it } from 'vitest';
import { freeSlots } from '../support/factories.js';
import { expectNothingChanged } from '../support/fingerprint.js';
import { aWorld } from './world.js';

const world = aWorld();

const post = (url: string, payload: Record<string, unknown>) =>
  world.app.inject({ method: 'POST', url, headers: world.staff.agent, payload });

describe('a booking body with fields the API does not take', () => {
  it.each([
    ['a status', { status: 'attended' }, 'VALIDATION_FAILED'],
    ['a creator', { createdBy: 'staff:1' }, 'VALIDATION_FAILED'],
    ['a person id', { beneficiaryId: 1 }, 'VALIDATION_FAILED'],
    ['a folio', { folio: 'ABC123' }, 'VALIDATION_FAILED'],
    ['the web channel', { channel: 'web' }, 'CHANNEL_NOT_ALLOWED'],
    ['the IVR channel', { channel: 'ivr' }, 'CHANNEL_NOT_ALLOWED'],
    ['a slot id as text', { slotId: 'SLOT' }, 'VALIDATION_FAILED'],
  ])('is refused when it carries %s', async (_name, extra, code) => {
    const person = await world.aPerson(world.clinicA);
    const [slotId] = await freeSlots(world.database.db, world.clinicA, 1, { pool: 'phone' });
    const payload = { curp: person.curp, slotId, channel: 'agent', ...extra };
    if (payload.slotId === 'SLOT') payload.slotId = String(slotId);
    const response = await expectNothingChanged(world.database.db, () =>
      post('/api/v1/appointments', payload),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code });
    expect(response.json().detail).toMatch(/campo|medios/);
  });
});

describe('a change to an appointment that tries to move it to someone else', () => {
  it.each([
    ['reschedule', { curp: 'HEGG560427MVZRRL04' }],
    ['reschedule', { beneficiaryId: 1 }],
    ['reschedule', { status: 'booked', channel: 'web' }],
    ['cancel', { status: 'attended' }],
    ['cancel', { updatedBy: 'staff:1' }],
  ])('%s with %j is refused', async (action, extra) => {
    const person = await world.aPerson(world.clinicA);
    const appointment = await world.anAppointment(person, world.clinicA);
    const [slotId] = await freeSlots(world.database.db, world.clinicA, 1, { pool: 'phone' });
    const payload = action === 'reschedule' ? { slotId, ...extra } : extra;
    const response = await expectNothingChanged(world.database.db, () =>
      post(`/api/v1/appointments/${appointment}/${action}`, payload),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('a staff console form with a field it does not have', () => {
  it.each([
    ['booking for someone else', 'agent', 'book', { curp: 'HEGG560427MVZRRL04' }],
    ['booking by another channel', 'agent', 'book', { canal: 'web' }],
    ['cancelling with a status', 'agent', 'cancel', { status: 'attended' }],
    ['creating a staff account with extra powers', 'national_admin', 'staff', { admin: 'si' }],
  ] as const)('is refused: %s', async (_name, role, form, extra) => {
    const person = await world.aPerson(world.clinicA);
    const desk = await world.staffConsole(role);
    const [slotId] = await freeSlots(world.database.db, world.clinicA, 1, { pool: 'phone' });
    const appointment = form === 'cancel' ? await world.anAppointment(person, world.clinicA) : '';
    const [url, fields] = {
      book: [`/consola/personas/${person.id}/citas`, { horario: String(slotId), clave: crypto.randomUUID() }],
      cancel: [`/consola/citas/${appointment}/cancelar`, { motivo: 'Lo pidió' }],
      staff: [
        '/consola/personal',
        { nombre: 'Nueva', correo: 'nueva@citas.test', rol: 'agent', clave: 'x'.repeat(16) },
      ],
    }[form] as [string, Record<string, string>];
    const response = await expectNothingChanged(
      world.database.db,
      () => desk.post(url, { ...fields, ...extra }),
      ['staff_accounts'],
    );
    expect(response.statusCode).toBe(400);
  });
});
