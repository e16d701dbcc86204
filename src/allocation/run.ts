import { sql } from 'kysely';
import { localToday } from '../agenda/slot-plan.js';
import { recordAudit } from '../audit/record.js';
import { bookSlot } from '../booking/book.js';
import type { ChurnLimit } from '../booking/churn.js';
import type { BookingErrorCode } from '../booking/errors.js';
import { openAppointmentRefusal } from '../booking/open-appointments.js';
import { firstBrokenBookingRule } from '../booking/rules.js';
import { enqueueSms } from '../notify/outbox.js';
import type { Db } from '../platform/db/connect.js';
import { isDomainError } from '../platform/domain-error.js';
import { type AllocationMiss, SMS } from '../platform/i18n/sms-messages.js';
import { newSeed } from '../platform/seeded-shuffle.js';
import { phoneForNotices } from '../registry/notice-phone.js';
import { keepWaiting, weekdaysOf } from '../waitlist/entries.js';
import { drawAllocation } from './draw.js';
import { type Candidate, drawInputOf, openDrawInput } from './draw-input.js';
import { type AllocationRelease, getAllocationRelease } from './releases.js';

export interface RunOptions {
  /** The draw's seed (32 bytes in hex); random when absent. Tests fix it. */
  seed?: string;
  churnLimit?: ChurnLimit;
}

export interface RunSummary {
  releaseId: number;
  /** Whether this run made the draw (false: it was made before, this run continued it). */
  drew: boolean;
  booked: number;
  refused: number;
  completed: boolean;
}

const actorOf = (release: AllocationRelease) => `allocation:${release.id}`;

/**
 * The allocation of a release whose moment has come. Idempotent and safe to run concurrently or
 * again after a crash: the draw is made once (the release row is claimed by a conditional update in
 * the transaction that writes every assignment); each assignment is then booked in its own
 * transaction through bookSlot, so a crash loses nothing and a slot is never booked twice; at the
 * end the slots nobody got are opened to everyone.
 */
export async function runAllocation(
  db: Db,
  releaseId: number,
  now: Date,
  options: RunOptions = {},
): Promise<RunSummary> {
  const release = await getAllocationRelease(db, releaseId);
  const summary: RunSummary = { releaseId, drew: false, booked: 0, refused: 0, completed: false };
  if (release.opensAt > now) return summary;
  if (!release.drawnAt) {
    summary.drew = await drawRelease(db, release, now, options.seed ?? newSeed());
  }
  for (;;) {
    const settled = await settleNextAssignment(db, release, now, options);
    if (settled === 'none') break;
    if (settled === 'booked') summary.booked++;
    else summary.refused++;
  }
  summary.completed = await openLeftovers(db, release, now);
  return summary;
}

/** Makes the draw unless another run made it; returns whether this one did. */
export async function drawRelease(
  db: Db,
  release: AllocationRelease,
  now: Date,
  seed: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // Locked first: a request being filed (it holds the row FOR SHARE) commits before the requests
    // are read, and a concurrent run waits here and then finds the draw made.
    const current = await trx
      .selectFrom('allocation_releases')
      .select('drawn_at')
      .where('id', '=', release.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (current.drawn_at) return false;
    const candidates = await candidatesOf(trx, release, now);
    const slots = await heldFreeSlots(trx, release.id);
    const today = localToday(now, release.unit.timeZone);
    const input = drawInputOf(candidates, slots, (candidate, slot) =>
      firstBrokenBookingRule({
        beneficiary: candidate,
        service: candidate.service,
        slot: {
          ...slot,
          unitClues: release.unit.clues,
          serviceCode: release.service.code,
          status: 'free',
          opensAt: release.opensAt,
        },
        channel: candidate.channel,
        today,
        now,
      }),
    );
    await trx
      .updateTable('allocation_releases')
      .set({ seed, draw_input: JSON.stringify(input), drawn_at: now })
      .where('id', '=', release.id)
      .execute();
    const recorded = openDrawInput(input);
    const drawn = drawAllocation(recorded.requests, recorded.slots, seed);
    const rows = [
      ...drawn.map((a) => ({
        request_id: a.requestId,
        release_id: release.id,
        position: a.position,
        slot_id: a.slotId,
        status: a.slotId === null ? ('not_granted' as const) : ('pending' as const),
        refusal_code: null,
        settled_at: a.slotId === null ? now : null,
      })),
      ...input.barred.map((b) => ({
        request_id: b.requestId,
        release_id: release.id,
        position: null,
        slot_id: null,
        status: 'refused' as const,
        refusal_code: b.code,
        settled_at: now,
      })),
    ];
    for (let i = 0; i < rows.length; i += 1000) {
      await trx
        .insertInto('allocation_outcomes')
        .values(rows.slice(i, i + 1000))
        .execute();
    }
    const byRequest = new Map(candidates.map((c) => [c.requestId, c]));
    for (const a of drawn.filter((x) => x.slotId === null)) {
      const candidate = byRequest.get(a.requestId) as Candidate;
      await keepWaiting(
        trx,
        {
          beneficiaryId: candidate.beneficiaryId,
          unitClues: release.unit.clues,
          serviceCode: release.service.code,
          weekdays: weekdaysOf(candidate.days),
          shift: candidate.shift,
          channel: candidate.channel,
          actor: `allocation:${release.id}`,
        },
        now,
      );
      await tellMiss(trx, release, candidate, 'NO_SLOT_LEFT', { waitlisted: true });
    }
    for (const b of input.barred)
      await tellMiss(trx, release, byRequest.get(b.requestId) as Candidate, b.code);
    await recordAudit(trx, {
      actor: { kind: 'system', id: actorOf(release) },
      action: 'allocation.draw',
      unitClues: release.unit.clues,
      channel: 'system',
      result: 'ok',
      detail: {
        release: release.id,
        requests: candidates.length,
        slots: slots.length,
        assigned: drawn.filter((a) => a.slotId !== null).length,
        seed,
      },
    });
    return true;
  });
}

/** The people behind the release's requests (decoys have none and take part in nothing). */
async function candidatesOf(trx: Db, release: AllocationRelease, now: Date): Promise<Candidate[]> {
  const service = await trx
    .selectFrom('services')
    .select(['requires_adscription', 'requires_referral'])
    .where('code', '=', release.service.code)
    .executeTakeFirstOrThrow();
  const rows = await trx
    .selectFrom('allocation_requests as q')
    .innerJoin('beneficiaries as b', 'b.id', 'q.beneficiary_id')
    .select((eb) => [
      'q.id',
      'q.channel',
      'q.days',
      'q.shift',
      'b.id as beneficiary_id',
      'b.eligible_until',
      'b.unit_clues',
      'b.phone',
      'b.holder_id',
      eb
        .exists(
          eb
            .selectFrom('appointments as a')
            .select('a.id')
            .whereRef('a.beneficiary_id', '=', 'b.id')
            .where('a.service_code', '=', release.service.code)
            .where('a.is_open', '=', true)
            .where('a.ends_at', '>', now),
        )
        .as('has_open'),
    ])
    .where('q.release_id', '=', release.id)
    .orderBy('q.id')
    .execute();
  return rows.map((r) => ({
    requestId: r.id,
    beneficiaryId: r.beneficiary_id,
    channel: r.channel,
    days: r.days,
    shift: r.shift,
    eligibleUntil: r.eligible_until,
    unitClues: r.unit_clues,
    phone: r.phone,
    holderId: r.holder_id,
    hasOpenAppointment: Boolean(r.has_open),
    service: {
      requiresAdscription: service.requires_adscription,
      requiresReferral: service.requires_referral,
    },
  }));
}

async function heldFreeSlots(trx: Db, releaseId: number) {
  return trx
    .selectFrom('allocation_held_slots as h')
    .innerJoin('slots as s', 's.id', 'h.slot_id')
    .select(['s.id', 's.pool', 's.local_date as localDate', 's.shift', 's.starts_at as startsAt'])
    .where('h.release_id', '=', releaseId)
    .where('h.opened_at', 'is', null)
    .where('s.status', '=', 'free')
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .execute();
}

export type Settled = 'booked' | 'refused' | 'none';

/**
 * Books the next pending assignment in the draw's order, in its own transaction: the row is locked
 * (SKIP LOCKED: concurrent runs share the work), the person's own bookings queue behind it, the
 * slot gets its release moment back and bookSlot books it with the request's channel. A refusal
 * rolls back to a savepoint, so the slot stays held and the refusal is recorded and told.
 */
export async function settleNextAssignment(
  db: Db,
  release: AllocationRelease,
  now: Date,
  options: RunOptions,
): Promise<Settled> {
  return db.transaction().execute(async (trx) => {
    const next = await trx
      .selectFrom('allocation_outcomes as o')
      .innerJoin('allocation_requests as q', 'q.id', 'o.request_id')
      .select(['o.request_id', 'o.slot_id', 'q.channel', 'q.beneficiary_id'])
      .where('o.release_id', '=', release.id)
      .where('o.status', '=', 'pending')
      .orderBy('o.position')
      .limit(1)
      .forUpdate(['o'])
      .skipLocked()
      .executeTakeFirst();
    if (!next) return 'none';
    const person = await trx
      .selectFrom('beneficiaries')
      .select(['id', 'curp', 'phone', 'holder_id'])
      .where('id', '=', next.beneficiary_id as number)
      .executeTakeFirstOrThrow();
    const slotId = next.slot_id as number;
    const settle = (values: {
      status: 'booked' | 'refused';
      refusal_code?: string;
      appointment_id?: string;
    }) =>
      trx
        .updateTable('allocation_outcomes')
        .set({ ...values, settled_at: now })
        .where('request_id', '=', next.request_id)
        .execute();
    const refuse = async (code: string) => {
      await settle({ status: 'refused', refusal_code: code });
      await tellMiss(
        trx,
        release,
        { phone: person.phone, holderId: person.holder_id, beneficiaryId: person.id },
        code,
      );
      return 'refused' as const;
    };
    const blocked = await openAppointmentRefusal(trx, person.id, release.service.code, now);
    if (blocked) return refuse(blocked);
    await sql`savepoint allocation_booking`.execute(trx);
    try {
      await trx
        .updateTable('slots')
        .set({ opens_at: release.opensAt })
        .where('id', '=', slotId)
        .whereRef('opens_at', '=', 'starts_at')
        .execute();
      const { appointment } = await bookSlot(
        trx,
        {
          curp: person.curp,
          slotId,
          channel: next.channel,
          actor: actorOf(release),
          churnLimit: options.churnLimit,
        },
        now,
      );
      await sql`release savepoint allocation_booking`.execute(trx);
      await settle({ status: 'booked', appointment_id: appointment.id });
      await trx
        .updateTable('allocation_held_slots')
        .set({ opened_at: now })
        .where('slot_id', '=', slotId)
        .execute();
      return 'booked';
    } catch (error) {
      await sql`rollback to savepoint allocation_booking`.execute(trx);
      return refuse(isDomainError(error) ? error.code : 'BOOKING_FAILED');
    }
  });
}

/**
 * Gives the held slots nobody is being booked into back their release moment (open to everyone)
 * and, when no assignment is pending, marks the release complete. Returns whether it is.
 */
async function openLeftovers(db: Db, release: AllocationRelease, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const notPending = sql<boolean>`not exists (select 1 from allocation_outcomes o
      where o.slot_id = allocation_held_slots.slot_id and o.status = 'pending')`;
    const opened = await trx
      .updateTable('allocation_held_slots')
      .set({ opened_at: now })
      .where('release_id', '=', release.id)
      .where('opened_at', 'is', null)
      .where(notPending)
      .returning('slot_id')
      .execute();
    if (opened.length > 0) {
      await trx
        .updateTable('slots')
        .set({ opens_at: release.opensAt })
        .where(
          'id',
          'in',
          opened.map((o) => o.slot_id),
        )
        .whereRef('opens_at', '=', 'starts_at')
        .execute();
    }
    const pending = await trx
      .selectFrom('allocation_outcomes')
      .select('request_id')
      .where('release_id', '=', release.id)
      .where('status', '=', 'pending')
      .limit(1)
      .executeTakeFirst();
    if (pending) return false;
    await trx
      .updateTable('allocation_releases')
      .set({ completed_at: now })
      .where('id', '=', release.id)
      .where('completed_at', 'is', null)
      .execute();
    return true;
  });
}

const MISSES: ReadonlySet<string> = new Set<AllocationMiss>([
  'NO_SLOT_LEFT',
  'NOT_ELIGIBLE',
  'WRONG_UNIT',
  'ACTIVE_APPOINTMENT_EXISTS',
  'OPEN_APPOINTMENT_LIMIT',
]);

/** The SMS telling a person they got no slot, and why, to their phone or their holder's. */
async function tellMiss(
  trx: Db,
  release: AllocationRelease,
  person: { phone: string | null; holderId: number | null; beneficiaryId: number },
  code: BookingErrorCode | AllocationMiss | string,
  { waitlisted = false } = {},
) {
  const phone = await phoneForNotices(trx, person);
  if (!phone) return;
  await enqueueSms(trx, {
    recipient: phone,
    beneficiaryId: person.beneficiaryId,
    kind: 'notice',
    body: SMS.allocationMiss({
      serviceName: release.service.name,
      unitName: release.unit.name,
      opensAt: release.opensAt,
      timeZone: release.unit.timeZone,
      miss: MISSES.has(code) ? (code as AllocationMiss) : 'OTHER',
      waitlisted,
    }),
  });
}
