// Which reminder an appointment is due now. Pure: the appointment, what was sent, the clock in.
import type { ReminderPolicy } from './policy.js';

export interface ReminderCandidate {
  startsAt: Date;
  createdAt: Date;
  /** Lead hours already reminded. */
  sent: readonly number[];
}

const HOUR = 3_600_000;

/** Whether `localHour` (0–23 on the unit's clock) is inside the quiet night. */
export function isQuietHour(
  localHour: number,
  policy: Pick<ReminderPolicy, 'quietFrom' | 'quietUntil'>,
): boolean {
  const { quietFrom, quietUntil } = policy;
  return quietFrom > quietUntil
    ? localHour >= quietFrom || localHour < quietUntil
    : localHour >= quietFrom && localHour < quietUntil;
}

/**
 * The lead (in hours) whose reminder is due, or null. A lead's reminder is due from `lead` hours
 * before the start until the next shorter lead takes over (so a late sender never sends two at
 * once), never at night on the unit's clock (it waits for the morning), and only for appointments
 * booked before that moment: someone who booked yesterday for tomorrow got the booking SMS.
 */
export function dueLead(
  candidate: ReminderCandidate,
  policy: Pick<ReminderPolicy, 'leadHours' | 'quietFrom' | 'quietUntil'>,
  now: Date,
  localHour: number,
): number | null {
  if (isQuietHour(localHour, policy)) return null;
  const start = candidate.startsAt.getTime();
  if (now.getTime() >= start) return null;
  const leads = [...policy.leadHours].sort((a, b) => b - a);
  for (const [i, lead] of leads.entries()) {
    const from = start - lead * HOUR;
    const shorter = leads[i + 1];
    const until = shorter === undefined ? start : start - shorter * HOUR;
    if (now.getTime() < from || now.getTime() >= until) continue;
    if (candidate.sent.includes(lead) || candidate.createdAt.getTime() > from) return null;
    return lead;
  }
  return null;
}
