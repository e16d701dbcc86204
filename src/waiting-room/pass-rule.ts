import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';
import type { AppointmentChannel } from '../platform/db/schema.js';
import { DEFAULT_RELEASE_POLICY, type ReleasePolicy } from './policy.js';

/**
 * The waiting room's rule for booking: during a queue-mode release's rush, a web slot of that
 * release is booked only for a person holding an open pass for it, and the booking uses the pass.
 * Written as SQL over the booking statement's `facts` row (s_unit_clues, s_service_code,
 * s_opens_at, s_pool, b_id) so the booking checks it in the same statement that claims the slot.
 */
export type RushDefaults = Pick<ReleasePolicy, 'mode' | 'rushMinutes'>;

export const DEFAULT_RUSH: RushDefaults = DEFAULT_RELEASE_POLICY;

/** A CTE body: one row when the slot in `facts` is in its release's rush and the channel is the web. */
export const rushOfFacts = (channel: AppointmentChannel, defaults: RushDefaults, now: Date) => sql`
  select 1 from facts f
  left join release_settings rs on rs.unit_clues = f.s_unit_clues and rs.service_code = f.s_service_code
  where ${channel === 'web'} and f.s_pool = 'web'
    and coalesce(rs.mode, ${defaults.mode}) = 'queue'
    and f.s_opens_at <= ${now}
    and f.s_opens_at > ${now}::timestamptz - make_interval(mins => coalesce(rs.rush_minutes, ${defaults.rushMinutes})::int)`;

/** A CTE body: the open pass of the person in `facts` for the slot's release, if any. */
export const passOfFacts = (now: Date) => sql`
  select p.id from facts f
  join waiting_room_releases r
    on r.unit_clues = f.s_unit_clues and r.service_code = f.s_service_code and r.opens_at = f.s_opens_at
  join waiting_room_places p on p.release_id = r.id and p.beneficiary_id = f.b_id
  where p.status = 'admitted' and p.pass_expires_at > ${now}
  limit 1`;

/** A CTE body: marks the pass used when `appointment` inserted a row during the rush. */
export const usePass = (now: Date) => sql`
  update waiting_room_places set status = 'used', used_at = ${now}
  where id in (select id from pass) and exists (select 1 from rush) and exists (select 1 from appointment)`;

/**
 * The same rule outside the booking statement (a change of slot): whether the slot needs a pass for
 * this person now, and the open pass that satisfies it, if any.
 */
export async function rushPassFor(
  db: Db,
  input: { slotId: number; beneficiaryId: number; channel: AppointmentChannel },
  defaults: RushDefaults,
  now: Date,
): Promise<{ required: boolean; passId: number | null }> {
  const result = await sql<{ required: boolean; pass_id: number | null }>`
    with facts as (
      select s.unit_clues as s_unit_clues, s.service_code as s_service_code, s.opens_at as s_opens_at,
             s.pool as s_pool, ${input.beneficiaryId}::bigint as b_id
      from slots s where s.id = ${input.slotId}
    ), rush as (${rushOfFacts(input.channel, defaults, now)}
    ), pass as (${passOfFacts(now)})
    select exists (select 1 from rush) as required, (select id from pass) as pass_id`.execute(db);
  const row = result.rows[0];
  return { required: row?.required === true, passId: row?.pass_id ?? null };
}
