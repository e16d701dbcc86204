import { DomainError } from '../platform/domain-error.js';

export type ReceptionErrorCode =
  /** Neither a folio nor a CURP. */
  | 'ARRIVAL_QUERY_INVALID'
  /** No appointment of today at this unit for that folio or CURP. */
  | 'ARRIVAL_NOT_FOUND'
  /** The appointment is not for today (the page says which day it is). */
  | 'ARRIVAL_NOT_TODAY'
  /** Another receptionist (or this one, twice) recorded the arrival first. */
  | 'ALREADY_CHECKED_IN'
  /** Cancelled, attended or moved meanwhile. */
  | 'ARRIVAL_NOT_ACTIVE'
  /** A closure or absence took its time away: it is moved first, not queued to a closed slot. */
  | 'ARRIVAL_NEEDS_REBOOKING'
  /** Nobody who arrived is waiting for this consultorio. */
  | 'QUEUE_EMPTY'
  /** Only a person called today can be marked as not having come in. */
  | 'NOT_CALLED'
  | 'CONSULTORIO_NOT_FOUND';

export class ReceptionError extends DomainError<ReceptionErrorCode> {}
