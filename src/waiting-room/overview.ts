import { getService, type Service } from '../network/services.js';
import { getUnit, type Unit } from '../network/units.js';
import type { Db } from '../platform/db/connect.js';
import { DomainError } from '../platform/domain-error.js';
import type { ReleasePolicy } from './policy.js';
import { currentRelease, type Release } from './releases.js';
import { releasePolicyFor } from './settings.js';
import { sha256 } from './tokens.js';

export interface ReleaseOverview {
  unit: Unit;
  service: Service;
  policy: ReleasePolicy;
  release: Release | undefined;
  /** Of the tokens the browser holds, those of places in this release's line. */
  heldTokens: string[];
}

/** A unit's service as its queue page shows it: how it releases, and when the next release is. */
export async function releaseOverview(
  db: Db,
  input: { unitClues: string; serviceCode: string; heldTokens: readonly string[] },
  defaults: ReleasePolicy,
  now: Date,
): Promise<ReleaseOverview> {
  const unit = await getUnit(db, input.unitClues);
  if (!unit.services.includes(input.serviceCode))
    throw new DomainError('SERVICE_NOT_FOUND', 'the unit does not offer the service');
  const service = await getService(db, input.serviceCode);
  const policy = await releasePolicyFor(db, unit.clues, service.code, defaults);
  const release = await currentRelease(db, unit.clues, service.code, policy, now);
  const heldTokens =
    release && input.heldTokens.length > 0 ? await tokensOfRelease(db, input.heldTokens, { ...release }) : [];
  return { unit, service, policy, release, heldTokens };
}

async function tokensOfRelease(
  db: Db,
  tokens: readonly string[],
  release: Pick<Release, 'unitClues' | 'serviceCode' | 'opensAt'>,
): Promise<string[]> {
  const byHash = new Map(tokens.map((t) => [sha256(t), t]));
  const rows = await db
    .selectFrom('waiting_room_places as p')
    .innerJoin('waiting_room_releases as r', 'r.id', 'p.release_id')
    .select('p.token_hash')
    .where('p.token_hash', 'in', [...byHash.keys()])
    .where('r.unit_clues', '=', release.unitClues)
    .where('r.service_code', '=', release.serviceCode)
    .where('r.opens_at', '=', release.opensAt)
    .orderBy('p.id')
    .execute();
  return rows.map((r) => byHash.get(r.token_hash) as string);
}
