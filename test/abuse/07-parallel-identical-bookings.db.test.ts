// Abuse case 7: 50 identical bookings sent at once, each with its own idempotency key (a script
// defeating the retry protection) end in one booking; the slot is never given twice.
import { describe, expect, it } from 'vitest';
import { freeSlots } from '../support/factories.js';
import { aWorld } from './world.js';

const world = aWorld();
const TIMES = 50;

const appointmentsOf = (personId: number) =>
  world.database.db
    .selectFrom('appointments')
    .select(['id', 'slot_id'])
    .where('beneficiary_id', '=', personId)
    .execute();

describe(`${TIMES} parallel identical bookings with different idempotency keys`, () => {
  it('through the API book once; the rest get that same appointment back (or are refused)', async () => {
    const person = await world.aPerson(world.clinicA);
    const [slotId] = await freeSlots(world.database.db, world.clinicA, 1, { pool: 'phone' });
    const responses = await Promise.all(
      Array.from({ length: TIMES }, () =>
        world.app.inject({
          method: 'POST',
          url: '/api/v1/appointments',
          headers: { ...world.staff.agent, 'idempotency-key': crypto.randomUUID() },
          payload: { curp: person.curp, slotId, channel: 'agent' },
        }),
      ),
    );
    const booked = responses.filter((r) => r.statusCode === 201);
    // She holds the slot: a repeat is answered with her appointment, never "someone else took it".
    expect(new Set(booked.map((r) => r.json().id)).size).toBe(1);
    for (const refused of responses.filter((r) => r.statusCode !== 201)) {
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('ACTIVE_APPOINTMENT_EXISTS');
    }
    expect(await appointmentsOf(person.id)).toHaveLength(1);
  });

  it('from one portal session book once', async () => {
    const person = await world.aPerson(world.clinicA);
    const [slotId] = await freeSlots(world.database.db, world.clinicA, 1);
    const browser = await world.signedIn(person);
    // Each request through its own review of the slot, as many tabs would.
    const keys: string[] = [];
    for (let i = 0; i < TIMES; i++) {
      await browser.get(`/cita/revisar?persona=${person.id}&horario=${slotId}`);
      keys.push(browser.reviewKey());
    }
    const form = (key: string) =>
      new URLSearchParams({
        _csrf: browser.csrfToken(),
        persona: String(person.id),
        horario: String(slotId),
        clave: key,
      });
    const responses = await Promise.all(
      keys.map((key) =>
        world.app.inject({
          method: 'POST',
          url: '/cita',
          headers: { cookie: browser.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
          payload: form(key).toString(),
        }),
      ),
    );
    // Each is sent to her one appointment, or told she already has one, or (past the session's
    // hourly limit) to slow down; one appointment is stored.
    const shown = responses.filter((r) => r.statusCode === 303).map((r) => r.headers.location);
    expect(new Set(shown).size).toBe(1);
    for (const r of responses) expect([303, 409, 429]).toContain(r.statusCode);
    expect(await appointmentsOf(person.id)).toEqual([{ id: expect.any(String), slot_id: slotId }]);
  });
});
