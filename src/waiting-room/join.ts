import { localToday } from '../agenda/slot-plan.js';
import { recordAudit } from '../audit/record.js';
import { getUnit } from '../network/units.js';
import type { Db } from '../platform/db/connect.js';
import { violatedUniqueConstraint } from '../platform/db/errors.js';
import { maskCurp } from '../platform/privacy/mask.js';
import { findBeneficiaryByCurp, isEligibleOn } from '../registry/beneficiaries.js';
import { WaitingRoomError } from './errors.js';
import { type ReleasePolicy, takesPlaces } from './policy.js';
import { currentRelease, releaseId } from './releases.js';
import { releasePolicyFor } from './settings.js';
import { newPlaceToken, sha256 } from './tokens.js';

export interface JoinInput {
  unitClues: string;
  serviceCode: string;
  /** Well-formed, with the birth date it carries checked by the form. */
  curp: string;
  birthDate: string;
  sourceIp?: string;
}

/**
 * Gives the person a place in the line of the unit's current release of the service. Every
 * well-formed CURP gets the same answer: a place of someone who cannot book this release (unknown,
 * another unit, no eligibility, another birth date) is kept with no person behind it, advances like
 * any other and admits into nothing. A second place for the same person and release is refused by
 * the unique constraint, whatever the browser, and nothing changes.
 */
export async function joinQueue(
  db: Db,
  input: JoinInput,
  defaults: ReleasePolicy,
  now: Date,
): Promise<{ token: string; placeId: number }> {
  const policy = await releasePolicyFor(db, input.unitClues, input.serviceCode, defaults);
  const release = await currentRelease(db, input.unitClues, input.serviceCode, policy, now);
  if (!release || !takesPlaces(release.phase, policy)) {
    throw new WaitingRoomError('QUEUE_NOT_OPEN', 'the release takes no places now', {
      opensAt: release?.opensAt ?? null,
      mode: policy.mode,
    });
  }
  const id = await releaseId(db, release);
  const beneficiaryId = await whoCanBook(db, input, now);
  const token = newPlaceToken();
  const audit = (result: 'ok' | 'refused', detail: Record<string, unknown>) =>
    recordAudit(db, {
      actor: { kind: 'beneficiary', id: 'unknown' },
      action: 'waiting_room.join',
      subjectBeneficiaryId: beneficiaryId,
      unitClues: input.unitClues,
      channel: 'web',
      sourceIp: input.sourceIp ?? null,
      result,
      detail: { release: id, curp: maskCurp(input.curp), ...detail },
    });
  try {
    const placeId = await db.transaction().execute(async (trx) => {
      // Shares the release row with other joins; the draw locks it, so a place is either in the
      // draw or after it, never lost between.
      await trx
        .selectFrom('waiting_room_releases')
        .select('id')
        .where('id', '=', id)
        .forShare()
        .executeTakeFirstOrThrow();
      const row = await trx
        .insertInto('waiting_room_places')
        .values({
          release_id: id,
          curp_hash: sha256(input.curp),
          beneficiary_id: beneficiaryId,
          token_hash: sha256(token),
          joined_at: now,
          queued_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
    await audit('ok', { place: placeId });
    return { token, placeId };
  } catch (error) {
    if (violatedUniqueConstraint(error) !== 'waiting_room_places_one_per_person') throw error;
    await audit('refused', { code: 'PLACE_EXISTS' });
    throw new WaitingRoomError('PLACE_EXISTS', 'the person already has a place in this line');
  }
}

/** The person the place may book for at this release, or null: never told to the caller. */
async function whoCanBook(db: Db, input: JoinInput, now: Date): Promise<number | null> {
  // The same queries whoever it is, so the time taken does not tell either.
  const [person, unit] = await Promise.all([
    findBeneficiaryByCurp(db, input.curp),
    getUnit(db, input.unitClues),
  ]);
  if (!person || person.birthDate !== input.birthDate || person.unitClues !== input.unitClues) return null;
  return isEligibleOn(person, localToday(now, unit.timeZone)) ? person.id : null;
}
