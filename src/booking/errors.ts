import { DomainError } from '../platform/domain-error.js';

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
  | 'REVIEW_REQUIRED';

export class BookingError extends DomainError<BookingErrorCode> {}
