import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';
import type { SlotPool } from '../platform/db/schema.js';
import { assignPools, pickSameDay } from './slot-plan.js';
import { loadTemplates } from './templates.js';

/**
 * Creates the missing slots of one unit's templates, from today on the unit's walls to the end of
 * each template's horizon, in ONE statement: generate_series over days and minutes, wall-clock times
 * placed in the unit's IANA zone by the database, closures, holidays and absences left out, and the
 * channel pools assigned by the pure planner's apportionment (assignPools, passed in as a table of
 * "n-th of count slots → pool" per template, with whether it is of the same-day share). What it writes is exactly what planSlots plans
 * (roll-horizon.db.test.ts proves it, across daylight-saving changes, on fixed and random templates).
 * Idempotent: an existing slot (same resource and start) is left as it is.
 *
 * Times the clock never shows (Tijuana's spring-forward hour) yield no slot; a repeated hour yields
 * its first occurrence (an hour earlier than PostgreSQL's reading, which is standard time).
 */
export async function rollUnitHorizon(db: Db, unitClues: string, now: Date): Promise<number> {
  const templates = await loadTemplates(db, unitClues);
  if (templates.length === 0) return 0;
  const pattern = {
    template: [] as number[],
    count: [] as number[],
    index: [] as number[],
    pool: [] as SlotPool[],
    sameDay: [] as boolean[],
  };
  for (const t of templates) {
    const perDay = Math.max(0, Math.floor((minutes(t.endTime) - minutes(t.startTime)) / t.slotMinutes));
    for (let count = 1; count <= perDay; count++) {
      const sameDay = pickSameDay(count, t.sameDayShare ?? 0);
      assignPools(count, t.shares).forEach((pool, index) => {
        pattern.template.push(t.id);
        pattern.count.push(count);
        pattern.index.push(index);
        pattern.pool.push(pool);
        pattern.sameDay.push(sameDay[index] ?? false);
      });
    }
  }
  const result = await sql`
    with t as (
      select t.id, t.resource_id, r.unit_clues, t.service_code, r.shift, u.time_zone as tz, t.weekdays,
             (extract(hour from t.start_time) * 60 + extract(minute from t.start_time))::int as first_minute,
             (extract(hour from t.end_time) * 60 + extract(minute from t.end_time))::int as last_minute,
             (extract(hour from t.release_time) * 60 + extract(minute from t.release_time))::int as release_minute,
             t.slot_minutes, t.horizon_days, t.valid_from, t.valid_until,
             timezone(u.time_zone, ${now}::timestamptz)::date as today
        from agenda_templates t
        join resources r on r.id = t.resource_id
        join units u on u.clues = r.unit_clues
       where r.active and t.retired_at is null and r.unit_clues = ${unitClues}
    ), days as (
      select t.*, g.day::date as day
        from t, generate_series(t.today, t.today + t.horizon_days, interval '1 day') as g(day)
       where g.day::date >= t.valid_from and (t.valid_until is null or g.day::date <= t.valid_until)
         and extract(isodow from g.day)::smallint = any (t.weekdays)
         and not exists (select 1 from closures c
                          where c.day = g.day::date and (c.unit_clues is null or c.unit_clues = t.unit_clues))
    ), walls as (
      select d.*, d.day + make_interval(mins => m.minute) as start_wall,
             (d.day - d.horizon_days) + make_interval(mins => d.release_minute) as opens_wall,
             d.day + make_interval(mins => d.release_minute) as same_day_wall
        from days d,
             generate_series(d.first_minute, d.last_minute - d.slot_minutes, d.slot_minutes) as m(minute)
    ), placed as (
      select w.*, ${onTheWall(sql.ref('w.start_wall'))} as starts_at, ${onTheWall(sql.ref('w.opens_wall'))} as opens_at,
             ${onTheWall(sql.ref('w.same_day_wall'))} as same_day_opens_at
        from walls w
    ), kept as (
      select p.*, p.starts_at + make_interval(mins => p.slot_minutes) as ends_at,
             row_number() over (partition by p.id, p.day order by p.starts_at) - 1 as n,
             count(*) over (partition by p.id, p.day) as day_count
        from placed p
       where p.starts_at is not null and p.opens_at is not null
         and not exists (select 1 from absences a
                          where a.resource_id = p.resource_id and a.ends_at > ${now}::timestamptz
                            and p.starts_at < a.ends_at
                            and p.starts_at + make_interval(mins => p.slot_minutes) > a.starts_at)
    ), pattern as (
      select * from unnest(${pattern.template}::int[], ${pattern.count}::int[], ${pattern.index}::int[],
                           ${pattern.pool}::text[], ${pattern.sameDay}::boolean[]) as x(template_id, day_count, n, pool, same_day)
    )
    insert into slots (template_id, resource_id, unit_clues, service_code, local_date, shift, starts_at,
                       ends_at, opens_at, pool)
    select k.id, k.resource_id, k.unit_clues, k.service_code, k.day, k.shift, k.starts_at, k.ends_at,
           case when x.same_day and k.same_day_opens_at < k.starts_at then k.same_day_opens_at else k.opens_at end,
           x.pool
      from kept k
      join pattern x on x.template_id = k.id and x.day_count = k.day_count and x.n = k.n
    on conflict (resource_id, starts_at) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * The instant a wall-clock time (timestamp without zone) shows in the row's zone `tz`: its first
 * occurrence when the hour repeats, null when the clock skips it.
 */
const onTheWall = (wall: ReturnType<typeof sql.ref>) => sql`(
  select c.at from (values (timezone(tz, ${wall}) - interval '1 hour'), (timezone(tz, ${wall}))) as c(at)
   where timezone(tz, c.at) = ${wall} order by c.at limit 1)`;

function minutes(time: string): number {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
}
