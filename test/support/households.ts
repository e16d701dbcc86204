// A holder with a phone and an affiliation number, and their family: who calls the phone line.
import type { Db } from '../../src/platform/db/connect.js';
import { affiliationNumber } from '../../src/registry/affiliation.js';
import { aBeneficiary, type TestClinic, type TestPerson } from './factories.js';

let serial = 700_000 + (process.pid % 1000) * 100;

export interface TestHousehold {
  holder: TestPerson & { phone: string; affiliation: string; birthKeys: string; givenNames: string };
  spouse: TestPerson & { givenNames: string };
  /** Without current eligibility: never offered for booking. */
  son: TestPerson & { givenNames: string };
}

/** "DDMMAAAA", as a caller keys a birth date. */
export const birthKeys = (isoDate: string) =>
  isoDate.slice(8, 10) + isoDate.slice(5, 7) + isoDate.slice(0, 4);

export async function aHousehold(
  db: Db,
  clinic: Pick<TestClinic, 'clues'>,
  options: { holderEligibleUntil?: string } = {},
): Promise<TestHousehold> {
  const n = serial++;
  const phone = `55${String(n).padStart(8, '0')}`;
  const affiliation = affiliationNumber(n);
  const birthDate = '1978-04-12';
  const holder = await aBeneficiary(db, clinic, {
    given_names: 'María Guadalupe',
    birth_date: birthDate,
    phone,
    affiliation_number: affiliation,
    eligible_until: options.holderEligibleUntil ?? '2099-12-31',
  });
  const spouse = await aBeneficiary(db, clinic, {
    given_names: 'Ricardo',
    sex: 'H',
    category: 'conyuge',
    holder_id: holder.id,
    phone: null,
    affiliation_number: affiliationNumber(n + 50_000),
  });
  const son = await aBeneficiary(db, clinic, {
    given_names: 'Mateo',
    sex: 'H',
    category: 'hijo',
    holder_id: holder.id,
    phone: null,
    eligible_until: '2020-01-01',
  });
  return {
    holder: { ...holder, phone, affiliation, birthKeys: birthKeys(birthDate), givenNames: 'María Guadalupe' },
    spouse: { ...spouse, givenNames: 'Ricardo' },
    son: { ...son, givenNames: 'Mateo' },
  };
}
