import { describe, expect, it } from 'vitest';
import { CHECK_IN } from '../platform/i18n/check-in-messages.js';
import { noticeText } from './confirmations.js';

// An SMS with any character outside GSM-7 (í, ó, á…) travels as UCS-2: 70 characters in one
// segment, 67 per segment when split. Unit names carry accents, so this is the budget that counts.
const UCS2_SEGMENT = 67;
const segments = (text: string) => (text.length <= 70 ? 1 : Math.ceil(text.length / UCS2_SEGMENT));

describe('the booking SMS', () => {
  it('says what to present at the window and stays within three segments for a long unit name', () => {
    for (const who of ['none', 'holder', 'guardian'] as const) {
      const text = noticeText('booked', {
        folio: 'ACDEFHJK',
        startsAt: new Date('2026-11-25T16:40:00Z'),
        timeZone: 'America/Mexico_City',
        unitName: 'Clínica de Medicina Familiar Coyoacán',
        checkIn: CHECK_IN.short[who],
      });
      expect(text).toContain('ACDE-FHJK');
      expect(text).toContain(CHECK_IN.short[who]);
      expect(segments(text)).toBeLessThanOrEqual(3);
    }
  });
});
