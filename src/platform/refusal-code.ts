/**
 * Every refusal Citas answers with: the stable `code` of a DomainError, of the API's problem
 * documents and of the channels' pages. The channels' tables are keyed by this type
 * (`Record<RefusalCode, …>`), so a code added here fails to compile until every channel says what
 * it means there (each channel's tests walk this list); a domain's own code type must stay a part
 * of it (DomainError takes no other).
 */
export const REFUSAL_CODES = [
  // booking (booking/errors.ts)
  'BENEFICIARY_NOT_FOUND',
  'SLOT_NOT_FOUND',
  'APPOINTMENT_NOT_FOUND',
  'NOT_ELIGIBLE',
  'WRONG_UNIT',
  'REFERRAL_REQUIRED',
  'OUTSIDE_BOOKING_WINDOW',
  'SLOT_TAKEN',
  'SLOT_CLOSED',
  'QUOTA_EXHAUSTED',
  'ACTIVE_APPOINTMENT_EXISTS',
  'TOO_LATE_TO_CHANGE',
  'APPOINTMENT_NOT_ACTIVE',
  'SERVICE_MISMATCH',
  'IDEMPOTENCY_KEY_REUSED',
  'REBOOKING_LIMIT',
  'OPEN_APPOINTMENT_LIMIT',
  'PASS_REQUIRED',
  'REVIEW_REQUIRED',
  'PROPOSAL_EXPIRED',
  'PROPOSAL_CLOSED',
  // waiting room
  'QUEUE_NOT_OPEN',
  'PLACE_EXISTS',
  'PLACE_NOT_FOUND',
  'PLACE_NOT_EXPIRED',
  // allocation
  'RELEASE_NOT_FOUND',
  'ALLOCATION_WINDOW_CLOSED',
  'PREFERENCES_INVALID',
  'REQUEST_NOT_FOUND',
  // reception: check-in and the consultorio queues (reception/errors.ts)
  'ARRIVAL_QUERY_INVALID',
  'ARRIVAL_NOT_FOUND',
  'ARRIVAL_NOT_TODAY',
  'ALREADY_CHECKED_IN',
  'ARRIVAL_NOT_ACTIVE',
  'ARRIVAL_NEEDS_REBOOKING',
  'QUEUE_EMPTY',
  'NOT_CALLED',
  'CONSULTORIO_NOT_FOUND',
  // reminders and their one-tap links (reminders/errors.ts)
  'REMINDER_LINK_INVALID',
  'REMINDER_LINK_EXPIRED',
  'REMINDER_LINK_USED',
  'REMINDER_APPOINTMENT_GONE',
  // waitlist and its offers (waitlist/errors.ts)
  'ALREADY_WAITING',
  'HAS_APPOINTMENT',
  'NOT_WAITING',
  'LINK_INVALID',
  'OFFER_EXPIRED',
  'OFFER_CLOSED',
  'OFFER_NOT_BOOKABLE',
  // telephony call-backs
  'CALLBACK_NOT_FOUND',
  'CALLBACK_NOT_PENDING',
  'CALLBACK_NOT_YOURS',
  // network and agenda
  'UNIT_NOT_FOUND',
  'SERVICE_NOT_FOUND',
  'SERVICE_NOT_OFFERED',
  'RESOURCE_NOT_FOUND',
  'CLOSURE_EXISTS',
  'INVALID_INTERVAL',
  'TEMPLATE_INVALID',
  // registry, its import and the national seed
  'INVALID_CURP',
  'IMPORT_FILE_NOT_FOUND',
  'IMPORT_HEADER_INVALID',
  'NATIONAL_NETWORK_EXISTS',
  // identity: staff, tokens, roles
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'OTHER_UNIT',
  'STAFF_NOT_FOUND',
  'STAFF_EMAIL_TAKEN',
  'STAFF_SELF_DEMOTION',
  'STAFF_SELF_DISABLE',
  'UNIT_REQUIRED',
  'PASSWORD_TOO_SHORT',
  'INVALID_EMAIL',
  // requests as the channels and the HTTP layer judge them
  'NOT_FOUND',
  'SIGN_IN_REQUIRED',
  'CONSOLE_SIGN_IN_REQUIRED',
  'CHANNEL_NOT_ALLOWED',
  'PHONE_REQUEST_UNVERIFIED',
  'CSRF_REJECTED',
  'FORM_FIELDS_UNEXPECTED',
  'RATE_LIMITED',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];
