import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { validateCurp } from '../registry/curp.js';
import { seedDemoNetwork } from './demo-network.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('the demo network', () => {
  it('has units in four or more time zones, ~2,000 valid people with families, and open agendas', async () => {
    const summary = await seedDemoNetwork(database.db, new Date());
    expect(summary.units).toBeGreaterThanOrEqual(6);
    expect(summary.beneficiaries).toBeGreaterThan(1800);
    expect(summary.slots).toBeGreaterThan(1000);
    const zones = await database.db.selectFrom('units').select('time_zone').distinct().execute();
    expect(zones.length).toBeGreaterThanOrEqual(4);
    const people = await database.db
      .selectFrom('beneficiaries')
      .select(['curp', 'holder_id', 'eligible_until'])
      .execute();
    expect(people.every((p) => validateCurp(p.curp).ok)).toBe(true);
    expect(people.some((p) => p.holder_id !== null)).toBe(true);
    expect(people.some((p) => p.eligible_until < '2026-01-01')).toBe(true);
    const shifts = await database.db
      .selectFrom('resources')
      .select(['unit_clues', 'shift'])
      .distinct()
      .execute();
    expect(new Set(shifts.map((s) => s.shift))).toEqual(new Set(['M', 'V']));
  });

  // Migrates a database of its own inside the test: more than the default 30 s on a loaded machine.
  it('is deterministic: another database seeded on another day holds the same people', async () => {
    const other = await createTestDatabase();
    try {
      await seedDemoNetwork(other.db, new Date(Date.now() + 86_400_000));
      const people = (db: TestDatabase['db']) =>
        db
          .selectFrom('beneficiaries')
          .select(['curp', 'given_names', 'phone', 'unit_clues'])
          .orderBy('curp')
          .execute();
      expect(await people(other.db)).toEqual(await people(database.db));
    } finally {
      await other.drop();
    }
  }, 120_000);
});
