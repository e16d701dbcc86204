import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { findUnitCached, resourceNamesOf } from '../network/catalog-cache.js';
import type { Db } from '../platform/db/connect.js';
import type { AppointmentChannel } from '../platform/db/schema.js';
import { availabilityMemoryOf } from './availability-memory.js';
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
  const unit = query.timeZone ? { timeZone: query.timeZone } : await findUnitCached(db, query.unitClues);
  if (!unit) return [];
  const today = localToday(now, unit.timeZone);
  const from = query.from && query.from > today ? query.from : today;
  // No agenda opens more than a year ahead; this also keeps date arithmetic within year 9999.
  if (from > (DateTime.fromISO(today).plus({ days: MAX_DAYS_AHEAD }).toISODate() as string)) return [];
  const until = DateTime.fromISO(from)
    .plus({ days: query.days - 1 })
    .toISODate() as string;
  const memory = query.excludeSlotIds?.length ? undefined : availabilityMemoryOf(db);
  if (!memory) return readAvailability(db, query, { today, from, until, timeZone: unit.timeZone }, now);
  const { unitClues, serviceCode } = query;
  const key = [unitClues, serviceCode, today, from, until, query.channel, query.shift, query.limit].join('|');
  const remembered = memory.recall<AvailableSlot[]>(key, unitClues, serviceCode, now.getTime());
  if (remembered) return remembered;
  const generation = memory.generationOf(unitClues, serviceCode);
  const slots = await readAvailability(db, query, { today, from, until, timeZone: unit.timeZone }, now);
  const nextRelease = await nextReleaseOf(db, unitClues, serviceCode, now);
  const firstStart = slots[0]?.startsAt.getTime() ?? Number.POSITIVE_INFINITY;
  memory.remember(
    key,
    { unitClues, serviceCode, generation },
    slots,
    now.getTime(),
    Math.min(firstStart, nextRelease?.getTime() ?? Number.POSITIVE_INFINITY),
  );
  return slots;
}

interface Window {
  today: string;
  from: string;
  until: string;
  timeZone: string;
}

async function readAvailability(
  db: Db,
  query: AvailabilityQuery,
  { today, from, until, timeZone }: Window,
  now: Date,
): Promise<AvailableSlot[]> {
  // One index range (slots_free_in_order) read in the order shown, stopping at the limit; the
  // rooms' names come from the catalog cache instead of a join planned on every call.
  let q = db
    .selectFrom('slots as s')
    // Instants as epoch milliseconds: a number is parsed far faster than a timestamp's text, and a
    // page carries up to 500 of each.
    .select([
      's.id',
      sql<number>`(extract(epoch from s.starts_at) * 1000)::int8`.as('starts_ms'),
      sql<number>`(extract(epoch from s.ends_at) * 1000)::int8`.as('ends_ms'),
      's.local_date',
      's.shift',
      's.resource_id',
    ])
    .where('s.unit_clues', '=', query.unitClues)
    .where('s.service_code', '=', query.serviceCode)
    // A literal, not a parameter: a prepared statement's generic plan may then use the partial index.
    .where(sql<boolean>`s.status = 'free'`)
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
  // The local day first: for one unit the same order as by start, and the index's own.
  const rows = await q
    .orderBy('s.local_date')
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .limit(query.limit ?? 200)
    .execute();
  const names = await resourceNamesOf(
    db,
    query.unitClues,
    rows.map((r) => r.resource_id),
  );
  const result: AvailableSlot[] = [];
  for (const r of rows) {
    const name = names.get(r.resource_id);
    if (name === undefined) continue;
    result.push({
      slotId: r.id,
      startsAt: new Date(r.starts_ms),
      endsAt: new Date(r.ends_ms),
      localDate: r.local_date,
      unitClues: query.unitClues,
      serviceCode: query.serviceCode,
      resource: { id: r.resource_id, name },
      shift: r.shift,
      timeZone,
    });
  }
  return result;
}

/** When the next slot of this unit and service is released (slots_free_by_release). */
async function nextReleaseOf(db: Db, unitClues: string, serviceCode: string, now: Date) {
  const next = await db
    .selectFrom('slots')
    .select((eb) => eb.fn.min('opens_at').as('opens_at'))
    .where('unit_clues', '=', unitClues)
    .where('service_code', '=', serviceCode)
    .where(sql<boolean>`status = 'free'`)
    .where('opens_at', '>', now)
    .executeTakeFirst();
  return next?.opens_at ?? undefined;
}
