import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aBeneficiary, aClinic, type TestClinic } from '../../test/support/factories.js';
import { searchBeneficiaries } from './beneficiaries.js';

let database: TestDatabase;
let clinic: TestClinic;
let elsewhere: TestClinic;

beforeAll(async () => {
  database = await createTestDatabase();
  clinic = await aClinic(database.db);
  elsewhere = await aClinic(database.db);
  const person = (given_names: string, first_surname: string, second_surname: string, phone: string | null) =>
    aBeneficiary(database.db, clinic, { given_names, first_surname, second_surname, phone });
  await person('María', 'Hernández', 'López', '5512345678');
  await person('Sofía', 'Castro', 'Ruiz', null);
  await person('José', 'Muñoz', 'Hernández', null);
  await person('Mariana', 'Pérez', 'Gómez', null);
  await aBeneficiary(database.db, elsewhere, {
    given_names: 'María',
    first_surname: 'Hernández',
    second_surname: 'Díaz',
  });
});
afterAll(async () => {
  await database.drop();
});

const names = async (q: string, unit = clinic.clues) =>
  (await searchBeneficiaries(database.db, { q, limit: 25, unit })).map(
    (b) => `${b.givenNames} ${b.firstSurname} ${b.secondSurname}`,
  );

describe('searching the registry as staff type', () => {
  it('finds a name without its accents, in any case and any order', async () => {
    expect(await names('maria hernandez')).toEqual(['María Hernández López']);
    expect(await names('Sofia Castro')).toEqual(['Sofía Castro Ruiz']);
    expect(await names('CASTRO sofía')).toEqual(['Sofía Castro Ruiz']);
    expect(await names('munoz')).toEqual(['José Muñoz Hernández']);
  });

  it('finds every person a surname fragment belongs to, in either surname', async () => {
    expect(await names('Hernandez')).toEqual(['María Hernández López', 'José Muñoz Hernández']);
    expect(await names('hern')).toHaveLength(2);
  });

  it('finds a name by a fragment inside it, and needs every fragment', async () => {
    expect(await names('mari')).toEqual(['María Hernández López', 'Mariana Pérez Gómez']);
    expect(await names('mariana hernandez')).toEqual([]);
  });

  it('finds a phone however it is written', async () => {
    for (const typed of ['55 1234 5678', '(55) 1234-5678', '+52 55 1234 5678', '5512345678'])
      expect(await names(typed)).toEqual(['María Hernández López']);
  });

  it('keeps unit staff to their unit, and finds nobody for punctuation alone', async () => {
    expect(await names('maria hernandez', elsewhere.clues)).toEqual(['María Hernández Díaz']);
    expect(await names('¡¿?!')).toEqual([]);
  });
});
