// The set-based horizon roll writes exactly what the pure planner plans: the same slots, instants,
// release times and channel pools, across Tijuana's daylight-saving changes, closures, holidays
// and absences. Proven on fixed cases and on random templates.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aClinic, type TestClinic } from '../../test/support/factories.js';
import { rollUnitHorizon } from './roll-horizon.js';
import { type Interval, localDays, localToday, type PlannedSlot, planSlots } from './slot-plan.js';
import { loadTemplates } from './templates.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

interface TemplateShape {
  weekdays: number[];
  start: string;
  end: string;
  slotMinutes: number;
  horizonDays: number;
  release: string;
  shares: [number, number, number];
  /** Percent released the same morning (advanced access); 0 when absent. */
  sameDay?: number;
}

async function aUnitWith(timeZone: string, shape: TemplateShape): Promise<TestClinic> {
  const clinic = await aClinic(database.db, { timeZone });
  await database.db
    .updateTable('agenda_templates')
    .set({
      weekdays: shape.weekdays,
      start_time: shape.start,
      end_time: shape.end,
      slot_minutes: shape.slotMinutes,
      horizon_days: shape.horizonDays,
      release_time: shape.release,
      share_web: shape.shares[0],
      share_phone: shape.shares[1],
      share_counter: shape.shares[2],
      share_same_day: shape.sameDay ?? 0,
    })
    .where('id', '=', clinic.templateId)
    .execute();
  return clinic;
}

/** What the pure planner plans for the unit at `now` (as generateSlots does). */
async function planned(clinic: TestClinic, now: Date) {
  const [template] = await loadTemplates(database.db, clinic.clues);
  if (!template) throw new Error('no template');
  const days = localDays(localToday(now, template.timeZone), template.horizonDays + 1);
  const closed = await database.db
    .selectFrom('closures')
    .select('day')
    .where((eb) => eb.or([eb('unit_clues', 'is', null), eb('unit_clues', '=', clinic.clues)]))
    .execute();
  const absences: Interval[] = await database.db
    .selectFrom('absences')
    .select(['starts_at as startsAt', 'ends_at as endsAt'])
    .where('resource_id', '=', clinic.resourceId)
    .where('ends_at', '>', now)
    .execute();
  return planSlots(template, days, new Set(closed.map((c) => c.day)), absences).map(comparable);
}

const comparable = (s: Pick<PlannedSlot, 'localDate' | 'startsAt' | 'endsAt' | 'opensAt' | 'pool'>) =>
  `${s.localDate} ${s.startsAt.toISOString()} ${s.endsAt.toISOString()} ${s.opensAt.toISOString()} ${s.pool}`;

async function rolled(clinic: TestClinic) {
  const rows = await database.db
    .selectFrom('slots')
    .select([
      'local_date as localDate',
      'starts_at as startsAt',
      'ends_at as endsAt',
      'opens_at as opensAt',
      'pool',
    ])
    .where('resource_id', '=', clinic.resourceId)
    .orderBy('starts_at')
    .execute();
  return rows.map(comparable);
}

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

describe('rolling a unit’s horizon in one statement', () => {
  it.each([
    // Tijuana springs forward on Sunday 14 March 2027 at 02:00: 02:00–02:59 never shows.
    ['Tijuana, spring forward', 'America/Tijuana', '2027-03-10T18:00:00Z', '00:00', '05:00'],
    // …and falls back on Sunday 7 November 2027 at 02:00: 01:00–01:59 shows twice.
    ['Tijuana, fall back', 'America/Tijuana', '2027-11-03T18:00:00Z', '00:00', '05:00'],
    ['Cancún, no daylight time', 'America/Cancun', '2027-03-10T18:00:00Z', '07:00', '19:30'],
    ['Mexico City, a night shift', 'America/Mexico_City', '2027-03-10T18:00:00Z', '20:00', '23:50'],
  ])('writes what the planner plans (%s)', async (_name, zone, at, start, end) => {
    const now = new Date(at);
    const clinic = await aUnitWith(zone, {
      weekdays: EVERY_DAY,
      start,
      end,
      slotMinutes: 20,
      horizonDays: 10,
      release: '02:30',
      shares: [50, 35, 15],
    });
    const expected = await planned(clinic, now);
    expect(await rollUnitHorizon(database.db, clinic.clues, now)).toBe(expected.length);
    expect(await rolled(clinic)).toEqual(expected);
    expect(await rollUnitHorizon(database.db, clinic.clues, now)).toBe(0); // idempotent
  });

  it('leaves out closures, national holidays and absences, and pools what is left as the planner does', async () => {
    const now = new Date('2027-05-03T15:00:00Z');
    const clinic = await aUnitWith('America/Hermosillo', {
      weekdays: [1, 2, 3, 4, 5],
      start: '08:00',
      end: '14:00',
      slotMinutes: 15,
      horizonDays: 14,
      release: '07:00',
      shares: [60, 30, 10],
    });
    await database.db
      .insertInto('closures')
      .values([
        { unit_clues: clinic.clues, day: '2027-05-05', reason: 'Batalla de Puebla (cierre local)' },
        { unit_clues: null, day: '2027-05-10', reason: 'Día de las Madres (nacional, de prueba)' },
      ])
      .execute();
    await database.db
      .insertInto('absences')
      .values({
        resource_id: clinic.resourceId,
        starts_at: new Date('2027-05-06T17:10:00Z'),
        ends_at: new Date('2027-05-06T19:00:00Z'),
        reason: 'Curso',
      })
      .execute();
    const expected = await planned(clinic, now);
    expect(expected.some((s) => s.startsWith('2027-05-05') || s.startsWith('2027-05-10'))).toBe(false);
    await rollUnitHorizon(database.db, clinic.clues, now);
    expect(await rolled(clinic)).toEqual(expected);
  });

  it('agrees with the planner on random templates, zones and moments', async () => {
    const time = (minMinute: number, maxMinute: number) =>
      fc
        .integer({ min: minMinute, max: maxMinute })
        .map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
    const shape = fc.record({
      weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      start: time(0, 12 * 60),
      end: time(12 * 60 + 30, 23 * 60 + 59),
      slotMinutes: fc.constantFrom(10, 15, 20, 30, 45),
      horizonDays: fc.integer({ min: 1, max: 20 }),
      release: time(0, 23 * 60 + 59),
      // Shares add up to 100 (a constraint): two cuts of 0..100.
      shares: fc
        .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
        .map(([a, b]): [number, number, number] => [
          Math.min(a, b),
          Math.max(a, b) - Math.min(a, b),
          100 - Math.max(a, b),
        ]),
      sameDay: fc.constantFrom(0, 10, 25, 50, 100),
    });
    const zone = fc.constantFrom(
      'America/Tijuana',
      'America/Cancun',
      'America/Mexico_City',
      'America/Matamoros',
    );
    // Around both of 2027's changes of the clocks, and an ordinary week.
    const moment = fc.constantFrom('2027-03-08T07:30:00Z', '2027-10-30T06:59:00Z', '2027-06-15T12:00:00Z');
    await fc.assert(
      fc.asyncProperty(shape, zone, moment, async (s, z, at) => {
        const clinic = await aUnitWith(z, s);
        const now = new Date(at);
        await rollUnitHorizon(database.db, clinic.clues, now);
        expect(await rolled(clinic)).toEqual(await planned(clinic, now));
      }),
      { numRuns: 15 },
    );
  });
});
