import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';

/**
 * Closes as no-show the appointments nobody marked attended once their day is over on the unit's
 * clock, `closeAfterMinutes` after its midnight. Reads attendance from the appointment's status
 * (reception's call sets 'attended'); a person checked in at the counter but never called came,
 * and is left alone; only rows still 'booked' change, so a late mark of
 * attendance made before this pass is never overwritten. One statement: safe beside other workers.
 */
export async function closeNoShows(
  db: Db,
  closeAfterMinutes: number,
  now: Date,
  limit = 5000,
): Promise<number> {
  const closed = await sql<{ id: string }>`
    with due as (
      select a.id from appointments a
      join units u on u.clues = a.unit_clues
      join slots s on s.id = a.slot_id
      where a.status = 'booked' and a.ends_at < ${now} and a.checked_in_at is null
        -- The unit, not the person, missed a closure's appointment: it stays on the worklist.
        and not a.needs_rebooking
        and ((s.local_date + 1)::timestamp at time zone u.time_zone)
            + make_interval(mins => ${closeAfterMinutes}) <= ${now}
      order by a.starts_at
      limit ${limit}
      for update of a skip locked
    ), closed as (
      update appointments a set status = 'no_show', is_open = false, updated_by = 'system:no-show', updated_at = ${now}
      from due where a.id = due.id and a.status = 'booked'
      returning a.id
    ), event as (
      insert into appointment_events (appointment_id, action, actor, channel)
      select id, 'no_show', 'system:no-show', 'system' from closed
    )
    select id from closed`.execute(db);
  return closed.rows.length;
}
