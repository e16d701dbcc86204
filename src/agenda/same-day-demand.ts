// Advanced access tunes the same-day share to demand: as many slots open the same morning as people
// want to be seen the same day. The unit's own recent days say how many that is (appointments booked
// on their own day, and how full the same-day slots ran), and `suggestSameDayShare` turns that into
// the share its administrator is offered in the console.
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Db } from '../platform/db/connect.js';
import { type AgendaTemplate, localToday } from './slot-plan.js';

/** Days of the unit's past the suggestion reads (four weeks: every weekday four times). */
export const DEMAND_WINDOW_DAYS = 28;

/** One service's last `DEMAND_WINDOW_DAYS` days at a unit. */
export interface SameDayDemand {
  serviceCode: string;
  /** Appointments of those days, not cancelled. */
  appointments: number;
  /** …of which booked on their own day, on the unit's clock. */
  bookedSameDay: number;
  /** Slots of those days that opened the same morning, and how many of them were booked. */
  sameDaySlots: number;
  sameDaySlotsBooked: number;
}

export async function sameDayDemand(db: Db, unitClues: string, now: Date): Promise<SameDayDemand[]> {
  const zone = await db
    .selectFrom('units')
    .select('time_zone')
    .where('clues', '=', unitClues)
    .executeTakeFirstOrThrow();
  const today = localToday(now, zone.time_zone);
  const from = DateTime.fromISO(today).minus({ days: DEMAND_WINDOW_DAYS }).toISODate() as string;
  const rows = await sql<{
    service_code: string;
    appointments: string;
    booked_same_day: string;
    same_day_slots: string;
    same_day_slots_booked: string;
  }>`
    select s.service_code,
           count(a.id) as appointments,
           count(a.id) filter (where (a.created_at at time zone ${zone.time_zone})::date = s.local_date) as booked_same_day,
           count(*) filter (where (s.opens_at at time zone ${zone.time_zone})::date = s.local_date) as same_day_slots,
           count(a.id) filter (where (s.opens_at at time zone ${zone.time_zone})::date = s.local_date) as same_day_slots_booked
    from slots s
    left join appointments a on a.slot_id = s.id and a.status <> 'cancelled'
    where s.unit_clues = ${unitClues} and s.local_date >= ${from}::date and s.local_date < ${today}::date
    group by s.service_code
    order by s.service_code`.execute(db);
  return rows.rows.map((r) => ({
    serviceCode: r.service_code,
    appointments: Number(r.appointments),
    bookedSameDay: Number(r.booked_same_day),
    sameDaySlots: Number(r.same_day_slots),
    sameDaySlotsBooked: Number(r.same_day_slots_booked),
  }));
}

/** A service's demand beside its share today and the share it suggests. */
export interface SameDaySuggestion extends SameDayDemand {
  /** The largest same-day share among the service's templates at the unit. */
  current: number;
  suggested: number | null;
}

/** Each service the unit's templates give, with its demand and the share it suggests. */
export async function sameDaySuggestions(
  db: Db,
  unitClues: string,
  templates: readonly Pick<AgendaTemplate, 'serviceCode' | 'sameDayShare'>[],
  now: Date,
): Promise<SameDaySuggestion[]> {
  const measured = new Map((await sameDayDemand(db, unitClues, now)).map((d) => [d.serviceCode, d]));
  const services = [...new Set(templates.map((x) => x.serviceCode))];
  return services.map((serviceCode) => {
    const current = Math.max(
      ...templates.filter((x) => x.serviceCode === serviceCode).map((x) => x.sameDayShare ?? 0),
    );
    const demand = measured.get(serviceCode) ?? {
      serviceCode,
      appointments: 0,
      bookedSameDay: 0,
      sameDaySlots: 0,
      sameDaySlotsBooked: 0,
    };
    return { ...demand, current, suggested: suggestSameDayShare(demand, current) };
  });
}

/** Below this many appointments the window says too little to suggest anything. */
export const MIN_APPOINTMENTS_FOR_SUGGESTION = 40;
/** Same-day slots this full were turning people away: their bookings undercount the demand. */
export const SATURATED_FILL = 0.95;
const STEP = 5;
const MAX_SHARE = 60;

/**
 * The same-day share (percent) that meets the demand measured: the share of appointments people
 * booked on their own day, rounded to 5 %. When the same-day slots ran full, those bookings were
 * capped by the supply, so the share goes one step above the larger of demand and today's share.
 * Null when the window holds too few appointments to say. Pure.
 */
export function suggestSameDayShare(demand: SameDayDemand, currentShare: number): number | null {
  if (demand.appointments < MIN_APPOINTMENTS_FOR_SUGGESTION) return null;
  const wanted = (100 * demand.bookedSameDay) / demand.appointments;
  const saturated =
    demand.sameDaySlots > 0 && demand.sameDaySlotsBooked / demand.sameDaySlots >= SATURATED_FILL;
  const share = saturated ? Math.max(wanted, currentShare) + STEP : wanted;
  return Math.min(MAX_SHARE, Math.round(share / STEP) * STEP);
}
