import { DateTime } from 'luxon';

/** The days any form of Citas takes: agendas, audits and reports all fall within them. */
export const FIRST_DAY = '2000-01-01';
export const LAST_DAY = '2099-12-31';

/**
 * A day typed as YYYY-MM-DD that exists on the calendar and lies within FIRST_DAY..LAST_DAY, or null.
 * The shape alone is not enough: "2026-13-45" or "9999-12-31" would reach SQL as dates it refuses.
 */
export function calendarDay(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || text < FIRST_DAY || text > LAST_DAY) return null;
  return DateTime.fromISO(text, { zone: 'UTC' }).isValid ? text : null;
}
