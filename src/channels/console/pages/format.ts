import {
  formatDateLong,
  formatDateTime,
  formatDateWithYear,
  formatTime,
} from '../../../platform/i18n/dates.js';

/** A calendar day ('YYYY-MM-DD') in words: "miércoles 12 de abril de 1978". */
export const formatDay = (day: string) => formatDateWithYear(new Date(`${day}T12:00:00Z`), 'UTC');

/** An instant on the unit's walls: "martes 24 de noviembre, 8:20 a. m.". */
export const formatWhen = (instant: Date, timeZone: string) => formatDateTime(instant, timeZone);

/** "55 1234 5678", the way a number is read back to a caller. */
export const formatPhone = (phone: string) => `${phone.slice(0, 2)} ${phone.slice(2, 6)} ${phone.slice(6)}`;

/** A past instant with its year (sign-ins, account creation): "domingo 22 de noviembre de 2026, 11:25 a. m.". */
export const formatPast = (instant: Date, timeZone: string) =>
  `${formatDateWithYear(instant, timeZone)}, ${formatTime(instant, timeZone)}`;

/** A calendar day ('YYYY-MM-DD') without its year, for days close at hand: "jueves 3 de diciembre". */
export const formatDayShort = (day: string) => formatDateLong(new Date(`${day}T12:00:00Z`), 'UTC');
