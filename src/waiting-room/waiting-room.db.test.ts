import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import {
  aBeneficiary,
  aClinic,
  freeSlots,
  type TestClinic,
  type TestPerson,
} from '../../test/support/factories.js';
import { bookSlot } from '../booking/book.js';
import { buildCurp } from '../registry/curp.js';
import { advanceRelease } from './advance.js';
import { joinQueue } from './join.js';
import { waitingPlace } from './places.js';
import { DEFAULT_RELEASE_POLICY, type ReleasePolicy } from './policy.js';
import { replayWaitingRoomDraw } from './replay.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const MINUTE = 60_000;
/** Each test its own release, an hour from now on the real clock (bookings need future slots). */
let releases = 0;
async function aRelease(options: { webSlots?: number; phoneSlots?: number } = {}) {
  const { db } = database;
  const clinic = await aClinic(db);
  const opensAt = new Date(Math.ceil(Date.now() / MINUTE) * MINUTE + (60 + releases++) * MINUTE);
  const from = new Date(opensAt.getTime() + 2 * 86_400_000);
  const web = await freeSlots(db, clinic, options.webSlots ?? 5, { opensAt, from });
  const phone = options.phoneSlots
    ? await freeSlots(db, clinic, options.phoneSlots, { opensAt, pool: 'phone' })
    : [];
  const at = (minutes: number) => new Date(opensAt.getTime() + minutes * MINUTE);
  return { clinic, opensAt, web, phone, at };
}

const policy = (overrides: Partial<ReleasePolicy> = {}): ReleasePolicy => ({
  ...DEFAULT_RELEASE_POLICY,
  ...overrides,
});

const join = (clinic: TestClinic, person: Pick<TestPerson, 'curp' | 'birthDate'>, now: Date, p = policy()) =>
  joinQueue(
    database.db,
    {
      unitClues: clinic.clues,
      serviceCode: clinic.serviceCode,
      curp: person.curp,
      birthDate: person.birthDate,
    },
    p,
    now,
  );

const look = (token: string, now: Date, p = policy()) =>
  waitingPlace(database.db, token, { defaults: p, factor: 1 }, now);

async function placesOf(clinic: TestClinic) {
  return database.db
    .selectFrom('waiting_room_places as p')
    .innerJoin('waiting_room_releases as r', 'r.id', 'p.release_id')
    .select(['p.id', 'p.status', 'p.draw_rank', 'p.beneficiary_id', 'r.id as release_id'])
    .where('r.unit_clues', '=', clinic.clues)
    .orderBy('p.id')
    .execute();
}

let strangers = 0;
/** A well-formed CURP that names nobody in the registry, with its birth date. */
const aStranger = () => {
  const birthDate = '1980-05-17';
  return {
    birthDate,
    curp: buildCurp({
      givenNames: 'Nadie',
      firstSurname: 'Desconocido',
      secondSurname: 'Ninguno',
      birthDate,
      sex: 'H',
      state: 'JC',
      differentiator: strangers++,
    }),
  };
};

describe('the waiting room of a release', () => {
  it('gives one place per person under 50 concurrent joins, and nothing changes for the refused', async () => {
    const { clinic, at } = await aRelease();
    const person = await aBeneficiary(database.db, clinic);
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => join(clinic, person, at(-10))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'PLACE_EXISTS' });
    }
    expect(await placesOf(clinic)).toHaveLength(1);
  });

  it('takes places only from the pre-window until the end of the rush, and not in race mode', async () => {
    const { clinic, at } = await aRelease();
    const person = await aBeneficiary(database.db, clinic);
    await expect(join(clinic, person, at(-31))).rejects.toMatchObject({ code: 'QUEUE_NOT_OPEN' });
    await expect(join(clinic, person, at(-5), policy({ mode: 'race' }))).rejects.toMatchObject({
      code: 'QUEUE_NOT_OPEN',
    });
    await expect(join(clinic, person, at(121))).rejects.toMatchObject({ code: 'QUEUE_NOT_OPEN' });
    expect(await placesOf(clinic)).toHaveLength(0);
  });

  it('draws the pre-window places at the release with a recorded, replayable draw; later arrivals queue behind in order', async () => {
    const { clinic, at } = await aRelease();
    const early = await Promise.all(Array.from({ length: 6 }, () => aBeneficiary(database.db, clinic)));
    const tokens = [];
    for (const [i, person] of early.entries()) tokens.push((await join(clinic, person, at(-20 + i))).token);
    expect((await look(tokens[0] as string, at(-1))).view.state).toBe('pending');

    const stopped = policy({ admitPerMinute: 1 });
    // The first look after the release runs the draw (and admits nobody yet: a second has passed).
    await look(tokens[0] as string, at(0), stopped);
    const late = [await aBeneficiary(database.db, clinic), await aBeneficiary(database.db, clinic)];
    const lateTokens = [];
    for (const [i, person] of late.entries())
      lateTokens.push((await join(clinic, person, at(0.1 + i / 60))).token);

    const release = await database.db
      .selectFrom('waiting_room_releases')
      .select(['id', 'draw_order'])
      .where('unit_clues', '=', clinic.clues)
      .executeTakeFirstOrThrow();
    const places = await placesOf(clinic);
    expect(await replayWaitingRoomDraw(database.db, release.id)).toMatchObject({ places: 6, matches: true });
    const ranks = Object.fromEntries(places.map((p) => [p.id, p.draw_rank]));
    expect((release.draw_order ?? []).map((id) => ranks[id])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(places.slice(6).map((p) => p.draw_rank)).toEqual([null, null]);

    const positions = [];
    for (const token of [...tokens, ...lateTokens]) {
      const { view } = await look(token, at(0.5), stopped);
      positions.push(view.state === 'waiting' ? view.position : view.state);
    }
    expect(positions.slice(0, 6).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(positions.slice(6)).toEqual([7, 8]);

    // An order changed after the draw no longer replays.
    await database.db
      .updateTable('waiting_room_releases')
      .set({ draw_order: JSON.stringify([...(release.draw_order ?? [])].reverse()) })
      .where('id', '=', release.id)
      .execute();
    expect(await replayWaitingRoomDraw(database.db, release.id)).toMatchObject({ matches: false });
  });

  it('admits at the configured pace, never more than the free web slots, and an expired pass lets the next in', async () => {
    const { clinic, at } = await aRelease({ webSlots: 3 });
    const pace = policy({ admitPerMinute: 2, passMinutes: 5 });
    const people = await Promise.all(Array.from({ length: 5 }, () => aBeneficiary(database.db, clinic)));
    for (const person of people) await join(clinic, person, at(-10), pace);
    const [first] = await placesOf(clinic);
    const releaseId = first?.release_id as number;
    const admitted = async () => (await placesOf(clinic)).filter((p) => p.status === 'admitted').length;

    await advanceRelease(database.db, releaseId, pace, 1, at(0.5));
    expect(await admitted()).toBe(1);
    await advanceRelease(database.db, releaseId, pace, 1, at(1));
    expect(await admitted()).toBe(2);
    // Half speed while latency is high.
    await advanceRelease(database.db, releaseId, pace, 0.5, at(2));
    expect(await admitted()).toBe(3);
    // Three web slots, three open passes: nobody else is admitted, however long the wait.
    await advanceRelease(database.db, releaseId, pace, 1, at(4));
    expect(await admitted()).toBe(3);
    // The first passes expire unused: their holders leave the line and the next come in.
    await advanceRelease(database.db, releaseId, pace, 1, at(6));
    const after = await placesOf(clinic);
    expect(after.filter((p) => p.status === 'expired')).toHaveLength(2);
    expect(after.filter((p) => p.status === 'admitted')).toHaveLength(3);
  });

  it('refuses a web slot of the release in its rush to anyone without a pass; the pass books once; the phone share is untouched', async () => {
    const { clinic, at, web, phone } = await aRelease({ webSlots: 2, phoneSlots: 1 });
    const [holder, other, caller] = await Promise.all([
      aBeneficiary(database.db, clinic),
      aBeneficiary(database.db, clinic),
      aBeneficiary(database.db, clinic),
    ]);
    const { token } = await join(clinic, holder, at(-5));
    const book = (person: TestPerson, slotId: number, now: Date, channel: 'web' | 'ivr' = 'web') =>
      bookSlot(database.db, { curp: person.curp, slotId, channel, actor: 'test' }, now);

    await expect(book(other, web[0] as number, at(1))).rejects.toMatchObject({ code: 'PASS_REQUIRED' });
    await expect(book(holder, web[0] as number, at(-1))).rejects.toMatchObject({
      code: 'OUTSIDE_BOOKING_WINDOW',
    });
    expect((await look(token, at(1))).view.state).toBe('admitted');
    const booked = await book(holder, web[0] as number, at(1.5));
    expect(booked.appointment.slotId).toBe(web[0]);
    expect((await look(token, at(2))).view.state).toBe('used');
    expect((await book(caller, phone[0] as number, at(1), 'ivr')).appointment.slotId).toBe(phone[0]);
    // After the rush the release's slots are booked as any other.
    expect((await book(other, web[1] as number, at(121))).appointment.slotId).toBe(web[1]);
  });

  it('keeps a place for a CURP that names nobody, which moves like the others and admits into nothing', async () => {
    const { clinic, at } = await aRelease({ webSlots: 1 });
    const stranger = aStranger();
    const person = await aBeneficiary(database.db, clinic);
    const strangerPlace = await join(clinic, stranger, at(-5));
    const personPlace = await join(clinic, person, at(-5));
    expect(strangerPlace.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // One web slot: the real person is admitted, and the stranger with or before them.
    const views = [await look(personPlace.token, at(1)), await look(strangerPlace.token, at(1))];
    expect(views.map((v) => v.view.state)).toEqual(['admitted', 'admitted']);
    const places = await placesOf(clinic);
    expect(places.find((p) => p.beneficiary_id === null)?.status).toBe('admitted');
  });
});
