/**
 * A rule said no. Domains throw these with a stable `code`; each channel turns the code into its own
 * Spanish wording (API problem+json, web page, spoken IVR prompt).
 */
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
