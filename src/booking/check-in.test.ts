import { describe, expect, it } from 'vitest';
import { ageOn, checkInRequirement } from './check-in.js';

describe('check-in requirement', () => {
  it('asks an adult for their own photo identification and CURP or affiliation number', () => {
    expect(checkInRequirement({ birthDate: '1978-04-12', holderId: null }, '2026-11-24')).toEqual({
      accompaniedBy: 'none',
      present: ['own_photo_id', 'own_curp_or_affiliation'],
      personal: true,
    });
    expect(checkInRequirement({ birthDate: '1990-01-01', holderId: 7 }, '2026-11-24').accompaniedBy).toBe(
      'none',
    );
  });

  it('has a dependent minor come with the holder, who shows their identification', () => {
    expect(checkInRequirement({ birthDate: '2012-10-03', holderId: 7 }, '2026-11-24')).toEqual({
      accompaniedBy: 'holder',
      present: ['companion_photo_id', 'minor_curp_or_affiliation'],
      personal: true,
    });
    expect(checkInRequirement({ birthDate: '2012-10-03', holderId: null }, '2026-11-24').accompaniedBy).toBe(
      'guardian',
    );
  });

  it('judges age on the day of the appointment, not the day of booking', () => {
    expect(ageOn('2008-11-25', '2026-11-24')).toBe(17);
    expect(ageOn('2008-11-24', '2026-11-24')).toBe(18);
    expect(checkInRequirement({ birthDate: '2008-11-25', holderId: 7 }, '2026-11-25').accompaniedBy).toBe(
      'none',
    );
    expect(checkInRequirement({ birthDate: '2008-11-25', holderId: 7 }, '2026-11-24').accompaniedBy).toBe(
      'holder',
    );
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
  });
});
