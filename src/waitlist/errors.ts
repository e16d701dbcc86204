import { DomainError } from '../platform/domain-error.js';

export type WaitlistErrorCode =
  /** The person already waits for that service (one entry per person and service). */
  | 'ALREADY_WAITING'
  /** The person already holds an appointment of that service: nothing to wait for. */
  | 'HAS_APPOINTMENT'
  | 'NOT_WAITING'
  /** The unit does not give that service. */
  | 'SERVICE_NOT_OFFERED'
  /** The link is not one Citas made, or was made for something else. */
  | 'LINK_INVALID'
  | 'OFFER_EXPIRED'
  /** The offer was already taken, declined or withdrawn. */
  | 'OFFER_CLOSED'
  /** The booking refused the held slot (its day closed meanwhile, the person's rights ended…). */
  | 'OFFER_NOT_BOOKABLE';

export class WaitlistError extends DomainError<WaitlistErrorCode> {}
