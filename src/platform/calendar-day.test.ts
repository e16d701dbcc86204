import { describe, expect, it } from 'vitest';
import { calendarDay } from './calendar-day.js';

describe('calendarDay', () => {
  it.each(['2026-12-01', '2028-02-29', '2000-01-01', '2099-12-31'])('takes %s', (day) => {
    expect(calendarDay(day)).toBe(day);
  });

  it.each([
    '2026-13-45',
    '2026-02-30',
    '2027-02-29',
    '0000-00-00',
    '9999-12-31',
    '1999-12-31',
    '2100-01-01',
    '2026-1-1',
    '20261201',
    ' 2026-12-01',
    '2026-12-01T00:00',
  ])('refuses %s', (day) => {
    expect(calendarDay(day)).toBeNull();
  });
});
