import { describe, expect, it } from 'vitest';
import { type BookingRuleFacts, firstBrokenBookingRule, isTooLateToChange } from './rules.js';

const now = new Date('2026-11-22T15:00:00Z');
const facts = (
  overrides: Partial<BookingRuleFacts> = {},
  slot: Partial<BookingRuleFacts['slot']> = {},
): BookingRuleFacts => ({
  beneficiary: { eligibleUntil: '2027-01-31', unitClues: 'DFIST000101' },
  service: { requiresAdscription: true, requiresReferral: false },
  channel: 'web',
  today: '2026-11-22',
  now,
  ...overrides,
  slot: {
    unitClues: 'DFIST000101',
    serviceCode: 'medicina_familiar',
    localDate: '2026-11-24',
    startsAt: new Date('2026-11-24T14:00:00Z'),
    opensAt: new Date('2026-11-10T13:00:00Z'),
    status: 'free',
    pool: 'web',
    ...slot,
  },
});

describe('booking rules', () => {
  it('accept an eligible person, at their unit, in a free released future slot of their channel', () => {
    expect(firstBrokenBookingRule(facts())).toBeNull();
  });

  it('need eligibility on the day of the appointment, not just today', () => {
    expect(
      firstBrokenBookingRule(
        facts({ beneficiary: { eligibleUntil: '2026-11-23', unitClues: 'DFIST000101' } }),
      ),
    ).toBe('NOT_ELIGIBLE');
    expect(
      firstBrokenBookingRule(
        facts({ beneficiary: { eligibleUntil: '2026-11-24', unitClues: 'DFIST000101' } }),
      ),
    ).toBeNull();
  });

  it('keep family medicine at the unit of adscription', () => {
    expect(firstBrokenBookingRule(facts({}, { unitClues: 'JCIST000202' }))).toBe('WRONG_UNIT');
    expect(
      firstBrokenBookingRule(
        facts(
          { service: { requiresAdscription: false, requiresReferral: false } },
          { unitClues: 'JCIST000202' },
        ),
      ),
    ).toBeNull();
  });

  it('send services that need a referral to staff channels', () => {
    const referral = { requiresAdscription: false, requiresReferral: true };
    expect(firstBrokenBookingRule(facts({ service: referral }))).toBe('REFERRAL_REQUIRED');
    expect(
      firstBrokenBookingRule(facts({ service: referral, channel: 'agent' }, { pool: 'phone' })),
    ).toBeNull();
  });

  it('refuse past and not yet released slots', () => {
    expect(firstBrokenBookingRule(facts({}, { startsAt: new Date('2026-11-22T14:59:00Z') }))).toBe(
      'OUTSIDE_BOOKING_WINDOW',
    );
    expect(firstBrokenBookingRule(facts({}, { opensAt: new Date('2026-11-22T15:01:00Z') }))).toBe(
      'OUTSIDE_BOOKING_WINDOW',
    );
  });

  it('refuse taken slots, and say so apart from slots closed by a closure or absence', () => {
    expect(firstBrokenBookingRule(facts({}, { status: 'booked' }))).toBe('SLOT_TAKEN');
    expect(firstBrokenBookingRule(facts({}, { status: 'blocked' }))).toBe('SLOT_CLOSED');
  });

  it("keep each channel to its share, but let the counter fill the day's leftovers", () => {
    expect(firstBrokenBookingRule(facts({}, { pool: 'phone' }))).toBe('QUOTA_EXHAUSTED');
    expect(firstBrokenBookingRule(facts({ channel: 'ivr' }, { pool: 'phone' }))).toBeNull();
    expect(firstBrokenBookingRule(facts({ channel: 'counter' }, { pool: 'web' }))).toBe('QUOTA_EXHAUSTED');
    const sameDay = { localDate: '2026-11-22', startsAt: new Date('2026-11-22T20:00:00Z') };
    expect(firstBrokenBookingRule(facts({ channel: 'counter' }, { pool: 'web', ...sameDay }))).toBeNull();
  });

  it('close changes a configurable time before the start, except for an appointment a closure took away', () => {
    const booked = { startsAt: new Date('2026-11-22T17:00:00Z'), needsRebooking: false };
    expect(isTooLateToChange(booked, now, 120)).toBe(true);
    expect(isTooLateToChange(booked, now, 119)).toBe(false);
    expect(isTooLateToChange({ ...booked, needsRebooking: true }, now, 120)).toBe(false);
  });
});
