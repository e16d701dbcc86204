// The rules of one-time sign-in codes, pure so tests pass their own `now`.

export const CODE_DIGITS = 6;
export const CODE_LIFETIME_MS = 5 * 60_000;
export const MAX_ATTEMPTS = 5;
/** A new code for the same sign-in may be asked for after this long… */
export const RESEND_AFTER_MS = 60_000;
/** …at most this many sends in all (the first included). */
export const MAX_SENDS_PER_SIGN_IN = 3;
/** However many sign-ins are started, a phone receives at most this many codes an hour. */
export const MAX_CODES_PER_PERSON_PER_HOUR = 6;

export interface CodeFacts {
  expiresAt: Date;
  attempts: number;
  consumedAt: Date | null;
}

export type CodeState = 'live' | 'expired' | 'exhausted' | 'used';

export function codeState(code: CodeFacts, now: Date): CodeState {
  if (code.consumedAt) return 'used';
  if (code.attempts >= MAX_ATTEMPTS) return 'exhausted';
  if (code.expiresAt <= now) return 'expired';
  return 'live';
}

/** Whole seconds until another code may be sent for this sign-in; 0 when it may be sent now. */
export function secondsUntilResend(lastSentAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((lastSentAt.getTime() + RESEND_AFTER_MS - now.getTime()) / 1000));
}

/** The code as typed by a person: digits only, spaces and dashes forgiven. */
export function normalizeCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return new RegExp(`^[0-9]{${CODE_DIGITS}}$`).test(digits) ? digits : null;
}
