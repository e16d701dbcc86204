import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../../test/support/factories.js';
import { findAvailability } from '../agenda/availability.js';
import { bookSlot } from '../booking/book.js';
import type { Db } from '../platform/db/connect.js';
import type { SlotPool } from '../platform/db/schema.js';
import { buildCurp } from '../registry/curp.js';
import { getAllocationRelease, openAllocationWindows, releasesTakingRequests } from './releases.js';
import { replayAllocation } from './replay.js';
import { fileRequest, withdrawRequest } from './requests.js';
import { drawRelease, runAllocation, settleNextAssignment } from './run.js';
import { allocationTick } from './tick.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const seed = (label: string) => createHash('sha256').update(label).digest('hex');
const MINUTE = 60_000;

/** A clinic in allocate mode with a release 10 minutes after `at`, and its window open at `at`. */
async function anAllocateClinic(db: Db, slots: Partial<Record<SlotPool, number>>, at = new Date()) {
  const clinic = await aClinic(db);
  const opensAt = new Date(at.getTime() + 10 * MINUTE);
  await db
    .insertInto('release_settings')
    .values({
      unit_clues: clinic.clues,
      service_code: clinic.serviceCode,
      mode: 'allocate',
      pre_window_minutes: 30,
    })
    .execute();
  const ids: Record<SlotPool, number[]> = { web: [], phone: [], counter: [] };
  for (const pool of ['web', 'phone', 'counter'] as const) {
    if (slots[pool]) ids[pool] = await freeSlots(db, clinic, slots[pool] as number, { pool, opensAt });
  }
  await openAllocationWindows(db, at);
  const [release] = await releasesTakingRequests(db, at, { unitClues: clinic.clues });
  if (!release) throw new Error('no release opened');
  return { clinic, release, opensAt, ids, during: at, after: new Date(opensAt.getTime() + 1000) };
}

const file = (
  db: Db,
  releaseId: number,
  curp: string,
  now: Date,
  extra: Partial<Parameters<typeof fileRequest>[1]> = {},
) =>
  fileRequest(
    db,
    { releaseId, curp, channel: 'web', actor: 'beneficiary:anonymous', days: [], shift: null, ...extra },
    now,
  );

async function people(db: Db, clinic: TestClinic, count: number) {
  const list = [];
  for (let i = 0; i < count; i++) list.push(await aBeneficiary(db, clinic));
  return list;
}

describe('request and allocate', () => {
  it('holds the release’s web and phone slots from every channel until the draw, never the counter’s', async () => {
    const { db } = database;
    const { clinic, ids, during, after } = await anAllocateClinic(db, { web: 2, phone: 1, counter: 1 });
    const person = await aBeneficiary(db, clinic);
    const visible = await findAvailability(
      db,
      { unitClues: clinic.clues, serviceCode: clinic.serviceCode, days: 3, channel: 'web', limit: 10 },
      after,
    );
    expect(visible).toEqual([]);
    await expect(
      bookSlot(db, { curp: person.curp, slotId: ids.web[0] as number, channel: 'web', actor: 'test' }, after),
    ).rejects.toMatchObject({ code: 'OUTSIDE_BOOKING_WINDOW' });
    const counter = await bookSlot(
      db,
      { curp: person.curp, slotId: ids.counter[0] as number, channel: 'counter', actor: 'test' },
      after,
    );
    expect(counter.appointment.slotId).toBe(ids.counter[0]);
    // Opening the window again holds nothing twice and makes no second release.
    expect(await openAllocationWindows(db, during)).toBe(0);
    expect(
      await db.selectFrom('allocation_releases').where('unit_clues', '=', clinic.clues).execute(),
    ).toHaveLength(1);
  });

  it('keeps one request per person under 50 concurrent filings from every channel', async () => {
    const { db } = database;
    const { clinic, release, during } = await anAllocateClinic(db, { web: 1, phone: 1 });
    const person = await aBeneficiary(db, clinic);
    const channels = ['web', 'ivr', 'agent'] as const;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        file(db, release.id, person.curp, during, { channel: channels[i % 3], actor: `test:${i}` }),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const rows = await db
      .selectFrom('allocation_requests')
      .selectAll()
      .where('release_id', '=', release.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.beneficiary_id).toBe(person.id);
  });

  it('answers a CURP that is nobody’s like any other and gives it nothing', async () => {
    const { db } = database;
    const { clinic, release, during, after } = await anAllocateClinic(db, { web: 3 });
    const nobody = buildCurp({
      givenNames: 'Nadie',
      firstSurname: 'Ninguno',
      secondSurname: 'Nulo',
      birthDate: '1980-02-03',
      sex: 'H',
      state: 'DF',
      differentiator: 0,
    });
    const person = await aBeneficiary(db, clinic);
    expect(await file(db, release.id, nobody, during)).toEqual({ created: true });
    expect(await file(db, release.id, person.curp, during)).toEqual({ created: true });
    const summary = await runAllocation(db, release.id, after, { seed: seed('decoy') });
    expect(summary).toMatchObject({ booked: 1, refused: 0, completed: true });
    const outcomes = await db
      .selectFrom('allocation_outcomes')
      .selectAll()
      .where('release_id', '=', release.id)
      .execute();
    expect(outcomes).toHaveLength(1);
  });

  it('allocates by the draw, respects preferences and pools, books through bookSlot and tells everyone by SMS', async () => {
    const { db } = database;
    const { clinic, release, during, after, ids } = await anAllocateClinic(db, {
      web: 3,
      phone: 2,
      counter: 1,
    });
    const web = await people(db, clinic, 6);
    const phone = await people(db, clinic, 3);
    const lapsed = await aBeneficiary(db, clinic, { eligible_until: '2020-01-01' });
    const elsewhere = await aBeneficiary(db, await aClinic(db));
    for (const p of [...web, lapsed, elsewhere]) await file(db, release.id, p.curp, during);
    for (const p of phone) await file(db, release.id, p.curp, during, { channel: 'ivr', actor: 'ivr:CA1' });

    const summary = await runAllocation(db, release.id, after, { seed: seed('main') });
    expect(summary).toMatchObject({ drew: true, booked: 5, refused: 0, completed: true });

    const appointments = await db
      .selectFrom('appointments')
      .select(['beneficiary_id', 'slot_id', 'channel', 'created_by'])
      .where('unit_clues', '=', clinic.clues)
      .where('created_by', 'like', 'allocation:%')
      .execute();
    expect(appointments).toHaveLength(5);
    for (const a of appointments) {
      const fromWeb = web.some((p) => p.id === a.beneficiary_id);
      expect(fromWeb ? ids.web : ids.phone).toContain(a.slot_id);
      expect(a.channel).toBe(fromWeb ? 'web' : 'ivr');
    }
    const outcomes = await db
      .selectFrom('allocation_outcomes')
      .selectAll()
      .where('release_id', '=', release.id)
      .execute();
    const refused = Object.fromEntries(
      outcomes.filter((o) => o.status === 'refused').map((o) => [o.request_id, o.refusal_code]),
    );
    expect(Object.values(refused).sort()).toEqual(['NOT_ELIGIBLE', 'WRONG_UNIT']);
    expect(outcomes.filter((o) => o.status === 'not_granted')).toHaveLength(4);

    const sms = await db
      .selectFrom('notifications')
      .select(['beneficiary_id', 'kind', 'body', 'appointment_id'])
      .where(
        'beneficiary_id',
        'in',
        [...web, ...phone, lapsed, elsewhere].map((p) => p.id),
      )
      .execute();
    expect(sms.filter((m) => m.kind === 'booked')).toHaveLength(5);
    const misses = sms.filter((m) => m.kind === 'notice');
    expect(misses).toHaveLength(6);
    expect(misses.find((m) => m.beneficiary_id === lapsed.id)?.body).toContain('vigencia');
    expect(misses.every((m) => m.body?.includes('no obtuviste cita'))).toBe(true);
    // Those the draw left without a place wait for the next freed one, in the days they asked for;
    // those the rules barred (no eligibility, another unit) do not.
    const waiting = await db
      .selectFrom('waitlist_entries')
      .select(['beneficiary_id', 'unit_clues', 'service_code', 'created_by'])
      .where('unit_clues', '=', clinic.clues)
      .execute();
    const notGranted = outcomes.filter((o) => o.status === 'not_granted').map((o) => o.request_id);
    expect(waiting).toHaveLength(notGranted.length);
    expect(waiting.map((w) => w.beneficiary_id)).not.toContain(lapsed.id);
    expect(waiting.map((w) => w.beneficiary_id)).not.toContain(elsewhere.id);
    expect(waiting.every((w) => w.created_by === `allocation:${release.id}`)).toBe(true);
    const told = misses.filter((m) => m.body?.includes('Quedaste en la lista de espera'));
    expect(told.map((m) => m.beneficiary_id).sort()).toEqual(waiting.map((w) => w.beneficiary_id).sort());

    // Nothing held remains: the counter share was never held, and the run left no web/phone slot.
    const held = await db
      .selectFrom('slots')
      .select('id')
      .where('unit_clues', '=', clinic.clues)
      .whereRef('opens_at', '=', 'starts_at')
      .execute();
    expect(held).toEqual([]);
    expect((await replayAllocation(db, release.id)).differences).toEqual([]);
  });

  it('gives the slots nobody took to everyone after the run', async () => {
    const { db } = database;
    const { clinic, release, during, after } = await anAllocateClinic(db, { web: 3 });
    const [only] = await people(db, clinic, 1);
    await file(db, release.id, only?.curp as string, during, { shift: 'M' });
    await runAllocation(db, release.id, after, { seed: seed('left') });
    const open = await findAvailability(
      db,
      { unitClues: clinic.clues, serviceCode: clinic.serviceCode, days: 3, channel: 'web', limit: 10 },
      after,
    );
    expect(open).toHaveLength(2);
  });

  it('books nothing twice when runs of the same release race, and a second run changes nothing', async () => {
    const { db } = database;
    const { clinic, release, during, after } = await anAllocateClinic(db, { web: 8, phone: 4 });
    const crowd = await people(db, clinic, 20);
    for (const [i, p] of crowd.entries()) {
      await file(db, release.id, p.curp, during, i % 2 ? { channel: 'agent', actor: 'staff:1' } : {});
    }
    const runs = await Promise.all(
      Array.from({ length: 6 }, (_, i) => runAllocation(db, release.id, after, { seed: seed(`race-${i}`) })),
    );
    expect(runs.filter((r) => r.drew)).toHaveLength(1);
    expect(runs.reduce((n, r) => n + r.booked, 0)).toBe(12);
    const booked = await db
      .selectFrom('appointments')
      .select(['slot_id', 'beneficiary_id'])
      .where('unit_clues', '=', clinic.clues)
      .execute();
    expect(booked).toHaveLength(12);
    expect(new Set(booked.map((b) => b.slot_id)).size).toBe(12);
    expect(new Set(booked.map((b) => b.beneficiary_id)).size).toBe(12);
    const again = await runAllocation(db, release.id, new Date(after.getTime() + MINUTE));
    expect(again).toMatchObject({ drew: false, booked: 0, refused: 0, completed: true });
    const sms = await db
      .selectFrom('notifications')
      .select('id')
      .where(
        'beneficiary_id',
        'in',
        crowd.map((p) => p.id),
      )
      .execute();
    expect(sms).toHaveLength(20);
  });

  it('continues after a crash between bookings without losing or repeating an assignment', async () => {
    const { db } = database;
    const { clinic, release, during, after } = await anAllocateClinic(db, { web: 4 });
    for (const p of await people(db, clinic, 4)) await file(db, release.id, p.curp, during);
    const drawn = await getAllocationRelease(db, release.id);
    expect(await drawRelease(db, drawn, after, seed('crash'))).toBe(true);
    expect(await settleNextAssignment(db, drawn, after, {})).toBe('booked');
    // The process dies here; the held slots of the three pending assignments stay closed meanwhile.
    const visible = await findAvailability(
      db,
      { unitClues: clinic.clues, serviceCode: clinic.serviceCode, days: 3, channel: 'web', limit: 10 },
      after,
    );
    expect(visible).toEqual([]);
    const resumed = await runAllocation(db, release.id, new Date(after.getTime() + MINUTE));
    expect(resumed).toMatchObject({ drew: false, booked: 3, completed: true });
    const outcomes = await db
      .selectFrom('allocation_outcomes')
      .selectAll()
      .where('release_id', '=', release.id)
      .execute();
    expect(outcomes.map((o) => o.status)).toEqual(['booked', 'booked', 'booked', 'booked']);
  });

  it('refuses an assignment the person can no longer take, and keeps its slot for everyone', async () => {
    const { db } = database;
    const { clinic, release, during, after } = await anAllocateClinic(db, { web: 1 });
    const person = await aBeneficiary(db, clinic);
    await file(db, release.id, person.curp, during);
    const drawn = await getAllocationRelease(db, release.id);
    await drawRelease(db, drawn, after, seed('late'));
    // Between the draw and the booking the person books the same service by another way.
    const [other] = await freeSlots(db, clinic, 1, { pool: 'counter' });
    await bookSlot(
      db,
      { curp: person.curp, slotId: other as number, channel: 'counter', actor: 'test' },
      after,
    );
    expect(await runAllocation(db, release.id, after)).toMatchObject({
      booked: 0,
      refused: 1,
      completed: true,
    });
    const outcome = await db
      .selectFrom('allocation_outcomes')
      .select(['status', 'refusal_code'])
      .where('release_id', '=', release.id)
      .executeTakeFirstOrThrow();
    expect(outcome).toEqual({ status: 'refused', refusal_code: 'ACTIVE_APPOINTMENT_EXISTS' });
    const open = await findAvailability(
      db,
      { unitClues: clinic.clues, serviceCode: clinic.serviceCode, days: 3, channel: 'web', limit: 10 },
      after,
    );
    expect(open).toHaveLength(1);
  });

  it('takes and withdraws requests only inside the window', async () => {
    const { db } = database;
    const { clinic, release, during, after } = await anAllocateClinic(db, { web: 1 });
    const [a, b] = await people(db, clinic, 2);
    const early = new Date(release.requestsFrom.getTime() - MINUTE);
    await expect(file(db, release.id, a?.curp as string, early)).rejects.toMatchObject({
      code: 'ALLOCATION_WINDOW_CLOSED',
    });
    await expect(
      file(db, release.id, a?.curp as string, during, { days: ['1999-01-01'] }),
    ).rejects.toMatchObject({
      code: 'PREFERENCES_INVALID',
    });
    await file(db, release.id, a?.curp as string, during);
    await file(db, release.id, b?.curp as string, during);
    const [mine] = await db
      .selectFrom('allocation_requests')
      .select('id')
      .where('beneficiary_id', '=', a?.id as number)
      .execute();
    const withdraw = (allowed: number[], now: Date) =>
      withdrawRequest(db, { requestId: mine?.id as number, allowed, actor: 'test', channel: 'web' }, now);
    await expect(withdraw([b?.id as number], during)).rejects.toMatchObject({ code: 'REQUEST_NOT_FOUND' });
    await runAllocation(db, release.id, after, { seed: seed('w') });
    await expect(withdraw([a?.id as number], after)).rejects.toMatchObject({
      code: 'ALLOCATION_WINDOW_CLOSED',
    });
    await expect(file(db, release.id, a?.curp as string, after)).rejects.toMatchObject({
      code: 'ALLOCATION_WINDOW_CLOSED',
    });
  });

  it('withdraws a request before the draw, which then leaves it out', async () => {
    const { db } = database;
    const { clinic, release, during, after } = await anAllocateClinic(db, { web: 1 });
    const person = await aBeneficiary(db, clinic);
    await file(db, release.id, person.curp, during);
    const [mine] = await db
      .selectFrom('allocation_requests')
      .select('id')
      .where('release_id', '=', release.id)
      .execute();
    await withdrawRequest(
      db,
      { requestId: mine?.id as number, allowed: [person.id], actor: 'test', channel: 'web' },
      during,
    );
    expect(await runAllocation(db, release.id, after)).toMatchObject({ booked: 0, completed: true });
  });

  it('is run by the worker’s tick: the window opens before the release and the draw at its moment', async () => {
    const { db } = database;
    const clinic = await aClinic(db);
    const now = new Date();
    const opensAt = new Date(now.getTime() + 20 * MINUTE);
    await db
      .insertInto('release_settings')
      .values({
        unit_clues: clinic.clues,
        service_code: clinic.serviceCode,
        mode: 'allocate',
        pre_window_minutes: 30,
      })
      .execute();
    await freeSlots(db, clinic, 2, { pool: 'web', opensAt });
    const person = await aBeneficiary(db, clinic);
    expect((await allocationTick(db, now)).held).toBeGreaterThanOrEqual(2);
    const [release] = await releasesTakingRequests(db, now, { unitClues: clinic.clues });
    await file(db, release?.id as number, person.curp, now);
    const ofThis = (runs: { releaseId: number }[]) => runs.filter((r) => r.releaseId === release?.id);
    expect(ofThis((await allocationTick(db, new Date(now.getTime() + MINUTE))).runs)).toEqual([]);
    const { runs } = await allocationTick(db, new Date(opensAt.getTime() + 1000));
    expect(ofThis(runs)).toEqual([
      { releaseId: release?.id, drew: true, booked: 1, refused: 0, completed: true },
    ]);
  });
});
