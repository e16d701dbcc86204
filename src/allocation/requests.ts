import { createHash } from 'node:crypto';
import { parseActor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import type { Db } from '../platform/db/connect.js';
import type { AllocationChannel, AllocationOutcomeStatus } from '../platform/db/schema.js';
import type { Shift } from './draw.js';
import { AllocationError } from './errors.js';
import { acceptsRequests, getAllocationRelease } from './releases.js';

export interface RequestPreferences {
  /** Acceptable days of the release; empty accepts any. */
  days: string[];
  /** Acceptable shift; null accepts either. */
  shift: Shift | null;
}

export interface FileRequestInput extends RequestPreferences {
  releaseId: number;
  /** A valid CURP (the channel checked its form and birth date). */
  curp: string;
  channel: AllocationChannel;
  /** Who acted: 'beneficiary:anonymous', 'ivr:CA…', 'staff:12'. */
  actor: string;
  sourceIp?: string;
}

export const curpDigest = (curp: string) => createHash('sha256').update(curp).digest('hex');

/**
 * Files a request for the release, one per person: a second filing for the same CURP, from any
 * channel, changes nothing. The web answers every well-formed CURP alike, so a CURP that is nobody's
 * is stored the same way, as a decoy without a person that the draw leaves out. Who may get a slot
 * is judged at the draw, by the booking rules. The release row is read FOR SHARE so a request either
 * commits before the draw reads the requests or finds the draw made. Returns whether a request was
 * added, for staff channels (the web channel shows nothing of it).
 */
export async function fileRequest(db: Db, input: FileRequestInput, now: Date): Promise<{ created: boolean }> {
  const release = await getAllocationRelease(db, input.releaseId);
  const days = [...new Set(input.days)].sort();
  if (days.some((d) => !release.days.includes(d)) || (input.shift && !release.shifts.includes(input.shift))) {
    throw new AllocationError('PREFERENCES_INVALID', 'a preferred day or shift is not in the release');
  }
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('allocation_releases')
      .select(['requests_from', 'opens_at', 'drawn_at'])
      .where('id', '=', input.releaseId)
      .forShare()
      .executeTakeFirstOrThrow();
    const open = acceptsRequests(
      { requestsFrom: current.requests_from, opensAt: current.opens_at, drawnAt: current.drawn_at },
      now,
    );
    if (!open) throw new AllocationError('ALLOCATION_WINDOW_CLOSED', 'the release takes no requests now');
    const person = await trx
      .selectFrom('beneficiaries')
      .select('id')
      .where('curp', '=', input.curp)
      .executeTakeFirst();
    const inserted = await trx
      .insertInto('allocation_requests')
      .values({
        release_id: input.releaseId,
        curp_digest: curpDigest(input.curp),
        beneficiary_id: person?.id ?? null,
        channel: input.channel,
        days,
        shift: input.shift,
        filed_by: input.actor,
        filed_at: now,
      })
      .onConflict((oc) => oc.columns(['release_id', 'curp_digest']).doNothing())
      .returning('id')
      .executeTakeFirst();
    await recordAudit(trx, {
      actor: parseActor(input.actor),
      action: 'allocation.request',
      subjectBeneficiaryId: person?.id ?? null,
      unitClues: release.unit.clues,
      channel: input.channel,
      sourceIp: input.sourceIp,
      result: inserted ? 'ok' : 'refused',
      detail: inserted
        ? { release: input.releaseId, request: inserted.id }
        : { release: input.releaseId, code: 'REQUEST_EXISTS' },
    });
    return { created: inserted !== undefined };
  });
}

/** A person's request as shown to them or to staff. */
export interface PersonRequest {
  id: number;
  beneficiaryId: number;
  releaseId: number;
  channel: AllocationChannel;
  days: string[];
  shift: Shift | null;
  filedAt: Date;
  outcome: {
    status: AllocationOutcomeStatus;
    refusalCode: string | null;
    appointmentId: string | null;
  } | null;
}

/** The requests of these people, newest release first (Mis solicitudes, the console's person page). */
export async function requestsOf(db: Db, beneficiaryIds: readonly number[]): Promise<PersonRequest[]> {
  if (beneficiaryIds.length === 0) return [];
  const rows = await db
    .selectFrom('allocation_requests as q')
    .innerJoin('allocation_releases as r', 'r.id', 'q.release_id')
    .leftJoin('allocation_outcomes as o', 'o.request_id', 'q.id')
    .select([
      'q.id',
      'q.beneficiary_id',
      'q.release_id',
      'q.channel',
      'q.days',
      'q.shift',
      'q.filed_at',
      'o.status',
      'o.refusal_code',
      'o.appointment_id',
    ])
    .where('q.beneficiary_id', 'in', beneficiaryIds)
    .orderBy('r.opens_at', 'desc')
    .orderBy('q.id')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    beneficiaryId: r.beneficiary_id as number,
    releaseId: r.release_id,
    channel: r.channel,
    days: r.days,
    shift: r.shift,
    filedAt: r.filed_at,
    outcome: r.status
      ? { status: r.status, refusalCode: r.refusal_code, appointmentId: r.appointment_id }
      : null,
  }));
}

/**
 * Withdraws a request before its draw. `allowed` are the people the actor may act for (a signed-in
 * holder: themselves and their family; staff: the person on screen); anyone else's request is
 * REQUEST_NOT_FOUND, as if it did not exist.
 */
export async function withdrawRequest(
  db: Db,
  input: { requestId: number; allowed: readonly number[]; actor: string; channel: string; sourceIp?: string },
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom('allocation_requests')
      .select(['id', 'release_id', 'beneficiary_id'])
      .where('id', '=', input.requestId)
      .executeTakeFirst();
    if (!request || request.beneficiary_id === null || !input.allowed.includes(request.beneficiary_id)) {
      throw new AllocationError('REQUEST_NOT_FOUND', 'no such request of this person');
    }
    const release = await trx
      .selectFrom('allocation_releases')
      .select(['id', 'unit_clues', 'requests_from', 'opens_at', 'drawn_at'])
      .where('id', '=', request.release_id)
      .forShare()
      .executeTakeFirstOrThrow();
    const open = acceptsRequests(
      { requestsFrom: release.requests_from, opensAt: release.opens_at, drawnAt: release.drawn_at },
      now,
    );
    if (!open) throw new AllocationError('ALLOCATION_WINDOW_CLOSED', 'the draw was made');
    await trx.deleteFrom('allocation_requests').where('id', '=', request.id).execute();
    await recordAudit(trx, {
      actor: parseActor(input.actor),
      action: 'allocation.withdraw',
      subjectBeneficiaryId: request.beneficiary_id,
      unitClues: release.unit_clues,
      channel: input.channel,
      sourceIp: input.sourceIp,
      result: 'ok',
      detail: { release: release.id, request: request.id },
    });
  });
}
