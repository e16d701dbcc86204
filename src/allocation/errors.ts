import { DomainError } from '../platform/domain-error.js';

export type AllocationErrorCode =
  | 'RELEASE_NOT_FOUND'
  | 'ALLOCATION_WINDOW_CLOSED'
  | 'PREFERENCES_INVALID'
  | 'REQUEST_NOT_FOUND';

export class AllocationError extends DomainError<AllocationErrorCode> {}
