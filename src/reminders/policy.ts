/** When reminders go out and what the no-show policy asks; read once from configuration (config.ts). */
export interface ReminderPolicy {
  /** Hours before the appointment (REMINDER_LEAD_HOURS, default 72,24). */
  leadHours: number[];
  /** No SMS between these hours on the unit's clock (REMINDER_QUIET_FROM / _UNTIL, default 21 to 8). */
  quietFrom: number;
  quietUntil: number;
  noShow: NoShowPolicy;
}

export interface NoShowPolicy {
  /** This many no-shows within `windowDays` and the person must confirm to keep the slot (0: never). */
  threshold: number;
  windowDays: number;
  /** Unconfirmed this many hours before the start, such an appointment is released. */
  confirmHoursBefore: number;
  /** Appointments never marked attended close as no-show this long after their local day ends. */
  closeAfterMinutes: number;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  leadHours: [72, 24],
  quietFrom: 21,
  quietUntil: 8,
  noShow: { threshold: 2, windowDays: 180, confirmHoursBefore: 12, closeAfterMinutes: 60 },
};

/**
 * The no-show policy's test, applied by the reminders (send.ts) and shown to staff
 * (no-show/attendance.ts): this many no-shows within the window and the person must confirm their
 * next appointments to keep them. Pure.
 */
export const mustConfirmToKeep = (noShowsInWindow: number, rule: NoShowPolicy): boolean =>
  rule.threshold > 0 && noShowsInWindow >= rule.threshold;
