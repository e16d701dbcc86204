import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';
import { minutesToAdmit } from './admission.js';
import type { ReleasePolicy } from './policy.js';
import { currentRelease, type Release } from './releases.js';
import { listReleasePolicies } from './settings.js';

/** A release's line in numbers, for staff: people who can book here (places of others apart). */
export interface LineNumbers {
  waiting: number;
  admitted: number;
  booked: number;
  expired: number;
  /** Places whose CURP cannot book at this release (unknown, another unit, no eligibility). */
  others: number;
  freeWebSlots: number;
  /** At the configured rate, before the latency factor. */
  drainMinutes: number;
}

export interface ServiceRelease {
  serviceCode: string;
  policy: ReleasePolicy;
  custom: boolean;
  release: Release | undefined;
  line: LineNumbers | undefined;
}

/** Each service of a unit: its settings, its current or next release, and that release's line. */
export async function unitReleaseBoard(
  db: Db,
  unitClues: string,
  defaults: ReleasePolicy,
  now: Date,
): Promise<ServiceRelease[]> {
  const services = await listReleasePolicies(db, unitClues, defaults);
  return Promise.all(
    services.map(async (s) => {
      const release = await currentRelease(db, unitClues, s.serviceCode, s.policy, now);
      const [line] = release ? await lines(db, now, { ...release }) : [];
      return {
        serviceCode: s.serviceCode,
        policy: s.policy,
        custom: s.custom,
        release,
        line: line && numbers(line, s.policy.admitPerMinute),
      };
    }),
  );
}

export interface NationalRelease extends LineNumbers {
  unitClues: string;
  unitName: string;
  serviceCode: string;
  opensAt: Date;
}

/** Every release with a line from a day before `now` to a day after, busiest first. */
export async function nationalReleaseBoard(
  db: Db,
  defaults: ReleasePolicy,
  now: Date,
): Promise<NationalRelease[]> {
  const rows = await lines(db, now);
  return rows.map((r) => ({
    unitClues: r.unit_clues,
    unitName: r.unit_name,
    serviceCode: r.service_code,
    opensAt: r.opens_at,
    ...numbers(r, r.admit_per_minute ?? defaults.admitPerMinute),
  }));
}

interface LineRow {
  unit_clues: string;
  unit_name: string;
  service_code: string;
  opens_at: Date;
  admit_per_minute: number | null;
  waiting: number;
  admitted: number;
  booked: number;
  expired: number;
  others: number;
  free_web_slots: number;
}

const MAX_RELEASES_LISTED = 200;

async function lines(
  db: Db,
  now: Date,
  only?: { unitClues: string; serviceCode: string; opensAt: Date },
): Promise<LineRow[]> {
  const dayBefore = new Date(now.getTime() - 86_400_000);
  const dayAfter = new Date(now.getTime() + 86_400_000);
  const result = await sql<LineRow>`
    select r.unit_clues, u.name as unit_name, r.service_code, r.opens_at, rs.admit_per_minute,
      count(p.id) filter (where p.beneficiary_id is not null and p.status = 'waiting')::int as waiting,
      count(p.id) filter (where p.beneficiary_id is not null and p.status = 'admitted' and p.pass_expires_at > ${now})::int as admitted,
      count(p.id) filter (where p.beneficiary_id is not null and p.status = 'used')::int as booked,
      count(p.id) filter (where p.beneficiary_id is not null and (p.status = 'expired'
        or (p.status = 'admitted' and p.pass_expires_at <= ${now})))::int as expired,
      count(p.id) filter (where p.beneficiary_id is null)::int as others,
      (select count(*) from slots s where s.unit_clues = r.unit_clues and s.service_code = r.service_code
        and s.opens_at = r.opens_at and s.pool = 'web' and s.status = 'free')::int as free_web_slots
    from waiting_room_releases r
    join units u on u.clues = r.unit_clues
    left join release_settings rs on rs.unit_clues = r.unit_clues and rs.service_code = r.service_code
    left join waiting_room_places p on p.release_id = r.id
    where ${
      only
        ? sql`r.unit_clues = ${only.unitClues} and r.service_code = ${only.serviceCode} and r.opens_at = ${only.opensAt}`
        : sql`r.opens_at between ${dayBefore} and ${dayAfter}`
    }
    group by r.id, u.name, rs.admit_per_minute
    order by count(p.id) filter (where p.status = 'waiting') desc, r.opens_at
    limit ${MAX_RELEASES_LISTED}`.execute(db);
  return result.rows;
}

const numbers = (r: LineRow, perMinute: number): LineNumbers => ({
  waiting: r.waiting,
  admitted: r.admitted,
  booked: r.booked,
  expired: r.expired,
  others: r.others,
  freeWebSlots: r.free_web_slots,
  drainMinutes: minutesToAdmit(Math.min(r.waiting, r.free_web_slots), perMinute),
});
