// What the benchmark books and asks for, chosen from the seeded data by SQL, and the checks it runs
// afterwards. Staff book as channel `agent`, which takes slots of the `phone` pool; family medicine
// requires adscription, so every pair joins a person to a slot of their own unit.
import { sql } from 'kysely';
import type { Db } from '../src/platform/db/connect.js';

export interface Booking {
  curp: string;
  slotId: number;
}

export interface RushUnit {
  clues: string;
  /** The unit's earliest free slots, earliest first: what everybody aims at. */
  slotIds: number[];
  /** People adscribed there who may book. */
  curps: string[];
}

const SERVICE = 'medicina_familiar';

/** The `count` units with the most people able to book: the clinics the 7 a.m. rush hits. */
export async function rushUnits(db: Db, count: number, perUnit: number): Promise<RushUnit[]> {
  const units = await sql<{ clues: string }>`
    select unit_clues as clues from beneficiaries
     where eligible_until >= current_date + 40
     group by unit_clues order by count(*) desc, unit_clues limit ${count}`.execute(db);
  const result: RushUnit[] = [];
  for (const { clues } of units.rows) {
    const slots = await sql<{ id: number }>`
      select id from slots
       where unit_clues = ${clues} and service_code = ${SERVICE} and pool = 'phone' and status = 'free'
         and starts_at > now() + interval '3 hours' and opens_at <= now()
       order by starts_at, id limit 40`.execute(db);
    const people = await bookablePeople(db, clues, perUnit);
    result.push({ clues, slotIds: slots.rows.map((s) => Number(s.id)), curps: people });
  }
  return result;
}

async function bookablePeople(db: Db, clues: string, limit: number): Promise<string[]> {
  const rows = await sql<{ curp: string }>`
    select p.curp from beneficiaries p
     where p.unit_clues = ${clues} and p.eligible_until >= current_date + 40
       and not exists (select 1 from appointments a
                        where a.beneficiary_id = p.id and a.service_code = ${SERVICE} and a.is_open)
     order by p.id limit ${limit}`.execute(db);
  return rows.rows.map((r) => r.curp);
}

/**
 * `count` disjoint (person, slot) pairs spread over the country, outside `excludedUnits` and without
 * `excludedCurps` (the portal's visitors): every booking among them can succeed, so the figures
 * measure the booking path, not conflicts.
 */
export async function uniformBookings(
  db: Db,
  count: number,
  excludedUnits: readonly string[],
  excludedCurps: readonly string[] = [],
): Promise<Booking[]> {
  const rows = await sql<{ slot_id: number; curp: string }>`
    with s as (
      select id, unit_clues, row_number() over (partition by unit_clues order by md5(id::text)) as n
        from slots
       where service_code = ${SERVICE} and status = 'free' and pool = 'phone'
         and starts_at > now() + interval '3 hours' and opens_at <= now()
         and unit_clues <> all(${[...excludedUnits]}::text[])
    ), b as (
      select p.curp, p.unit_clues, row_number() over (partition by p.unit_clues order by md5(p.curp)) as n
        from beneficiaries p
       where p.eligible_until >= current_date + 40
         and p.unit_clues <> all(${[...excludedUnits]}::text[])
         and p.curp <> all(${[...excludedCurps]}::text[])
         and not exists (select 1 from appointments a
                          where a.beneficiary_id = p.id and a.service_code = ${SERVICE} and a.is_open)
    )
    select s.id as slot_id, b.curp from s join b using (unit_clues, n)
     order by md5(s.id::text) limit ${count}`.execute(db);
  return rows.rows.map((r) => ({ curp: r.curp, slotId: Number(r.slot_id) }));
}

/** Random (unit, service) pairs that exist, for availability requests. */
export async function availabilityQueries(db: Db, count: number): Promise<string[]> {
  const rows = await sql<{ unit_clues: string; service_code: string }>`
    select unit_clues, service_code from unit_services order by md5(unit_clues || service_code) limit ${count}`.execute(
    db,
  );
  return rows.rows.map((r) => `/api/v1/availability?unit=${r.unit_clues}&service=${r.service_code}`);
}

export interface Verification {
  slotsWithSeveralActiveAppointments: number;
  bookedAppointmentsOnUnbookedSlots: number;
  beneficiariesOverServiceLimit: number;
  createdAnswersWithoutAppointment: number;
}

/** The invariants, counted over the whole database after the run: every figure must be 0. */
export async function verify(db: Db, createdIds: readonly string[]): Promise<Verification> {
  const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
    Number((await query.execute(db)).rows[0]?.n ?? 0);
  return {
    slotsWithSeveralActiveAppointments: await count(sql<{ n: number }>`
      select count(*)::int as n from (select slot_id from appointments where status = 'booked'
                                       group by slot_id having count(*) > 1) x`),
    bookedAppointmentsOnUnbookedSlots: await count(sql<{ n: number }>`
      select count(*)::int as n from appointments a join slots s on s.id = a.slot_id
       where a.status = 'booked' and s.status = 'free'`),
    beneficiariesOverServiceLimit: await count(sql<{ n: number }>`
      select count(*)::int as n from (select beneficiary_id, service_code from appointments where is_open
                                       group by 1, 2 having count(*) > 1) x`),
    createdAnswersWithoutAppointment: await count(sql<{ n: number }>`
      select count(*)::int as n from unnest(${[...createdIds]}::uuid[]) as t(id)
       where not exists (select 1 from appointments a where a.id = t.id and a.status = 'booked')`),
  };
}
