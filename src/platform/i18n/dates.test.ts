import { describe, expect, it } from 'vitest';
import {
  formatDateLong,
  formatDateTime,
  formatDateWithYear,
  formatTime,
  numberToSpanishWords,
  spokenCharacters,
  spokenDateTime,
} from './dates.js';

const MEXICO_CITY = 'America/Mexico_City';
const at = (iso: string): Date => new Date(iso);

// Tuesday 24 November 2026, 8:20 in Mexico City (UTC-6, no DST since 2022).
const TUESDAY_8_20 = at('2026-11-24T14:20:00Z');

describe('written dates and times', () => {
  it('writes the long date without year, lowercase', () => {
    expect(formatDateLong(TUESDAY_8_20, MEXICO_CITY)).toBe('martes 24 de noviembre');
  });

  it('writes the date with year', () => {
    expect(formatDateWithYear(TUESDAY_8_20, MEXICO_CITY)).toBe('martes 24 de noviembre de 2026');
  });

  it('writes a 12-hour time with "a. m." / "p. m." and plain spaces', () => {
    expect(formatTime(TUESDAY_8_20, MEXICO_CITY)).toBe('8:20 a. m.');
    expect(formatTime(at('2026-11-24T22:05:00Z'), MEXICO_CITY)).toBe('4:05 p. m.');
    expect(formatTime(at('2026-11-24T18:00:00Z'), MEXICO_CITY)).toBe('12:00 p. m.');
    expect(formatTime(at('2026-11-24T06:00:00Z'), MEXICO_CITY)).toBe('12:00 a. m.');
  });

  it('joins date and time with a comma', () => {
    expect(formatDateTime(TUESDAY_8_20, MEXICO_CITY)).toBe('martes 24 de noviembre, 8:20 a. m.');
  });

  it('keeps Cancún on UTC-5 all year', () => {
    expect(formatDateTime(at('2026-11-24T13:20:00Z'), 'America/Cancun')).toBe(
      'martes 24 de noviembre, 8:20 a. m.',
    );
    expect(formatTime(at('2026-07-14T13:20:00Z'), 'America/Cancun')).toBe('8:20 a. m.');
  });

  it('follows Tijuana across its March 2026 daylight-saving change', () => {
    expect(formatDateTime(at('2026-03-06T16:20:00Z'), 'America/Tijuana')).toBe(
      'viernes 6 de marzo, 8:20 a. m.',
    );
    expect(formatDateTime(at('2026-03-09T15:20:00Z'), 'America/Tijuana')).toBe(
      'lunes 9 de marzo, 8:20 a. m.',
    );
  });

  it('keeps Hermosillo on UTC-7 all year', () => {
    expect(formatTime(at('2026-01-15T15:20:00Z'), 'America/Hermosillo')).toBe('8:20 a. m.');
    expect(formatTime(at('2026-07-15T15:20:00Z'), 'America/Hermosillo')).toBe('8:20 a. m.');
  });

  it('gives the day as lived in the zone, not in UTC', () => {
    const instant = at('2026-11-25T05:30:00Z');
    expect(formatDateTime(instant, MEXICO_CITY)).toBe('martes 24 de noviembre, 11:30 p. m.');
    expect(formatDateTime(instant, 'America/Cancun')).toBe('miércoles 25 de noviembre, 12:30 a. m.');
  });

  it('refuses an unknown time zone', () => {
    expect(() => formatDateLong(TUESDAY_8_20, 'America/Atlantis')).toThrow(RangeError);
  });
});

describe('spokenDateTime', () => {
  const spokenAt = (localIso: string): string => spokenDateTime(at(`${localIso}-06:00`), MEXICO_CITY);

  it('says the full sample sentence', () => {
    expect(spokenDateTime(TUESDAY_8_20, MEXICO_CITY)).toBe(
      'martes veinticuatro de noviembre a las ocho veinte de la mañana',
    );
  });

  it.each([
    ['2026-11-24T08:00', 'a las ocho en punto de la mañana'],
    ['2026-11-24T08:05', 'a las ocho y cinco de la mañana'],
    ['2026-11-24T08:15', 'a las ocho quince de la mañana'],
    ['2026-11-24T08:30', 'a las ocho treinta de la mañana'],
    ['2026-11-24T08:45', 'a las ocho cuarenta y cinco de la mañana'],
    ['2026-11-24T11:59', 'a las once cincuenta y nueve de la mañana'],
    ['2026-11-24T12:00', 'a las doce en punto del día'],
    ['2026-11-24T12:30', 'a las doce treinta del día'],
    ['2026-11-24T13:00', 'a la una en punto de la tarde'],
    ['2026-11-24T13:10', 'a la una diez de la tarde'],
    ['2026-11-24T18:59', 'a las seis cincuenta y nueve de la tarde'],
    ['2026-11-24T19:00', 'a las siete en punto de la noche'],
    ['2026-11-24T23:21', 'a las once veintiuno de la noche'],
    ['2026-11-24T01:07', 'a la una y siete de la mañana'],
    // Midnight hour: "doce de la mañana" would be heard as noon.
    ['2026-11-24T00:30', 'a las doce treinta de la noche'],
  ])('%s → "…%s"', (local, expected) => {
    expect(spokenAt(local)).toBe(`martes veinticuatro de noviembre ${expected}`);
  });

  it('says "primero" for the first day of the month', () => {
    expect(spokenAt('2026-12-01T09:00')).toBe(
      'martes primero de diciembre a las nueve en punto de la mañana',
    );
  });
});

describe('numberToSpanishWords', () => {
  it.each([
    [0, 'cero'],
    [1, 'uno'],
    [15, 'quince'],
    [16, 'dieciséis'],
    [20, 'veinte'],
    [21, 'veintiuno'],
    [22, 'veintidós'],
    [26, 'veintiséis'],
    [30, 'treinta'],
    [31, 'treinta y uno'],
    [99, 'noventa y nueve'],
    [100, 'cien'],
    [101, 'ciento uno'],
    [115, 'ciento quince'],
    [500, 'quinientos'],
    [777, 'setecientos setenta y siete'],
    [999, 'novecientos noventa y nueve'],
    [1000, 'mil'],
    [1001, 'mil uno'],
    [1100, 'mil cien'],
    [2026, 'dos mil veintiséis'],
    [9999, 'nueve mil novecientos noventa y nueve'],
  ])('%i → %s', (n, words) => {
    expect(numberToSpanishWords(n)).toBe(words);
  });

  it('refuses numbers it cannot say', () => {
    expect(() => numberToSpanishWords(-1)).toThrow(RangeError);
    expect(() => numberToSpanishWords(10_000)).toThrow(RangeError);
    expect(() => numberToSpanishWords(1.5)).toThrow(RangeError);
  });
});

describe('spokenCharacters', () => {
  it('spells a code symbol by symbol, separated by pauses', () => {
    expect(spokenCharacters('K7M4')).toBe('ka, siete, eme, cuatro');
  });

  it('uses the Spanish names of every letter', () => {
    expect(spokenCharacters('ABCDEFGHIJKLMNÑOPQRSTUVWXYZ')).toBe(
      'a, be, ce, de, e, efe, ge, hache, i, jota, ka, ele, eme, ene, eñe, o, pe, cu, erre, ese, ' +
        'te, u, uve, doble u, equis, ye, zeta',
    );
  });

  it('reads lowercase and skips the dash of a formatted folio', () => {
    expect(spokenCharacters('k7m4-ac90')).toBe('ka, siete, eme, cuatro, a, ce, nueve, cero');
  });
});
