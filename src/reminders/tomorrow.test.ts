import { describe, expect, it } from 'vitest';
import { isTomorrow } from './tomorrow.js';

describe('tomorrow on the unit clock', () => {
  // 23:30 on Monday 23 November in Tijuana is already Tuesday in Mexico City.
  const lateInTijuana = new Date('2026-11-24T07:30:00Z');

  it('counts tomorrow from the unit wall, not from Mexico City', () => {
    const tuesdayMorningTijuana = new Date('2026-11-24T16:00:00Z');
    expect(isTomorrow(tuesdayMorningTijuana, 'America/Tijuana', lateInTijuana)).toBe(true);
    expect(isTomorrow(tuesdayMorningTijuana, 'America/Mexico_City', lateInTijuana)).toBe(false);
  });

  it('is neither today nor the day after tomorrow', () => {
    const now = new Date('2026-11-23T15:00:00Z');
    expect(isTomorrow(new Date('2026-11-23T20:00:00Z'), 'America/Mexico_City', now)).toBe(false);
    expect(isTomorrow(new Date('2026-11-24T14:00:00Z'), 'America/Mexico_City', now)).toBe(true);
    expect(isTomorrow(new Date('2026-11-25T14:00:00Z'), 'America/Mexico_City', now)).toBe(false);
  });
});
