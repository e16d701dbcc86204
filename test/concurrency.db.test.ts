import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { aBeneficiary, aClinic, aStaffToken, freeSlots, type TestClinic } from './support/factories.js';

let database: TestDatabase;
let app: FastifyInstance;
let clinic: TestClinic;
let agent: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database.db);
  clinic = await aClinic(database.db);
  agent = bearer(await aStaffToken(database.db));
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

const book = (curp: string, slotId: number, key?: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    headers: { ...agent, ...(key ? { 'idempotency-key': key } : {}) },
    payload: { curp, slotId, channel: 'agent' },
  });

describe('concurrent booking', () => {
  it('gives a slot to exactly one of 50 concurrent requests from 50 eligible people', async () => {
    const [slotId] = (await freeSlots(database.db, clinic, 6, { pool: 'phone' })) as [number];
    const people = await Promise.all(Array.from({ length: 50 }, () => aBeneficiary(database.db, clinic)));
    const responses = await Promise.all(people.map((p) => book(p.curp, slotId)));
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(new Set(responses.filter((r) => r.statusCode === 409).map((r) => r.json().code))).toEqual(
      new Set(['SLOT_TAKEN']),
    );
    const active = await database.db
      .selectFrom('appointments')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('slot_id', '=', slotId)
      .where('status', '=', 'booked')
      .executeTakeFirstOrThrow();
    expect(Number(active.n)).toBe(1);
  });

  it('lets one person win only one of 50 concurrent requests for 50 slots of one service', async () => {
    const slots = await freeSlots(database.db, clinic, 50, { pool: 'phone' });
    const person = await aBeneficiary(database.db, clinic);
    const responses = await Promise.all(slots.map((slotId) => book(person.curp, slotId)));
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual(
      Array(49).fill('ACTIVE_APPOINTMENT_EXISTS'),
    );
    const booked = await database.db
      .selectFrom('slots')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('id', 'in', slots)
      .where('status', '=', 'booked')
      .executeTakeFirstOrThrow();
    expect(Number(booked.n)).toBe(1);
  });

  it('answers a retry with the same Idempotency-Key with the same appointment, even concurrently', async () => {
    const [slotId] = (await freeSlots(database.db, clinic, 1, { pool: 'phone' })) as [number];
    const person = await aBeneficiary(database.db, clinic);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => book(person.curp, slotId, 'retry-key-0001')),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    const later = await book(person.curp, slotId, 'retry-key-0001');
    expect(later.json().id).toBe(responses[0]?.json().id);
    expect(later.headers['idempotent-replayed']).toBe('true');

    const [otherSlot] = (await freeSlots(database.db, clinic, 1, { pool: 'phone' })) as [number];
    const reused = await book(person.curp, otherSlot, 'retry-key-0001');
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('never lets a rolled-back transaction leak into a concurrent one', async () => {
    await sql`create table isolation_probe (n int)`.execute(database.db);
    const failing = database.db.transaction().execute(async (trx) => {
      await sql`insert into isolation_probe values (1)`.execute(trx);
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('roll back');
    });
    const succeeding = database.db.transaction().execute(async (trx) => {
      await sql`insert into isolation_probe values (2)`.execute(trx);
    });
    await expect(failing).rejects.toThrow('roll back');
    await succeeding;
    const rows = await sql<{ n: number }>`select n from isolation_probe order by n`.execute(database.db);
    expect(rows.rows.map((r) => r.n)).toEqual([2]);
  });
});
