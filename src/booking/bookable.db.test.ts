import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aClinic } from '../../test/support/factories.js';
import { aHousehold } from '../../test/support/households.js';
import { getBeneficiaryById } from '../registry/beneficiaries.js';
import { householdOf } from '../registry/household.js';
import { bookableServices } from './bookable-services.js';
import { bookablePeople } from './eligibility.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('bookablePeople', () => {
  it('lets a holder book for the eligible members of the family, and a member only for themselves', async () => {
    const { db } = database;
    const family = await aHousehold(db, await aClinic(db));
    const now = new Date('2026-11-30T15:00:00Z');
    const holder = await getBeneficiaryById(db, family.holder.id);
    const spouse = await getBeneficiaryById(db, family.spouse.id);

    const forHolder = await bookablePeople(db, await householdOf(db, holder), now);
    expect(forHolder.map((p) => p.id)).toEqual([family.holder.id, family.spouse.id]);
    const forSpouse = await bookablePeople(db, await householdOf(db, spouse), now);
    expect(forSpouse.map((p) => p.id)).toEqual([family.spouse.id]);
  });
});

describe('bookableServices', () => {
  it('offers a referral-only service at the counter and by an agent, never on the portal or the phone line', async () => {
    const { db } = database;
    const clinic = await aClinic(db, { services: ['medicina_interna', 'odontologia'] });
    const codes = async (channel: 'web' | 'ivr' | 'agent' | 'counter') =>
      (await bookableServices(db, { unitClues: clinic.clues }, channel)).services.map((s) => s.code);

    expect(await codes('web')).toEqual(['medicina_familiar', 'odontologia']);
    expect(await codes('ivr')).toEqual(['medicina_familiar', 'odontologia']);
    expect(await codes('agent')).toEqual(['medicina_familiar', 'odontologia', 'medicina_interna']);
    expect(await codes('counter')).toEqual(['medicina_familiar', 'odontologia', 'medicina_interna']);
  });

  it('offers only what the person’s own unit has', async () => {
    const { db } = database;
    const clinic = await aClinic(db);
    const { unit, services } = await bookableServices(db, { unitClues: clinic.clues }, 'web');
    expect(unit.clues).toBe(clinic.clues);
    expect(services.map((s) => s.code)).toEqual(['medicina_familiar']);
  });
});
