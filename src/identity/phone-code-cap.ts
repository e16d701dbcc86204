import { createHash } from 'node:crypto';
import type { RateVerdict } from '../platform/rate-limit/counter.js';
import type { RateLimitStore } from '../platform/rate-limit/store.js';

const DAY_SECONDS = 86_400;

/** Counts one code about to be sent to a phone; refused once the phone had its codes for the day. */
export type PhoneCodeCap = (phone: string, now: Date) => Promise<RateVerdict>;

/**
 * However many people share a phone (a holder and their family) and however many sign-ins are
 * started, one phone receives at most `perDay` sign-in codes per day (UTC). The phone is stored
 * only as a hash in the counter's key.
 */
export function phoneCodeCap(store: RateLimitStore, perDay: number): PhoneCodeCap {
  return (phone, now) =>
    store.hit(
      {
        key: `otp-phone:${createHash('sha256').update(phone).digest('hex').slice(0, 32)}`,
        limit: perDay,
        windowSeconds: DAY_SECONDS,
      },
      now,
    );
}
