import { describe, expect, it } from 'vitest';
import { PHONE } from '../../../platform/i18n/phone-messages.js';
import { REFUSAL_CODES } from '../../../platform/refusal-code.js';
import { BOOKING_REFUSALS } from './refusals.js';

describe('a refused booking on the phone', () => {
  it('has, for every refusal code, words the caller hears and a way on', () => {
    for (const code of REFUSAL_CODES) {
      const refusal = BOOKING_REFUSALS[code];
      expect(PHONE.refused[refusal.say].length, code).toBeGreaterThan(20);
      expect(['read-alternatives', 'read-other-times', 'say-existing', 'back-to-menu']).toContain(
        refusal.next,
      );
    }
  });

  it('reads other times when the slot chosen can no longer be had, and the next free ones when it was taken', () => {
    expect(BOOKING_REFUSALS.SLOT_TAKEN.next).toBe('read-alternatives');
    for (const code of [
      'SLOT_CLOSED',
      'QUOTA_EXHAUSTED',
      'SLOT_NOT_FOUND',
      'OUTSIDE_BOOKING_WINDOW',
    ] as const)
      expect(BOOKING_REFUSALS[code].next).toBe('read-other-times');
  });
});
