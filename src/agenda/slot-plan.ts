import { DateTime } from 'luxon';
import type { SlotPool } from '../platform/db/schema.js';

export interface AgendaTemplate {
  id: number;
  resourceId: number;
  unitClues: string;
  serviceCode: string;
  shift: 'M' | 'V';
  timeZone: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** Local wall-clock times, 'HH:MM' or 'HH:MM:SS'. */
  startTime: string;
  endTime: string;
  slotMinutes: number;
  horizonDays: number;
  releaseTime: string;
  shares: Record<SlotPool, number>;
  /**
   * Percent of each day's slots released on the morning of that same day (advanced access), at
   * `releaseTime`, instead of `horizonDays` before; spread over the day and over every pool. 0 when absent.
   */
  sameDayShare?: number;
  validFrom: string;
  validUntil: string | null;
}

export interface PlannedSlot {
  templateId: number;
  resourceId: number;
  unitClues: string;
  serviceCode: string;
  localDate: string;
  shift: 'M' | 'V';
  startsAt: Date;
  endsAt: Date;
  opensAt: Date;
  pool: SlotPool;
}

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

const POOLS: readonly SlotPool[] = ['web', 'phone', 'counter'];

/**
 * The slots a template yields on the given local days. Pure: the caller supplies the days, the
 * closed days and the resource's absences. Wall-clock start times that do not exist in the zone (the
 * hour skipped when Tijuana springs forward) yield no slot; a repeated hour yields its first occurrence.
 */
export function planSlots(
  template: AgendaTemplate,
  days: readonly string[],
  closedDays: ReadonlySet<string>,
  absences: readonly Interval[] = [],
): PlannedSlot[] {
  const planned: PlannedSlot[] = [];
  const first = minutesOfDay(template.startTime);
  const last = minutesOfDay(template.endTime);
  for (const day of days) {
    if (day < template.validFrom || (template.validUntil && day > template.validUntil)) continue;
    if (closedDays.has(day)) continue;
    const midnight = DateTime.fromISO(day, { zone: template.timeZone });
    if (!template.weekdays.includes(midnight.weekday)) continue;
    const opensAt = wallClock(
      midnight.minus({ days: template.horizonDays }),
      minutesOfDay(template.releaseTime),
    );
    const daySlots: Omit<PlannedSlot, 'pool'>[] = [];
    const startOf = wallClockSeries(midnight, first, last, template.slotMinutes);
    for (let m = first; m + template.slotMinutes <= last; m += template.slotMinutes) {
      const start = startOf(m);
      if (!start || !opensAt) continue;
      // A slot lasts its minutes of real time, even across a change of the clocks.
      const end = new Date(start.getTime() + template.slotMinutes * 60_000);
      if (absences.some((a) => start < a.endsAt && end > a.startsAt)) continue;
      daySlots.push({
        templateId: template.id,
        resourceId: template.resourceId,
        unitClues: template.unitClues,
        serviceCode: template.serviceCode,
        localDate: day,
        shift: template.shift,
        startsAt: start,
        endsAt: end,
        opensAt,
      });
    }
    const pools = assignPools(daySlots.length, template.shares);
    const sameDay = pickSameDay(daySlots.length, template.sameDayShare ?? 0);
    const sameMorning = sameDay.includes(true)
      ? wallClock(midnight, minutesOfDay(template.releaseTime))
      : null;
    daySlots.forEach((slot, i) => {
      const opens = sameDay[i] && sameMorning && sameMorning < slot.startsAt ? sameMorning : slot.opensAt;
      planned.push({ ...slot, opensAt: opens, pool: pools[i] ?? 'web' });
    });
  }
  return planned;
}

/**
 * Spreads each channel's share evenly over the day (web, phone, web, counter, …) rather than giving
 * one channel all the early hours: each slot goes to the pool furthest behind its share.
 */
export function assignPools(count: number, shares: Record<SlotPool, number>): SlotPool[] {
  const given: Record<SlotPool, number> = { web: 0, phone: 0, counter: 0 };
  const total = shares.web + shares.phone + shares.counter;
  const result: SlotPool[] = [];
  for (let i = 0; i < count; i++) {
    let best: SlotPool = 'web';
    let bestDeficit = Number.NEGATIVE_INFINITY;
    for (const pool of POOLS) {
      if (shares[pool] === 0) continue;
      const deficit = ((i + 1) * shares[pool]) / total - given[pool];
      if (deficit > bestDeficit + 1e-9) {
        best = pool;
        bestDeficit = deficit;
      }
    }
    given[best]++;
    result.push(best);
  }
  return result;
}

/**
 * Which of a day's `count` slots open the same morning: `share` percent of them (rounded), spread
 * evenly from the first hour to the last, so a same-day caller is not offered only the afternoon.
 */
export function pickSameDay(count: number, share: number): boolean[] {
  return Array.from(
    { length: count },
    (_, i) => Math.floor(((i + 1) * share) / 100 + 0.5) > Math.floor((i * share) / 100 + 0.5),
  );
}

/** Local dates from `from`, `count` days, as 'YYYY-MM-DD'. */
export function localDays(from: string, count: number): string[] {
  const start = DateTime.fromISO(from, { zone: 'UTC' });
  return Array.from({ length: count }, (_, i) => start.plus({ days: i }).toISODate() as string);
}

/** Today's date on the walls of `zone` at instant `now`. */
export const localToday = (now: Date, zone: string): string =>
  DateTime.fromJSDate(now, { zone }).toISODate() as string;

function minutesOfDay(time: string): number {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * Wall-clock starts of one day's slots. When the first and the last start are as far apart in real
 * time as on the wall, the clocks did not change in between (they change at most once a day), so
 * the starts are plain arithmetic; otherwise each one is placed on the zone's clock. Planning a
 * national horizon (millions of slots) is many times faster this way, with the same results.
 */
function wallClockSeries(
  midnight: DateTime,
  first: number,
  last: number,
  step: number,
): (minutes: number) => Date | undefined {
  const lastStart = first + Math.floor((last - first - step) / step) * step;
  const a = wallClock(midnight, first);
  const b = wallClock(midnight, lastStart);
  if (a && b && b.getTime() - a.getTime() === (lastStart - first) * 60_000) {
    const base = a.getTime();
    return (minutes) => new Date(base + (minutes - first) * 60_000);
  }
  return (minutes) => wallClock(midnight, minutes);
}

function wallClock(midnight: DateTime, minutes: number): Date | undefined {
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  if (hour >= 24)
    return midnight
      .plus({ days: 1 })
      .set({ hour: hour - 24, minute })
      .toJSDate();
  const t = midnight.set({ hour, minute });
  // Luxon moves a non-existent wall time forward; such a time is not on any clock that day.
  if (t.hour !== hour || t.minute !== minute) return undefined;
  return t.toJSDate();
}
