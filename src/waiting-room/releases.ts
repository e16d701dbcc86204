import type { Db } from '../platform/db/connect.js';
import { type ReleasePhase, type ReleasePolicy, releasePhase } from './policy.js';
import { releasePolicyFor } from './settings.js';

export interface Release {
  unitClues: string;
  serviceCode: string;
  opensAt: Date;
  phase: ReleasePhase;
}

/**
 * The release of a unit's service that matters now: the earliest whose rush has not ended (in its
 * rush, in its pre-window, or still to come), judged from the web slots' opens_at. Undefined when
 * the unit releases no more web slots of the service.
 */
export async function currentRelease(
  db: Db,
  unitClues: string,
  serviceCode: string,
  policy: ReleasePolicy,
  now: Date,
): Promise<Release | undefined> {
  const row = await db
    .selectFrom('slots')
    .select((eb) => eb.fn.min('opens_at').as('opens_at'))
    .where('unit_clues', '=', unitClues)
    .where('service_code', '=', serviceCode)
    .where('pool', '=', 'web')
    .where('opens_at', '>', new Date(now.getTime() - policy.rushMinutes * 60_000))
    .executeTakeFirst();
  if (!row?.opens_at) return undefined;
  const opensAt = new Date(row.opens_at);
  return { unitClues, serviceCode, opensAt, phase: releasePhase(opensAt, policy, now) };
}

/** The release's row (made on first use), by its natural key. */
export async function releaseId(db: Db, release: Omit<Release, 'phase'>): Promise<number> {
  const key = { unit_clues: release.unitClues, service_code: release.serviceCode, opens_at: release.opensAt };
  const inserted = await db
    .insertInto('waiting_room_releases')
    .values(key)
    .onConflict((oc) => oc.columns(['unit_clues', 'service_code', 'opens_at']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const row = await db
    .selectFrom('waiting_room_releases')
    .select('id')
    .where('unit_clues', '=', key.unit_clues)
    .where('service_code', '=', key.service_code)
    .where('opens_at', '=', key.opens_at)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Whether a unit's service is in the rush of a queue-mode release now (its web line is moving). */
export async function isInRush(
  db: Db,
  unitClues: string,
  serviceCode: string,
  defaults: ReleasePolicy,
  now: Date,
): Promise<boolean> {
  const policy = await releasePolicyFor(db, unitClues, serviceCode, defaults);
  if (policy.mode !== 'queue') return false;
  const release = await currentRelease(db, unitClues, serviceCode, policy, now);
  return release?.phase === 'rush';
}
