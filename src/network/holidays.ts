/**
 * Mexico's mandatory rest days (Ley Federal del Trabajo, art. 74), in the
 * form in force since the 2006 reform that moved three of them to Mondays.
 * Election days (fraction X) are set case by case and are not included.
 */

export interface Holiday {
  /** YYYY-MM-DD */
  date: string;
  /** Spanish name, shown to users. */
  name: string;
}

// From 2024 the federal executive takes office on 1 October (2014 reform);
// until 2018 it was 1 December, both every six years.
const FIRST_OCTOBER_INAUGURATION = 2024;
const LAST_DECEMBER_INAUGURATION = 2018;

export function nationalHolidays(year: number): Holiday[] {
  if (!Number.isInteger(year) || year < 2006 || year > 9999) {
    throw new RangeError(`Holiday rules are only known for 2006–9999, got ${year}`);
  }
  const holidays: Holiday[] = [
    { date: isoDate(year, 1, 1), name: 'Año Nuevo' },
    { date: isoDate(year, 2, nthMonday(year, 2, 1)), name: 'Día de la Constitución' },
    { date: isoDate(year, 3, nthMonday(year, 3, 3)), name: 'Natalicio de Benito Juárez' },
    { date: isoDate(year, 5, 1), name: 'Día del Trabajo' },
    { date: isoDate(year, 9, 16), name: 'Día de la Independencia' },
    { date: isoDate(year, 11, nthMonday(year, 11, 3)), name: 'Día de la Revolución' },
    { date: isoDate(year, 12, 25), name: 'Navidad' },
  ];
  const inauguration = 'Transmisión del Poder Ejecutivo Federal';
  if (year >= FIRST_OCTOBER_INAUGURATION && (year - FIRST_OCTOBER_INAUGURATION) % 6 === 0) {
    holidays.push({ date: isoDate(year, 10, 1), name: inauguration });
  }
  if (year <= LAST_DECEMBER_INAUGURATION && (LAST_DECEMBER_INAUGURATION - year) % 6 === 0) {
    holidays.push({ date: isoDate(year, 12, 1), name: inauguration });
  }
  // ISO dates sort chronologically as plain strings.
  return holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Day of the month of the n-th Monday (n = 1 is the first). */
function nthMonday(year: number, month: number, n: number): number {
  const weekdayOfFirst = new Date(Date.UTC(year, month - 1, 1)).getUTCDay(); // 0 = Sunday
  const firstMonday = 1 + ((8 - weekdayOfFirst) % 7);
  return firstMonday + 7 * (n - 1);
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
