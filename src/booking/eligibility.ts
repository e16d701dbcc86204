import { localToday } from '../agenda/slot-plan.js';
import type { Db } from '../platform/db/connect.js';
import { type Beneficiary, isEligibleOn } from '../registry/beneficiaries.js';

/**
 * Whether a person may book now: their eligibility (vigencia de derechos) runs at least to today on
 * the walls of their own unit. The one rule every channel uses, so that around midnight in Tijuana
 * or Cancún the portal, the phone line, the console and the API agree. The registry's search filter
 * (`eligibleAt` in searchBeneficiaries) is the same rule in SQL; eligibility.db.test.ts proves both agree.
 */
export const isEligibleNow = (person: Pick<Beneficiary, 'eligibleUntil'>, unitZone: string, now: Date) =>
  isEligibleOn(person, localToday(now, unitZone));

/** Tells, for any of `people`, whether they may book now; one query for all their units' zones. */
export async function eligibilityNow(
  db: Db,
  people: readonly Beneficiary[],
  now: Date,
): Promise<(person: Beneficiary) => boolean> {
  const units = [...new Set(people.map((p) => p.unitClues))];
  const zones = new Map(
    units.length === 0
      ? []
      : (
          await db.selectFrom('units').select(['clues', 'time_zone']).where('clues', 'in', units).execute()
        ).map((u) => [u.clues, u.time_zone]),
  );
  return (person) => {
    const zone = zones.get(person.unitClues);
    if (!zone) throw new Error(`unit ${person.unitClues} of a listed person is not loaded`);
    return isEligibleNow(person, zone, now);
  };
}

/** Those of `people` who may book now, in their order. */
export async function bookablePeople(
  db: Db,
  people: readonly Beneficiary[],
  now: Date,
): Promise<Beneficiary[]> {
  const eligible = await eligibilityNow(db, people, now);
  return people.filter(eligible);
}
