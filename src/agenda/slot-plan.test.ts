import { describe, expect, it } from 'vitest';
import { type AgendaTemplate, assignPools, localDays, pickSameDay, planSlots } from './slot-plan.js';

const template = (overrides: Partial<AgendaTemplate> = {}): AgendaTemplate => ({
  id: 1,
  resourceId: 1,
  unitClues: 'DFIST000001',
  serviceCode: 'medicina_familiar',
  shift: 'M',
  timeZone: 'America/Mexico_City',
  weekdays: [1, 2, 3, 4, 5],
  startTime: '08:00',
  endTime: '09:00',
  slotMinutes: 20,
  horizonDays: 14,
  releaseTime: '07:00',
  shares: { web: 50, phone: 35, counter: 15 },
  validFrom: '2020-01-01',
  validUntil: null,
  ...overrides,
});

const startsIn = (t: AgendaTemplate, day: string) =>
  planSlots(t, [day], new Set()).map((s) => s.startsAt.toISOString());

describe('slot generation keeps 08:00 on the clinic wall in every zone and season', () => {
  it('Mexico City has no daylight saving time since 2022 (UTC-6 in winter and summer)', () => {
    expect(startsIn(template(), '2026-01-12')[0]).toBe('2026-01-12T14:00:00.000Z');
    expect(startsIn(template(), '2026-07-13')[0]).toBe('2026-07-13T14:00:00.000Z');
  });

  it('Cancún is UTC-5 all year', () => {
    expect(startsIn(template({ timeZone: 'America/Cancun' }), '2026-07-13')[0]).toBe(
      '2026-07-13T13:00:00.000Z',
    );
  });

  it('Hermosillo is UTC-7 all year', () => {
    const t = template({ timeZone: 'America/Hermosillo' });
    expect(startsIn(t, '2026-01-12')[0]).toBe('2026-01-12T15:00:00.000Z');
    expect(startsIn(t, '2026-07-13')[0]).toBe('2026-07-13T15:00:00.000Z');
  });

  it('Tijuana follows the 2026 US change: UTC-8 until 8 March, UTC-7 after, UTC-8 again from 1 November', () => {
    const t = template({ timeZone: 'America/Tijuana' });
    expect(startsIn(t, '2026-03-06')[0]).toBe('2026-03-06T16:00:00.000Z'); // Friday before
    expect(startsIn(t, '2026-03-09')[0]).toBe('2026-03-09T15:00:00.000Z'); // Monday after
    expect(startsIn(t, '2026-10-30')[0]).toBe('2026-10-30T15:00:00.000Z');
    expect(startsIn(t, '2026-11-02')[0]).toBe('2026-11-02T16:00:00.000Z');
  });

  it('skips start times that do not exist when Tijuana springs forward, and keeps real durations', () => {
    const t = template({
      timeZone: 'America/Tijuana',
      weekdays: [7],
      startTime: '01:00',
      endTime: '04:00',
      slotMinutes: 60,
    });
    const slots = planSlots(t, ['2026-03-08'], new Set());
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
      '2026-03-08T09:00:00.000Z',
      '2026-03-08T10:00:00.000Z',
    ]);
    expect(slots.every((s) => s.endsAt.getTime() - s.startsAt.getTime() === 3_600_000)).toBe(true);
  });

  it('opens each day for booking at the release time, horizon days before', () => {
    const [slot] = planSlots(template({ horizonDays: 14 }), ['2026-11-24'], new Set());
    expect(slot?.opensAt.toISOString()).toBe('2026-11-10T13:00:00.000Z');
  });
});

describe('what a template yields', () => {
  it('only its weekdays, inside its validity, never on closed days', () => {
    const days = localDays('2026-11-20', 5); // Fri, Sat, Sun, Mon, Tue
    const slots = planSlots(template({ validUntil: '2026-11-23' }), days, new Set(['2026-11-20']));
    expect([...new Set(slots.map((s) => s.localDate))]).toEqual(['2026-11-23']);
    expect(slots).toHaveLength(3);
  });

  it('no slot that overlaps an absence of the resource', () => {
    const absence = { startsAt: new Date('2026-11-23T14:15:00Z'), endsAt: new Date('2026-11-23T14:25:00Z') };
    const slots = planSlots(template(), ['2026-11-23'], new Set(), [absence]);
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual(['2026-11-23T14:40:00.000Z']);
  });

  it('spreads the channel shares over the day instead of giving one channel the early hours', () => {
    const pools = assignPools(20, { web: 50, phone: 35, counter: 15 });
    expect(pools.filter((p) => p === 'web')).toHaveLength(10);
    expect(pools.filter((p) => p === 'phone')).toHaveLength(7);
    expect(pools.filter((p) => p === 'counter')).toHaveLength(3);
    expect(pools.slice(0, 4)).toContain('phone');
  });
});

describe('the same-day share (advanced access)', () => {
  it('opens the share of a day’s slots that same morning, spread over the day, the rest at the horizon', () => {
    const t = template({ endTime: '12:00', sameDayShare: 25 });
    const slots = planSlots(t, ['2026-12-07'], new Set());
    const sameMorning = new Date('2026-12-07T13:00:00.000Z'); // 07:00 in Mexico City
    const horizon = new Date('2026-11-23T13:00:00.000Z');
    const opens = slots.map((s) => s.opensAt.getTime());
    expect(opens.filter((o) => o === sameMorning.getTime())).toHaveLength(3);
    expect(opens.filter((o) => o === horizon.getTime())).toHaveLength(9);
    // One in each stretch of four slots, not three in a row.
    expect(pickSameDay(12, 25)).toEqual([
      false,
      true,
      false,
      false,
      false,
      true,
      false,
      false,
      false,
      true,
      false,
      false,
    ]);
  });

  it('keeps every pool in the same-day share and leaves a template without it unchanged', () => {
    const t = template({ endTime: '14:00', sameDayShare: 50 });
    const same = planSlots(t, ['2026-12-07'], new Set()).filter(
      (s) => s.opensAt.getTime() === new Date('2026-12-07T13:00:00.000Z').getTime(),
    );
    expect(new Set(same.map((s) => s.pool))).toEqual(new Set(['web', 'phone', 'counter']));
    expect(planSlots(template({ sameDayShare: 0 }), ['2026-12-07'], new Set())).toEqual(
      planSlots(template(), ['2026-12-07'], new Set()),
    );
    expect(pickSameDay(5, 0)).toEqual([false, false, false, false, false]);
    expect(pickSameDay(4, 100)).toEqual([true, true, true, true]);
  });
});
