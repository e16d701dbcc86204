import type { AvailableSlot } from '../agenda/availability.js';
import { DomainError } from '../platform/domain-error.js';
import type { Appointment } from './appointment.js';

export type BookingErrorCode =
  | 'BENEFICIARY_NOT_FOUND'
  | 'SLOT_NOT_FOUND'
  | 'APPOINTMENT_NOT_FOUND'
  | 'NOT_ELIGIBLE'
  | 'WRONG_UNIT'
  | 'REFERRAL_REQUIRED'
  | 'OUTSIDE_BOOKING_WINDOW'
  | 'SLOT_TAKEN'
  | 'SLOT_CLOSED'
  | 'QUOTA_EXHAUSTED'
  | 'ACTIVE_APPOINTMENT_EXISTS'
  | 'TOO_LATE_TO_CHANGE'
  | 'APPOINTMENT_NOT_ACTIVE'
  | 'SERVICE_MISMATCH'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'REBOOKING_LIMIT'
  | 'OPEN_APPOINTMENT_LIMIT'
  /** A web slot of a release in its rush, for a person without an open waiting-room pass. */
  | 'PASS_REQUIRED'
  /** A portal booking that did not come through its review page. */
  | 'REVIEW_REQUIRED'
  /** A closure's proposed time whose hold ran out (replacement.ts). */
  | 'PROPOSAL_EXPIRED'
  /** A closure's proposed time already kept, turned down or withdrawn. */
  | 'PROPOSAL_CLOSED';

/** What a refusal carries beside its code, for the channels to show; codes not listed carry nothing. */
interface DetailsOf {
  /** The next free slots of the same service and unit, on the same channel. */
  SLOT_TAKEN: { alternatives: AvailableSlot[] };
  /** The open appointment in the way, when it could be read. */
  ACTIVE_APPOINTMENT_EXISTS: { existing: Appointment | undefined };
  /** The release whose waiting room gives the pass. */
  PASS_REQUIRED: { unitClues: string; serviceCode: string };
  TOO_LATE_TO_CHANGE: { cutoffMinutes: number };
  REBOOKING_LIMIT: { maxCancellations: number; windowDays: number };
  OPEN_APPOINTMENT_LIMIT: { maxOpenAppointments: number | null };
  SLOT_NOT_FOUND: { slotId?: number };
}

export type BookingErrorDetails<C extends BookingErrorCode> = C extends keyof DetailsOf
  ? DetailsOf[C]
  : Record<string, never>;

/** A booking rule said no; `details` are typed by the code. */
export class BookingError<C extends BookingErrorCode = BookingErrorCode> extends DomainError<
  C,
  BookingErrorDetails<C>
> {
  constructor(
    code: C,
    message: string,
    ...details: C extends keyof DetailsOf
      ? Record<string, never> extends DetailsOf[C]
        ? [DetailsOf[C]?]
        : [DetailsOf[C]]
      : []
  ) {
    super(code, message, details[0] as BookingErrorDetails<C> | undefined);
  }
}

/** Any one booking refusal: checking `code` narrows `details`. */
export type AnyBookingError = { [C in BookingErrorCode]: BookingError<C> }[BookingErrorCode];

export const isBookingRefusal = (error: unknown): error is AnyBookingError => error instanceof BookingError;
