/**
 * Spanish (es-MX) wording of instants for screens, SMS and the voice menu.
 * Names and punctuation are spelled out here rather than taken from Intl,
 * whose exact output ("a. m." vs "a.m.", narrow spaces) changes between ICU
 * versions and would break messages and their tests.
 */
import { DateTime } from 'luxon';

const WEEKDAYS = ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'];
const MONTHS = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];

/** "martes 24 de noviembre" */
export function formatDateLong(instant: Date, zone: string): string {
  const t = inZone(instant, zone);
  return `${weekdayName(t)} ${t.day} de ${monthName(t)}`;
}

/** "martes 24 de noviembre de 2026" */
export function formatDateWithYear(instant: Date, zone: string): string {
  return `${formatDateLong(instant, zone)} de ${inZone(instant, zone).year}`;
}

/** "8:20 a. m.", "12:00 p. m." */
export function formatTime(instant: Date, zone: string): string {
  const t = inZone(instant, zone);
  const minutes = String(t.minute).padStart(2, '0');
  return `${clockHour(t.hour)}:${minutes} ${t.hour < 12 ? 'a. m.' : 'p. m.'}`;
}

/** "martes 24 de noviembre, 8:20 a. m." */
export function formatDateTime(instant: Date, zone: string): string {
  return `${formatDateLong(instant, zone)}, ${formatTime(instant, zone)}`;
}

/**
 * Fully in words, for text-to-speech:
 * "martes veinticuatro de noviembre a las ocho veinte de la mañana".
 */
export function spokenDateTime(instant: Date, zone: string): string {
  const t = inZone(instant, zone);
  // Mexicans say "primero de mayo", not "uno de mayo".
  const day = t.day === 1 ? 'primero' : numberToSpanishWords(t.day);
  return `${weekdayName(t)} ${day} de ${monthName(t)} ${spokenTime(t.hour, t.minute)}`;
}

function spokenTime(hour: number, minute: number): string {
  const h = clockHour(hour);
  const hourWords = h === 1 ? 'a la una' : `a las ${numberToSpanishWords(h)}`;
  let minuteWords: string;
  if (minute === 0) minuteWords = 'en punto';
  else if (minute < 10)
    minuteWords = `y ${numberToSpanishWords(minute)}`; // "ocho y cinco"
  else minuteWords = numberToSpanishWords(minute); // "ocho cuarenta y cinco"
  return `${hourWords} ${minuteWords} ${dayPeriod(hour)}`;
}

function dayPeriod(hour: number): string {
  // "doce de la mañana" is heard as noon by many callers, so the midnight
  // hour is "de la noche" to keep a 00:30 appointment from being missed.
  if (hour === 0) return 'de la noche';
  if (hour < 12) return 'de la mañana';
  if (hour === 12) return 'del día';
  if (hour < 19) return 'de la tarde';
  return 'de la noche';
}

const UNITS = [
  'cero',
  'uno',
  'dos',
  'tres',
  'cuatro',
  'cinco',
  'seis',
  'siete',
  'ocho',
  'nueve',
  'diez',
  'once',
  'doce',
  'trece',
  'catorce',
  'quince',
  'dieciséis',
  'diecisiete',
  'dieciocho',
  'diecinueve',
  'veinte',
  'veintiuno',
  'veintidós',
  'veintitrés',
  'veinticuatro',
  'veinticinco',
  'veintiséis',
  'veintisiete',
  'veintiocho',
  'veintinueve',
];
const TENS = ['', '', '', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa'];
const HUNDREDS = [
  '',
  'ciento',
  'doscientos',
  'trescientos',
  'cuatrocientos',
  'quinientos',
  'seiscientos',
  'setecientos',
  'ochocientos',
  'novecientos',
];

/** Cardinal number in words, 0–9999: "veintiuno", "ciento uno", "dos mil veintiséis". */
export function numberToSpanishWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) {
    throw new RangeError(`Only integers 0–9999 can be spelled, got ${n}`);
  }
  if (n < 1000) return upTo999(n);
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const head = thousands === 1 ? 'mil' : `${pick(UNITS, thousands)} mil`;
  return rest === 0 ? head : `${head} ${upTo999(rest)}`;
}

function upTo999(n: number): string {
  if (n === 100) return 'cien';
  if (n < 100) return upTo99(n);
  const rest = n % 100;
  const hundreds = pick(HUNDREDS, Math.floor(n / 100));
  return rest === 0 ? hundreds : `${hundreds} ${upTo99(rest)}`;
}

function upTo99(n: number): string {
  if (n < 30) return pick(UNITS, n);
  const tens = pick(TENS, Math.floor(n / 10));
  return n % 10 === 0 ? tens : `${tens} y ${pick(UNITS, n % 10)}`;
}

const LETTER_NAMES = new Map(
  Object.entries({
    A: 'a',
    B: 'be',
    C: 'ce',
    D: 'de',
    E: 'e',
    F: 'efe',
    G: 'ge',
    H: 'hache',
    I: 'i',
    J: 'jota',
    K: 'ka',
    L: 'ele',
    M: 'eme',
    N: 'ene',
    Ñ: 'eñe',
    O: 'o',
    P: 'pe',
    Q: 'cu',
    R: 'erre',
    S: 'ese',
    T: 'te',
    U: 'u',
    V: 'uve',
    W: 'doble u',
    X: 'equis',
    Y: 'ye',
    Z: 'zeta',
  }),
);

/**
 * Spells a code for text-to-speech: "K7M4" → "ka, siete, eme, cuatro".
 * The commas make the synthesiser pause between symbols. Separators such as
 * the dash of a formatted folio are not read.
 */
export function spokenCharacters(text: string): string {
  const names: string[] = [];
  for (const c of text) {
    const name = /^[0-9]$/.test(c) ? pick(UNITS, Number(c)) : LETTER_NAMES.get(c.toUpperCase());
    if (name !== undefined) names.push(name);
  }
  return names.join(', ');
}

function inZone(instant: Date, zone: string): DateTime {
  const t = DateTime.fromJSDate(instant, { zone });
  if (!t.isValid) throw new RangeError(`Cannot place ${String(instant)} in ${zone}: ${t.invalidExplanation}`);
  return t;
}

function clockHour(hour: number): number {
  return hour % 12 === 0 ? 12 : hour % 12;
}

function weekdayName(t: DateTime): string {
  return pick(WEEKDAYS, t.weekday - 1);
}

function monthName(t: DateTime): string {
  return pick(MONTHS, t.month - 1);
}

/** Indexes a word table; the ranges are checked by the callers. */
function pick(words: readonly string[], index: number): string {
  const word = words[index];
  if (word === undefined) throw new RangeError(`No word for index ${index}`);
  return word;
}
