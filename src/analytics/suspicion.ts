import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';

/** Thresholds above which a pattern is reported; defaults suit a day or a week of activity. */
export interface SuspicionThresholds {
  /** Distinct people booked by one staff account, address or phone. */
  distinctPeople: number;
  /** Cancellations of appointments one staff account booked. */
  cancelledShare: number;
  /** A booking cancelled within this many minutes counts as a quick flip. */
  quickFlipMinutes: number;
}

export const DEFAULT_THRESHOLDS: SuspicionThresholds = {
  distinctPeople: 20,
  cancelledShare: 0.3,
  quickFlipMinutes: 30,
};

export interface SuspicionReport {
  since: Date;
  /** Staff accounts, tokens, addresses and phones linked to bookings of many distinct people. */
  manyPeople: { kind: 'actor' | 'source_ip' | 'phone'; who: string; people: number; bookings: number }[];
  /** Staff whose bookings are cancelled unusually often. */
  highCancellation: { actor: string; bookings: number; cancelled: number; share: number }[];
  /** Slots booked and cancelled again within minutes, more than once. */
  quickFlips: { slotId: number; flips: number }[];
}

/**
 * What a scalper leaves behind: one operator booking for many people, bookings that are cancelled
 * and rebooked, places flipped within minutes. Read-only; for the auditor and the console.
 */
export async function suspicionReport(
  db: Db,
  since: Date,
  t: SuspicionThresholds = DEFAULT_THRESHOLDS,
): Promise<SuspicionReport> {
  const byActor = await sql<{ who: string; people: number; bookings: number }>`
    select actor_kind || ':' || actor_id as who, count(distinct subject_beneficiary_id)::int as people, count(*)::int as bookings
    from audit_log
    where action = 'appointment.book' and result = 'ok' and at >= ${since} and actor_kind in ('staff', 'token')
    group by 1 having count(distinct subject_beneficiary_id) >= ${t.distinctPeople}
    order by people desc`.execute(db);
  const byIp = await sql<{ who: string; people: number; bookings: number }>`
    select source_ip as who, count(distinct subject_beneficiary_id)::int as people, count(*)::int as bookings
    from audit_log
    where action = 'appointment.book' and result = 'ok' and at >= ${since} and source_ip is not null
    group by 1 having count(distinct subject_beneficiary_id) >= ${t.distinctPeople}
    order by people desc`.execute(db);
  const byPhone = await sql<{ who: string; people: number; bookings: number }>`
    select recipient as who, count(distinct beneficiary_id)::int as people, count(*)::int as bookings
    from notifications
    where kind = 'booked' and created_at >= ${since}
    group by 1 having count(distinct beneficiary_id) >= ${t.distinctPeople}
    order by people desc`.execute(db);
  const cancellations = await sql<{ actor: string; bookings: number; cancelled: number }>`
    select created_by as actor, count(*)::int as bookings, count(*) filter (where status = 'cancelled')::int as cancelled
    from appointments
    where created_at >= ${since} and (created_by like 'staff:%' or created_by like 'token:%')
    group by 1 having count(*) >= 10
      and count(*) filter (where status = 'cancelled') >= ${t.cancelledShare}::float8 * count(*)
    order by 3 desc`.execute(db);
  const flips = await sql<{ slot_id: number; flips: number }>`
    select b.to_slot_id as slot_id, count(*)::int as flips
    from appointment_events b
    join appointment_events c on c.appointment_id = b.appointment_id and c.action = 'cancelled'
    where b.action = 'booked' and b.at >= ${since}
      and c.at - b.at <= make_interval(mins => ${t.quickFlipMinutes})
    group by 1 having count(*) >= 2
    order by 2 desc`.execute(db);
  return {
    since,
    manyPeople: [
      ...byActor.rows.map((r) => ({ kind: 'actor' as const, ...r })),
      ...byIp.rows.map((r) => ({ kind: 'source_ip' as const, ...r })),
      ...byPhone.rows.map((r) => ({ kind: 'phone' as const, ...r })),
    ],
    highCancellation: cancellations.rows.map((r) => ({ ...r, share: r.cancelled / r.bookings })),
    quickFlips: flips.rows.map((r) => ({ slotId: r.slot_id, flips: r.flips })),
  };
}
