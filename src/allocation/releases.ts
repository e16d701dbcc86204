import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';
import { AllocationError } from './errors.js';

/** A release in allocate mode, as channels show it. */
export interface AllocationRelease {
  id: number;
  unit: { clues: string; name: string; timeZone: string };
  service: { code: string; name: string };
  opensAt: Date;
  requestsFrom: Date;
  /** The days of the release's held slots, in order: what a request may prefer. */
  days: string[];
  /** Shifts the release has slots in. */
  shifts: ('M' | 'V')[];
  drawnAt: Date | null;
  completedAt: Date | null;
}

/** Whether requests are accepted now: inside the window and before the draw. */
export const acceptsRequests = (
  r: Pick<AllocationRelease, 'requestsFrom' | 'opensAt' | 'drawnAt'>,
  now: Date,
) => r.drawnAt === null && r.requestsFrom <= now && now < r.opensAt;

/**
 * Records every allocate-mode release whose request window has opened (release_settings: mode
 * 'allocate', window pre_window_minutes before opens_at) and holds its free web and phone slots:
 * their opens_at becomes their own start, so no channel books or lists them until the draw books
 * them or gives them back their release moment. Slots generated later for a release still waiting
 * for its draw are held the same way. Idempotent; returns the slots newly held.
 */
export async function openAllocationWindows(db: Db, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`
      insert into allocation_releases (unit_clues, service_code, opens_at, requests_from)
      select s.unit_clues, s.service_code, s.opens_at,
             s.opens_at - make_interval(mins => rs.pre_window_minutes)
      from release_settings rs
      join slots s on s.unit_clues = rs.unit_clues and s.service_code = rs.service_code
      where rs.mode = 'allocate' and s.status = 'free' and s.pool in ('web', 'phone')
        and s.opens_at > ${now}
        and s.opens_at <= ${now}::timestamptz + make_interval(mins => rs.pre_window_minutes)
        and not exists (select 1 from allocation_held_slots h where h.slot_id = s.id)
      group by s.unit_clues, s.service_code, s.opens_at, rs.pre_window_minutes
      on conflict do nothing`.execute(trx);
    const held = await sql`
      with held as (
        insert into allocation_held_slots (slot_id, release_id)
        select s.id, r.id
        from allocation_releases r
        join slots s on s.unit_clues = r.unit_clues and s.service_code = r.service_code
                    and s.opens_at = r.opens_at
        where r.drawn_at is null and r.opens_at > ${now}
          and s.status = 'free' and s.pool in ('web', 'phone')
        on conflict do nothing
        returning slot_id
      )
      update slots set opens_at = starts_at where id in (select slot_id from held)`.execute(trx);
    return Number(held.numAffectedRows ?? 0);
  });
}

function releaseQuery(db: Db) {
  return db
    .selectFrom('allocation_releases as r')
    .innerJoin('units as u', 'u.clues', 'r.unit_clues')
    .innerJoin('services as sv', 'sv.code', 'r.service_code')
    .select((eb) => [
      'r.id',
      'r.unit_clues',
      'u.name as unit_name',
      'u.time_zone',
      'r.service_code',
      'sv.name as service_name',
      'r.opens_at',
      'r.requests_from',
      'r.drawn_at',
      'r.completed_at',
      eb
        .selectFrom('allocation_held_slots as h')
        .innerJoin('slots as s', 's.id', 'h.slot_id')
        .whereRef('h.release_id', '=', 'r.id')
        .select(sql<string>`coalesce(string_agg(distinct s.local_date::text, ','), '')`.as('d'))
        .as('days'),
      eb
        .selectFrom('allocation_held_slots as h')
        .innerJoin('slots as s', 's.id', 'h.slot_id')
        .whereRef('h.release_id', '=', 'r.id')
        .select(sql<string>`coalesce(string_agg(distinct s.shift, ''), '')`.as('m'))
        .as('shifts'),
    ]);
}

type ReleaseRow = Awaited<ReturnType<ReturnType<typeof releaseQuery>['executeTakeFirstOrThrow']>>;

const toRelease = (r: ReleaseRow): AllocationRelease => ({
  id: r.id,
  unit: { clues: r.unit_clues, name: r.unit_name, timeZone: r.time_zone },
  service: { code: r.service_code, name: r.service_name },
  opensAt: r.opens_at,
  requestsFrom: r.requests_from,
  days: (r.days ?? '').split(',').filter(Boolean).sort(),
  shifts: [...(r.shifts ?? '')].sort() as ('M' | 'V')[],
  drawnAt: r.drawn_at,
  completedAt: r.completed_at,
});

export async function getAllocationRelease(db: Db, id: number): Promise<AllocationRelease> {
  const row = await releaseQuery(db).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new AllocationError('RELEASE_NOT_FOUND', 'no allocation release with that id');
  return toRelease(row);
}

/** Releases taking requests now, soonest first; optionally of one unit (the phone and console ask so). */
export async function releasesTakingRequests(
  db: Db,
  now: Date,
  filter: { unitClues?: string; serviceCode?: string } = {},
): Promise<AllocationRelease[]> {
  let query = releaseQuery(db)
    .where('r.drawn_at', 'is', null)
    .where('r.requests_from', '<=', now)
    .where('r.opens_at', '>', now);
  if (filter.unitClues) query = query.where('r.unit_clues', '=', filter.unitClues);
  if (filter.serviceCode) query = query.where('r.service_code', '=', filter.serviceCode);
  const rows = await query.orderBy('r.opens_at').orderBy('r.id').limit(200).execute();
  return rows.map(toRelease);
}

/** Releases whose moment has come and whose allocation is not complete. */
export async function releasesDue(db: Db, now: Date): Promise<number[]> {
  const rows = await db
    .selectFrom('allocation_releases')
    .select('id')
    .where('completed_at', 'is', null)
    .where('opens_at', '<=', now)
    .orderBy('opens_at')
    .execute();
  return rows.map((r) => r.id);
}
