import type { RefusalCode } from './refusal-code.js';

/**
 * A rule said no. Domains throw these with a stable `code` (one of RefusalCode); each channel turns
 * the code into its own Spanish wording (API problem+json, web page, spoken IVR prompt). A domain
 * may type `details` per code (booking/errors.ts) so that channels read them without casts.
 */
export class DomainError<
  Code extends RefusalCode = RefusalCode,
  Details extends object = Readonly<Record<string, unknown>>,
> extends Error {
  readonly details: Details;

  constructor(
    readonly code: Code,
    message: string,
    details?: Details,
  ) {
    super(message);
    this.name = 'DomainError';
    this.details = details ?? ({} as Details);
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
