// Availability answers remembered per process (availability-memory.ts) and forgotten when a slot
// of their unit and service changes anywhere (slot-changes.ts): never a slot the booking statement
// would refuse for a reason other than a race.
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, testApp } from '../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import {
  aBeneficiary,
  aClinic,
  aStaffToken,
  freeSlots,
  type TestClinic,
} from '../../test/support/factories.js';
import { availabilityMemoryOf } from './availability-memory.js';
import { addAbsence } from './closures.js';
import { type SlotChangeWatch, watchSlotChanges } from './slot-changes.js';

let database: TestDatabase;
let agent: Record<string, string>;
beforeAll(async () => {
  database = await createTestDatabase();
  agent = bearer(await aStaffToken(database.db, 'agent'));
});
afterAll(() => database.drop());

let app: FastifyInstance;
let watch: SlotChangeWatch;
let clinic: TestClinic;
let slots: number[];
let now = new Date();
beforeEach(async () => {
  now = new Date();
  clinic = await aClinic(database.db);
  // The phone's pool: the API's agents book from it.
  slots = await freeSlots(database.db, clinic, 4, { pool: 'phone' });
  // The app remembers (AVAILABILITY_MEMORY_MS); a second watch on its memory lets the test decide
  // when the logs are read, instead of waiting for the app's interval.
  app = await testApp(database.db, {
    clock: () => now,
    env: { AVAILABILITY_MEMORY_MS: '60000', AVAILABILITY_WATCH_MS: '10000' },
  });
  const memory = availabilityMemoryOf(database.db);
  if (!memory) throw new Error('the app remembers no availability');
  watch = watchSlotChanges(database.db, memory, { everyMs: 60_000, settleMs: 0 });
  await watch.poll();
});
afterEach(async () => {
  watch.stop();
  await app.close();
});

const listed = async () => {
  const answer = await app.inject({
    url: `/api/v1/availability?unit=${clinic.clues}&service=${clinic.serviceCode}&days=30`,
  });
  expect(answer.statusCode).toBe(200);
  return (answer.json().items as { slotId: number }[]).map((s) => s.slotId);
};

/** An agent books the slot for the person through the API (an appointment event is written). */
async function bookAs(person: { curp: string }, slotId: number | undefined) {
  const booked = await app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    headers: agent,
    payload: { curp: person.curp, slotId, channel: 'agent' },
  });
  expect(booked.statusCode).toBe(201);
  return booked;
}

describe('remembered availability', () => {
  it('answers again from memory while nothing it shows has changed', async () => {
    expect(await listed()).toEqual(slots);
    // A change no log records (moving a slot to another channel's pool) proves the second answer
    // was not read again.
    await database.db
      .updateTable('slots')
      .set({ pool: 'counter' })
      .where('id', '=', slots[3] as number)
      .execute();
    expect(await listed()).toEqual(slots);
  });

  it('forgets an answer once a slot of it is booked through any process', async () => {
    expect(await listed()).toEqual(slots);
    await bookAs(await aBeneficiary(database.db, clinic), slots[0]);
    await watch.poll();
    expect(await listed()).toEqual(slots.slice(1));
  });

  it('forgets it when a slot is cancelled, and when a closure blocks them', async () => {
    const booked = await bookAs(await aBeneficiary(database.db, clinic), slots[1]);
    await watch.poll();
    expect(await listed()).toEqual([slots[0], slots[2], slots[3]]);
    await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${booked.json().id}/cancel`,
      headers: agent,
    });
    await watch.poll();
    expect(await listed()).toEqual(slots);
    await addAbsence(database.db, {
      resourceId: clinic.resourceId,
      startsAt: new Date(0),
      endsAt: new Date(Date.now() + 400 * 86_400_000),
      reason: 'Incapacidad',
      actor: 'prueba',
    });
    await watch.poll();
    expect(await listed()).toEqual([]);
  });

  it('forgets it when slots are removed (an agenda rewritten)', async () => {
    expect(await listed()).toEqual(slots);
    await database.db.deleteFrom('slots').where('id', 'in', slots.slice(2)).execute();
    await watch.poll();
    expect(await listed()).toEqual(slots.slice(0, 2));
  });

  it('never shows a slot that has started, nor hides one released since', async () => {
    const later = await freeSlots(database.db, clinic, 1, {
      pool: 'phone',
      opensAt: new Date(now.getTime() + 60_000),
    });
    expect(await listed()).toEqual(slots);
    now = new Date(now.getTime() + 61_000);
    expect(await listed()).toEqual([...slots, ...later]);
    now = new Date((await startOf(slots[0] as number)).getTime() + 1);
    expect(await listed()).toEqual([...slots.slice(1), ...later]);
  });
});

async function startOf(slotId: number): Promise<Date> {
  const row = await database.db
    .selectFrom('slots')
    .select('starts_at')
    .where('id', '=', slotId)
    .executeTakeFirstOrThrow();
  return new Date(row.starts_at);
}
