import { DateTime } from 'luxon';
import type { Db } from '../platform/db/connect.js';
import type { AppointmentChannel } from '../platform/db/schema.js';
import { POOL_OF_CHANNEL } from './channel-pools.js';
import { localToday } from './slot-plan.js';

export interface AvailableSlot {
  slotId: number;
  startsAt: Date;
  endsAt: Date;
  localDate: string;
  unitClues: string;
  serviceCode: string;
  resource: { id: number; name: string };
  shift: 'M' | 'V';
  timeZone: string;
}

export interface AvailabilityQuery {
  unitClues: string;
  serviceCode: string;
  /** First local day; today on the unit's walls when absent. */
  from?: string;
  days: number;
  channel?: AppointmentChannel;
  limit?: number;
  excludeSlotIds?: number[];
  /** Only the morning (M) or afternoon (V) shift's slots. */
  shift?: 'M' | 'V';
  /** The unit's zone, when the caller has it already: spares a query. */
  timeZone?: string;
}

const MAX_DAYS_AHEAD = 366;

/** Free, released, future slots of a service at a unit, earliest first. */
export async function findAvailability(
  db: Db,
  query: AvailabilityQuery,
  now: Date,
): Promise<AvailableSlot[]> {
  const unit = query.timeZone
    ? { time_zone: query.timeZone }
    : await db
        .selectFrom('units')
        .select('time_zone')
        .where('clues', '=', query.unitClues)
        .executeTakeFirst();
  if (!unit) return [];
  const today = localToday(now, unit.time_zone);
  const from = query.from && query.from > today ? query.from : today;
  // No agenda opens more than a year ahead; this also keeps date arithmetic within year 9999.
  if (from > (DateTime.fromISO(today).plus({ days: MAX_DAYS_AHEAD }).toISODate() as string)) return [];
  const until = DateTime.fromISO(from)
    .plus({ days: query.days - 1 })
    .toISODate() as string;
  let q = db
    .selectFrom('slots as s')
    .innerJoin('resources as r', 'r.id', 's.resource_id')
    .select([
      's.id',
      's.starts_at',
      's.ends_at',
      's.local_date',
      's.unit_clues',
      's.service_code',
      's.shift',
      'r.id as resource_id',
      'r.name as resource_name',
    ])
    .where('s.unit_clues', '=', query.unitClues)
    // Said twice so the planner reads only this unit's rooms, not all 7,000 of the country's.
    .where('r.unit_clues', '=', query.unitClues)
    .where('s.service_code', '=', query.serviceCode)
    .where('s.status', '=', 'free')
    .where('s.local_date', '>=', from)
    .where('s.local_date', '<=', until)
    .where('s.starts_at', '>', now)
    .where('s.opens_at', '<=', now);
  const channel = query.channel;
  if (channel) {
    q = q.where((eb) =>
      channel === 'counter'
        ? eb.or([eb('s.pool', '=', POOL_OF_CHANNEL[channel]), eb('s.local_date', '=', today)])
        : eb('s.pool', '=', POOL_OF_CHANNEL[channel]),
    );
  }
  if (query.excludeSlotIds?.length) q = q.where('s.id', 'not in', query.excludeSlotIds);
  if (query.shift) q = q.where('s.shift', '=', query.shift);
  const rows = await q
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .limit(query.limit ?? 200)
    .execute();
  return rows.map((r) => ({
    slotId: r.id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    localDate: r.local_date,
    unitClues: r.unit_clues,
    serviceCode: r.service_code,
    resource: { id: r.resource_id, name: r.resource_name },
    shift: r.shift,
    timeZone: unit.time_zone,
  }));
}
