import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isoInZone } from './present.js';

describe('isoInZone', () => {
  it('writes what Luxon writes, across DST changes, in every zone of the network', () => {
    const zones = [
      'America/Mexico_City',
      'America/Cancun',
      'America/Tijuana',
      'America/Hermosillo',
      'America/Mazatlan',
      'America/Matamoros',
      'America/Ciudad_Juarez',
      'America/Merida',
    ];
    // Every 4 hours 7 minutes through 2026, every 5 minutes around the US-dated changes (8 March, 1 November),
    // and some instants with milliseconds.
    const year = Date.UTC(2026, 0, 1);
    const instants: number[] = [];
    for (let t = year; t < year + 365 * 86_400_000; t += 247 * 60_000) instants.push(t, t + 123);
    for (const change of [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 5)]) {
      for (let t = change; t < change + 5 * 3600_000; t += 5 * 60_000) instants.push(t);
    }
    for (const zone of zones) {
      for (const t of instants) {
        const instant = new Date(t);
        expect(isoInZone(instant, zone)).toBe(
          DateTime.fromJSDate(instant, { zone }).toISO({ suppressMilliseconds: true }),
        );
      }
    }
  });
});
