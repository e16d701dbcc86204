// A person's attendance record, as staff see it on the person's page: how often they came, did not
// come, or cancelled late, and whether the no-show policy asks them to confirm to keep a slot.
import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';
import { mustConfirmToKeep, type NoShowPolicy } from '../reminders/policy.js';
import { RELEASED_BY } from '../reminders/release-unconfirmed.js';

export type AttendanceOutcome = 'attended' | 'no_show' | 'cancelled_late';

export interface PastAppointment {
  startsAt: Date;
  timeZone: string;
  serviceName: string;
  unitName: string;
  outcome: AttendanceOutcome | 'cancelled';
}

export interface Attendance {
  /** Counted over the policy's window (NO_SHOW_WINDOW_DAYS). */
  windowDays: number;
  attended: number;
  noShows: number;
  /** Cancelled less than `lateHours` before the start: too late for the slot to be easily refilled. */
  cancelledLate: number;
  lateHours: number;
  /** The most recent appointments whose time has come (kept, missed or cancelled), newest first. */
  recent: PastAppointment[];
  /** The confirm-to-keep policy applies now, and until when (the oldest counted no-show leaves the window). */
  mustConfirm: { until: Date } | null;
  threshold: number;
  confirmHoursBefore: number;
}

const RECENT = 10;

/**
 * The record of one person at `now`. `lateHours` is the reminders' last lead (24 h by default): a
 * cancellation after the last reminder counts as late.
 */
export async function attendanceOf(
  db: Db,
  beneficiaryId: number,
  rule: NoShowPolicy,
  lateHours: number,
  now: Date,
): Promise<Attendance> {
  const since = new Date(now.getTime() - rule.windowDays * 86_400_000);
  const rows = await sql<{
    starts_at: Date;
    updated_at: Date;
    updated_by: string;
    status: string;
    time_zone: string;
    service_name: string;
    unit_name: string;
  }>`
    select a.starts_at, a.updated_at, a.updated_by, a.status, u.time_zone, sv.name as service_name, u.name as unit_name
    from appointments a
    join units u on u.clues = a.unit_clues
    join services sv on sv.code = a.service_code
    where a.beneficiary_id = ${beneficiaryId} and a.starts_at > ${since} and a.starts_at <= ${now}
      and a.status in ('attended', 'no_show', 'cancelled')
    order by a.starts_at desc`.execute(db);
  const late = lateHours * 3_600_000;
  const past = rows.rows.map((r) => ({
    startsAt: new Date(r.starts_at),
    timeZone: r.time_zone,
    serviceName: r.service_name,
    unitName: r.unit_name,
    outcome:
      r.status === 'cancelled'
        ? // The policy's own release (release-unconfirmed.ts) is not the person cancelling.
          r.updated_by !== RELEASED_BY &&
          new Date(r.starts_at).getTime() - new Date(r.updated_at).getTime() < late
          ? ('cancelled_late' as const)
          : ('cancelled' as const)
        : (r.status as 'attended' | 'no_show'),
  }));
  const count = (outcome: PastAppointment['outcome']) => past.filter((p) => p.outcome === outcome).length;
  const noShows = past.filter((p) => p.outcome === 'no_show');
  // Newest first: the policy holds until the threshold-th newest no-show leaves the window.
  const holding = noShows[rule.threshold - 1];
  return {
    windowDays: rule.windowDays,
    attended: count('attended'),
    noShows: noShows.length,
    cancelledLate: count('cancelled_late'),
    lateHours,
    recent: past.slice(0, RECENT),
    mustConfirm:
      mustConfirmToKeep(noShows.length, rule) && holding
        ? { until: new Date(holding.startsAt.getTime() + rule.windowDays * 86_400_000) }
        : null,
    threshold: rule.threshold,
    confirmHoursBefore: rule.confirmHoursBefore,
  };
}
