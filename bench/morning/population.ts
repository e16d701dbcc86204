// The morning's data in a fresh database: units with one consultorio each whose whole day, 28 days
// ahead, is released at one instant (shares 50 % web / 35 % phone / 15 % counter, planned by the
// product's own planSlots), and the people adscribed there who want it, each with their own phone.
import { DateTime } from 'luxon';
import { planSlots } from '../../src/agenda/slot-plan.js';
import type { Db } from '../../src/platform/db/connect.js';
import { buildCurp } from '../../src/registry/curp.js';
import { DEMO_SERVICES } from '../../src/seed/demo-network.js';
import { MEN_NAMES, SURNAMES, WOMEN_NAMES } from '../../src/seed/names.js';
import { SeededRandom } from '../../src/seed/random.js';
import { type Kind, loopbackAddress, type MorningShape, unitArrivals } from './plan.js';

export const SERVICE = 'medicina_familiar';
const ZONE = 'America/Mexico_City';
const HORIZON_DAYS = 28;

export interface Participant {
  id: number;
  kind: Kind;
  atMs: number;
  curp: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  /** 10 digits, on file: where the sign-in code goes and what the IVR recognises. */
  phone: string;
  unit: string;
  unitName: string;
  /** Source addresses: one for a person, one per browser for a script. */
  addresses: string[];
}

export interface Morning {
  /** The released day, on the units' clock. */
  day: string;
  participants: Participant[];
  released: { web: number; phone: number; counter: number };
}

/** Loads units, their release day's slots (opening far in the future until `openAt`) and the crowd. */
export async function loadMorning(db: Db, shape: MorningShape, now: Date): Promise<Morning> {
  const random = new SeededRandom(shape.seed);
  const day = DateTime.fromJSDate(now, { zone: ZONE }).plus({ days: HORIZON_DAYS }).toISODate() as string;
  await db
    .insertInto('services')
    .values([...DEMO_SERVICES])
    .onConflict((oc) => oc.doNothing())
    .execute();
  const released = { web: 0, phone: 0, counter: 0 };
  const participants: Participant[] = [];
  let scriptBrowsers = 0;
  const usedCurps = new Set<string>();
  for (let u = 0; u < shape.units; u++) {
    const clues = `DFIST${String(900_000 + u).padStart(6, '0')}`;
    const unitName = `Unidad de Medicina Familiar ${u + 1}`;
    await db
      .insertInto('units')
      .values({
        clues,
        name: unitName,
        type: 'UMF',
        state_code: 'DF',
        municipality: 'Coyoacán',
        time_zone: ZONE,
        address: `Avenida Universidad ${100 + u}`,
        phone: '5550000000',
      })
      .execute();
    await db.insertInto('unit_services').values({ unit_clues: clues, service_code: SERVICE }).execute();
    const resource = await db
      .insertInto('resources')
      .values({ unit_clues: clues, name: 'Consultorio 1', kind: 'consultorio', shift: 'M' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const template = {
      resourceId: resource.id,
      unitClues: clues,
      serviceCode: SERVICE,
      shift: 'M' as const,
      timeZone: ZONE,
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      startTime: '08:00',
      endTime: '14:00',
      slotMinutes: 20,
      horizonDays: HORIZON_DAYS,
      releaseTime: '07:00',
      shares: { web: 50, phone: 35, counter: 15 },
      validFrom: day,
      validUntil: day,
    };
    const stored = await db
      .insertInto('agenda_templates')
      .values({
        resource_id: resource.id,
        service_code: SERVICE,
        weekdays: template.weekdays,
        start_time: template.startTime,
        end_time: template.endTime,
        slot_minutes: template.slotMinutes,
        horizon_days: HORIZON_DAYS,
        release_time: template.releaseTime,
        share_web: 50,
        share_phone: 35,
        share_counter: 15,
        valid_from: day,
        valid_until: day,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const slots = planSlots({ ...template, id: stored.id }, [day], new Set());
    for (const s of slots) released[s.pool]++;
    await db
      .insertInto('slots')
      .values(
        slots.map((s) => ({
          template_id: s.templateId,
          resource_id: s.resourceId,
          unit_clues: s.unitClues,
          service_code: s.serviceCode,
          local_date: s.localDate,
          shift: s.shift,
          starts_at: s.startsAt,
          ends_at: s.endsAt,
          // Closed until the run sets the release instant.
          opens_at: new Date('2099-01-01T00:00:00Z'),
          pool: s.pool,
        })),
      )
      .execute();
    const contested = slots.filter((s) => s.pool !== 'counter').length;
    const crowd = unitArrivals(Math.round(contested * shape.demand), shape, random);
    const people = crowd.map((arrival) => ({ arrival, ...aPerson(random, usedCurps) }));
    const rows = await db
      .insertInto('beneficiaries')
      .values(
        people.map((p, i) => ({
          curp: p.curp,
          given_names: p.givenNames,
          first_surname: p.firstSurname,
          second_surname: p.secondSurname,
          birth_date: p.birthDate,
          sex: p.sex,
          phone: `55${String(10_000_000 + participants.length + i).slice(-8)}`,
          email: null,
          category: 'trabajador' as const,
          holder_id: null,
          unit_clues: clues,
          consultorio: 'Consultorio 1',
          shift: 'M' as const,
          eligible_until: '2099-12-31',
          affiliation_number: null,
        })),
      )
      .returning(['id', 'phone'])
      .execute();
    rows.forEach((row, i) => {
      const { arrival, curp, birthDate } = people[i] as (typeof people)[number];
      const n = participants.length;
      const addresses =
        arrival.kind === 'script'
          ? Array.from({ length: shape.scriptSessions }, () => loopbackAddress(2, scriptBrowsers++))
          : [loopbackAddress(1, n)];
      participants.push({
        id: row.id,
        kind: arrival.kind,
        atMs: arrival.atMs,
        curp,
        birthDate,
        phone: row.phone as string,
        unit: clues,
        unitName,
        addresses,
      });
    });
  }
  return { day, participants, released };
}

/** A holder with a valid CURP not in `used`: names and birth date drawn, the homoclave bumped on a clash. */
function aPerson(random: SeededRandom, used: Set<string>) {
  for (;;) {
    const sex = random.chance(0.5) ? ('M' as const) : ('H' as const);
    const givenNames = random.pick(sex === 'M' ? WOMEN_NAMES : MEN_NAMES);
    const firstSurname = random.pick(SURNAMES);
    const secondSurname = random.pick(SURNAMES);
    // Born 1950–1999: the homoclave of those years is a digit.
    const birthDate = DateTime.fromISO('1950-01-01')
      .plus({ days: random.int(0, 49 * 365) })
      .toISODate() as string;
    for (let differentiator = 0; differentiator < 10; differentiator++) {
      const curp = buildCurp({
        givenNames,
        firstSurname,
        secondSurname,
        birthDate,
        sex,
        state: 'DF',
        differentiator,
      });
      if (used.has(curp)) continue;
      used.add(curp);
      return { curp, givenNames, firstSurname, secondSurname, birthDate, sex };
    }
  }
}
