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
  | 'OPEN_APPOINTMENT_LIMIT';

export class BookingError extends DomainError<BookingErrorCode> {}
