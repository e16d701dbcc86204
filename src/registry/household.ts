import type { Db } from '../platform/db/connect.js';
import { type Beneficiary, listFamily } from './beneficiaries.js';

/**
 * Whom a signed-in person acts for, on the portal and the phone line alike: a holder for the whole
 * family (themselves first), a family member only for themselves.
 */
export async function householdOf(db: Db, person: Beneficiary): Promise<Beneficiary[]> {
  return person.holderId === null ? listFamily(db, person) : [person];
}
