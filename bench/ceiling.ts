// The ceiling: the booking statement itself, sent by the benchmark over N connections with no HTTP,
// no rule checks and no reads around it. It claims the slot and inserts the appointment and its
// history event in one statement, under the same constraints as src/booking/book.ts.
import { sql } from 'kysely';
import { newFolio } from '../src/booking/folio.js';
import type { Db } from '../src/platform/db/connect.js';
import type { Booking } from './workload.js';

export interface CeilingResult {
  connections: number;
  seconds: number;
  attempts: number;
  bookings: number;
  perSecond: number;
  /** Statements that failed, by the database's message: 0 expected. */
  failures: Record<string, number>;
  createdIds: string[];
}

const ACTOR = 'bench:ceiling';

async function bookDirectly(db: Db, booking: Booking): Promise<string | undefined> {
  const result = await sql<{ id: string }>`
    with claimed as (
      update slots set status = 'booked'
      where id = ${booking.slotId} and status = 'free'
      returning id, unit_clues, service_code, starts_at, ends_at
    ), appointment as (
      insert into appointments
        (folio, beneficiary_id, slot_id, service_code, unit_clues, starts_at, ends_at, channel, created_by, updated_by)
      select ${newFolio()}, (select id from beneficiaries where curp = ${booking.curp}), id, service_code,
             unit_clues, starts_at, ends_at, 'agent', ${ACTOR}, ${ACTOR}
      from claimed
      returning id
    ), event as (
      insert into appointment_events (appointment_id, action, actor, channel, to_slot_id)
      select id, 'booked', ${ACTOR}, 'agent', ${booking.slotId} from appointment
    )
    select id from appointment`.execute(db);
  return result.rows[0]?.id;
}

/** Books from `bookings` with `connections` concurrent loops for `seconds` (or until they run out). */
export async function runCeiling(
  db: Db,
  bookings: readonly Booking[],
  connections: number,
  seconds: number,
): Promise<CeilingResult> {
  let next = 0;
  let attempts = 0;
  const createdIds: string[] = [];
  const failures: Record<string, number> = {};
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline && next < bookings.length) {
      const booking = bookings[next++] as Booking;
      attempts++;
      try {
        const id = await bookDirectly(db, booking);
        if (id) createdIds.push(id);
      } catch (error) {
        const message = (error as Error).message;
        failures[message] = (failures[message] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  const elapsed = (performance.now() - started) / 1000;
  return {
    connections,
    seconds: elapsed,
    attempts,
    bookings: createdIds.length,
    perSecond: createdIds.length / elapsed,
    failures,
    createdIds,
  };
}
