import { recordAudit } from '../audit/record.js';
import type { Db } from '../platform/db/connect.js';
import type { ReleasePolicy } from './policy.js';

/** The policy of a unit and service: its release_settings row, else the configured defaults. */
export async function releasePolicyFor(
  db: Db,
  unitClues: string,
  serviceCode: string,
  defaults: ReleasePolicy,
): Promise<ReleasePolicy> {
  const row = await db
    .selectFrom('release_settings')
    .select(['mode', 'pre_window_minutes', 'pass_minutes', 'admit_per_minute', 'rush_minutes'])
    .where('unit_clues', '=', unitClues)
    .where('service_code', '=', serviceCode)
    .executeTakeFirst();
  return row ? toPolicy(row) : defaults;
}

export interface UnitServicePolicy {
  unitClues: string;
  serviceCode: string;
  policy: ReleasePolicy;
  /** False when the defaults apply (no row). */
  custom: boolean;
}

/** Every service a unit offers, with its policy. */
export async function listReleasePolicies(
  db: Db,
  unitClues: string,
  defaults: ReleasePolicy,
): Promise<UnitServicePolicy[]> {
  const rows = await db
    .selectFrom('unit_services as us')
    .leftJoin('release_settings as rs', (j) =>
      j.onRef('rs.unit_clues', '=', 'us.unit_clues').onRef('rs.service_code', '=', 'us.service_code'),
    )
    .select([
      'us.service_code',
      'rs.mode',
      'rs.pre_window_minutes',
      'rs.pass_minutes',
      'rs.admit_per_minute',
      'rs.rush_minutes',
    ])
    .where('us.unit_clues', '=', unitClues)
    .orderBy('us.service_code')
    .execute();
  return rows.map((r) => ({
    unitClues,
    serviceCode: r.service_code,
    custom: r.mode !== null,
    policy:
      r.mode === null
        ? defaults
        : toPolicy({
            mode: r.mode,
            pre_window_minutes: r.pre_window_minutes ?? defaults.preWindowMinutes,
            pass_minutes: r.pass_minutes ?? defaults.passMinutes,
            admit_per_minute: r.admit_per_minute ?? defaults.admitPerMinute,
            rush_minutes: r.rush_minutes ?? defaults.rushMinutes,
          }),
  }));
}

/** Writes a unit/service's policy; the change, with the values before and after, goes to the audit trail. */
export async function saveReleasePolicy(
  db: Db,
  input: {
    unitClues: string;
    serviceCode: string;
    policy: ReleasePolicy;
    staffId: number;
    sourceIp?: string;
  },
  defaults: ReleasePolicy,
  now: Date,
): Promise<void> {
  const before = await releasePolicyFor(db, input.unitClues, input.serviceCode, defaults);
  const p = input.policy;
  const values = {
    mode: p.mode,
    pre_window_minutes: p.preWindowMinutes,
    pass_minutes: p.passMinutes,
    admit_per_minute: p.admitPerMinute,
    rush_minutes: p.rushMinutes,
    updated_by: input.staffId,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('release_settings')
      .values({ unit_clues: input.unitClues, service_code: input.serviceCode, ...values })
      .onConflict((oc) => oc.columns(['unit_clues', 'service_code']).doUpdateSet(values))
      .execute();
    await recordAudit(trx, {
      actor: { kind: 'staff', id: String(input.staffId) },
      action: 'release_settings.change',
      unitClues: input.unitClues,
      channel: 'console',
      sourceIp: input.sourceIp ?? null,
      result: 'ok',
      detail: { service: input.serviceCode, before, after: p },
    });
  });
}

function toPolicy(r: {
  mode: ReleasePolicy['mode'];
  pre_window_minutes: number;
  pass_minutes: number;
  admit_per_minute: number;
  rush_minutes: number;
}): ReleasePolicy {
  return {
    mode: r.mode,
    preWindowMinutes: r.pre_window_minutes,
    passMinutes: r.pass_minutes,
    admitPerMinute: r.admit_per_minute,
    rushMinutes: r.rush_minutes,
  };
}
