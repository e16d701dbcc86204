import { DomainError } from '../platform/domain-error.js';

export type ReminderErrorCode =
  /** Not a link Citas made for a reminder (altered, another purpose, another appointment's). */
  | 'REMINDER_LINK_INVALID'
  /** The appointment's time has passed. */
  | 'REMINDER_LINK_EXPIRED'
  /** The link was answered already: it answers once. */
  | 'REMINDER_LINK_USED'
  /** The appointment was cancelled or changed meanwhile. */
  | 'REMINDER_APPOINTMENT_GONE';

export class ReminderError extends DomainError<ReminderErrorCode> {}
