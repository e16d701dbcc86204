import { DomainError } from '../platform/domain-error.js';

export type WaitingRoomErrorCode =
  /** The release takes no places now: before its pre-window, after its rush, or not in queue mode. */
  | 'QUEUE_NOT_OPEN'
  /** The person already has a place in this release's line. */
  | 'PLACE_EXISTS'
  /** No place has that address: forged, mistyped or from another system. */
  | 'PLACE_NOT_FOUND'
  /** Only a place whose pass expired goes back to the line. */
  | 'PLACE_NOT_EXPIRED';

export class WaitingRoomError extends DomainError<WaitingRoomErrorCode> {}
