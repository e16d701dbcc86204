import { describe, expect, it } from 'vitest';
import {
  MIN_APPOINTMENTS_FOR_SUGGESTION,
  type SameDayDemand,
  suggestSameDayShare,
} from './same-day-demand.js';

const demand = (over: Partial<SameDayDemand>): SameDayDemand => ({
  serviceCode: 'medicina_familiar',
  appointments: 200,
  bookedSameDay: 0,
  sameDaySlots: 0,
  sameDaySlotsBooked: 0,
  ...over,
});

describe('the same-day share suggested from a unit’s recent demand', () => {
  it('is the share of appointments people booked on their own day, to the nearest 5 %', () => {
    expect(suggestSameDayShare(demand({ bookedSameDay: 46 }), 0)).toBe(25); // 23 %
    expect(suggestSameDayShare(demand({ bookedSameDay: 0 }), 20)).toBe(0);
  });

  it('goes a step above when the same-day slots ran full, since their bookings were capped by supply', () => {
    const full = { sameDaySlots: 40, sameDaySlotsBooked: 39 };
    expect(suggestSameDayShare(demand({ bookedSameDay: 30, ...full }), 20)).toBe(25); // 15 % < 20 %
    expect(suggestSameDayShare(demand({ bookedSameDay: 60, ...full }), 20)).toBe(35); // 30 % + 5
    // Not full: the measured demand stands, even below today's share.
    expect(
      suggestSameDayShare(demand({ bookedSameDay: 20, sameDaySlots: 40, sameDaySlotsBooked: 20 }), 30),
    ).toBe(10);
  });

  it('never suggests more than 60 %, and nothing from too few appointments', () => {
    expect(suggestSameDayShare(demand({ bookedSameDay: 190 }), 0)).toBe(60);
    expect(
      suggestSameDayShare(
        demand({ appointments: MIN_APPOINTMENTS_FOR_SUGGESTION - 1, bookedSameDay: 10 }),
        0,
      ),
    ).toBeNull();
  });
});
