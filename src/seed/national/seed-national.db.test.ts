import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { validateCurp } from '../../registry/curp.js';
import { type NationalSeedSummary, seedNationalNetwork } from './seed-national.js';

// Five states that cover the awkward zones; a day or two of agendas keep the test quick.
const STATES = ['QR', 'BC', 'SR', 'CH', 'TS'];
const NOW = new Date('2026-11-23T15:00:00Z'); // a Monday
let database: TestDatabase;
let summary: NationalSeedSummary;

beforeAll(async () => {
  database = await createTestDatabase();
  summary = await seedNationalNetwork(database, {
    scale: 0.001,
    seed: 5,
    now: NOW,
    horizonDays: 2,
    states: STATES,
  });
});
afterAll(() => database.drop());

describe('seeding the national network', () => {
  it('loads the units, their agendas and people adscribed to them', async () => {
    expect(summary.units).toBeGreaterThan(100);
    expect(summary.templates).toBe(summary.resources);
    expect(summary.beneficiaries).toBeGreaterThan(1000);
    expect(summary.slots).toBeGreaterThan(10_000);
    const counted = await database.db
      .selectFrom('beneficiaries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(summary.beneficiaries);
  });

  it('opens every agenda at 08:00 or 14:00 on the wall clock of each zone', async () => {
    const rows = await sql<{ zone: string; first: string }>`
      select u.time_zone as zone, min(to_char(s.starts_at at time zone u.time_zone, 'HH24:MI')) as first
        from slots s join units u on u.clues = s.unit_clues group by u.time_zone order by 1`.execute(
      database.db,
    );
    expect(rows.rows.map((r) => r.zone)).toEqual([
      'America/Cancun',
      'America/Chihuahua',
      'America/Ciudad_Juarez',
      'America/Hermosillo',
      'America/Matamoros',
      'America/Monterrey',
      'America/Ojinaga',
      'America/Tijuana',
    ]);
    expect(new Set(rows.rows.map((r) => r.first))).toEqual(new Set(['08:00']));
  });

  it('links every family member to a holder of the same unit, with valid CURPs', async () => {
    const people = await database.db
      .selectFrom('beneficiaries as b')
      .leftJoin('beneficiaries as h', 'h.id', 'b.holder_id')
      .select([
        'b.curp',
        'b.birth_date',
        'b.holder_id',
        'b.unit_clues',
        'h.holder_id as holder_of_holder',
        'h.unit_clues as holder_unit',
      ])
      .execute();
    for (const p of people) {
      const check = validateCurp(p.curp);
      expect(check.ok && check.birthDate === p.birth_date).toBe(true);
      if (p.holder_id !== null) {
        expect(p.holder_of_holder).toBeNull();
        expect(p.holder_unit).toBe(p.unit_clues);
      }
    }
    expect(people.filter((p) => p.holder_id === null).length / people.length).toBeCloseTo(0.4, 1);
  });

  it('leaves the id sequence after the loaded people, and refuses to load the network twice', async () => {
    const unit = await database.db.selectFrom('units').select('clues').executeTakeFirstOrThrow();
    const next = await database.db
      .insertInto('beneficiaries')
      .values({
        curp: 'PEXR800101HDFRXS32',
        given_names: 'Rosa',
        first_surname: 'Pérez',
        second_surname: '',
        birth_date: '1980-01-01',
        sex: 'H',
        category: 'trabajador',
        unit_clues: unit.clues,
        consultorio: 'Consultorio 1',
        shift: 'M',
        eligible_until: '2030-12-31',
        affiliation_number: null,
        holder_id: null,
        phone: null,
        email: null,
      })
      .returning('id')
      .executeTakeFirst()
      .catch((error: Error) => error);
    expect(next).not.toBeInstanceOf(Error);
    await expect(
      seedNationalNetwork(database, { scale: 0.001, seed: 5, now: NOW, horizonDays: 1, states: STATES }),
    ).rejects.toMatchObject({ code: 'NATIONAL_NETWORK_EXISTS' });
  });
});
