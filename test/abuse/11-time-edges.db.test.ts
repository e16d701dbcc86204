// Abuse case 11: time edge cases. Times are the unit's own (IANA zones; Tijuana keeps US daylight
// saving, the rest of Mexico does not since 2022). A past slot, one not yet released, one withdrawn
// by a holiday, and a time the clock never shows are all refused or never offered; a client cannot
// push its own offset into the answer.
import { describe, expect, it } from 'vitest';
import { addClosure } from '../../src/agenda/closures.js';
import { generateSlots } from '../../src/agenda/generate-slots.js';
import { aClinic, freeSlots } from '../support/factories.js';
import { expectNothingChanged } from '../support/fingerprint.js';
import { aWorld } from './world.js';

// A Wednesday four days before Tijuana springs forward (Sunday 14 March 2027, 02:00 → 03:00).
const NOW = new Date('2027-03-10T18:00:00Z');
const world = aWorld({ clock: () => NOW });

const book = (curp: string, slotId: number) =>
  world.app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    headers: world.staff.agent,
    payload: { curp, slotId, channel: 'agent' },
  });

describe('a slot outside the booking window', () => {
  it.each([
    ['in the past', { from: new Date(NOW.getTime() - 86_400_000) }],
    [
      'not yet released',
      { from: new Date(NOW.getTime() + 20 * 86_400_000), opensAt: new Date(NOW.getTime() + 86_400_000) },
    ],
  ])('is refused when %s', async (_name, timing) => {
    const person = await world.aPerson(world.clinicA);
    const [slotId] = await freeSlots(world.database.db, world.clinicA, 1, { pool: 'phone', ...timing });
    const response = await expectNothingChanged(world.database.db, () => book(person.curp, slotId as number));
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'OUTSIDE_BOOKING_WINDOW' });
  });
});

describe('a slot on a day the unit closes', () => {
  it('is withdrawn by the closure and refused as closed, not as taken', async () => {
    const person = await world.aPerson(world.clinicA);
    const [slotId] = await freeSlots(world.database.db, world.clinicA, 1, {
      pool: 'phone',
      from: new Date('2027-03-15T15:00:00Z'),
    });
    await addClosure(world.database.db, {
      unitClues: world.clinicA.clues,
      day: '2027-03-15',
      reason: 'Natalicio de Benito Juárez',
      actor: 'system:test',
    });
    const response = await expectNothingChanged(world.database.db, () => book(person.curp, slotId as number));
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'SLOT_CLOSED' });
    expect(response.json().detail).toContain('no se ofrece');
  });
});

describe('Tijuana around the spring-forward night', () => {
  it('never offers a time that does not exist, and shows each time with its own offset', async () => {
    const clinic = await aClinic(world.database.db, { timeZone: 'America/Tijuana', state: 'BC' });
    await world.database.db
      .updateTable('agenda_templates')
      .set({
        weekdays: [7],
        start_time: '00:00',
        end_time: '04:00',
        slot_minutes: 30,
        share_web: 100,
        share_phone: 0,
        share_counter: 0,
      })
      .where('id', '=', clinic.templateId)
      .execute();
    await generateSlots(world.database.db, { now: NOW, unitClues: clinic.clues });
    const listed = await world.app.inject({
      url: `/api/v1/availability?unit=${clinic.clues}&service=medicina_familiar&from=2027-03-14&channel=web`,
    });
    expect(listed.statusCode).toBe(200);
    const starts: string[] = listed.json().items.map((s: { start: string }) => s.start);
    expect(starts).toEqual([
      '2027-03-14T00:00:00-08:00',
      '2027-03-14T00:30:00-08:00',
      '2027-03-14T01:00:00-08:00',
      '2027-03-14T01:30:00-08:00',
      '2027-03-14T03:00:00-07:00',
      '2027-03-14T03:30:00-07:00',
    ]);
  });

  it.each([
    ['a local time that does not exist', '2027-03-14T02:30:00'],
    ['a date with the client’s own offset', '2027-03-14T00:00:00-06:00'],
    ['a date that does not exist', '2027-02-29'],
  ])('refuses %s as the start of a search', async (_name, from) => {
    const clinic = world.clinicA.clues;
    const response = await world.app.inject({
      url: `/api/v1/availability?unit=${clinic}&service=medicina_familiar&from=${encodeURIComponent(from)}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
