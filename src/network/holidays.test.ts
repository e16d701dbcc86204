import { describe, expect, it } from 'vitest';
import { nationalHolidays } from './holidays.js';

describe('nationalHolidays', () => {
  it('lists the 2026 rest days in date order, Monday holidays moved', () => {
    expect(nationalHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Año Nuevo' },
      { date: '2026-02-02', name: 'Día de la Constitución' },
      { date: '2026-03-16', name: 'Natalicio de Benito Juárez' },
      { date: '2026-05-01', name: 'Día del Trabajo' },
      { date: '2026-09-16', name: 'Día de la Independencia' },
      { date: '2026-11-16', name: 'Día de la Revolución' },
      { date: '2026-12-25', name: 'Navidad' },
    ]);
  });

  it('adds 1 October every six years from 2024, when the president takes office', () => {
    const inauguration = { date: '2030-10-01', name: 'Transmisión del Poder Ejecutivo Federal' };
    expect(nationalHolidays(2030)).toContainEqual(inauguration);
    expect(nationalHolidays(2024).map((h) => h.date)).toContain('2024-10-01');
    expect(nationalHolidays(2036).map((h) => h.date)).toContain('2036-10-01');
    expect(nationalHolidays(2027).map((h) => h.date)).not.toContain('2027-10-01');
  });

  it('keeps the extra day in date order', () => {
    const dates = nationalHolidays(2030).map((h) => h.date);
    expect(dates.indexOf('2030-10-01')).toBe(dates.indexOf('2030-09-16') + 1);
  });

  it('used 1 December for inaugurations up to 2018', () => {
    expect(nationalHolidays(2018).map((h) => h.date)).toContain('2018-12-01');
    expect(nationalHolidays(2024).map((h) => h.date)).not.toContain('2024-12-01');
  });

  it('picks the first and third Mondays even when the month starts on a Monday', () => {
    // 1 February 2027 and 1 March 2027 are Mondays.
    const dates = nationalHolidays(2027).map((h) => h.date);
    expect(dates).toContain('2027-02-01');
    expect(dates).toContain('2027-03-15');
  });

  it('refuses years before the 2006 Monday rules', () => {
    expect(() => nationalHolidays(2005)).toThrow(RangeError);
    expect(() => nationalHolidays(2026.5)).toThrow(RangeError);
  });
});
